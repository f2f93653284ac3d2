import { ApiProperty } from '@nestjs/swagger';
import { ID_PROPERTY, TIMESTAMP_PROPERTY } from '../../accounts/dto/user.dto.js';

export class LeadResponseDto {
  @ApiProperty({ ...ID_PROPERTY, example: 7, readOnly: true })
  id: number;

  @ApiProperty({ example: 'Jane Doe', maxLength: 100 })
  name: string;

  @ApiProperty({ example: 'jane@example.com', format: 'email', maxLength: 100 })
  email: string;

  @ApiProperty({ example: '', maxLength: 500 })
  message: string;

  @ApiProperty({ ...ID_PROPERTY, example: 1, readOnly: true, description: 'The id of the user who owns the lead.' })
  owner: number;

  @ApiProperty({ ...TIMESTAMP_PROPERTY, example: '2026-11-24T04:41:14.123Z', readOnly: true })
  created_at: string;
}

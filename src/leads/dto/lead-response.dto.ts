import { ApiProperty } from '@nestjs/swagger';

export class LeadResponseDto {
  @ApiProperty({ example: 7, readOnly: true })
  id: number;

  @ApiProperty({ example: 'Jane Doe', maxLength: 100 })
  name: string;

  @ApiProperty({ example: 'jane@example.com', format: 'email', maxLength: 100 })
  email: string;

  @ApiProperty({ example: '', maxLength: 500 })
  message: string;

  @ApiProperty({ example: 1, readOnly: true, description: 'The id of the user who owns the lead.' })
  owner: number;

  @ApiProperty({ example: '2026-11-24T04:41:14.123Z', format: 'date-time', readOnly: true })
  created_at: string;
}

import { ApiProperty } from '@nestjs/swagger';

export class UserResponseDto {
  @ApiProperty({ example: 1 })
  id: number;

  @ApiProperty({ example: 'alice' })
  username: string;

  @ApiProperty({ example: 'alice@example.com', description: 'May be blank.' })
  email: string;
}

export class SessionResponseDto {
  @ApiProperty({ type: UserResponseDto })
  user: UserResponseDto;

  @ApiProperty({ description: 'Shown once: 64 hex characters. Send it as `Authorization: Bearer <token>`.', example: 'f'.repeat(64) })
  token: string;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2026-11-24T14:41:14.123Z',
    description: 'When the token stops working; null when tokens never expire (TOKEN_TTL=0).',
  })
  expiry: string | null;
}

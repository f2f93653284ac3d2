import { ApiProperty } from '@nestjs/swagger';
import { ID_PROPERTY, TIMESTAMP_PROPERTY } from '../../common/openapi/properties.js';
import { USERNAME_MAX_LENGTH } from './register.dto.js';

/** The user as every response shows it. */
export class UserDto {
  @ApiProperty({ ...ID_PROPERTY, example: 1 })
  id: number;

  @ApiProperty({ example: 'alice', maxLength: USERNAME_MAX_LENGTH })
  username: string;

  @ApiProperty({ example: 'alice@example.com', maxLength: 254, description: 'May be blank.' })
  email: string;
}

/** What register and login answer: the user and a new token, shown this once. */
export class LoginResponseDto {
  @ApiProperty({ type: UserDto })
  user: UserDto;

  @ApiProperty({
    description: 'Shown once: 64 hex characters. Send it as `Authorization: Bearer <token>`.',
    example: 'f'.repeat(64),
    pattern: '^[0-9a-f]{64}$',
    minLength: 64,
    maxLength: 64,
  })
  token: string;

  @ApiProperty({
    ...TIMESTAMP_PROPERTY,
    nullable: true,
    example: '2026-11-24T14:41:14.123Z',
    description: 'When the token stops working; null when tokens never expire (TOKEN_TTL=0).',
  })
  expiry: string | null;
}

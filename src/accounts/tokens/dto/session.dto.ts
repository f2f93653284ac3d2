import { ApiProperty } from '@nestjs/swagger';

/** A session: one of the caller's live tokens. Never the token, its key or its digest. */
export class SessionDto {
  @ApiProperty({ example: '3f9c2a7d41b06e58c1d2a9f04b7e6c13', maxLength: 32, description: 'Names the session; not a part of the token.' })
  id: string;

  @ApiProperty({ format: 'date-time', maxLength: 24, example: '2026-11-24T04:41:14.123Z' })
  created: string;

  @ApiProperty({
    type: String,
    format: 'date-time',
    maxLength: 24,
    nullable: true,
    example: '2026-11-24T14:41:14.123Z',
    description: 'Null when tokens never expire (TOKEN_TTL=0).',
  })
  expiry: string | null;

  @ApiProperty({
    example: 'Mozilla/5.0 (X11; Linux x86_64)',
    maxLength: 200,
    description: 'User-Agent of the login that made it, at most 200 characters; "" when none was sent.',
  })
  user_agent: string;

  @ApiProperty({
    example: '203.0.113.7',
    maxLength: 45,
    description: 'Client address of that login (TRUST_PROXY applies); "" when unknown.',
  })
  ip: string;

  @ApiProperty({ example: true, description: 'True for the token making this request.' })
  current: boolean;
}

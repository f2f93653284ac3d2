import type { Request } from 'express';
import type { UserDto } from '../dto/user.dto.js';

/** What the bearer strategy puts on `request.user`: who is calling, and with which token. */
export interface Principal {
  user: UserDto;
  tokenDigest: string;
}

export type AuthenticatedRequest = Request & { user: Principal };

/** Only the fields a response may show, whatever else `user` holds (its password hash, say). */
export function toUserDto(user: UserDto): UserDto {
  return { id: user.id, username: user.username, email: user.email };
}

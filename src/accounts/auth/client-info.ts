import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/** Where a register or login came from, remembered with the token it makes. */
export interface ClientInfo {
  userAgent: string;
  ip: string;
}

/** What a token records when no HTTP request made it (the admin CLI, unit tests). */
export const NO_CLIENT: ClientInfo = { userAgent: '', ip: '' };

const USER_AGENT_LENGTH = 200;
/** The longest textual IP address (IPv4-mapped IPv6). */
const IP_LENGTH = 45;

/** Cuts by characters, not UTF-16 units, so a surrogate pair is never split. */
function cut(text: string, length: number): string {
  return Array.from(text.replace(/\0/g, '')).slice(0, length).join('');
}

/**
 * The request's User-Agent and client address. `request.ip` is the address
 * throttling counts, so TRUST_PROXY applies to both alike.
 */
export function clientInfoOf(request: Request): ClientInfo {
  return {
    userAgent: cut(request.headers['user-agent'] ?? '', USER_AGENT_LENGTH),
    ip: cut(request.ip ?? '', IP_LENGTH),
  };
}

export const Client = createParamDecorator((_data: unknown, context: ExecutionContext): ClientInfo =>
  clientInfoOf(context.switchToHttp().getRequest<Request>()),
);

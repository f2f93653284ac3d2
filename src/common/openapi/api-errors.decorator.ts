import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import type { ResponseObject } from '@nestjs/swagger';
import { MAX_LOGIN_FAILURE_WINDOW_SECONDS } from '../../config/settings.js';
import { DetailMessages, FieldMessages } from '../errors/messages.js';

/** What the client sees for each error status, in the `{msg, status}` envelope. */
const ERROR_EXAMPLES: Record<number, { description: string; msg: object }> = {
  400: { description: 'Invalid input: DRF-shaped field errors, or a malformed JSON body', msg: { email: [FieldMessages.badEmail] } },
  401: { description: 'Missing, malformed, unknown, expired or logged-out token', msg: { detail: DetailMessages.invalidToken } },
  403: { description: 'Refused', msg: { detail: DetailMessages.tokenLimitReached } },
  404: { description: "No such lead or session for this user (another user's are 404 too)", msg: { detail: DetailMessages.notFound } },
  413: { description: 'Body over 1 MiB', msg: { detail: DetailMessages.bodyTooLarge } },
  415: {
    description: 'Body neither JSON nor a URL-encoded form, or JSON in a charset other than UTF-8',
    msg: { detail: DetailMessages.unsupportedMediaType('text/plain') },
  },
  429: {
    description:
      'Too many register, login, password change, password reset or account deletion attempts from this IP, or (login) a username locked after too many failed logins (see Retry-After)',
    msg: { detail: DetailMessages.throttled(42) },
  },
  431: { description: 'Request line and headers over 16 KiB', msg: { detail: DetailMessages.headersTooLarge } },
  500: { description: 'Unexpected failure; the detail is in the server log', msg: { detail: DetailMessages.internalError } },
  503: { description: 'The database does not answer, or the server is shutting down', msg: { detail: DetailMessages.databaseDown } },
};

const integerHeader = (description: string, minimum: number, maximum: number) => ({
  description,
  schema: { type: 'integer', format: 'int32', minimum, maximum },
});

/** The per-IP window is a minute; a locked username waits at most LOGIN_FAILURE_WINDOW. */
const RETRY_AFTER = {
  'Retry-After': integerHeader('Seconds until a request will be accepted again.', 1, MAX_LOGIN_FAILURE_WINDOW_SECONDS),
};

/** The RateLimit headers (IETF draft 6) the throttle adds to every answer of the routes it guards. */
export const RATE_LIMIT_HEADERS = {
  'RateLimit-Limit': integerHeader(
    'Requests allowed per minute (THROTTLE_AUTH_PER_MINUTE); sent while throttling is on.',
    1,
    2_147_483_647,
  ),
  'RateLimit-Remaining': integerHeader('Requests left in the current window.', 0, 2_147_483_647),
  'RateLimit-Reset': integerHeader('Seconds until the window frees a request.', 0, 60),
};

/** One error response of the document: the envelope, an example, and the headers that status carries. */
export function errorResponse(status: number): ResponseObject {
  return {
    description: ERROR_EXAMPLES[status].description,
    content: {
      'application/json': {
        schema: { $ref: '#/components/schemas/ErrorEnvelope' },
        example: { msg: ERROR_EXAMPLES[status].msg, status },
      },
    },
    ...(status === 401 && {
      headers: { 'WWW-Authenticate': { schema: { type: 'string', enum: ['Bearer realm="api"'] } } },
    }),
    ...(status === 429 && { headers: RETRY_AFTER }),
  };
}

/** Documents the error responses of a route, each as the envelope with an example. */
export const ApiErrors = (...statuses: number[]) =>
  applyDecorators(...statuses.map((status) => ApiResponse({ status, ...errorResponse(status) })));

/** 503 from the password-hash queue (see Overload in the README): the routes that hash a password. */
export function busyResponse(): ResponseObject {
  return {
    description: 'Password hashing is overloaded: retry after Retry-After seconds',
    content: {
      'application/json': {
        schema: { $ref: '#/components/schemas/ErrorEnvelope' },
        example: { msg: { detail: DetailMessages.busy(3) }, status: 503 },
      },
    },
    headers: { 'Retry-After': integerHeader('Estimated seconds until the queue has room.', 1, 2_147_483_647) },
  };
}

import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { DetailMessages, FieldMessages } from '../errors/messages.js';

/** What the client sees for each error status, in the `{msg, status}` envelope. */
const ERROR_EXAMPLES: Record<number, { description: string; msg: object }> = {
  400: { description: 'Invalid input: DRF-shaped field errors', msg: { email: [FieldMessages.badEmail] } },
  401: { description: 'Missing, malformed, unknown, expired or logged-out token', msg: { detail: DetailMessages.invalidToken } },
  403: { description: 'Refused', msg: { detail: DetailMessages.tokenLimitReached } },
  404: { description: "No such lead or session for this user (another user's are 404 too)", msg: { detail: DetailMessages.notFound } },
  413: { description: 'Body over 1 MiB', msg: { detail: DetailMessages.bodyTooLarge } },
  415: { description: 'Body neither JSON nor a URL-encoded form', msg: { detail: DetailMessages.unsupportedMediaType('text/plain') } },
  429: {
    description: 'Too many register, login, password change or account deletion attempts from this IP (see Retry-After)',
    msg: { detail: DetailMessages.throttled(42) },
  },
  503: { description: 'The database does not answer', msg: { detail: DetailMessages.databaseDown } },
};

/** Documents the error responses of a route, each as the envelope with an example. */
export const ApiErrors = (...statuses: number[]) =>
  applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: ERROR_EXAMPLES[status].description,
        content: {
          'application/json': {
            schema: { $ref: '#/components/schemas/ErrorEnvelope' },
            example: { msg: ERROR_EXAMPLES[status].msg, status },
          },
        },
        ...(status === 401 && { headers: { 'WWW-Authenticate': { schema: { type: 'string', example: 'Bearer realm="api"' } } } }),
        ...(status === 429 && { headers: { 'Retry-After': { schema: { type: 'integer', example: 42 } } } }),
      }),
    ),
  );

import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { BODY_LIMIT_TEXT, BODY_TOO_LARGE } from '../http/body-limit.js';

/** What the client sees for each error status, in the `{msg, status}` envelope. */
const ERROR_EXAMPLES: Record<number, { description: string; msg: object }> = {
  400: { description: 'Invalid input: DRF-shaped field errors', msg: { email: ['Enter a valid email address.'] } },
  401: { description: 'Missing, malformed, unknown, expired or logged-out token', msg: { detail: 'Invalid token.' } },
  403: { description: 'Refused', msg: { detail: 'Maximum amount of tokens allowed per user exceeded.' } },
  404: { description: "No such lead for this user (another user's leads are 404 too)", msg: { detail: 'Not found.' } },
  413: { description: `Body over ${BODY_LIMIT_TEXT}`, msg: { detail: BODY_TOO_LARGE } },
  415: { description: 'Body neither JSON nor a URL-encoded form', msg: { detail: 'Unsupported media type "text/plain" in request.' } },
  429: {
    description: 'Too many register/login attempts from this IP (see Retry-After)',
    msg: { detail: 'Request was throttled. Expected available in 42 seconds.' },
  },
  503: { description: 'The database does not answer', msg: { detail: 'The database is not answering.' } },
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

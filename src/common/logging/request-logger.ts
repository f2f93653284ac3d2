import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';

const REQUEST_ID_HEADER = 'x-request-id';
/** A caller's id is kept only when it is short and plain, so it cannot forge log content. */
const SAFE_REQUEST_ID = /^[\w.:-]{1,128}$/;

/**
 * One JSON line per request: method, path, status, duration and request id.
 * Deliberately no headers, query string or body, so a token or password can
 * never reach a log line. The request id comes from X-Request-Id when given
 * (or is generated) and is echoed back in the response.
 */
export function requestLogger(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: (request: IncomingMessage, response: ServerResponse) => {
      const given = request.headers[REQUEST_ID_HEADER];
      const id = typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
      response.setHeader('X-Request-Id', id);
      return id;
    },
    serializers: {
      req: (request: { id: string; method: string; url: string; originalUrl?: string }) => ({
        id: request.id,
        method: request.method,
        path: pathOf(request),
      }),
      res: (response: { statusCode: number }) => ({ status: response.statusCode }),
      err: (error: Error) => ({ type: error.name }),
    },
    wrapSerializers: false,
    customSuccessMessage: (request, response, duration) =>
      `${request.method} ${pathOf(request)} ${response.statusCode} ${Math.round(duration)}ms`,
    customErrorMessage: (request, response) => `${request.method} ${pathOf(request)} ${response.statusCode}`,
    customLogLevel: (_request, response, error) => (error || response.statusCode >= 500 ? 'error' : 'info'),
    customAttributeKeys: { responseTime: 'durationMs', reqId: 'requestId' },
  });
}

/** The path as the client sent it (Express rewrites `url` while routing), without the query string. */
function pathOf(request: { url?: string; originalUrl?: string }): string {
  return (request.originalUrl ?? request.url ?? '').split('?')[0];
}

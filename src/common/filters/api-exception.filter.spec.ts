import { jest } from '@jest/globals';
import {
  type ArgumentsHost,
  BadRequestException,
  ForbiddenException,
  HttpException,
  HttpStatus,
  Logger,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import type { ConfigService } from '@nestjs/config';
import type { HttpAdapterHost } from '@nestjs/core';
import type { ErrorFormat, Settings } from '../../config/settings.js';
import { ApiException } from '../errors/api.exception.js';
import { ApiExceptionFilter } from './api-exception.filter.js';
import { dialectFor } from '../../database/dialect.js';

interface FakeResponse {
  headersSent: boolean;
  statusCode?: number;
  headers: Record<string, string>;
  body?: unknown;
  status: jest.Mock<(code: number) => FakeResponse>;
  set: jest.Mock<(headers: Record<string, string>) => FakeResponse>;
  json: jest.Mock<(body: unknown) => FakeResponse>;
  destroy: jest.Mock<() => void>;
}

interface FakeRequest {
  method: string;
  path: string;
  route?: object;
}

function fakeResponse(headersSent = false): FakeResponse {
  const response = { headersSent, headers: {} } as FakeResponse;
  response.status = jest.fn((code: number) => {
    response.statusCode = code;
    return response;
  });
  response.set = jest.fn((headers: Record<string, string>) => {
    Object.assign(response.headers, headers);
    return response;
  });
  response.json = jest.fn((body: unknown) => {
    response.body = body;
    return response;
  });
  response.destroy = jest.fn(() => undefined);
  return response;
}

/** An Express app whose router knows `routes` (path → methods). */
function fakeAdapterHost(routes: Record<string, string[]> = {}): HttpAdapterHost {
  const stack = Object.entries(routes).map(([path, methods]) => ({
    route: { methods: Object.fromEntries(methods.map((method) => [method.toLowerCase(), true])) },
    match: (candidate: string) => candidate === path,
  }));
  return { httpAdapter: { getInstance: () => ({ router: { stack } }) } } as unknown as HttpAdapterHost;
}

function makeFilter(errorFormat: ErrorFormat = 'envelope', routes: Record<string, string[]> = {}): ApiExceptionFilter {
  const settings: Partial<Settings> = { errorFormat };
  const config = { get: (key: keyof Settings) => settings[key] } as unknown as ConfigService<Settings, true>;
  return new ApiExceptionFilter(config, fakeAdapterHost(routes), dialectFor({ type: 'sqlite', path: ':memory:' }));
}

function run(
  filter: ApiExceptionFilter,
  exception: unknown,
  request: FakeRequest = { method: 'GET', path: '/api/leads', route: {} },
  response: FakeResponse = fakeResponse(),
): FakeResponse {
  const host = {
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => response, getNext: () => undefined }),
  } as unknown as ArgumentsHost;
  filter.catch(exception, host);
  return response;
}

describe('ApiExceptionFilter', () => {
  let logError: jest.SpiedFunction<Logger['error']>;

  beforeEach(() => {
    logError = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  describe('ApiException', () => {
    it('answers its msg and status in the envelope', () => {
      const response = run(makeFilter(), new ApiException({ email: ['lead with this email already exists.'] }, 400));

      expect(response.status).toHaveBeenCalledWith(400);
      expect(response.body).toEqual({ msg: { email: ['lead with this email already exists.'] }, status: 400 });
      expect(logError).not.toHaveBeenCalled();
    });

    it('keeps its status for non-400 errors', () => {
      const response = run(makeFilter(), new ApiException({ detail: 'Not found.' }, HttpStatus.NOT_FOUND));

      expect(response.statusCode).toBe(404);
      expect(response.body).toEqual({ msg: { detail: 'Not found.' }, status: 404 });
    });

    it('sends the headers it carries', () => {
      const response = run(
        makeFilter(),
        new ApiException({ detail: 'Request was throttled. Expected available in 7 seconds.' }, 429, { 'Retry-After': '7' }),
      );

      expect(response.statusCode).toBe(429);
      expect(response.headers).toEqual({ 'Retry-After': '7' });
    });

    it('does not let one reply add headers to the exception for the next one', () => {
      const filter = makeFilter();
      const exception = new ApiException({ detail: 'Invalid token.' }, 401);

      run(filter, exception);

      expect(exception.headers).toEqual({});
    });
  });

  describe('unknown errors', () => {
    it('answers 500 "Internal server error." without the message or stack, and logs them', () => {
      const error = new Error('SQLITE_ERROR: no such table: leads at /srv/app/src/leads.service.ts');

      const response = run(makeFilter(), error, { method: 'POST', path: '/api/leads', route: {} });

      expect(response.statusCode).toBe(500);
      expect(response.body).toEqual({ msg: { detail: 'Internal server error.' }, status: 500 });
      const sent = JSON.stringify(response.body);
      expect(sent).not.toContain('SQLITE');
      expect(sent).not.toContain('/srv/app');
      expect(logError).toHaveBeenCalledTimes(1);
      const logged = logError.mock.calls[0].map(String).join('\n');
      expect(logged).toContain('POST /api/leads');
      expect(logged).toContain(error.stack as string);
    });

    it('answers 500 for a thrown value that is not an Error, and logs it', () => {
      const response = run(makeFilter(), 'connection string postgres://u:secret@db/app');

      expect(response.statusCode).toBe(500);
      expect(response.body).toEqual({ msg: { detail: 'Internal server error.' }, status: 500 });
      expect(logError.mock.calls[0].map(String).join('\n')).toContain('postgres://u:secret@db/app');
    });

    it('answers a 5xx HttpException from Nest as a bare 500 and logs it', () => {
      const response = run(makeFilter(), new HttpException('pool exhausted: 10.0.0.5:5432', HttpStatus.BAD_GATEWAY));

      expect(response.body).toEqual({ msg: { detail: 'Internal server error.' }, status: 502 });
      expect(JSON.stringify(response.body)).not.toContain('10.0.0.5');
      expect(logError).toHaveBeenCalledTimes(1);
    });

    it('destroys the connection instead of writing when the response has already started', () => {
      const response = run(makeFilter(), new Error('stream broke'), undefined, fakeResponse(true));

      expect(response.destroy).toHaveBeenCalledTimes(1);
      expect(response.status).not.toHaveBeenCalled();
      expect(response.json).not.toHaveBeenCalled();
      expect(logError.mock.calls.flat().map(String).join('\n')).toContain('stream broke');
    });
  });

  describe("ERROR_FORMAT 'drf'", () => {
    it('writes the bare msg as the body, with the status on the status line', () => {
      const response = run(makeFilter('drf'), new ApiException({ non_field_errors: ['Incorrect Credentials'] }, 400));

      expect(response.statusCode).toBe(400);
      expect(response.body).toEqual({ non_field_errors: ['Incorrect Credentials'] });
    });

    it('writes a bare detail for a 500 too', () => {
      const response = run(makeFilter('drf'), new Error('boom'));

      expect(response.statusCode).toBe(500);
      expect(response.body).toEqual({ detail: 'Internal server error.' });
    });
  });

  describe('401', () => {
    it('carries WWW-Authenticate: Bearer realm="api"', () => {
      const response = run(makeFilter(), new ApiException({ detail: 'Invalid token.' }, HttpStatus.UNAUTHORIZED));

      expect(response.statusCode).toBe(401);
      expect(response.headers).toEqual({ 'WWW-Authenticate': 'Bearer realm="api"' });
      expect(response.body).toEqual({ msg: { detail: 'Invalid token.' }, status: 401 });
    });

    it('carries the header in drf mode as well', () => {
      const response = run(makeFilter('drf'), new ApiException({ detail: 'Invalid token.' }, HttpStatus.UNAUTHORIZED));

      expect(response.headers['WWW-Authenticate']).toBe('Bearer realm="api"');
    });

    it('is the only status that carries it', () => {
      const response = run(makeFilter(), new ApiException({ detail: 'Not found.' }, HttpStatus.NOT_FOUND));

      expect(response.headers).not.toHaveProperty('WWW-Authenticate');
    });
  });

  describe('body-parser errors', () => {
    it('answers malformed JSON with 400 "JSON parse error - ..."', () => {
      const cause = Object.assign(new SyntaxError('Unexpected token } in JSON at position 9'), {
        type: 'entity.parse.failed',
        status: 400,
      });

      const response = run(makeFilter(), new BadRequestException(cause.message, { cause }), {
        method: 'POST',
        path: '/api/leads',
      });

      expect(response.statusCode).toBe(400);
      expect(response.body).toEqual({
        msg: { detail: 'JSON parse error - Unexpected token } in JSON at position 9' },
        status: 400,
      });
    });

    it('answers a body over the limit with 413', () => {
      const cause = Object.assign(new Error('request entity too large'), { type: 'entity.too.large', status: 413 });

      const response = run(makeFilter(), new HttpException('request entity too large', HttpStatus.PAYLOAD_TOO_LARGE, { cause }), {
        method: 'POST',
        path: '/api/leads',
      });

      expect(response.statusCode).toBe(413);
      expect(response.body).toEqual({ msg: { detail: 'Request body is larger than the 1 MiB limit.' }, status: 413 });
    });

    it('answers an unsupported charset with 415', () => {
      const cause = Object.assign(new Error('unsupported charset "LATIN1"'), { type: 'charset.unsupported', status: 415 });

      const response = run(makeFilter(), new HttpException(cause.message, HttpStatus.UNSUPPORTED_MEDIA_TYPE, { cause }));

      expect(response.statusCode).toBe(415);
      expect(response.body).toEqual({
        msg: { detail: 'Unsupported media type: unsupported charset "LATIN1".' },
        status: 415,
      });
    });
  });

  describe('other HttpExceptions', () => {
    it('answers the message of a Nest exception as the detail, without Nest wrapping', () => {
      const response = run(makeFilter(), new ForbiddenException('Maximum amount of tokens allowed per user exceeded.'));

      expect(response.body).toEqual({
        msg: { detail: 'Maximum amount of tokens allowed per user exceeded.' },
        status: 403,
      });
    });

    it('answers a request no route matched with 404 "Not found."', () => {
      const response = run(makeFilter('envelope', { '/api/leads': ['GET', 'POST'] }), new NotFoundException('Cannot GET /nope'), {
        method: 'GET',
        path: '/nope',
      });

      expect(response.statusCode).toBe(404);
      expect(response.body).toEqual({ msg: { detail: 'Not found.' }, status: 404 });
    });

    it('answers a known path called with another method with 405 and Allow', () => {
      const response = run(makeFilter('envelope', { '/api/leads': ['GET', 'POST'] }), new NotFoundException('Cannot DELETE /api/leads'), {
        method: 'DELETE',
        path: '/api/leads',
      });

      expect(response.statusCode).toBe(405);
      expect(response.headers).toEqual({ Allow: 'GET, POST, HEAD, OPTIONS' });
      expect(response.body).toEqual({ msg: { detail: 'Method "DELETE" not allowed.' }, status: 405 });
    });

    it('answers a 503 from Nest without its message', () => {
      const response = run(makeFilter(), new ServiceUnavailableException('ECONNREFUSED 127.0.0.1:5432'));

      expect(response.body).toEqual({ msg: { detail: 'Internal server error.' }, status: 503 });
    });
  });
});

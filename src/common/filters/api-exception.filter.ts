import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { HttpAdapterHost } from '@nestjs/core';
import type { Request, Response } from 'express';
import type { ErrorFormat, Settings } from '../../config/settings.js';
import { Dialect } from '../../database/dialect.js';
import { uniqueViolationError } from '../../database/unique-constraints.js';
import { ApiException, type ErrorMessage } from '../errors/api.exception.js';
import { routesAt } from '../http/routes.js';
import { DetailMessages } from '../errors/messages.js';

interface ErrorReply {
  status: HttpStatus;
  msg: ErrorMessage;
  headers: Record<string, string>;
}

const WWW_AUTHENTICATE = 'Bearer realm="api"';

/**
 * Every error leaves through here, as `{msg, status}` (or, with
 * ERROR_FORMAT=drf, as the bare `msg` DRF would send). A unique index refusing
 * a client's value becomes its field error here, for every table at once.
 * Unknown errors are logged in full and answered with a bare 500.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Exceptions');
  private readonly format: ErrorFormat;

  constructor(
    config: ConfigService<Settings, true>,
    private readonly adapterHost: HttpAdapterHost,
    private readonly dialect: Dialect,
  ) {
    this.format = config.get('errorFormat', { infer: true });
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    if (response.headersSent) {
      this.logger.error(`Error after the response started: ${String(exception)}`);
      response.destroy();
      return;
    }
    const reply = this.describe(exception, request);
    if (reply.status === HttpStatus.UNAUTHORIZED) reply.headers['WWW-Authenticate'] = WWW_AUTHENTICATE;
    response.status(reply.status).set(reply.headers);
    response.json(this.format === 'drf' ? reply.msg : { msg: reply.msg, status: reply.status });
  }

  private describe(exception: unknown, request: Request): ErrorReply {
    // A write that lost a race on a unique index the client can run into is DRF's field error, not a failure.
    exception = uniqueViolationError(exception, this.dialect) ?? exception;
    if (exception instanceof ApiException) {
      return { status: exception.getStatus(), msg: exception.msg, headers: { ...exception.headers } };
    }
    if (exception instanceof HttpException) {
      return this.describeHttpException(exception, request);
    }
    this.logger.error(
      `Unhandled error on ${request.method} ${request.path}`,
      exception instanceof Error ? exception.stack : String(exception),
    );
    return { status: HttpStatus.INTERNAL_SERVER_ERROR, msg: { detail: DetailMessages.internalError }, headers: {} };
  }

  /** Errors raised by Nest, Express or body-parser rather than by our code. */
  private describeHttpException(exception: HttpException, request: Request): ErrorReply {
    const status: HttpStatus = exception.getStatus();
    const cause = exception.cause as { type?: string; message?: string; charset?: string } | undefined;
    const reply = (detail: string, replyStatus = status, headers: Record<string, string> = {}): ErrorReply => ({
      status: replyStatus,
      msg: { detail },
      headers,
    });

    if (status === HttpStatus.NOT_FOUND && !request.route) {
      const { methods } = routesAt(this.adapterHost.httpAdapter.getInstance(), request.path);
      return methods.length > 0
        ? reply(DetailMessages.methodNotAllowed(request.method), HttpStatus.METHOD_NOT_ALLOWED, { Allow: methods.join(', ') })
        : reply(DetailMessages.notFound);
    }
    // A path Express cannot even decode (`/api/leads/%FF`) names nothing that exists.
    if (cause instanceof URIError) return reply(DetailMessages.notFound, HttpStatus.NOT_FOUND);
    switch (cause?.type) {
      case 'entity.parse.failed':
        return reply(DetailMessages.jsonParseError(cause.message ?? ''));
      case 'entity.too.large':
        return reply(DetailMessages.bodyTooLarge);
      case 'charset.unsupported':
      case 'encoding.unsupported':
        return reply(DetailMessages.unsupportedEncoding(cause.message ?? ''), HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    }
    if (status >= HttpStatus.INTERNAL_SERVER_ERROR) {
      this.logger.error(`HTTP ${status} on ${request.method} ${request.path}`, exception.stack);
      return reply(DetailMessages.internalError);
    }
    return reply(publicDetail(exception));
  }
}

/** The message a Nest HttpException carries for the client, without Nest's wrapping. */
function publicDetail(exception: HttpException): string {
  const body = exception.getResponse();
  if (typeof body === 'string') return body;
  const message = (body as { message?: unknown }).message;
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.join(' ');
  return exception.message;
}

import { HttpException, HttpStatus } from '@nestjs/common';
import { DetailMessages } from './messages.js';

/**
 * An error body shaped as DRF shapes it: field errors (`{"email": ["..."]}`),
 * `{"non_field_errors": ["..."]}` or `{"detail": "..."}`.
 */
export type ErrorMessage = Record<string, string[]> | { detail: string };

/** An error whose body is already what the client must see. */
export class ApiException extends HttpException {
  constructor(
    readonly msg: ErrorMessage,
    status: number,
    readonly headers: Record<string, string> = {},
  ) {
    super(msg, status);
  }
}

export const fieldError = (field: string, message: string): ApiException =>
  new ApiException({ [field]: [message] }, HttpStatus.BAD_REQUEST);

export const nonFieldError = (message: string): ApiException => new ApiException({ non_field_errors: [message] }, HttpStatus.BAD_REQUEST);

export const detailError = (status: HttpStatus, detail: string, headers?: Record<string, string>): ApiException =>
  new ApiException({ detail }, status, headers);

export const notFound = (): ApiException => detailError(HttpStatus.NOT_FOUND, DetailMessages.notFound);

export const notAuthenticated = (detail: string): ApiException => detailError(HttpStatus.UNAUTHORIZED, detail);

export const throttled = (seconds: number): ApiException =>
  detailError(HttpStatus.TOO_MANY_REQUESTS, DetailMessages.throttled(seconds), { 'Retry-After': String(seconds) });

/** Password hashing is overloaded: the hash would wait about `seconds`. */
export const busy = (seconds: number): ApiException =>
  detailError(HttpStatus.SERVICE_UNAVAILABLE, DetailMessages.busy(seconds), { 'Retry-After': String(seconds) });

import { HttpException, HttpStatus } from '@nestjs/common';

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

export const nonFieldError = (message: string): ApiException =>
  new ApiException({ non_field_errors: [message] }, HttpStatus.BAD_REQUEST);

export const notFound = (): ApiException => new ApiException({ detail: 'Not found.' }, HttpStatus.NOT_FOUND);

import { isRejectedWithValue, type PayloadAction, type UnknownAction } from '@reduxjs/toolkit';
import type { components } from './schema';

/** `msg` of the error envelope: DRF's field errors, `non_field_errors` or `detail`. */
export type ErrorMessages = components['schemas']['ErrorEnvelope']['msg'];

/** A form of the client: its name, and the label each field has on it (a server error names a field by its label). */
export interface FormRef<Field extends string = string> {
  name: string;
  labels: Readonly<Record<Field, string>>;
}

/** A refused or failed request, as actions carry it (serialisable). */
export interface ApiFailure {
  status: number;
  msg: ErrorMessages;
  /** The form whose submission failed, whose fields the messages name. */
  form: FormRef | null;
  /** Whether the request carried the user's token (a 401 then means the session is over). */
  authenticated: boolean;
  /** The page says this refusal in its own words (a lead not found): no message for it, though a 401 still ends the session. */
  quiet?: boolean;
}

export const UNREACHABLE = 'The server could not be reached. Check your connection and try again.';
const unexpectedAnswer = (status: number) => `The server answered with an unexpected error (HTTP ${status}).`;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const isMessages = (value: unknown): value is ErrorMessages =>
  isRecord(value) &&
  Object.values(value).every(
    (entry) => typeof entry === 'string' || (Array.isArray(entry) && entry.every((item) => typeof item === 'string')),
  );

/**
 * The messages of an error answer in either ERROR_FORMAT: the `{msg, status}`
 * envelope, or DRF's bare body read with the HTTP status.
 */
export function readErrorBody(status: number, body: unknown): ErrorMessages {
  if (isRecord(body) && typeof body.status === 'number' && isMessages(body.msg)) return body.msg;
  if (isMessages(body) && Object.keys(body).length > 0) return body;
  if (Array.isArray(body) && body.every((item) => typeof item === 'string')) return { non_field_errors: body };
  if (typeof body === 'string' && body.length > 0 && body.length < 200 && !body.trimStart().startsWith('<')) return { detail: body };
  return { detail: unexpectedAnswer(status) };
}

/** A request that failed: the rejected action of a thunk or of an RTK Query endpoint, carrying its ApiFailure. */
export function isFailedRequest(action: UnknownAction): action is PayloadAction<ApiFailure> {
  return isRejectedWithValue(action) && isRecord(action.payload) && typeof action.payload.status === 'number';
}

/** A 401 to a request made with the user's token: it expired, was revoked elsewhere, or the account is gone. */
export const endsSession = (failure: ApiFailure): boolean => failure.status === 401 && failure.authenticated;

/** The failed request that ends the session (see `endsSession`). */
export function isSessionEnd(action: UnknownAction): action is PayloadAction<ApiFailure> {
  return isFailedRequest(action) && endsSession(action.payload);
}

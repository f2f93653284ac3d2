import { FormLabels, type FormName, Texts } from '../texts';
import type { components } from './schema';

/** `msg` of the error envelope: DRF's field errors, `non_field_errors` or `detail`. */
export type ErrorMessages = components['schemas']['ErrorEnvelope']['msg'];

/** A refused or failed request, as the slices keep it (serialisable). */
export interface ApiFailure {
  status: number;
  msg: ErrorMessages;
  /** The form whose submission failed, whose fields the messages name. */
  form: FormName | null;
  /** Whether the request carried the user's token (a 401 then means the session is over). */
  authenticated: boolean;
}

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
  return { detail: Texts.unexpectedAnswer(status) };
}

const asText = (entry: string | string[]): string => (Array.isArray(entry) ? entry.join(' ') : entry);

/** The label a server field has on a form, or the key itself when the form has no such field. */
export function fieldLabel(form: FormName | null, key: string): string {
  const labels: Record<string, string> = form ? FormLabels[form] : {};
  return labels[key] ?? key;
}

/** What the original client shows: `{Field}: {messages}` per field; `non_field_errors` and `detail` as they are. */
export function errorLines(msg: ErrorMessages, form: FormName | null): { field: string | null; text: string }[] {
  return Object.entries(msg).map(([key, entry]) =>
    key === 'non_field_errors' || key === 'detail'
      ? { field: null, text: asText(entry) }
      : { field: key, text: `${fieldLabel(form, key)}: ${asText(entry)}` },
  );
}

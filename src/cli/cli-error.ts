import { ApiException } from '../common/errors/api.exception.js';

/** A refusal the CLI prints as one line on stderr, exiting 1. */
export class CliError extends Error {}

/** One line for any error: field errors as `field: message message`, others as their message. */
export function describeError(error: unknown): string {
  if (error instanceof ApiException) {
    const msg = error.msg as Record<string, string | string[]>;
    return Object.entries(msg)
      .map(([field, messages]) => {
        const text = Array.isArray(messages) ? messages.join(' ') : messages;
        return field === 'detail' || field === 'non_field_errors' ? text : `${field}: ${text}`;
      })
      .join('; ');
  }
  if (error instanceof Error) return error.message.split('\n')[0];
  return String(error);
}

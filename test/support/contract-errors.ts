import { expect } from '@jest/globals';
import type { Response } from 'supertest';
import { DetailMessages, FieldMessages, RequestMessages } from '../../src/common/errors/messages.js';
import type { ErrorFormat } from '../../src/config/settings.js';

const PARAMETER = '\u0001';
/** Stands for any argument of a message function (`FieldMessages.atMost(N)`), whatever it does with it. */
const anyArgument = { toString: () => PARAMETER };
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every message the contract can answer, as patterns: `$constraint1` and function arguments match anything. */
const CONTRACT_MESSAGES: RegExp[] = [FieldMessages, RequestMessages, DetailMessages].flatMap((messages) =>
  Object.values(messages).map((message: string | ((argument: never) => string)) => {
    const text = typeof message === 'string' ? message : message(anyArgument as never);
    const pattern = escape(text).replaceAll(PARAMETER, '.*').replaceAll('\\$constraint1', '\\d+');
    return new RegExp(`^${pattern}$`, 's');
  }),
);

/** What must never reach a client: stack frames, source paths, SQL and driver words. */
const LEAK =
  /\n\s+at |node_modules|\/src\/|\.[jt]s:\d|\b(SELECT|INSERT|UPDATE|DELETE) .*\b(FROM|INTO|SET)\b|SQLITE_|QueryFailed|TypeError|RangeError|URIError/;

/**
 * An error answer exactly as the contract shapes it: `{msg, status}` (or the
 * bare `msg` with ERROR_FORMAT=drf), `msg` as DRF shapes errors, and every
 * message one of the contract's.
 */
export function expectContractError(response: Response, format: ErrorFormat = 'envelope'): void {
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  const body = response.body as Record<string, unknown>;
  if (format === 'envelope') {
    expect(Object.keys(body).sort()).toEqual(['msg', 'status']);
    expect(body.status).toBe(response.status);
  }
  const msg = (format === 'envelope' ? body.msg : body) as Record<string, unknown>;
  expect(msg).toEqual(expect.any(Object));
  expect(Array.isArray(msg)).toBe(false);
  const messages: unknown[] = 'detail' in msg ? [msg.detail] : Object.values(msg).flat();
  if ('detail' in msg) expect(Object.keys(msg)).toEqual(['detail']);
  else for (const field of Object.values(msg)) expect(Array.isArray(field) && field.length > 0 ? 'list' : field).toBe('list');
  for (const message of messages) {
    expect(typeof message).toBe('string');
    const known = CONTRACT_MESSAGES.some((pattern) => pattern.test(message as string));
    expect(known ? message : `not a contract message: ${String(message)}`).toBe(message);
    expect(LEAK.test(message as string) ? `leaks: ${String(message)}` : message).toBe(message);
  }
}

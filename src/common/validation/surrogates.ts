import { HttpStatus } from '@nestjs/common';
import { ApiException } from '../errors/api.exception.js';
import { FieldMessages } from '../errors/messages.js';

/** A UTF-16 surrogate standing alone: with the `u` flag, a well-formed pair is one code point and does not match. */
const LONE_SURROGATE = /\p{Surrogate}/u;

/**
 * Refuses, under each top-level key, any string in the body or query (keys
 * included, at any depth) holding an unpaired surrogate, with DRF's message.
 * It runs before any field rule: such text cannot be stored as UTF-8, and
 * some validators throw on it (`isEmail` calls `encodeURI`).
 * Iterative, so a deeply nested body cannot exhaust the stack.
 */
export function refuseSurrogates(fields: object): void {
  const errors: Record<string, string[]> = {};
  for (const [field, value] of Object.entries(fields)) {
    const codePoint = firstLoneSurrogate(field) ?? firstLoneSurrogateWithin(value);
    if (codePoint !== undefined) errors[field] = [FieldMessages.surrogate(codePoint)];
  }
  if (Object.keys(errors).length > 0) throw new ApiException(errors, HttpStatus.BAD_REQUEST);
}

function firstLoneSurrogate(text: string): number | undefined {
  return LONE_SURROGATE.exec(text)?.[0].charCodeAt(0);
}

function firstLoneSurrogateWithin(root: unknown): number | undefined {
  const pending = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === 'string') {
      const codePoint = firstLoneSurrogate(value);
      if (codePoint !== undefined) return codePoint;
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) pending.push(key, child);
    }
  }
  return undefined;
}

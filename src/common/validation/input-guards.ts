import { HttpStatus } from '@nestjs/common';
import { ApiException, detailError } from '../errors/api.exception.js';
import { DetailMessages, FieldMessages } from '../errors/messages.js';

/**
 * Checks on a parsed body or query that run before any field rule or
 * class-transformer sees it. Both walk the value iteratively, so a hostile
 * shape cannot exhaust the stack here either.
 */

/** Deeper than any body of this API; class-transformer recurses and overflows the stack at a few thousand. */
export const MAX_NESTING = 32;

/** A UTF-16 surrogate standing alone: with the `u` flag, a well-formed pair is one code point and does not match. */
const LONE_SURROGATE = /\p{Surrogate}/u;

/** Every value inside `root` (keys included, for objects), with its depth; `root` is depth 1. */
function* walk(root: unknown): Generator<[value: unknown, depth: number]> {
  const pending: [unknown, number][] = [[root, 1]];
  while (pending.length > 0) {
    const [value, depth] = pending.pop()!;
    yield [value, depth];
    if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) pending.push([key, depth + 1], [child, depth + 1]);
    }
  }
}

/** A body nested deeper than MAX_NESTING is not read: the answer DRF gives JSON it cannot read. */
export function refuseDeepNesting(body: object): void {
  for (const [, depth] of walk(body)) {
    if (depth > MAX_NESTING) {
      throw detailError(HttpStatus.BAD_REQUEST, DetailMessages.jsonParseError(`nested deeper than ${MAX_NESTING} levels`));
    }
  }
}

/**
 * Refuses, under each top-level key, any string (keys included, at any depth)
 * holding an unpaired surrogate, with DRF's message: such text cannot be
 * stored as UTF-8, and some validators throw on it (`isEmail` calls `encodeURI`).
 */
export function refuseSurrogates(fields: object): void {
  const errors: Record<string, string[]> = {};
  for (const [field, value] of Object.entries(fields)) {
    for (const [text] of walk([field, value])) {
      const surrogate = typeof text === 'string' ? LONE_SURROGATE.exec(text) : null;
      if (surrogate) {
        errors[field] = [FieldMessages.surrogate(surrogate[0].charCodeAt(0))];
        break;
      }
    }
  }
  if (Object.keys(errors).length > 0) throw new ApiException(errors, HttpStatus.BAD_REQUEST);
}

import { HttpStatus } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { type ApiException, detailError } from '../errors/api.exception.js';
import { DetailMessages } from '../errors/messages.js';

/** Longer than any cursor this server writes; longer ones are not looked at. */
export const MAX_CURSOR_LENGTH = 1000;

/** A page's position: the sort key of the last row shown (null when the order is by id alone) and its id. */
export type CursorPosition = [value: string | null, id: number];

export const invalidCursor = (): ApiException => detailError(HttpStatus.NOT_FOUND, DetailMessages.invalidCursor);

/**
 * The checksum ties the position to the query it was made for (`query`: the
 * filters and order, as the caller spells them), so a cursor that was
 * altered, or carried over to another query, is refused. It is a digest, not a
 * secret: whoever forges one reaches only a position in their own leads,
 * which the decoder checks the shape of like any other input.
 */
const checksum = (payload: string, query: string) => createHash('sha256').update(`${payload}\n${query}`).digest('base64url').slice(0, 22);

/** The opaque `cursor` parameter for the page after `position` of `query`. */
export function encodeCursor(position: CursorPosition, query: string): string {
  const payload = Buffer.from(JSON.stringify(position)).toString('base64url');
  return `${payload}.${checksum(payload, query)}`;
}

/** The position a cursor of `query` names; anything else is 404 `Invalid cursor`, as DRF answers. */
export function decodeCursor(cursor: string, query: string, maxId: number): CursorPosition {
  const [payload, sum, extra] = cursor.length <= MAX_CURSOR_LENGTH ? cursor.split('.') : [];
  if (!payload || !sum || extra !== undefined || sum !== checksum(payload, query)) throw invalidCursor();
  let position: unknown;
  try {
    position = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(position) || position.length !== 2) throw invalidCursor();
  const [value, id] = position as unknown[];
  const validValue = value === null || (typeof value === 'string' && value.length <= MAX_CURSOR_LENGTH && !/[\0\uD800-\uDFFF]/.test(value));
  if (!validValue || typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0 || id > maxId) throw invalidCursor();
  return [value, id];
}

/**
 * The URL of the next page: the request's own path and parameters, every one
 * kept as sent, with `cursor` set to the next page's.
 */
export function nextPageUrl(path: string, originalUrl: string, cursor: string): string {
  const query = new URL(originalUrl, 'http://localhost').searchParams;
  query.delete('cursor');
  query.append('cursor', cursor);
  return `${path}?${query.toString()}`;
}

import { HttpStatus } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import { detailError } from '../../common/errors/api.exception.js';
import { ImportMessages } from '../../common/errors/messages.js';

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** A size as people write it: `10 MiB`, `512 KiB`, `1000 bytes`. */
export function describeBytes(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

export const fileTooLarge = (maxBytes: number) =>
  detailError(HttpStatus.PAYLOAD_TOO_LARGE, ImportMessages.tooLarge(describeBytes(maxBytes)));

/**
 * The bytes of an uploaded CSV file, checked as they arrive: at most
 * `maxBytes` (413 beyond, without reading the rest), UTF-8 text with or
 * without a byte-order mark (400 for any other encoding, and for binary
 * data: a NUL byte is no text), and not empty. Answers the file as the
 * chunks it came in, which a parse reads again; the file is held as bytes
 * only, so memory is bounded by `maxBytes` whatever its number of rows.
 *
 * A request body is read without being destroyed when this stops early, so
 * the error can still be answered on its connection.
 */
export async function readTextFile(source: Readable | AsyncIterable<Uint8Array | string>, maxBytes: number): Promise<Buffer[]> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const chunks: Buffer[] = [];
  let size = 0;
  const iterable = 'iterator' in source ? source.iterator({ destroyOnReturn: false }) : source;
  for await (const piece of iterable as AsyncIterable<Uint8Array | string>) {
    const chunk = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    size += chunk.length;
    if (size > maxBytes) throw fileTooLarge(maxBytes);
    if (chunk.includes(0)) throw notUtf8();
    checkUtf8(decoder, chunk, true);
    chunks.push(chunk);
  }
  checkUtf8(decoder, Buffer.alloc(0), false);
  const content = size - (startsWithBom(chunks) ? UTF8_BOM.length : 0);
  if (content === 0) throw detailError(HttpStatus.BAD_REQUEST, ImportMessages.empty);
  return chunks;
}

const notUtf8 = () => detailError(HttpStatus.BAD_REQUEST, ImportMessages.notUtf8);

/** Throws unless `chunk` continues valid UTF-8; a character split between chunks is completed by the next one. */
function checkUtf8(decoder: TextDecoder, chunk: Buffer, more: boolean): void {
  try {
    decoder.decode(chunk, { stream: more });
  } catch {
    throw notUtf8();
  }
}

function startsWithBom(chunks: Buffer[]): boolean {
  const head = Buffer.concat(chunks.slice(0, 3)).subarray(0, UTF8_BOM.length);
  return head.equals(UTF8_BOM);
}

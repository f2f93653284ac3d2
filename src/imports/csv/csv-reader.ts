import { HttpStatus } from '@nestjs/common';
import { CsvError, Parser } from 'csv-parse';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { detailError } from '../../common/errors/api.exception.js';
import { ImportMessages } from '../../common/errors/messages.js';

/**
 * What one row may hold: far above what a lead needs (its longest field is
 * 500 characters) and above what spreadsheet exports carry, while a row of
 * megabytes or a header of thousands of columns is refused at once.
 */
export const CSV_LIMITS = { columns: 1000, rowCharacters: 65_536 } as const;

/** The delimiters a file may use; the first row shows which. */
export const DELIMITERS = [',', ';', '\t'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** One record of the file and its number as a spreadsheet shows it (the header is row 1). */
export interface CsvRecord {
  row: number;
  fields: string[];
}

/**
 * The delimiter the first row uses: whichever of comma, semicolon and tab
 * it holds most often outside quotes (a comma when none, or on a tie).
 */
export function detectDelimiter(text: string): Delimiter {
  const counts = new Map<string, number>(DELIMITERS.map((delimiter) => [delimiter, 0]));
  let quoted = false;
  for (const character of text) {
    if (character === '"') quoted = !quoted;
    else if (!quoted && (character === '\n' || character === '\r')) break;
    else if (!quoted && counts.has(character)) counts.set(character, counts.get(character)! + 1);
  }
  return DELIMITERS.reduce((best, delimiter) => (counts.get(delimiter)! > counts.get(best)! ? delimiter : best));
}

/**
 * The records of a CSV file (its UTF-8 bytes, as `readTextFile` answers them),
 * parsed by csv-parse as a stream: RFC 4180 quoting, any of the three line
 * ends, a byte-order mark skipped. Row numbers count records as a spreadsheet
 * does: a line break inside a quoted field starts no new row, a blank line
 * is a row (a record of one empty field). Rows may have fewer or more fields
 * than the header; a stray quote inside an unquoted field is kept as text,
 * as spreadsheet programs read it.
 *
 * A file that cannot be read as CSV (a quote left open, a row over
 * CSV_LIMITS) is refused with a 400 naming the row.
 */
export async function* readCsv(file: readonly Buffer[]): AsyncGenerator<CsvRecord> {
  const parser = new Parser({
    bom: true,
    delimiter: detectDelimiter(firstLine(file)),
    relax_column_count: true,
    relax_quotes: true,
    max_record_size: CSV_LIMITS.rowCharacters,
    info: true,
  });
  // Errors reach the loop below through the parser, which the pipeline destroys with them.
  pipeline(Readable.from(file, { objectMode: false }), parser).catch(() => undefined);
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { records: number } }>) {
      if (record.length > CSV_LIMITS.columns) {
        throw detailError(HttpStatus.BAD_REQUEST, ImportMessages.tooManyColumns(info.records, CSV_LIMITS.columns));
      }
      yield { row: info.records, fields: record };
    }
  } catch (error) {
    throw error instanceof CsvError ? unreadable(error, parser.info.records + 1) : error;
  } finally {
    parser.destroy();
  }
}

/** The text of the file up to its first line end (or a row's worth of it), for `detectDelimiter`. */
function firstLine(file: readonly Buffer[]): string {
  const head: Buffer[] = [];
  let length = 0;
  for (const chunk of file) {
    head.push(chunk);
    length += chunk.length;
    if (chunk.includes(0x0a) || chunk.includes(0x0d) || length > CSV_LIMITS.rowCharacters * 4) break;
  }
  // A character cut at the end decodes as U+FFFD, which is no delimiter.
  return Buffer.concat(head)
    .subarray(0, CSV_LIMITS.rowCharacters * 4)
    .toString('utf8');
}

function unreadable(error: CsvError, row: number) {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return detailError(HttpStatus.BAD_REQUEST, ImportMessages.quoteNotClosed(row));
    case 'CSV_MAX_RECORD_SIZE':
      return detailError(HttpStatus.BAD_REQUEST, ImportMessages.rowTooLong(row, CSV_LIMITS.rowCharacters));
    default:
      return detailError(HttpStatus.BAD_REQUEST, ImportMessages.unreadableRow(row));
  }
}

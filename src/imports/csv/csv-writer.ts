import { stringify } from 'csv-stringify/sync';
import { guardFormula } from './formula-guard.js';

/**
 * CSV as spreadsheet programs open it, written by csv-stringify a page of
 * records at a time (arrays in `columns`' order): the first page starts the
 * file with a UTF-8 byte-order mark and the header row (an empty first page
 * is the header alone); CRLF line ends, RFC 4180 quoting, text fields
 * guarded against formulas. A page at a time, not a record at a time: a
 * stream of single records spends more on its own machinery than on the CSV.
 */
export function csvPage(columns: readonly string[], records: unknown[][], first: boolean): string {
  return stringify(records, {
    bom: first,
    header: first,
    columns: [...columns],
    record_delimiter: 'windows',
    // With a record delimiter given, csv-stringify quotes only fields holding that
    // exact delimiter; RFC 4180 wants a lone CR or LF inside a field quoted too.
    quote_record_delimiter: true,
    cast: { string: guardFormula },
  });
}

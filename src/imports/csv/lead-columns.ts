import { HttpStatus } from '@nestjs/common';
import { detailError } from '../../common/errors/api.exception.js';
import { ImportMessages } from '../../common/errors/messages.js';
import type { CsvRecord } from './csv-reader.js';
import { unguardFormula } from './formula-guard.js';

/** The columns of an export, in order. */
export const EXPORT_COLUMNS = ['id', 'name', 'email', 'message', 'status', 'source', 'created_at', 'updated_at'] as const;

/** The lead fields an import reads. */
export const IMPORT_FIELDS = ['name', 'email', 'message', 'status', 'source'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** A row's text in each field the file has (missing cells read as empty), formula guards removed. */
export type ImportRow = Partial<Record<ImportField, string>>;

/**
 * Column names as people write them, compared without case, spaces, `_` or
 * `-`: each alias names a field, or null for the columns an export writes
 * that an import leaves to the server.
 */
const ALIASES: Record<string, ImportField | null> = {
  name: 'name',
  fullname: 'name',
  email: 'email',
  emailaddress: 'email',
  message: 'message',
  status: 'status',
  source: 'source',
  id: null,
  owner: null,
  createdat: null,
  updatedat: null,
};

const aliasKey = (heading: string): string => heading.toLowerCase().replace(/[\s_-]/g, '');

export interface LeadColumns {
  /** The index of each field's column. */
  indexes: Partial<Record<ImportField, number>>;
  /** Headings of the columns not read, as the file writes them (a second column for a field too). */
  ignored: string[];
}

/** Reads the header row; without a name and an email column the file cannot be imported (400). */
export function leadColumns(header: string[]): LeadColumns {
  const indexes: Partial<Record<ImportField, number>> = {};
  const ignored: string[] = [];
  header.forEach((heading, index) => {
    const key = aliasKey(heading);
    const field = Object.hasOwn(ALIASES, key) ? ALIASES[key] : undefined;
    if (field === null) return;
    if (field !== undefined && indexes[field] === undefined) indexes[field] = index;
    else if (heading.trim() !== '') ignored.push(heading.trim());
  });
  if (indexes.name === undefined || indexes.email === undefined) {
    throw detailError(HttpStatus.BAD_REQUEST, ImportMessages.needsNameAndEmail);
  }
  return { indexes, ignored };
}

/** The lead fields of one record. */
export function importRow({ fields }: CsvRecord, { indexes }: LeadColumns): ImportRow {
  const row: ImportRow = {};
  for (const field of IMPORT_FIELDS) {
    const index = indexes[field];
    if (index !== undefined) row[field] = unguardFormula(fields[index] ?? '');
  }
  return row;
}

/** A row with nothing in it (a blank line, or only delimiters): skipped without a word, as a spreadsheet's empty row. */
export const isBlankRecord = ({ fields }: CsvRecord): boolean => fields.every((field) => field.trim() === '');

import type { LeadChanges, LeadStatus } from '../leads/lead.entity.js';
import { DEFAULT_LEAD_STATUS, LEAD_STATUSES } from '../leads/lead.entity.js';
import type { LeadRecord } from '../leads/leads.repository.js';
import type { CsvRecord } from './csv/csv-reader.js';
import { type ImportRow, importRow, isBlankRecord, leadColumns } from './csv/lead-columns.js';
import type { ImportMode } from './import.entity.js';

/** Rows checked and written together: one round of reads and batched writes each. */
export const IMPORT_BATCH = 500;
/** The failed rows a report lists (it counts them all). */
export const MAX_REPORTED_ERRORS = 100;

/** A new lead as the checked row gives it. */
export type NewLead = Required<Pick<LeadRecord, 'name' | 'email' | 'message' | 'status' | 'source'>>;

/** An existing lead and the fields a row changes on it. */
export interface LeadUpdate {
  lead: LeadRecord;
  changes: LeadChanges;
}

/**
 * What an import reads and writes, for one owner. A dry run's store reads
 * and writes nothing; a real one writes in the transaction of the import.
 */
export interface ImportStore {
  /** Each of the owner's leads' email, in lower case, with the lead's id. */
  emailIds(): Promise<Map<string, number>>;
  /** The owner's leads among `ids`. */
  leads(ids: number[]): Promise<LeadRecord[]>;
  create(leads: NewLead[]): Promise<void>;
  update(updates: LeadUpdate[]): Promise<void>;
}

/** A row checked with the lead rules: the clean fields, or the field errors (the API's messages). */
export type RowCheck = (
  kind: 'create' | 'update',
  fields: Record<string, string>,
) => { fields: Record<string, string>; errors?: undefined } | { errors: Record<string, string[]>; fields?: undefined };

export interface ImportOutcome {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  failed: number;
  errors: { row: number; errors: Record<string, string[]> }[];
  ignored_columns: string[];
}

/** Emails match ignoring case and surrounding spaces. */
export const emailKey = (email: string): string => email.trim().toLowerCase();

/** The fields a lead keeps that a row may change (the email is how the row finds it). */
const UPDATABLE = ['name', 'message', 'status', 'source'] as const;

/**
 * Reads the records of a file (the header first) and imports its rows
 * through `store`, a batch at a time: the same steps for a dry run and a real
 * one, so their counts agree.
 *
 * - A blank row is passed over without a word (a spreadsheet's empty row).
 * - A row whose email an earlier row of the file had is skipped, and so, in
 *   mode `create`, is a row whose email is already one of the owner's leads.
 * - In mode `update`, such a row changes that lead's fields to the row's
 *   non-empty ones (its email stays as it is); when that changes nothing, the
 *   row is unchanged.
 * - Any other row creates a lead, checked with the rules of POST.
 * - A status is read ignoring case (`Won` is `won`), as spreadsheets capitalise.
 */
export async function runImport(
  records: AsyncIterable<CsvRecord>,
  mode: ImportMode,
  store: ImportStore,
  check: RowCheck,
): Promise<ImportOutcome> {
  const iterator = records[Symbol.asyncIterator]();
  try {
    return await importRows(iterator, mode, store, check);
  } finally {
    // However it ends, the parser behind the records stops.
    await iterator.return?.();
  }
}

async function importRows(
  iterator: AsyncIterator<CsvRecord>,
  mode: ImportMode,
  store: ImportStore,
  check: RowCheck,
): Promise<ImportOutcome> {
  const outcome: ImportOutcome = { rows: 0, created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0, errors: [], ignored_columns: [] };
  const header = await iterator.next();
  // readTextFile refuses an empty file; a file of only a BOM or blank lines has no header worth the name.
  const columns = leadColumns(header.done ? [] : header.value.fields);
  outcome.ignored_columns = columns.ignored;
  const existing = await store.emailIds();
  const seen = new Set<string>();
  const fail = (row: number, errors: Record<string, string[]>) => {
    outcome.failed += 1;
    if (outcome.errors.length < MAX_REPORTED_ERRORS) outcome.errors.push({ row, errors });
  };

  async function importBatch(batch: { row: number; fields: ImportRow }[]): Promise<void> {
    const ids = mode === 'update' ? batch.flatMap(({ fields }) => existing.get(emailKey(fields.email ?? '')) ?? []) : [];
    const current = new Map((ids.length > 0 ? await store.leads(ids) : []).map((lead) => [lead.id, lead]));
    const creates: NewLead[] = [];
    const updates: LeadUpdate[] = [];
    for (const { row, fields } of batch) {
      outcome.rows += 1;
      const key = emailKey(fields.email ?? '');
      if (key !== '' && seen.has(key)) {
        outcome.skipped += 1;
        continue;
      }
      const existingId = existing.get(key);
      if (mode === 'create' && existingId !== undefined) {
        outcome.skipped += 1;
        seen.add(key);
        continue;
      }
      const lead = existingId !== undefined ? current.get(existingId) : undefined;
      if (lead) {
        const checked = check('update', nonEmpty(fields));
        if (checked.errors) {
          fail(row, checked.errors);
          continue;
        }
        seen.add(key);
        const changes = changedFields(lead, checked.fields);
        if (Object.keys(changes).length === 0) outcome.unchanged += 1;
        else {
          updates.push({ lead, changes });
          outcome.updated += 1;
        }
        continue;
      }
      const checked = check('create', creation(fields));
      if (checked.errors) {
        fail(row, checked.errors);
        continue;
      }
      seen.add(key);
      const { name = '', email = '', message = '', status = DEFAULT_LEAD_STATUS, source = '' } = checked.fields;
      creates.push({ name, email, message, status: status as LeadStatus, source });
      outcome.created += 1;
    }
    await store.create(creates);
    await store.update(updates);
  }

  let batch: { row: number; fields: ImportRow }[] = [];
  for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
    if (isBlankRecord(next.value)) continue;
    batch.push({ row: next.value.row, fields: importRow(next.value, columns) });
    if (batch.length === IMPORT_BATCH) {
      await importBatch(batch);
      batch = [];
    }
  }
  await importBatch(batch);
  return outcome;
}

/** A status as people write it in a spreadsheet: `Won` and ` won ` are `won`; anything else stays as written, to be refused. */
function readStatus(text: string): string {
  const status = text.trim().toLowerCase();
  return (LEAD_STATUSES as readonly string[]).includes(status) ? status : text.trim();
}

/** The body of a creation: every column the file has; an empty status is the default. */
function creation(fields: ImportRow): Record<string, string> {
  const { status, ...rest } = fields;
  const body: Record<string, string> = { ...rest };
  if (status !== undefined && status.trim() !== '') body.status = readStatus(status);
  return body;
}

/** The body of an update: the row's non-empty fields, its email left out. */
function nonEmpty(fields: ImportRow): Record<string, string> {
  const body: Record<string, string> = {};
  for (const field of UPDATABLE) {
    const text = fields[field];
    if (text !== undefined && text.trim() !== '') body[field] = field === 'status' ? readStatus(text) : text;
  }
  return body;
}

function changedFields(lead: LeadRecord, fields: Record<string, string>): LeadChanges {
  const changes: LeadChanges = {};
  for (const field of UPDATABLE) {
    const value = fields[field];
    if (value !== undefined && value !== lead[field]) Object.assign(changes, { [field]: value });
  }
  return changes;
}

import { Readable } from 'node:stream';
import { leadRecord } from '../../test/support/lead-records.js';
import type { LeadRecord } from '../leads/leads.repository.js';
import type { CsvRecord } from './csv/csv-reader.js';
import { emailKey, type ImportStore, type LeadUpdate, MAX_REPORTED_ERRORS, type NewLead, type RowCheck, runImport } from './import-run.js';

/** The owner's leads in memory, and what the import asked to write. */
function memoryStore(leads: LeadRecord[]) {
  const written = { created: [] as NewLead[], updated: [] as LeadUpdate[], reads: 0 };
  const store: ImportStore = {
    emailIds: () => Promise.resolve(new Map(leads.map((lead) => [emailKey(lead.email), lead.id]))),
    leads: (ids) => {
      written.reads += 1;
      return Promise.resolve(leads.filter((lead) => ids.includes(lead.id)));
    },
    create: (created) => Promise.resolve(void written.created.push(...created)),
    update: (updated) => Promise.resolve(void written.updated.push(...updated)),
  };
  return { store, written };
}

/** The lead rules, in short: a name, an email with an @, a known status. */
const check: RowCheck = (kind, fields) => {
  const errors: Record<string, string[]> = {};
  if (kind === 'create' && !fields.name?.trim()) errors.name = ['This field may not be blank.'];
  if (kind === 'create' && !fields.email?.includes('@')) errors.email = ['Enter a valid email address.'];
  if (fields.status !== undefined && !['new', 'contacted', 'qualified', 'won', 'lost'].includes(fields.status)) {
    errors.status = [`"${fields.status}" is not a valid choice.`];
  }
  if (Object.keys(errors).length > 0) return { errors };
  const trimmed = Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, value.trim()]));
  return { fields: trimmed };
};

/** The records of a file, as readCsv answers them. */
function recordsOf(rows: string[][]): AsyncIterable<CsvRecord> {
  return Readable.from(rows.map((fields, index) => ({ row: index + 1, fields })));
}

describe('runImport', () => {
  it('creates the new rows, skips emails already there or seen earlier, and reports failed rows by their spreadsheet number', async () => {
    const { store, written } = memoryStore([leadRecord(1, { email: 'Ada@Example.com' })]);
    const outcome = await runImport(
      recordsOf([
        ['Name', 'E-mail', 'Phone'],
        ['Grace', 'grace@example.com', '555'],
        ['Ada again', ' ada@example.COM ', ''],
        [''],
        ['', 'nobody@example.com', ''],
        ['Grace twice', 'GRACE@example.com', ''],
      ]),
      'create',
      store,
      check,
    );
    expect(outcome).toEqual({
      rows: 4,
      created: 1,
      updated: 0,
      unchanged: 0,
      skipped: 2,
      failed: 1,
      errors: [{ row: 5, errors: { name: ['This field may not be blank.'] } }],
      ignored_columns: ['Phone'],
    });
    expect(written.created).toEqual([{ name: 'Grace', email: 'grace@example.com', message: '', status: 'new', source: '' }]);
  });

  it('in mode update, writes the non-empty fields that differ, and counts the rows that change nothing', async () => {
    const { store, written } = memoryStore([leadRecord(1, { email: 'ada@example.com', name: 'Ada', status: 'new' }), leadRecord(2)]);
    const outcome = await runImport(
      recordsOf([
        ['email', 'name', 'status', 'message'],
        ['ADA@example.com', '', 'Won', 'Called back'],
        ['lead2@example.com', 'Lead 2', '', ''],
        ['new@example.com', 'New', '', ''],
      ]),
      'update',
      store,
      check,
    );
    expect(outcome).toMatchObject({ rows: 3, created: 1, updated: 1, unchanged: 1, skipped: 0, failed: 0 });
    expect(written.updated).toEqual([{ lead: expect.objectContaining({ id: 1 }), changes: { status: 'won', message: 'Called back' } }]);
    expect(written.created).toEqual([{ name: 'New', email: 'new@example.com', message: '', status: 'new', source: '' }]);
  });

  it('lets a later row with the email of a failed one through', async () => {
    const { store } = memoryStore([]);
    const outcome = await runImport(
      recordsOf([
        ['name', 'email', 'status'],
        ['Ada', 'ada@example.com', 'hot'],
        ['Ada', 'ada@example.com', 'new'],
      ]),
      'create',
      store,
      check,
    );
    expect(outcome).toMatchObject({
      created: 1,
      failed: 1,
      skipped: 0,
      errors: [{ row: 2, errors: { status: ['"hot" is not a valid choice.'] } }],
    });
  });

  it('counts every failed row but lists the first hundred', async () => {
    const { store } = memoryStore([]);
    const rows = Array.from({ length: 250 }, (_, index) => [`Lead ${index}`, 'not an address']);
    const outcome = await runImport(recordsOf([['name', 'email'], ...rows]), 'create', store, check);
    expect(outcome.failed).toBe(250);
    expect(outcome.errors).toHaveLength(MAX_REPORTED_ERRORS);
    expect(outcome.errors.at(-1)?.row).toBe(MAX_REPORTED_ERRORS + 1);
  });

  it('reads the existing leads of a batch in one call', async () => {
    const leads = Array.from({ length: 1200 }, (_, index) => leadRecord(index + 1));
    const { store, written } = memoryStore(leads);
    const rows = leads.map(({ email }) => ['Renamed', email]);
    const outcome = await runImport(recordsOf([['name', 'email'], ...rows]), 'update', store, check);
    expect(outcome.updated).toBe(1200);
    expect(written.reads).toBe(3);
  });

  it('refuses a file without a name and an email column before reading a row', async () => {
    const { store } = memoryStore([]);
    await expect(runImport(recordsOf([['email', 'message']]), 'create', store, check)).rejects.toMatchObject({
      msg: { detail: 'The file needs a name column and an email column.' },
    });
  });
});

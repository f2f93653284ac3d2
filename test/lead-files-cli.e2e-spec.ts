import { jest } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Account, registerAccount } from './support/accounts.js';
import { runCli } from './support/cli-process.js';
import { csvFile, exportFile, runCliForBytes } from './support/csv-files.js';
import { createTestDatabase, startTestApp, type TestApp, type TestDatabase } from './support/test-app.js';

// Each CLI run is a Node process loading Nest and TypeORM (a second or more on a busy machine).
jest.setTimeout(90_000);

describe('Admin CLI: import-leads and export-leads', () => {
  let database: TestDatabase;
  let testApp: TestApp;
  let directory: string;
  let alice: Account;

  beforeAll(async () => {
    database = await createTestDatabase();
    testApp = await startTestApp({ DATABASE_URL: database.url });
    directory = await mkdtemp(join(tmpdir(), 'lead-files-'));
    alice = await registerAccount(testApp, 'cli-alice');
  }, 30_000);

  afterAll(async () => {
    await testApp.close();
    await database.drop();
    await rm(directory, { recursive: true, force: true });
  });

  const fileOf = (name: string, text: string | Buffer) => {
    const path = join(directory, name);
    writeFileSync(path, text);
    return path;
  };

  it('import-leads checks a file with --dry-run, imports it, and prints the report the API answers', async () => {
    const path = fileOf(
      'leads.csv',
      csvFile([
        ['Name', 'Email', 'Status'],
        ['Ada', 'ada@example.com', 'Won'],
        ['Bad', 'not an address', ''],
      ]),
    );
    const dryRun = await runCli(database.url, ['import-leads', 'cli-alice', path, '--dry-run']);
    expect(dryRun.code).toBe(0);
    expect(JSON.parse(dryRun.stdout)).toEqual({
      id: null,
      dry_run: true,
      mode: 'create',
      rows: 2,
      created: 1,
      updated: 0,
      unchanged: 0,
      skipped: 0,
      failed: 1,
      errors: [{ row: 3, errors: { email: ['Enter a valid email address.'] } }],
      ignored_columns: [],
    });
    const leads = () => testApp.http().get('/api/leads').set('Authorization', alice.auth).expect(200);
    expect((await leads()).body).toEqual([]);

    const real = await runCli(database.url, ['import-leads', 'cli-alice', path]);
    expect(real).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(real.stdout)).toMatchObject({ id: expect.any(Number), dry_run: false, created: 1, failed: 1 });
    expect((await leads()).body).toEqual([expect.objectContaining({ name: 'Ada', status: 'won' })]);
    const imports = (await testApp.http().get('/api/leads/imports').set('Authorization', alice.auth).expect(200)).body;
    expect(imports).toEqual([expect.objectContaining({ id: JSON.parse(real.stdout).id, mode: 'create', created: 1 })]);

    const update = await runCli(database.url, [
      'import-leads',
      'cli-alice',
      fileOf('update.csv', 'name,email\r\nAda L,ADA@example.com\r\n'),
      '--mode',
      'update',
    ]);
    expect(JSON.parse(update.stdout)).toMatchObject({ mode: 'update', updated: 1 });
  });

  it('export-leads writes the file the API exports, byte for byte', async () => {
    const result = await runCliForBytes(database.url, ['export-leads', 'cli-alice']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout.equals((await exportFile(testApp, alice)).bytes)).toBe(true);
    expect(result.stdout.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const filtered = await runCliForBytes(database.url, ['export-leads', 'cli-alice', '--status', 'lost']);
    expect(filtered.stdout.toString('utf8')).toBe('\ufeffid,name,email,message,status,source,created_at,updated_at\r\n');
  });

  it('refuses with one line and exit 1: an unknown user, a missing file, a file that is not UTF-8, a bad mode', async () => {
    const refusals = await Promise.all([
      runCli(database.url, ['import-leads', 'nobody', fileOf('a.csv', 'name,email\r\n')]),
      runCli(database.url, ['import-leads', 'cli-alice', join(directory, 'missing.csv')]),
      runCli(database.url, [
        'import-leads',
        'cli-alice',
        fileOf('latin.csv', Buffer.from('name,email\r\nÉlodie,e@example.com\r\n', 'latin1')),
      ]),
      runCli(database.url, ['import-leads', 'cli-alice', fileOf('b.csv', 'name,email\r\n'), '--mode', 'merge']),
      runCli(database.url, ['export-leads', 'nobody']),
    ]);
    expect(refusals.map(({ code, stdout, stderr }) => [code, stdout, stderr.split('\n').length])).toEqual(Array(5).fill([1, '', 2]));
    expect(refusals.map(({ stderr }) => stderr.trim())).toEqual([
      'error: no user named "nobody".',
      `error: cannot read ${join(directory, 'missing.csv')}: no such file.`,
      'error: The file is not UTF-8 text.',
      expect.stringMatching(/merge/),
      'error: no user named "nobody".',
    ]);
  });
});

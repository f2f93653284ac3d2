import { LeadActivity } from '../src/leads/activity/lead-activity.entity.js';
import { type Account, registerAccount } from './support/accounts.js';
import { csvFile, importFile, sendHugeFile } from './support/csv-files.js';
import { startTestApp, type TestApp } from './support/test-app.js';

type Lead = { id: number; name: string; email: string; message: string; status: string; source: string; updated_at: string };

describe('Lead import', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });

  afterAll(async () => {
    await testApp.close();
  });

  const as = (account: Account) => ({
    get: (path: string) => testApp.http().get(path).set('Authorization', account.auth),
    post: (path: string, body: object = {}) => testApp.http().post(path).set('Authorization', account.auth).send(body),
    patch: (path: string, body: object) => testApp.http().patch(path).set('Authorization', account.auth).send(body),
  });

  /** The status changes in a lead's activity, oldest first. */
  const statusChanges = async (leadId: number) =>
    (await testApp.dataSource.manager.find(LeadActivity, { where: { leadId, type: 'status' }, order: { id: 'ASC' } })).map((entry) => ({
      from: entry.fromStatus,
      to: entry.toStatus,
      at: entry.createdAt,
    }));
  const leadsOf = async (account: Account): Promise<Lead[]> => (await as(account).get('/api/leads?limit=1000').expect(200)).body;
  const REPORT_KEYS = [
    'id',
    'dry_run',
    'mode',
    'rows',
    'created',
    'updated',
    'unchanged',
    'skipped',
    'failed',
    'errors',
    'ignored_columns',
  ];

  describe('POST /api/leads/import', () => {
    it('creates a lead for each new row, reading the columns by their aliases, and answers 201 with the report', async () => {
      const alice = await registerAccount(testApp);
      const file = csvFile([
        ['Full Name', 'E-mail', 'Message', 'STATUS', 'source', 'Phone'],
        ['Ada Lovelace', 'ada@example.com', 'Met at the fair', 'Contacted', 'Trade fair', '555'],
        ['Grace Hopper', 'grace@example.com', '', '', '', ''],
      ]);
      const response = await importFile(testApp, alice, file).expect(201);
      expect(Object.keys(response.body)).toEqual(REPORT_KEYS);
      expect(response.body).toEqual({
        id: expect.any(Number),
        dry_run: false,
        mode: 'create',
        rows: 2,
        created: 2,
        updated: 0,
        unchanged: 0,
        skipped: 0,
        failed: 0,
        errors: [],
        ignored_columns: ['Phone'],
      });
      expect(await leadsOf(alice)).toEqual([
        expect.objectContaining({
          name: 'Ada Lovelace',
          email: 'ada@example.com',
          message: 'Met at the fair',
          status: 'contacted',
          source: 'Trade fair',
        }),
        expect.objectContaining({ name: 'Grace Hopper', email: 'grace@example.com', message: '', status: 'new', source: '' }),
      ]);
    });

    it('checks everything in a dry run, answers 200 with id null, writes nothing, and counts what the real run then does', async () => {
      const alice = await registerAccount(testApp);
      await as(alice).post('/api/leads', { name: 'Ada', email: 'ada@example.com' }).expect(201);
      const file = csvFile([
        ['name', 'email', 'status'],
        ['Ada', 'ADA@example.com', 'won'],
        ['Grace', 'grace@example.com', ''],
        ['Bad', 'not an address', ''],
        ['Grace again', ' grace@EXAMPLE.com ', ''],
      ]);
      const dryRun = await importFile(testApp, alice, file, { mode: 'update', dry_run: 'true' }).expect(200);
      expect(dryRun.body).toMatchObject({
        id: null,
        dry_run: true,
        mode: 'update',
        rows: 4,
        created: 1,
        updated: 1,
        skipped: 1,
        failed: 1,
      });
      expect(await leadsOf(alice)).toHaveLength(1);
      await as(alice).get('/api/leads/imports').expect(200, []);

      const real = await importFile(testApp, alice, file, { mode: 'update' }).expect(201);
      const { id: _dryId, dry_run: _dry, ...dryCounts } = dryRun.body;
      const { id: _realId, dry_run: _real, ...realCounts } = real.body;
      expect(realCounts).toEqual(dryCounts);
    });

    it('in mode create, skips rows whose email is already a lead (ignoring case and spaces) or came earlier in the file', async () => {
      const alice = await registerAccount(testApp);
      const existing = (await as(alice).post('/api/leads', { name: 'Ada', email: 'Ada@Example.com', message: 'keep' }).expect(201)).body;
      const file = csvFile([
        ['name', 'email', 'message'],
        ['Ada Changed', ' ada@example.COM ', 'changed'],
        ['Grace', 'grace@example.com', 'first'],
        ['Grace Twice', 'Grace@Example.com', 'second'],
      ]);
      const response = await importFile(testApp, alice, file, { mode: 'create' }).expect(201);
      expect(response.body).toMatchObject({ rows: 3, created: 1, skipped: 2, updated: 0, failed: 0 });
      const leads = await leadsOf(alice);
      expect(leads).toEqual([existing, expect.objectContaining({ name: 'Grace', message: 'first' })]);
    });

    it('in mode update, writes the non-empty fields of a row to its lead, and counts a row that changes nothing as unchanged', async () => {
      const alice = await registerAccount(testApp);
      const ada = (
        await as(alice).post('/api/leads', { name: 'Ada', email: 'ada@example.com', message: 'keep', source: 'Web' }).expect(201)
      ).body;
      const grace = (await as(alice).post('/api/leads', { name: 'Grace', email: 'grace@example.com' }).expect(201)).body;
      const file = csvFile([
        ['email', 'name', 'message', 'status', 'source'],
        ['ADA@example.com', 'Ada Lovelace', '', 'Qualified', ''],
        ['grace@example.com', 'Grace', '', 'new', ''],
      ]);
      const response = await importFile(testApp, alice, file, { mode: 'update' }).expect(201);
      expect(response.body).toMatchObject({ rows: 2, created: 0, updated: 1, unchanged: 1 });
      const [adaAfter, graceAfter] = await leadsOf(alice);
      expect(adaAfter).toEqual({ ...ada, name: 'Ada Lovelace', status: 'qualified', updated_at: expect.any(String) });
      expect(adaAfter.updated_at).not.toBe(ada.updated_at);
      expect(graceAfter).toEqual(grace);
      expect(await statusChanges(ada.id)).toEqual([{ from: 'new', to: 'qualified', at: adaAfter.updated_at }]);
    });

    it('reports failed rows by their number in a spreadsheet, with the lead rules and their messages, and writes the valid ones', async () => {
      const alice = await registerAccount(testApp);
      const text =
        'name,email,message,status\r\n' +
        'Ada,ada@example.com,"two\r\nlines",new\r\n' +
        '\r\n' +
        `${'x'.repeat(101)},long@example.com,,\r\n` +
        'Grace,not an address,,\r\n' +
        ',blank@example.com,,hot\r\n' +
        'Joan,joan@example.com,,\r\n';
      const response = await importFile(testApp, alice, text).expect(201);
      expect(response.body).toMatchObject({ rows: 5, created: 2, failed: 3 });
      expect(response.body.errors).toEqual([
        { row: 4, errors: { name: ['Ensure this field has no more than 100 characters.'] } },
        { row: 5, errors: { email: ['Enter a valid email address.'] } },
        { row: 6, errors: { name: ['This field may not be blank.'], status: ['"hot" is not a valid choice.'] } },
      ]);
      expect((await leadsOf(alice)).map((lead) => lead.message)).toEqual(['two\r\nlines', '']);
    });

    it('lists the first 100 failed rows and counts them all', async () => {
      const alice = await registerAccount(testApp);
      const rows = Array.from({ length: 150 }, (_, index) => [`Lead ${index}`, `bad-${index}`]);
      const response = await importFile(testApp, alice, csvFile([['name', 'email'], ...rows])).expect(201);
      expect(response.body.failed).toBe(150);
      expect(response.body.errors).toHaveLength(100);
      expect(response.body.errors[99].row).toBe(101);
    });

    it.each([
      ['semicolons', ';'],
      ['tabs', '\t'],
    ])('reads a file delimited by %s, with a byte-order mark', async (_name, delimiter) => {
      const alice = await registerAccount(testApp);
      const file = csvFile(
        [
          ['name', 'email', 'message'],
          ['Élodie, la grande', 'elodie@example.com', 'Ça va 😀'],
        ],
        { delimiter, bom: true },
      );
      await importFile(testApp, alice, file).expect(201);
      expect(await leadsOf(alice)).toEqual([
        expect.objectContaining({ name: 'Élodie, la grande', email: 'elodie@example.com', message: 'Ça va 😀' }),
      ]);
    });

    it('removes the formula guard an export puts before =, +, -, @', async () => {
      const alice = await registerAccount(testApp);
      await importFile(
        testApp,
        alice,
        csvFile([
          ['name', 'email', 'message'],
          ["'=SUM(A1)", 'sum@example.com', "'-5 and 'more"],
        ]),
      ).expect(201);
      expect(await leadsOf(alice)).toEqual([expect.objectContaining({ name: '=SUM(A1)', message: "-5 and 'more" })]);
    });

    it('refuses a file without a name or an email column', async () => {
      const alice = await registerAccount(testApp);
      const response = await importFile(
        testApp,
        alice,
        csvFile([
          ['name', 'phone'],
          ['Ada', '555'],
        ]),
      ).expect(400);
      expect(response.body).toEqual({ msg: { detail: 'The file needs a name column and an email column.' }, status: 400 });
    });

    describe('refuses bad input of any shape with a clear 4xx and writes nothing', () => {
      let alice: Account;

      beforeAll(async () => {
        alice = await registerAccount(testApp);
      });

      afterEach(async () => {
        expect(await leadsOf(alice)).toEqual([]);
      });

      const refused = async (body: string | Buffer, status: number, detail: string) => {
        const response = await importFile(testApp, alice, body).expect(status);
        expect(response.body).toEqual({ msg: { detail }, status });
      };

      it('text in another encoding', async () => {
        await refused(Buffer.from('name,email\r\nÉlodie,elodie@example.com\r\n', 'latin1'), 400, 'The file is not UTF-8 text.');
        await refused(Buffer.from('\ufeffname,email\r\nAda,ada@example.com\r\n', 'utf16le'), 400, 'The file is not UTF-8 text.');
      });

      it('binary data', async () => {
        const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
        await refused(png, 400, 'The file is not UTF-8 text.');
      });

      it('an empty file, and one that is only a byte-order mark', async () => {
        await refused(Buffer.from([0xef, 0xbb, 0xbf]), 400, 'The file is empty.');
        const response = await testApp
          .http()
          .post('/api/leads/import')
          .set('Authorization', alice.auth)
          .set('Content-Type', 'text/csv')
          .expect(400);
        expect(response.body.msg).toEqual({ detail: 'The file is empty.' });
      });

      it('a header of 10,000 columns', async () => {
        const header = Array.from({ length: 10_000 }, (_, index) => `c${index}`);
        await refused(csvFile([['name', 'email', ...header]]), 400, 'Row 1 has more than 1000 columns.');
      });

      it('a field of 5 MB, naming its row', async () => {
        const file = csvFile([
          ['name', 'email', 'message'],
          ['Ada', 'ada@example.com', ''],
          ['Grace', 'grace@example.com', 'x'.repeat(5 * 1024 * 1024)],
        ]);
        await refused(file, 400, 'Row 3 is longer than 65536 characters.');
      });

      it('quotes left open at the end, naming the row where they opened, after valid rows (nothing of them is written)', async () => {
        const rows = Array.from({ length: 1200 }, (_, index) => [`Lead ${index}`, `lead${index}@example.com`]);
        const file = `${csvFile([['name', 'email'], ...rows])}"Ada,ada@example.com\r\n`;
        await refused(file, 400, 'Row 1202: a quoted field is not closed.');
      });

      it('a body announced as 2 GB, refused before it is read', async () => {
        const answer = await sendHugeFile(testApp, alice, { totalBytes: 2 * 1024 ** 3, chunked: false });
        expect(answer.status).toBe(413);
        expect(answer.body).toEqual({ msg: { detail: 'The file is larger than the 10 MiB limit.' }, status: 413 });
        expect(answer.sent).toBeLessThan(64 * 1024 * 1024);
      });

      it('a chunked body that grows past the limit, refused once it does', async () => {
        const answer = await sendHugeFile(testApp, alice, { totalBytes: 2 * 1024 ** 3, chunked: true });
        expect(answer.status).toBe(413);
        expect(answer.sent).toBeLessThan(64 * 1024 * 1024);
      });

      it('a body that is not CSV', async () => {
        const response = await testApp
          .http()
          .post('/api/leads/import')
          .set('Authorization', alice.auth)
          .send({ name: 'Ada', email: 'ada@example.com' })
          .expect(415);
        expect(response.body.msg).toEqual({ detail: 'Unsupported media type "application/json" in request.' });
      });

      it('bad parameters', async () => {
        const response = await importFile(testApp, alice, csvFile([['name', 'email']]), { mode: 'merge', dry_run: 'perhaps' }).expect(400);
        expect(response.body.msg).toEqual({ mode: ['"merge" is not a valid choice.'], dry_run: ['Must be a valid boolean.'] });
      });
    });

    it('needs a token', async () => {
      await testApp.http().post('/api/leads/import').set('Content-Type', 'text/csv').send('name,email\r\n').expect(401);
    });

    it('keeps serving the owner while an import writes (no "database is locked")', async () => {
      const alice = await registerAccount(testApp);
      const rows = Array.from({ length: 20_000 }, (_, index) => [`Lead ${index}`, `bulk${index}@example.com`, 'from the big file']);
      const importing = importFile(testApp, alice, csvFile([['name', 'email', 'message'], ...rows]));
      const others = await Promise.all([
        as(alice).get('/api/leads?limit=5'),
        as(alice).post('/api/leads', { name: 'Typed by hand', email: 'hand@example.com' }),
        as(alice).get('/api/leads/imports'),
        as(alice).get('/api/auth/user'),
      ]);
      expect(others.map((response) => response.status)).toEqual([200, 201, 200, 200]);
      const report = (await importing.expect(201)).body;
      expect(report.created + report.skipped).toBe(20_000);
    });
  });

  describe('imports and their undo', () => {
    it('lists the imports that wrote something, newest first', async () => {
      const alice = await registerAccount(testApp);
      const first = (
        await importFile(
          testApp,
          alice,
          csvFile([
            ['name', 'email'],
            ['Ada', 'ada@example.com'],
          ]),
        ).expect(201)
      ).body;
      await importFile(
        testApp,
        alice,
        csvFile([
          ['name', 'email'],
          ['Ada', 'ada@example.com'],
        ]),
      ).expect(201);
      const third = (
        await importFile(
          testApp,
          alice,
          csvFile([
            ['name', 'email'],
            ['Ada L', 'ada@example.com'],
          ]),
          { mode: 'update' },
        ).expect(201)
      ).body;
      const list = (await as(alice).get('/api/leads/imports').expect(200)).body;
      expect(list).toEqual([
        { id: third.id, created_at: expect.any(String), mode: 'update', created: 0, updated: 1, undone: false },
        { id: first.id, created_at: expect.any(String), mode: 'create', created: 1, updated: 0, undone: false },
      ]);
    });

    it('deletes what an import created, puts back what it updated field by field, keeps leads changed since, and undoes once', async () => {
      const alice = await registerAccount(testApp);
      const ada = (
        await as(alice).post('/api/leads', { name: 'Ada', email: 'ada@example.com', message: 'before', source: 'Web' }).expect(201)
      ).body;
      const grace = (await as(alice).post('/api/leads', { name: 'Grace', email: 'grace@example.com' }).expect(201)).body;
      const file = csvFile([
        ['name', 'email', 'message', 'status'],
        ['Ada Lovelace', 'ada@example.com', '', 'won'],
        ['Grace H', 'grace@example.com', 'changed', ''],
        ['Joan', 'joan@example.com', '', ''],
        ['Kept', 'kept@example.com', '', ''],
      ]);
      const report = (await importFile(testApp, alice, file, { mode: 'update' }).expect(201)).body;
      expect(report).toMatchObject({ created: 2, updated: 2 });
      const kept = (await leadsOf(alice)).find((lead) => lead.email === 'kept@example.com')!;
      const graceNow = (await as(alice).patch(`/api/leads/${grace.id}`, { source: 'Phone' }).expect(200)).body;
      await as(alice).patch(`/api/leads/${kept.id}`, { message: 'worked on' }).expect(200);

      const undo = await as(alice).post(`/api/leads/imports/${report.id}/undo`).expect(200);
      expect(undo.body).toEqual({ deleted: 1, restored: 1, kept: 2 });
      const leads = await leadsOf(alice);
      expect(leads.map((lead) => lead.email)).toEqual(['ada@example.com', 'grace@example.com', 'kept@example.com']);
      expect(leads[0]).toEqual({ ...ada, updated_at: expect.any(String) });
      expect(leads[1]).toEqual(graceNow);
      expect((await statusChanges(ada.id)).map(({ from, to }) => [from, to])).toEqual([
        ['new', 'won'],
        ['won', 'new'],
      ]);

      const again = await as(alice).post(`/api/leads/imports/${report.id}/undo/`).expect(400);
      expect(again.body).toEqual({ msg: { detail: 'This import was already undone.' }, status: 400 });
      const list = (await as(alice).get('/api/leads/imports').expect(200)).body;
      expect(list[0]).toMatchObject({ id: report.id, undone: true });
    });

    it("never shows or undoes another user's import", async () => {
      const alice = await registerAccount(testApp);
      const bob = await registerAccount(testApp);
      const report = (
        await importFile(
          testApp,
          alice,
          csvFile([
            ['name', 'email'],
            ['Ada', 'ada@example.com'],
          ]),
        ).expect(201)
      ).body;
      await as(bob).get('/api/leads/imports').expect(200, []);
      for (const id of [report.id, 'abc', '0', '99999999999']) {
        const response = await as(bob).post(`/api/leads/imports/${id}/undo`).expect(404);
        expect(response.body).toEqual({ msg: { detail: 'Not found.' }, status: 404 });
      }
      expect(await leadsOf(alice)).toHaveLength(1);
      await testApp.http().get('/api/leads/imports').expect(401);
    });
  });
});

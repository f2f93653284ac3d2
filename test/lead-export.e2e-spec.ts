import { parse } from 'csv-parse/sync';
import { type Account, registerAccount } from './support/accounts.js';
import { exportFile, importFile } from './support/csv-files.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const HEADER = 'id,name,email,message,status,source,created_at,updated_at';
const BOM = '\ufeff';

/** Leads holding everything a CSV file and a spreadsheet find hard. */
const AWKWARD_LEADS = [
  { name: 'Comma, Ada', email: 'ada@example.com', message: 'She said "hello", then left.', source: 'Fair, Paris' },
  { name: 'Élodie Ñúñez', email: 'elodie@example.com', message: 'Two\nlines\r\nand a CR\ronly', status: 'contacted' },
  { name: 'Emoji 😀🎉', email: 'emoji@example.com', message: '=SUM(A1)', source: '@twitter' },
  { name: '-5 degrees', email: 'minus@example.com', message: "+1 and '=quoted", status: 'won' },
  { name: "'=already guarded", email: 'guard@example.com', message: 'tab\tinside', source: '' },
];

describe('Lead export', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });

  afterAll(async () => {
    await testApp.close();
  });

  const createLeads = async (account: Account, leads: object[]) => {
    for (const lead of leads) await testApp.http().post('/api/leads').set('Authorization', account.auth).send(lead).expect(201);
  };

  it('answers a CSV file to download: UTF-8 with a byte-order mark, the header row, CRLF line ends', async () => {
    const alice = await registerAccount(testApp);
    await createLeads(alice, [{ name: 'Ada', email: 'ada@example.com' }]);
    const { response, bytes } = await exportFile(testApp, alice);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="leads-${new Date().toISOString().slice(0, 10)}.csv"`);
    const lead = (await testApp.http().get('/api/leads').set('Authorization', alice.auth).expect(200)).body[0];
    expect(bytes.toString('utf8')).toBe(
      `${BOM}${HEADER}\r\n${lead.id},Ada,ada@example.com,,new,,${lead.created_at},${lead.updated_at}\r\n`,
    );
  });

  it('answers the header row alone for an owner without leads, and never another owner’s leads', async () => {
    const alice = await registerAccount(testApp);
    const bob = await registerAccount(testApp);
    await createLeads(bob, [{ name: 'Bob’s lead', email: 'b@example.com' }]);
    expect((await exportFile(testApp, alice)).bytes.toString('utf8')).toBe(`${BOM}${HEADER}\r\n`);
    await testApp.http().get('/api/leads/export').expect(401);
  });

  it('quotes fields as RFC 4180 says and guards those a spreadsheet would run as a formula', async () => {
    const alice = await registerAccount(testApp);
    await createLeads(alice, AWKWARD_LEADS);
    const text = (await exportFile(testApp, alice)).bytes.toString('utf8');
    const lines = text.slice(BOM.length).split('\r\n');
    expect(lines[1]).toMatch(/^\d+,"Comma, Ada",ada@example.com,"She said ""hello"", then left.",new,"Fair, Paris",/);
    expect(text).toContain(',"Two\nlines\r\nand a CR\ronly",contacted,,');
    expect(text).toContain(",Emoji 😀🎉,emoji@example.com,'=SUM(A1),new,'@twitter,");
    expect(text).toContain(",'-5 degrees,minus@example.com,'+1 and '=quoted,won,,");
    expect(text).toContain(",''=already guarded,guard@example.com,tab\tinside,new,,");
    const records = parse<Record<string, string>>(text.slice(BOM.length), { columns: true });
    expect(records.map((record) => record.email)).toEqual(AWKWARD_LEADS.map((lead) => lead.email));
  });

  it('takes the list’s search, status and ordering', async () => {
    const alice = await registerAccount(testApp);
    await createLeads(alice, [
      { name: 'Grace Hopper', email: 'grace@example.com', status: 'won' },
      { name: 'ada Lovelace', email: 'ada@example.com', status: 'new' },
      { name: 'Bea Grant', email: 'bea@example.com', status: 'won' },
    ]);
    const emails = async (query: Record<string, string>) =>
      parse<{ email: string }>((await exportFile(testApp, alice, query)).bytes.toString('utf8').slice(BOM.length), { columns: true }).map(
        (record) => record.email,
      );
    expect(await emails({})).toEqual(['grace@example.com', 'ada@example.com', 'bea@example.com']);
    expect(await emails({ status: 'won' })).toEqual(['grace@example.com', 'bea@example.com']);
    expect(await emails({ search: 'gra' })).toEqual(['grace@example.com', 'bea@example.com']);
    expect(await emails({ ordering: 'name' })).toEqual(['ada@example.com', 'bea@example.com', 'grace@example.com']);
    expect(await emails({ ordering: '-id', status: 'won,new' })).toEqual(['bea@example.com', 'ada@example.com', 'grace@example.com']);
  });

  it('refuses a bad parameter with the list’s field error', async () => {
    const alice = await registerAccount(testApp);
    const response = await testApp.http().get('/api/leads/export?ordering=owner').set('Authorization', alice.auth).expect(400);
    expect(Object.keys(response.body.msg)).toEqual(['ordering']);
  });

  describe('round trip: export, import, export', () => {
    it('gives the same file, bytes for bytes, when imported back over the same leads', async () => {
      const alice = await registerAccount(testApp);
      await createLeads(alice, AWKWARD_LEADS);
      const first = (await exportFile(testApp, alice)).bytes;
      const report = (await importFile(testApp, alice, first, { mode: 'update' }).expect(201)).body;
      expect(report).toMatchObject({ rows: AWKWARD_LEADS.length, unchanged: AWKWARD_LEADS.length, failed: 0, ignored_columns: [] });
      const second = (await exportFile(testApp, alice)).bytes;
      expect(second.equals(first)).toBe(true);
    });

    it('brings every field back into another account', async () => {
      const alice = await registerAccount(testApp);
      const bob = await registerAccount(testApp);
      await createLeads(alice, AWKWARD_LEADS);
      const fromAlice = (await exportFile(testApp, alice)).bytes;
      expect((await importFile(testApp, bob, fromAlice).expect(201)).body).toMatchObject({ created: AWKWARD_LEADS.length, failed: 0 });
      const fromBob = (await exportFile(testApp, bob)).bytes;
      // Ids and times are the new account's own; every other field comes back as it left.
      const fields = (bytes: Buffer) =>
        parse(bytes.toString('utf8').slice(BOM.length)).map(([, name, email, message, status, source]) => [
          name,
          email,
          message,
          status,
          source,
        ]);
      expect(fields(fromBob)).toEqual(fields(fromAlice));
    });
  });
});

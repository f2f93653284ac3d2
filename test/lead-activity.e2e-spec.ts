import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Account, registerAccount } from './support/accounts.js';
import { startTestApp, type TestApp } from './support/test-app.js';

type Entry = { type: string; id?: number; text?: string; from?: string; to?: string; created_at: string };

const NOT_FOUND = { msg: { detail: 'Not found.' }, status: 404 };

describe('Notes and activity of a lead', () => {
  let testApp: TestApp;
  let alice: Account;
  let bob: Account;

  beforeAll(async () => {
    testApp = await startTestApp();
    alice = await registerAccount(testApp, 'noter');
    bob = await registerAccount(testApp, 'snooper');
  });

  afterAll(async () => {
    await testApp.close();
  });

  const as = (account: Account) => ({
    get: (path: string) => testApp.http().get(path).set('Authorization', account.auth),
    post: (path: string, body: object) => testApp.http().post(path).set('Authorization', account.auth).send(body),
    patch: (path: string, body: object) => testApp.http().patch(path).set('Authorization', account.auth).send(body),
    delete: (path: string) => testApp.http().delete(path).set('Authorization', account.auth),
  });

  let counter = 0;
  const createLead = async (account: Account) =>
    (
      await as(account)
        .post('/api/leads', { name: 'Noted Lead', email: `noted${++counter}@example.com` })
        .expect(201)
    ).body as {
      id: number;
      created_at: string;
    };
  const activity = async (account: Account, leadId: number) =>
    (await as(account).get(`/api/leads/${leadId}/activity`).expect(200)).body as Entry[];

  it('writes a note and answers it', async () => {
    const lead = await createLead(alice);
    const response = await as(alice).post(`/api/leads/${lead.id}/notes`, { text: '  Called back.  ' }).expect(201);
    expect(response.body).toEqual({
      type: 'note',
      id: expect.any(Number),
      text: 'Called back.',
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
  });

  it.each([
    [{}, { text: ['This field is required.'] }],
    [{ text: '' }, { text: ['This field may not be blank.'] }],
    [{ text: '   ' }, { text: ['This field may not be blank.'] }],
    [{ text: null }, { text: ['This field may not be null.'] }],
    [{ text: 'x'.repeat(2001) }, { text: ['Ensure this field has no more than 2000 characters.'] }],
    [{ text: 'ok', color: 'red' }, { color: ['This field is not allowed.'] }],
  ])('refuses the note %j with a field error', async (body, errors) => {
    const lead = await createLead(alice);
    const response = await as(alice).post(`/api/leads/${lead.id}/notes`, body).expect(400);
    expect(response.body).toEqual({ msg: errors, status: 400 });
    expect(await activity(alice, lead.id)).toEqual([{ type: 'created', created_at: lead.created_at }]);
  });

  it('lists notes, changes of status and the creation, newest first', async () => {
    const lead = await createLead(alice);
    const first = (await as(alice).post(`/api/leads/${lead.id}/notes`, { text: 'First call' }).expect(201)).body as Entry;
    const contacted = (await as(alice).patch(`/api/leads/${lead.id}`, { status: 'contacted' }).expect(200)).body as { updated_at: string };
    await as(alice).patch(`/api/leads/${lead.id}`, { status: 'contacted', message: 'no change of status' }).expect(200);
    const second = (await as(alice).post(`/api/leads/${lead.id}/notes`, { text: 'Sent a quote' }).expect(201)).body as Entry;
    const entries = await activity(alice, lead.id);
    expect(entries).toEqual([
      second,
      { type: 'status', from: 'new', to: 'contacted', created_at: contacted.updated_at },
      first,
      { type: 'created', created_at: lead.created_at },
    ]);
  });

  it('breaks ties of time by id, newest first', async () => {
    const lead = await createLead(alice);
    const at = '2030-01-01T00:00:00.000Z';
    await testApp.dataSource.query(
      `INSERT INTO "lead_activity" ("lead_id", "type", "from_status", "to_status", "created_at") VALUES (${lead.id}, 'status', 'new', 'won', '${at}'), (${lead.id}, 'status', 'won', 'lost', '${at}')`,
    );
    const entries = await activity(alice, lead.id);
    expect(entries.slice(0, 2)).toEqual([
      { type: 'status', from: 'won', to: 'lost', created_at: at },
      { type: 'status', from: 'new', to: 'won', created_at: at },
    ]);
  });

  it('pages with limit and a Link that neither repeats nor skips, and refuses an altered cursor', async () => {
    const lead = await createLead(alice);
    for (let i = 0; i < 6; i++)
      await as(alice)
        .post(`/api/leads/${lead.id}/notes`, { text: `Note ${i}` })
        .expect(201);
    const all = await activity(alice, lead.id);
    expect(all).toHaveLength(7);
    const seen: Entry[] = [];
    let next: string | null = `/api/leads/${lead.id}/activity?limit=3`;
    let last = '';
    while (next) {
      const response: { body: unknown; headers: Record<string, string> } = await as(alice).get(next).expect(200);
      seen.push(...(response.body as Entry[]));
      last = next;
      next = response.headers.link ? /^<([^>]+)>; rel="next"$/.exec(response.headers.link)![1] : null;
    }
    expect(seen).toEqual(all);
    const cursor = new URL(last, 'http://host').searchParams.get('cursor')!;
    expect(cursor).toBeTruthy();
    const altered = `${cursor.slice(0, 2)}${cursor[2] === 'A' ? 'B' : 'A'}${cursor.slice(3)}`;
    const bad = await as(alice)
      .get(`/api/leads/${lead.id}/activity?cursor=${encodeURIComponent(altered)}`)
      .expect(404);
    expect(bad.body).toEqual({ msg: { detail: 'Invalid cursor' }, status: 404 });
    const other = await createLead(alice);
    await as(alice)
      .get(`/api/leads/${other.id}/activity?cursor=${encodeURIComponent(cursor)}`)
      .expect(404);
    const limit = await as(alice).get(`/api/leads/${lead.id}/activity?limit=0`).expect(400);
    expect(limit.body).toEqual({ msg: { limit: ['Ensure this value is greater than or equal to 1.'] }, status: 400 });
  });

  it('deletes a note: it leaves the activity, the status changes and the creation stay', async () => {
    const lead = await createLead(alice);
    const note = (await as(alice).post(`/api/leads/${lead.id}/notes`, { text: 'Wrong lead' }).expect(201)).body as Entry;
    await as(alice).patch(`/api/leads/${lead.id}`, { status: 'lost' }).expect(200);
    await as(alice).delete(`/api/leads/${lead.id}/notes/${note.id}`).expect(204, '');
    expect((await activity(alice, lead.id)).map((entry) => entry.type)).toEqual(['status', 'created']);
    expect((await as(alice).delete(`/api/leads/${lead.id}/notes/${note.id}`).expect(404)).body).toEqual(NOT_FOUND);
  });

  it.each(['abc', '0', '-1', '1.5', '2147483648', '0x1'])('answers 404 to the note id %s', async (noteId) => {
    const lead = await createLead(alice);
    expect((await as(alice).delete(`/api/leads/${lead.id}/notes/${noteId}`).expect(404)).body).toEqual(NOT_FOUND);
  });

  it("answers 404 to a note of another of the owner's leads, and keeps it", async () => {
    const lead = await createLead(alice);
    const other = await createLead(alice);
    const note = (await as(alice).post(`/api/leads/${lead.id}/notes`, { text: 'Mine' }).expect(201)).body as Entry;
    await as(alice).delete(`/api/leads/${other.id}/notes/${note.id}`).expect(404);
    expect((await activity(alice, lead.id))[0]).toEqual(note);
  });

  it("keeps another user's lead out of reach: activity, notes and note deletion are 404, before the body is looked at", async () => {
    const lead = await createLead(alice);
    const note = (await as(alice).post(`/api/leads/${lead.id}/notes`, { text: 'Private' }).expect(201)).body as Entry;
    expect((await as(bob).get(`/api/leads/${lead.id}/activity`).expect(404)).body).toEqual(NOT_FOUND);
    expect((await as(bob).post(`/api/leads/${lead.id}/notes`, { text: 'Hi' }).expect(404)).body).toEqual(NOT_FOUND);
    expect((await as(bob).post(`/api/leads/${lead.id}/notes`, {}).expect(404)).body).toEqual(NOT_FOUND);
    expect((await as(bob).delete(`/api/leads/${lead.id}/notes/${note.id}`).expect(404)).body).toEqual(NOT_FOUND);
    const bobs = await createLead(bob);
    await as(bob).delete(`/api/leads/${bobs.id}/notes/${note.id}`).expect(404);
    expect((await activity(alice, lead.id))[0]).toEqual(note);
    await as(alice).get('/api/leads/999999/activity').expect(404);
  });

  it('needs a token on every new route', async () => {
    const lead = await createLead(alice);
    await testApp.http().get(`/api/leads/${lead.id}/activity`).expect(401);
    await testApp.http().post(`/api/leads/${lead.id}/notes`).send({ text: 'x' }).expect(401);
    await testApp.http().delete(`/api/leads/${lead.id}/notes/1`).expect(401);
  });
});

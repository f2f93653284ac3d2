import { Lead } from '../src/leads/lead.entity.js';
import { type Account, registerAccount } from './support/accounts.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe('Leads', () => {
  let testApp: TestApp;
  let alice: Account;
  let bob: Account;

  beforeAll(async () => {
    testApp = await startTestApp();
    alice = await registerAccount(testApp, 'alice');
    bob = await registerAccount(testApp, 'bob');
  });

  afterAll(async () => {
    await testApp.close();
  });

  const as = (account: Account) => ({
    get: (path: string) => testApp.http().get(path).set('Authorization', account.auth),
    post: (path: string, body: object) => testApp.http().post(path).set('Authorization', account.auth).send(body),
    put: (path: string, body: object) => testApp.http().put(path).set('Authorization', account.auth).send(body),
    patch: (path: string, body: object) => testApp.http().patch(path).set('Authorization', account.auth).send(body),
    delete: (path: string) => testApp.http().delete(path).set('Authorization', account.auth),
  });

  /** `lead` after a PUT or PATCH: the fields changed, and a new update time. */
  const changed = (lead: { created_at: string }, fields: object = {}) => ({
    ...lead,
    ...fields,
    updated_at: expect.stringMatching(ISO_TIME),
  });

  let emailCounter = 0;
  const createLead = async (account: Account, fields: object = {}) => {
    const body = { name: 'Jane Doe', email: `lead${++emailCounter}@example.com`, ...fields };
    return (await as(account).post('/api/leads', body).expect(201)).body;
  };

  describe('POST /api/leads', () => {
    it('creates a lead owned by the caller', async () => {
      const response = await as(alice).post('/api/leads/', { name: 'Jane Doe', email: 'jane@example.com' }).expect(201);
      expect(response.body).toEqual({
        id: expect.any(Number),
        name: 'Jane Doe',
        email: 'jane@example.com',
        message: '',
        owner: alice.id,
        created_at: expect.stringMatching(ISO_TIME),
        status: 'new',
        source: '',
        updated_at: response.body.created_at,
      });
      await as(alice).get(`/api/leads/${response.body.id}`).expect(200, response.body);
    });

    it('ignores id, owner and created_at sent in the body', async () => {
      const response = await as(alice)
        .post('/api/leads', { name: 'Sneaky', email: 'sneaky@example.com', id: 999, owner: bob.id, created_at: '2000-01-01T00:00:00.000Z' })
        .expect(201);
      expect(response.body.owner).toBe(alice.id);
      expect(response.body.id).not.toBe(999);
      expect(response.body.created_at).not.toBe('2000-01-01T00:00:00.000Z');
      await as(bob).get(`/api/leads/${response.body.id}`).expect(404);
    });

    it('refuses a second lead with the same email for the same owner', async () => {
      await createLead(alice, { email: 'dup@example.com' });
      const response = await as(alice).post('/api/leads', { name: 'Again', email: 'dup@example.com' }).expect(400);
      expect(response.body).toEqual({ msg: { email: ['lead with this email already exists.'] }, status: 400 });
    });

    it('lets two users each have a lead with the same email', async () => {
      await createLead(alice, { email: 'shared@example.com' });
      await createLead(bob, { email: 'shared@example.com' });
    });

    it('accepts a URL-encoded form', async () => {
      const response = await testApp
        .http()
        .post('/api/leads')
        .set('Authorization', alice.auth)
        .type('form')
        .send('name=Form+Lead&email=form%40example.com&message=hi')
        .expect(201);
      expect(response.body).toMatchObject({ name: 'Form Lead', email: 'form@example.com', message: 'hi' });
    });

    it.each([
      [{ email: 'a@b.io' }, { name: ['This field is required.'] }],
      [{ name: 'A' }, { email: ['This field is required.'] }],
      [
        { name: '', email: '' },
        { name: ['This field may not be blank.'], email: ['This field may not be blank.'] },
      ],
      [{ name: 'n'.repeat(101), email: 'a@b.io' }, { name: ['Ensure this field has no more than 100 characters.'] }],
      [{ name: 'A', email: 'nope' }, { email: ['Enter a valid email address.'] }],
      [{ name: 'A', email: `${'e'.repeat(60)}@${'d'.repeat(40)}.io` }, { email: ['Ensure this field has no more than 100 characters.'] }],
      [{ name: 'A', email: 'a@b.io', message: 'm'.repeat(501) }, { message: ['Ensure this field has no more than 500 characters.'] }],
      [{ name: 'A', email: 'a@b.io', message: null }, { message: ['This field may not be null.'] }],
      [{ name: 'A', email: 'a@b.io', phone: '555' }, { phone: ['This field is not allowed.'] }],
      [
        { name: 'Nul\u0000', email: 'a@b.io', message: '\u0000' },
        { name: ['Null characters are not allowed.'], message: ['Null characters are not allowed.'] },
      ],
    ])('refuses %j with field errors and writes nothing', async (body, errors) => {
      const before = await testApp.dataSource.manager.count(Lead);
      const response = await as(alice).post('/api/leads', body).expect(400);
      expect(response.body).toEqual({ msg: errors, status: 400 });
      expect(await testApp.dataSource.manager.count(Lead)).toBe(before);
    });

    it('trims surrounding white space as DRF does', async () => {
      const lead = await createLead(alice, { name: '  Padded  ', email: ' padded@example.com ' });
      expect(lead).toMatchObject({ name: 'Padded', email: 'padded@example.com' });
    });
  });

  describe('GET /api/leads', () => {
    it("lists only the caller's leads, oldest first", async () => {
      const carol = await registerAccount(testApp, 'carol');
      const first = await createLead(carol);
      const second = await createLead(carol);
      await createLead(bob);
      const response = await as(carol).get('/api/leads').expect(200);
      expect(response.body).toEqual([first, second]);
      expect(response.headers.link).toBeUndefined();
    });

    it('pages with limit and after, and links the next page', async () => {
      const dave = await registerAccount(testApp, 'dave');
      const ids: number[] = [];
      for (let i = 0; i < 5; i++) ids.push((await createLead(dave)).id);

      const page1 = await as(dave).get('/api/leads?limit=2').expect(200);
      expect(page1.body.map((lead: { id: number }) => lead.id)).toEqual(ids.slice(0, 2));
      expect(page1.headers.link).toMatch(/^<\/api\/leads\?limit=2&cursor=[\w.-]+>; rel="next"$/);

      const next = /<([^>]+)>/.exec(page1.headers.link)![1];
      const page2 = await as(dave).get(next).expect(200);
      expect(page2.body.map((lead: { id: number }) => lead.id)).toEqual(ids.slice(2, 4));

      const page3 = await as(dave).get(`/api/leads/?limit=2&after=${ids[3]}`).expect(200);
      expect(page3.body.map((lead: { id: number }) => lead.id)).toEqual([ids[4]]);
      expect(page3.headers.link).toBeUndefined();
    });

    it('shows 100 leads by default', async () => {
      const erin = await registerAccount(testApp, 'erin');
      const rows = Array.from({ length: 101 }, (_, i) => ({
        name: `Lead ${i}`,
        email: `bulk${i}@example.com`,
        message: '',
        ownerId: erin.id,
        createdAt: new Date().toISOString(),
        updatedAt: new Date().toISOString(),
      }));
      await testApp.dataSource.manager.insert(Lead, rows);
      const response = await as(erin).get('/api/leads').expect(200);
      expect(response.body).toHaveLength(100);
      expect(response.headers.link).toMatch(/^<\/api\/leads\?cursor=[\w.-]+>; rel="next"$/);
    });

    it.each([
      ['limit=0', { limit: ['Ensure this value is greater than or equal to 1.'] }],
      ['limit=1001', { limit: ['Ensure this value is less than or equal to 1000.'] }],
      ['limit=ten', { limit: ['A valid integer is required.'] }],
      ['after=-1', { after: ['Ensure this value is greater than or equal to 0.'] }],
      ['limit=-5', { limit: ['Ensure this value is greater than or equal to 1.'] }],
      ['after=x&limit=1.5', { after: ['A valid integer is required.'], limit: ['A valid integer is required.'] }],
    ])('refuses ?%s with a field error', async (query, errors) => {
      const response = await as(alice).get(`/api/leads?${query}`).expect(400);
      expect(response.body).toEqual({ msg: errors, status: 400 });
    });

    it('ignores query parameters it does not know (cache busters)', async () => {
      await as(alice).get('/api/leads?_=12345').expect(200);
    });
  });

  describe('one lead: GET, PUT, PATCH, DELETE /api/leads/:id', () => {
    it('replaces with PUT, keeping message when it is left out', async () => {
      const lead = await createLead(alice, { message: 'keep me' });
      const response = await as(alice).put(`/api/leads/${lead.id}/`, { name: 'New Name', email: 'new@example.com' }).expect(200);
      expect(response.body).toEqual(changed(lead, { name: 'New Name', email: 'new@example.com', message: 'keep me' }));
      await as(alice).get(`/api/leads/${lead.id}`).expect(200, response.body);
    });

    it('needs every required field for PUT', async () => {
      const lead = await createLead(alice);
      const response = await as(alice).put(`/api/leads/${lead.id}`, { name: 'Only name' }).expect(400);
      expect(response.body.msg).toEqual({ email: ['This field is required.'] });
      await as(alice).get(`/api/leads/${lead.id}`).expect(200, lead);
    });

    it('updates part of a lead with PATCH', async () => {
      const lead = await createLead(alice);
      const response = await as(alice).patch(`/api/leads/${lead.id}`, { message: 'called back' }).expect(200);
      expect(response.body).toEqual(changed(lead, { message: 'called back' }));
      expect(response.body.updated_at >= lead.updated_at).toBe(true);
    });

    it('ignores id, owner and created_at in a PUT body', async () => {
      const lead = await createLead(alice);
      const response = await as(alice)
        .put(`/api/leads/${lead.id}`, { name: 'Put', email: lead.email, id: 1, owner: bob.id, created_at: '2000-01-01T00:00:00.000Z' })
        .expect(200);
      expect(response.body).toEqual(changed(lead, { name: 'Put' }));
    });

    it('never moves a lead to another owner or changes its id or creation time', async () => {
      const lead = await createLead(alice);
      const response = await as(alice)
        .patch(`/api/leads/${lead.id}`, {
          owner: bob.id,
          id: lead.id + 1000,
          created_at: '2000-01-01T00:00:00.000Z',
          updated_at: '2000-01-01T00:00:00.000Z',
        })
        .expect(200);
      expect(response.body).toEqual(changed(lead));
      expect(response.body.updated_at).not.toBe('2000-01-01T00:00:00.000Z');
      await as(alice).get(`/api/leads/${lead.id}`).expect(200, response.body);
    });

    it('refuses a PATCH to an email the owner already uses, changing nothing', async () => {
      const taken = await createLead(alice);
      const lead = await createLead(alice);
      const response = await as(alice).patch(`/api/leads/${lead.id}`, { email: taken.email }).expect(400);
      expect(response.body.msg).toEqual({ email: ['lead with this email already exists.'] });
      await as(alice).get(`/api/leads/${lead.id}`).expect(200, lead);
    });

    it('refuses null and blank in a PATCH', async () => {
      const lead = await createLead(alice);
      const response = await as(alice).patch(`/api/leads/${lead.id}`, { name: null, email: ' ' }).expect(400);
      expect(response.body.msg).toEqual({ name: ['This field may not be null.'], email: ['This field may not be blank.'] });
    });

    it('deletes with 204 and then answers 404', async () => {
      const lead = await createLead(alice);
      await as(alice).delete(`/api/leads/${lead.id}/`).expect(204, '');
      await as(alice).get(`/api/leads/${lead.id}`).expect(404);
      await as(alice).delete(`/api/leads/${lead.id}`).expect(404);
    });

    it.each(['abc', '0', '-1', '1.5', '99999999999999999999', '2147483648', '0x1', '1e0', '0b1', '%201', '01', '%FF'])(
      'answers 404 for the id %s, even where another reading of it is a real lead',
      async (id) => {
        // Lead 1 is alice's (the first lead of this database): `0x1` or `1e0` must not reach it.
        await as(alice).get('/api/leads/1').expect(200);
        const response = await as(alice).get(`/api/leads/${id}`).expect(404);
        expect(response.body).toEqual({ msg: { detail: 'Not found.' }, status: 404 });
      },
    );
  });

  describe('status and source', () => {
    type ActivityRow = { type: string; from_status: string | null; to_status: string | null; created_at: string };
    const activityOf = (leadId: number): Promise<ActivityRow[]> =>
      testApp.dataSource.query(
        `SELECT "type", "from_status", "to_status", "created_at" FROM "lead_activity" WHERE "lead_id" = ${Number(leadId)} ORDER BY "id"`,
      );

    it('takes both on creation, and records the creation', async () => {
      const lead = await createLead(alice, { status: 'contacted', source: 'Trade fair' });
      expect(lead).toMatchObject({ status: 'contacted', source: 'Trade fair' });
      expect(await activityOf(lead.id)).toEqual([{ type: 'created', from_status: null, to_status: null, created_at: lead.created_at }]);
    });

    it.each([
      [{ status: 'open' }, { status: ['"open" is not a valid choice.'] }],
      [{ status: 'New' }, { status: ['"New" is not a valid choice.'] }],
      [{ status: '' }, { status: ['"" is not a valid choice.'] }],
      [{ status: 3 }, { status: ['"3" is not a valid choice.'] }],
      [{ status: null }, { status: ['This field may not be null.'] }],
      [{ source: 's'.repeat(101) }, { source: ['Ensure this field has no more than 100 characters.'] }],
      [{ source: null }, { source: ['This field may not be null.'] }],
    ])('refuses %j with a field error', async (fields, errors) => {
      const response = await as(alice)
        .post('/api/leads', { name: 'Bad', email: 'bad-status@example.com', ...fields })
        .expect(400);
      expect(response.body).toEqual({ msg: errors, status: 400 });
    });

    it('keeps status and source when PUT leaves them out, and records a change of status made by PUT or PATCH', async () => {
      const lead = await createLead(alice, { status: 'contacted', source: 'Web' });
      const put = await as(alice).put(`/api/leads/${lead.id}`, { name: 'Renamed', email: lead.email }).expect(200);
      expect(put.body).toMatchObject({ status: 'contacted', source: 'Web', name: 'Renamed' });
      const qualified = await as(alice).patch(`/api/leads/${lead.id}`, { status: 'qualified' }).expect(200);
      const won = await as(alice)
        .put(`/api/leads/${lead.id}`, { name: 'Renamed', email: lead.email, status: 'won', source: '' })
        .expect(200);
      expect(won.body).toMatchObject({ status: 'won', source: '' });
      expect(await activityOf(lead.id)).toEqual([
        { type: 'created', from_status: null, to_status: null, created_at: lead.created_at },
        { type: 'status', from_status: 'contacted', to_status: 'qualified', created_at: qualified.body.updated_at },
        { type: 'status', from_status: 'qualified', to_status: 'won', created_at: won.body.updated_at },
      ]);
    });

    it('writes nothing in the activity when the status is set to the one it has', async () => {
      const lead = await createLead(alice);
      await as(alice).patch(`/api/leads/${lead.id}`, { status: 'new' }).expect(200);
      expect((await activityOf(lead.id)).map((entry) => entry.type)).toEqual(['created']);
    });

    it('changes nothing, activity included, when the change is refused', async () => {
      const taken = await createLead(alice);
      const lead = await createLead(alice);
      await as(alice).patch(`/api/leads/${lead.id}`, { status: 'lost', email: taken.email }).expect(400);
      await as(alice).get(`/api/leads/${lead.id}`).expect(200, lead);
      expect((await activityOf(lead.id)).map((entry) => entry.type)).toEqual(['created']);
    });

    it('deletes the notes and activity with the lead', async () => {
      const lead = await createLead(alice);
      await as(alice).patch(`/api/leads/${lead.id}`, { status: 'lost' }).expect(200);
      await testApp.dataSource.query(
        `INSERT INTO "lead_notes" ("lead_id", "text", "created_at") VALUES (${Number(lead.id)}, 'called', '2026-01-01T00:00:00.000Z')`,
      );
      await as(alice).delete(`/api/leads/${lead.id}`).expect(204);
      expect(await activityOf(lead.id)).toEqual([]);
      expect(await testApp.dataSource.query(`SELECT "id" FROM "lead_notes" WHERE "lead_id" = ${Number(lead.id)}`)).toEqual([]);
    });
  });

  describe("another user's lead", () => {
    it('is 404 for get, put, patch and delete, and stays unchanged', async () => {
      const lead = await createLead(alice, { message: 'private' });
      const notFound = { msg: { detail: 'Not found.' }, status: 404 };
      await as(bob).get(`/api/leads/${lead.id}`).expect(404, notFound);
      await as(bob).put(`/api/leads/${lead.id}`, { name: 'Stolen', email: 'stolen@example.com' }).expect(404, notFound);
      await as(bob).patch(`/api/leads/${lead.id}`, { message: 'mine now' }).expect(404, notFound);
      await as(bob).delete(`/api/leads/${lead.id}`).expect(404, notFound);
      await as(alice).get(`/api/leads/${lead.id}`).expect(200, lead);
    });

    it('is 404 before the body is looked at, as DRF finds the object first', async () => {
      const lead = await createLead(alice, { message: 'private' });
      const notFound = { msg: { detail: 'Not found.' }, status: 404 };
      await as(bob).put(`/api/leads/${lead.id}`, {}).expect(404, notFound);
      await as(bob).put(`/api/leads/${lead.id}`, { name: '', email: 'not-an-email', phone: 1 }).expect(404, notFound);
      await as(bob).patch(`/api/leads/${lead.id}`, { email: null }).expect(404, notFound);
      await as(alice).put('/api/leads/2147483647', {}).expect(404, notFound);
      await as(alice).patch('/api/leads/abc', { email: 'bad' }).expect(404, notFound);
      await as(alice)
        .put(`/api/leads/${lead.id}`, {})
        .expect(400, {
          msg: { name: ['This field is required.'], email: ['This field is required.'] },
          status: 400,
        });
      await as(alice).get(`/api/leads/${lead.id}`).expect(200, lead);
    });

    it('is never listed', async () => {
      const lead = await createLead(alice);
      const response = await as(bob).get('/api/leads?limit=1000').expect(200);
      expect(response.body.map((item: { id: number }) => item.id)).not.toContain(lead.id);
      expect(response.body.every((item: { owner: number }) => item.owner === bob.id)).toBe(true);
    });
  });

  it('needs a token on every route', async () => {
    const lead = await createLead(alice);
    await testApp.http().get('/api/leads').expect(401);
    await testApp.http().post('/api/leads').send({ name: 'A', email: 'a@b.io' }).expect(401);
    await testApp.http().get(`/api/leads/${lead.id}`).expect(401);
    await testApp.http().put(`/api/leads/${lead.id}`).send({ name: 'A', email: 'a@b.io' }).expect(401);
    await testApp.http().patch(`/api/leads/${lead.id}`).send({ name: 'A' }).expect(401);
    await testApp.http().delete(`/api/leads/${lead.id}`).expect(401);
    await as(alice).get(`/api/leads/${lead.id}`).expect(200, lead);
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { leadKeys } from '../src/leads/lead-keys.js';
import { Lead, type LeadStatus } from '../src/leads/lead.entity.js';
import { type Account, registerAccount } from './support/accounts.js';
import { startTestApp, type TestApp } from './support/test-app.js';

type ShownLead = {
  id: number;
  name: string;
  email: string;
  message: string;
  source: string;
  status: LeadStatus;
  created_at: string;
  updated_at: string;
};

const INVALID_CURSOR = { msg: { detail: 'Invalid cursor' }, status: 404 };

describe('Searching, filtering, ordering and paging the leads', () => {
  let testApp: TestApp;
  let alice: Account;
  let bob: Account;

  beforeAll(async () => {
    testApp = await startTestApp();
    alice = await registerAccount(testApp, 'searcher');
    bob = await registerAccount(testApp, 'other');
  });

  afterAll(async () => {
    await testApp.close();
  });

  const get = (account: Account, path: string) => testApp.http().get(path).set('Authorization', account.auth);
  const names = (body: ShownLead[]) => body.map((lead) => lead.name);
  const nextLink = (link: string | undefined) => (link ? /^<([^>]+)>; rel="next"$/.exec(link)![1] : null);

  let counter = 0;
  const create = async (account: Account, fields: Partial<ShownLead> & { name: string }) =>
    (
      await testApp
        .http()
        .post('/api/leads')
        .set('Authorization', account.auth)
        .send({ email: `found${++counter}@example.com`, ...fields })
        .expect(201)
    ).body as ShownLead;

  /** Every page of `path`, following `Link` until the last. */
  const allPages = async (account: Account, path: string) => {
    const pages: ShownLead[][] = [];
    for (let next: string | null = path; next;) {
      const response = await get(account, next).expect(200);
      pages.push(response.body as ShownLead[]);
      next = nextLink(response.headers.link);
      expect(pages.length).toBeLessThan(100);
    }
    return pages;
  };

  describe('search', () => {
    let searchUser: Account;

    beforeAll(async () => {
      searchUser = await registerAccount(testApp, 'finder');
      await create(searchUser, { name: 'Grace Hopper', email: 'grace@navy.example', message: 'Compilers', source: 'Conference' });
      await create(searchUser, { name: 'Ada Lovelace', email: 'ada@engine.example', message: 'Notes on the engine', source: 'Referral' });
      await create(searchUser, { name: 'Élodie Dupré', email: 'elodie@exemple.fr', message: 'Met at the fair', source: 'Trade fair' });
      await create(searchUser, { name: 'Percy Sign', email: 'percy@example.com', message: 'Wants 50%_off, "now"', source: '' });
      await create(bob, { name: 'Grace Elsewhere', email: 'grace@navy.example' });
    });

    const search = async (text: string) => names((await get(searchUser, `/api/leads?search=${encodeURIComponent(text)}`).expect(200)).body);

    it('finds a fragment of a word, anywhere in a name, and ANDs the terms', async () => {
      expect(await search('gra hop')).toEqual(['Grace Hopper']);
      expect(await search('hop gra')).toEqual(['Grace Hopper']);
      expect(await search('grace ada')).toEqual([]);
      expect(await search('ove')).toEqual(['Ada Lovelace']);
    });

    it('looks in the email, the message and the source', async () => {
      expect(await search('navy.exa')).toEqual(['Grace Hopper']);
      expect(await search('engine')).toEqual(['Ada Lovelace']);
      expect(await search('compil')).toEqual(['Grace Hopper']);
      expect(await search('referral')).toEqual(['Ada Lovelace']);
      expect(await search('fair')).toEqual(['Élodie Dupré']);
    });

    it('ignores case and accents, in the leads and in the terms', async () => {
      expect(await search('GRACE')).toEqual(['Grace Hopper']);
      expect(await search('ÉLODIE')).toEqual(['Élodie Dupré']);
      expect(await search('elodie dupre')).toEqual(['Élodie Dupré']);
      expect(await search('DUPRÉ')).toEqual(['Élodie Dupré']);
    });

    it('takes terms of one or two characters too', async () => {
      expect(await search('a')).toEqual(['Grace Hopper', 'Ada Lovelace', 'Élodie Dupré', 'Percy Sign']);
      expect(await search('da lo')).toEqual(['Ada Lovelace']);
      expect(await search('é')).toEqual(['Grace Hopper', 'Ada Lovelace', 'Élodie Dupré', 'Percy Sign']);
    });

    it('takes SQL and FTS characters as text', async () => {
      expect(await search('50%_')).toEqual(['Percy Sign']);
      expect(await search('%')).toEqual(['Percy Sign']);
      expect(await search('_o')).toEqual(['Percy Sign']);
      expect(await search('"now"')).toEqual(['Percy Sign']);
      expect(await search('" OR "')).toEqual([]);
      expect(await search('*')).toEqual([]);
      expect(await search("'; DROP TABLE leads; --")).toEqual([]);
    });

    it('treats an empty search as none', async () => {
      expect(await search('')).toHaveLength(4);
      expect(await search('   ')).toHaveLength(4);
    });

    it("never finds another user's leads", async () => {
      expect(await search('elsewhere')).toEqual([]);
      expect(names((await get(bob, '/api/leads?search=grace').expect(200)).body)).toEqual(['Grace Elsewhere']);
    });

    it('follows changes: an edited lead is found by its new text, a deleted one is gone', async () => {
      const lead = await create(searchUser, { name: 'Temporary Person', email: 'temp@example.com' });
      expect(await search('temporary')).toEqual(['Temporary Person']);
      await testApp
        .http()
        .patch(`/api/leads/${lead.id}`)
        .set('Authorization', searchUser.auth)
        .send({ name: 'Renamed Zygote' })
        .expect(200);
      expect(await search('temporary')).toEqual([]);
      expect(await search('zygo')).toEqual(['Renamed Zygote']);
      await testApp.http().delete(`/api/leads/${lead.id}`).set('Authorization', searchUser.auth).expect(204);
      expect(await search('zygo')).toEqual([]);
    });
  });

  describe('status filter, ordering and cursor paging', () => {
    let owner: Account;
    let rows: ShownLead[];

    // Leads with ties on every key, written straight to the table as the app writes them.
    beforeAll(async () => {
      owner = await registerAccount(testApp, 'orderer');
      const statuses: LeadStatus[] = ['new', 'contacted', 'qualified', 'won', 'lost'];
      const names = ['bob', 'Bob', 'alice', 'Álvaro', 'carol', 'BOB', 'dave', 'alice'];
      const values = Array.from({ length: 24 }, (_, i) => {
        const fields = { name: names[i % names.length], email: `order${i}@example.com`, message: '', source: i % 2 ? 'Web' : '' };
        return {
          ...fields,
          ...leadKeys(fields),
          ownerId: owner.id,
          status: statuses[i % 3 === 0 ? 0 : i % statuses.length],
          createdAt: `2026-01-0${1 + (i % 3)}T00:00:00.000Z`,
          updatedAt: `2026-02-0${1 + (i % 4)}T00:00:00.000Z`,
        };
      });
      await testApp.dataSource.manager.insert(Lead, values);
      rows = (await get(owner, '/api/leads?limit=1000').expect(200)).body as ShownLead[];
      expect(rows).toHaveLength(24);
    });

    const fold = (text: string) => text.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');
    const keyOf: Record<string, (lead: ShownLead) => string | number> = {
      id: (lead) => lead.id,
      created_at: (lead) => lead.created_at,
      updated_at: (lead) => lead.updated_at,
      name: (lead) => fold(lead.name),
    };
    const expected = (ordering: string, statuses?: LeadStatus[]) => {
      const field = ordering.replace('-', '');
      const sign = ordering.startsWith('-') ? -1 : 1;
      const compare = (a: ShownLead, b: ShownLead) => {
        const [x, y] = [keyOf[field](a), keyOf[field](b)];
        return sign * (x < y ? -1 : x > y ? 1 : a.id - b.id);
      };
      return rows.filter((lead) => !statuses || statuses.includes(lead.status)).sort(compare);
    };

    it.each(['id', '-id', 'created_at', '-created_at', 'updated_at', '-updated_at', 'name', '-name'])(
      'orders by %s, ties broken by id, and pages without repeating or skipping a lead',
      async (ordering) => {
        const pages = await allPages(owner, `/api/leads?ordering=${ordering}&limit=5`);
        expect(pages.map((page) => page.length)).toEqual([5, 5, 5, 5, 4]);
        expect(pages.flat().map((lead) => lead.id)).toEqual(expected(ordering).map((lead) => lead.id));
      },
    );

    it('filters by one status or several, and pages a filtered, descending list', async () => {
      for (const status of ['new', 'won', 'new,contacted', 'won,lost,won', 'qualified,']) {
        const statuses = status.split(',').filter(Boolean) as LeadStatus[];
        const pages = await allPages(owner, `/api/leads?status=${status}&ordering=-updated_at&limit=2`);
        expect(pages.flat().map((lead) => lead.id)).toEqual(expected('-updated_at', statuses).map((lead) => lead.id));
        expect(pages.flat().every((lead) => statuses.includes(lead.status))).toBe(true);
      }
    });

    it('keeps every parameter in the Link, with an opaque cursor', async () => {
      const response = await get(owner, '/api/leads?status=new&ordering=-name&limit=2&search=a&_=7').expect(200);
      const next = new URL(nextLink(response.headers.link)!, 'http://host');
      expect(next.pathname).toBe('/api/leads');
      expect(Object.fromEntries(next.searchParams)).toEqual({
        status: 'new',
        ordering: '-name',
        limit: '2',
        search: 'a',
        _: '7',
        cursor: expect.any(String),
      });
    });

    it('still takes after= with the default ordering, and links the next page with a cursor', async () => {
      const page = await get(owner, `/api/leads?limit=3&after=${rows[4].id}`).expect(200);
      expect((page.body as ShownLead[]).map((lead) => lead.id)).toEqual(rows.slice(5, 8).map((lead) => lead.id));
      const second = await get(owner, nextLink(page.headers.link)!).expect(200);
      expect((second.body as ShownLead[]).map((lead) => lead.id)).toEqual(rows.slice(8, 11).map((lead) => lead.id));
    });

    it('answers 404 Invalid cursor to an altered cursor, or to one of another query', async () => {
      const first = await get(owner, '/api/leads?ordering=name&limit=2').expect(200);
      const cursor = new URL(nextLink(first.headers.link)!, 'http://host').searchParams.get('cursor')!;
      await get(owner, `/api/leads?ordering=name&limit=2&cursor=${cursor}`).expect(200);
      const [payload, sum] = cursor.split('.');
      const forged = Buffer.from(JSON.stringify(['a', 1])).toString('base64url');
      const flipped = `${payload.slice(0, -1)}${payload.endsWith('A') ? 'B' : 'A'}.${sum}`;
      for (const bad of [flipped, `${forged}.${sum}`, `${payload}.${sum}x`, 'garbage', `${cursor}.x`, '.', 'x'.repeat(2000)]) {
        const response = await get(owner, `/api/leads?ordering=name&limit=2&cursor=${encodeURIComponent(bad)}`).expect(404);
        expect(response.body).toEqual(INVALID_CURSOR);
      }
      for (const other of ['ordering=-name', 'ordering=id', 'ordering=name&status=new', 'ordering=name&search=bob']) {
        expect((await get(owner, `/api/leads?${other}&cursor=${cursor}`).expect(404)).body).toEqual(INVALID_CURSOR);
      }
    });

    it("does not show another user's leads through a cursor", async () => {
      const first = await get(owner, '/api/leads?limit=2').expect(200);
      const response = await get(bob, nextLink(first.headers.link)!).expect(200);
      expect((response.body as ShownLead[]).every((lead) => (lead as unknown as { owner: number }).owner === bob.id)).toBe(true);
    });
  });

  describe('stats', () => {
    it('counts every status, 0 included, and the matching leads with search', async () => {
      const counter = await registerAccount(testApp, 'counter');
      await create(counter, { name: 'One Fish', status: 'won' });
      await create(counter, { name: 'Two Fish', status: 'won' });
      await create(counter, { name: 'Red Bird' });
      await create(bob, { name: 'Blue Fish', status: 'lost' });
      const all = await get(counter, '/api/leads/stats').expect(200);
      expect(all.body).toEqual({ total: 3, by_status: { new: 1, contacted: 0, qualified: 0, won: 2, lost: 0 } });
      const fish = await get(counter, '/api/leads/stats?search=fish').expect(200);
      expect(fish.body).toEqual({ total: 2, by_status: { new: 0, contacted: 0, qualified: 0, won: 2, lost: 0 } });
      const none = await get(counter, '/api/leads/stats?search=nothing').expect(200);
      expect(none.body).toEqual({ total: 0, by_status: { new: 0, contacted: 0, qualified: 0, won: 0, lost: 0 } });
    });
  });

  describe('bad values', () => {
    it.each([
      ['search=' + 'x'.repeat(101), { search: ['Ensure this field has no more than 100 characters.'] }],
      ['search=' + Array.from({ length: 11 }, (_, i) => `t${i}`).join('+'), { search: ['Ensure this field has no more than 10 terms.'] }],
      ['search=a%00b', { search: ['Null characters are not allowed.'] }],
      ['status=open', { status: ['"open" is not a valid choice.'] }],
      ['status=new,bogus', { status: ['"bogus" is not a valid choice.'] }],
      ['status=NEW', { status: ['"NEW" is not a valid choice.'] }],
      ['ordering=email', { ordering: ['"email" is not a valid choice.'] }],
      ['ordering=-', { ordering: ['"-" is not a valid choice.'] }],
      ['ordering=name,id', { ordering: ['"name,id" is not a valid choice.'] }],
      ['limit=0', { limit: ['Ensure this value is greater than or equal to 1.'] }],
      ['after=x', { after: ['A valid integer is required.'] }],
    ])('refuses ?%s with a field error', async (query, errors) => {
      const response = await get(alice, `/api/leads?${query}`).expect(400);
      expect(response.body).toEqual({ msg: errors, status: 400 });
    });

    it('refuses a bad search on stats too', async () => {
      const response = await get(alice, `/api/leads/stats?search=${'x'.repeat(101)}`).expect(400);
      expect(response.body).toEqual({ msg: { search: ['Ensure this field has no more than 100 characters.'] }, status: 400 });
    });

    it('needs a token for the list and the stats', async () => {
      await testApp.http().get('/api/leads?search=a').expect(401);
      await testApp.http().get('/api/leads/stats').expect(401);
    });
  });
});

describe('The new list parameters, generated', () => {
  let testApp: TestApp;
  let owner: Account;
  let cursors: string[];

  beforeAll(async () => {
    testApp = await startTestApp();
    owner = await registerAccount(testApp, 'generated');
    const other = await registerAccount(testApp, 'bystander');
    for (const [account, n] of [
      [owner, 6],
      [other, 2],
    ] as const) {
      for (let i = 0; i < n; i++) {
        await testApp
          .http()
          .post('/api/leads')
          .set('Authorization', account.auth)
          .send({ name: `Gen Ëmma ${i}`, email: `gen${i}@example.com`, status: ['new', 'won', 'lost'][i % 3], source: `s${i}` })
          .expect(201);
      }
    }
    cursors = [];
    for (const query of ['limit=1', 'limit=1&ordering=-name', 'limit=1&status=won&ordering=updated_at']) {
      const link = (await testApp.http().get(`/api/leads?${query}`).set('Authorization', owner.auth).expect(200)).headers.link;
      cursors.push(new URL(/<([^>]+)>/.exec(link)![1], 'http://host').searchParams.get('cursor')!);
    }
  });

  afterAll(async () => {
    await testApp.close();
  });

  const anyText = fc.string({ unit: 'grapheme', maxLength: 30 });
  const parameter = (name: string, values: fc.Arbitrary<string>) =>
    fc.option(values.map((value) => `${name}=${encodeURIComponent(value)}`));

  it('answers 200, 400 or 404 and only ever the caller’s leads, as the filter asks', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(
          parameter('search', fc.oneof(anyText, fc.constantFrom('gen', 'ËMMA', 'emma 1', '%', '_', '"', 'e', 'zz'))),
          parameter('status', fc.oneof(fc.constantFrom('new', 'won,lost', 'new,,won', 'NEW', 'x', ','), anyText)),
          parameter(
            'ordering',
            fc.oneof(fc.constantFrom('id', '-id', 'name', '-name', 'created_at', '-updated_at', '--id', 'owner'), anyText),
          ),
          parameter('limit', fc.constantFrom('1', '2', '0', '1000', '1001', 'x')),
          parameter('after', fc.constantFrom('0', '1', '-1', '99999999999', 'x')),
          parameter(
            'cursor',
            fc.oneof(
              fc.constantFrom(...cursors),
              fc
                .constantFrom(...cursors)
                .chain((cursor) =>
                  fc
                    .nat({ max: cursor.length - 1 })
                    .map((at) => `${cursor.slice(0, at)}${cursor[at] === 'x' ? 'y' : 'x'}${cursor.slice(at + 1)}`),
                ),
              anyText,
            ),
          ),
        ),
        async (parameters) => {
          const query = parameters.filter((part) => part !== null).join('&');
          const response = await testApp.http().get(`/api/leads?${query}`).set('Authorization', owner.auth);
          expect([200, 400, 404]).toContain(response.status);
          if (response.status !== 200) return;
          const status = new URLSearchParams(query).get('status');
          for (const lead of response.body as { owner: number; status: string }[]) {
            expect(lead.owner).toBe(owner.id);
            if (status?.trim()) expect(status.split(',')).toContain(lead.status);
          }
          const stats = await testApp.http().get(`/api/leads/stats?${query}`).set('Authorization', owner.auth);
          expect([200, 400]).toContain(stats.status);
        },
      ),
      { seed: 20261205, numRuns: Number(process.env.PROPERTY_RUNS ?? 60) },
    );
  });
});

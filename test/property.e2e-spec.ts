import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { Response } from 'supertest';
import { type Account, registerAccount } from './support/accounts.js';
import type { ErrorFormat } from '../src/config/settings.js';
import { expectContractError } from './support/contract-errors.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * "No input breaks it", as a hostile client would check: generated bodies,
 * query strings, content types and Authorization headers on every route of
 * the contract, over HTTP on the real app. `npm test` runs a few per route
 * with a fixed seed; PROPERTY_RUNS and PROPERTY_SEED run more or others. A
 * failure prints the seed and the shrunk request: keep it as a regression
 * test in property-regressions.e2e-spec.ts.
 */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 25);
const SEED = Number(process.env.PROPERTY_SEED ?? 20261130);

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

interface Route {
  method: Method;
  /** `:id` stands for a generated id (a lead's or a session's). */
  path: string;
  /** Needs a token; a route that ends it gets a fresh one for each request. */
  auth?: 'token' | 'spends token';
  /** The body fields and query parameters it reads, so generated input reaches them too. */
  fields?: string[];
  query?: string[];
}

const LEAD_FIELDS = ['name', 'email', 'message', 'status', 'source', 'id', 'owner', 'created_at', 'updated_at'];

/** Every route of the contract, one entry each. */
const ROUTES: Record<string, Route> = {
  register: { method: 'post', path: '/api/auth/register', fields: ['username', 'email', 'password'] },
  login: { method: 'post', path: '/api/auth/login', fields: ['username', 'password'] },
  user: { method: 'get', path: '/api/auth/user', auth: 'token' },
  logout: { method: 'post', path: '/api/auth/logout', auth: 'spends token' },
  logoutall: { method: 'post', path: '/api/auth/logoutall', auth: 'spends token' },
  logoutothers: { method: 'post', path: '/api/auth/logoutothers', auth: 'token' },
  sessions: { method: 'get', path: '/api/auth/sessions', auth: 'token' },
  'session delete': { method: 'delete', path: '/api/auth/sessions/:id', auth: 'token' },
  'password change': { method: 'post', path: '/api/auth/password', auth: 'token', fields: ['old_password', 'new_password'] },
  'account delete': { method: 'delete', path: '/api/auth/user', auth: 'token', fields: ['password'] },
  'password reset': { method: 'post', path: '/api/auth/password/reset', fields: ['email'] },
  'password reset confirm': { method: 'post', path: '/api/auth/password/reset/confirm', fields: ['token', 'new_password'] },
  'leads list': { method: 'get', path: '/api/leads', auth: 'token', query: ['limit', 'after', 'search', 'status', 'ordering', 'cursor'] },
  'lead stats': { method: 'get', path: '/api/leads/stats', auth: 'token', query: ['search'] },
  'lead create': { method: 'post', path: '/api/leads', auth: 'token', fields: LEAD_FIELDS },
  'lead get': { method: 'get', path: '/api/leads/:id', auth: 'token' },
  'lead put': { method: 'put', path: '/api/leads/:id', auth: 'token', fields: LEAD_FIELDS },
  'lead patch': { method: 'patch', path: '/api/leads/:id', auth: 'token', fields: LEAD_FIELDS },
  'lead delete': { method: 'delete', path: '/api/leads/:id', auth: 'token' },
  'lead activity': { method: 'get', path: '/api/leads/:id/activity', auth: 'token', query: ['limit', 'cursor'] },
  'note create': { method: 'post', path: '/api/leads/:id/notes', auth: 'token', fields: ['text'] },
  'note delete': { method: 'delete', path: '/api/leads/:id/notes/1', auth: 'token' },
  health: { method: 'get', path: '/api/health' },
};

// ---- What a hostile client sends -------------------------------------------------------------

const NASTY_TEXT = [
  '',
  ' ',
  '\0',
  'a\0b',
  '\ud800',
  'x\udfff@example.com',
  '\udbff\udc00',
  '😀',
  '\u202e',
  '\ufeff',
  'İ',
  'ß\u0301',
  '1e309',
  '-1',
  '0',
  '2147483648',
  '9'.repeat(30),
  'NaN',
  'null',
  'true',
  '[]',
  '{}',
  'a@b.co',
  'x'.repeat(101),
  '__proto__',
  'constructor',
  "'; DROP TABLE leads; --",
  '%00',
  '%ED%A0%80',
  '../../etc/passwd',
];

const text = fc.oneof(
  { arbitrary: fc.constantFrom(...NASTY_TEXT), weight: 3 },
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: fc.constantFrom('\ud800', '\udc00', '\0', 'a', '@', '.', ' ', '😀') }),
  fc.integer({ min: 0, max: 300_000 }).map((length) => 'x'.repeat(length)),
);

const value: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: text, weight: 4 },
  fc.jsonValue(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(text, { maxLength: 3 }),
  fc.dictionary(text, text, { maxKeys: 3 }),
);

const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'is_staff', 'password_hash', 'owner_id'];
const key = (fields: string[]) => fc.oneof(fc.constantFrom(...fields, ...HOSTILE_KEYS), fc.string({ maxLength: 8 }));

const nested = (depth: number, open: string, close: string) => open.repeat(depth) + close.repeat(depth);

/** JSON bodies as raw text, so duplicate keys and depth are what the server reads. */
const jsonText = (fields: string[]) =>
  fc.oneof(
    { arbitrary: fc.dictionary(key(fields), value, { maxKeys: 6 }).map((body) => JSON.stringify(body)), weight: 5 },
    fc.jsonValue().map((body) => JSON.stringify(body)),
    fc
      .tuple(fc.constantFrom(...fields, '__proto__'), value, value)
      .map(([name, first, second]) => `{"${name}":${JSON.stringify(first)},"${name}":${JSON.stringify(second)}}`),
    fc.constantFrom(
      '{"__proto__":{"polluted":"yes"}}',
      '{"constructor":{"prototype":{"polluted":"yes"}}}',
      '{"__proto__":{"name":"x","email":"x@example.com"},"name":"Jane","email":"jane@example.com"}',
      'null',
      '[]',
      '"x"',
      '7',
      '7.5',
      'true',
      '1e400',
      '',
      ' ',
      '{',
      '{"a":}',
      '\ufeff{}',
    ),
    fc.integer({ min: 1, max: 200_000 }).map((depth) => nested(depth, '[', ']')),
    fc.integer({ min: 1, max: 100_000 }).map((depth) => `{"name":${nested(depth, '{"a":', '}').replace(/:}/, ':1}')}}`),
    fc.constant(JSON.stringify({ message: 'x'.repeat(1024 * 1024) })),
    fc.string(),
  );

const formText = (fields: string[]) =>
  fc.oneof(
    fc.dictionary(key(fields), text, { maxKeys: 6 }).map((body) => new URLSearchParams(body).toString()),
    fc.constantFrom('%', '%zz', 'name=%ED%A0%80', 'name=a&name=b', 'name[]=x', '__proto__[polluted]=yes', '=&&=='),
    fc.string(),
  );

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/merge-patch+json',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'text/plain',
  'multipart/form-data; boundary=x',
  'application/xml',
  'garbage',
];

/** A body and the Content-Type it is sent with; mismatches on purpose too. */
const body = (fields: string[]) =>
  fc.oneof(
    { arbitrary: fc.record({ text: jsonText(fields), type: fc.constant('application/json') }), weight: 6 },
    { arbitrary: fc.record({ text: formText(fields), type: fc.constant('application/x-www-form-urlencoded') }), weight: 2 },
    fc.record({ text: fc.oneof(jsonText(fields), formText(fields)), type: fc.constantFrom(...CONTENT_TYPES) }),
    fc.constant(undefined),
  );

/** Percent-encodes anything, unpaired surrogates included (as the bytes a lax client would send). */
const encode = (raw: string) => {
  try {
    return encodeURIComponent(raw);
  } catch {
    return raw.replace(/[^\w]/g, () => '%ED%A0%80');
  }
};

const query = (parameters: string[]) =>
  fc
    .array(
      fc.oneof(
        fc
          .tuple(fc.constantFrom(...parameters, 'limit[]', 'limit[a]', '__proto__', 'access_token'), text)
          .map(([k, v]) => `${k}=${encode(v)}`),
        fc.constantFrom('%', '%zz', 'limit=%ED%A0%80', 'limit=1&limit=2', 'after=-0', 'limit=1e3', 'limit= 5', '&&', '='),
      ),
      { maxLength: 4 },
    )
    .map((pairs) => pairs.join('&'));

const leadId = fc.oneof(
  { arbitrary: fc.constantFrom('own', 'witness'), weight: 4 },
  fc.constantFrom('0', '-1', 'abc', '1e3', '0x1', '2147483648', '99999999999999999999', '%00', '%FF', '1.0', '%201', '..'),
  fc.string({ maxLength: 12 }).map(encode),
);

const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)) });

const authorization = fc.oneof(
  { arbitrary: fc.constantFrom('Bearer', 'Token', 'bEaReR').map((scheme) => ({ scheme, token: 'own' as const })), weight: 6 },
  fc.constantFrom('Bearer', 'Token').map((scheme) => ({ scheme, token: 'witness key, other secret' as const })),
  fc
    .constantFrom(undefined, 'Bearer', 'Token', 'Bearer a b', 'Basic dXNlcjpwdw==', `Bearer ${'f'.repeat(64)}`, 'Bearer  ')
    .map((raw) => ({ raw })),
  printable.map((raw) => ({ raw })),
);

const request = (route: Route) =>
  fc.record({
    id: leadId,
    query: query(route.query ?? ['limit']),
    body: body(route.fields ?? ['name']),
    authorization,
    trailingSlash: fc.boolean(),
  });

type GeneratedRequest = ReturnType<typeof request> extends fc.Arbitrary<infer T> ? T : never;

// ---- The properties --------------------------------------------------------------------------

describe.each<[ErrorFormat, number]>([
  ['envelope', RUNS],
  ['drf', Math.max(3, Math.round(RUNS / 5))],
])('No input breaks it (ERROR_FORMAT=%s)', (format, runs) => {
  let testApp: TestApp;
  let attacker: Account;
  let spender: Account;
  let witness: Account;
  const ownLeadIds: number[] = [];
  let witnessLeadId: number;
  let witnessBefore: { user: unknown; leads: unknown };
  const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();

  const as = (account: Account) => ({ get: (path: string) => testApp.http().get(path).set('Authorization', account.auth) });
  const witnessData = async () => ({
    user: (await as(witness).get('/api/auth/user').expect(200)).body,
    leads: (await as(witness).get('/api/leads').expect(200)).body,
  });

  beforeAll(async () => {
    testApp = await startTestApp(format === 'drf' ? { ERROR_FORMAT: 'drf' } : {});
    [attacker, spender, witness] = [await registerAccount(testApp), await registerAccount(testApp), await registerAccount(testApp)];
    for (let n = 0; n < 3; n++) {
      const lead = { name: `Lead ${n}`, email: `lead${n}@example.com` };
      ownLeadIds.push((await testApp.http().post('/api/leads').set('Authorization', attacker.auth).send(lead).expect(201)).body.id);
    }
    const witnessLead = { name: 'Witness lead', email: 'lead0@example.com', message: 'Must never change.' };
    witnessLeadId = (await testApp.http().post('/api/leads').set('Authorization', witness.auth).send(witnessLead).expect(201)).body.id;
    witnessBefore = await witnessData();
  });

  afterAll(async () => {
    await testApp.close();
  });

  async function tokenFor(route: Route): Promise<string> {
    if (route.auth !== 'spends token') return attacker.token;
    const login = await testApp.http().post('/api/auth/login').send({ username: spender.username, password: spender.password });
    return (login.body as { token: string }).token;
  }

  async function send(route: Route, generated: GeneratedRequest): Promise<Response> {
    const id = generated.id === 'own' ? String(ownLeadIds[0]) : generated.id === 'witness' ? String(witnessLeadId) : generated.id;
    const path = route.path.replace(':id', id) + (generated.trailingSlash ? '/' : '') + (generated.query ? `?${generated.query}` : '');
    let call = testApp.http()[route.method](path);
    const auth = generated.authorization;
    if ('token' in auth) {
      const token = auth.token === 'own' ? await tokenFor(route) : witness.token.slice(0, 15) + attacker.token.slice(15);
      call = call.set('Authorization', `${auth.scheme} ${token}`);
    } else if (auth.raw !== undefined) {
      call = call.set('Authorization', auth.raw);
    }
    if (generated.body) call = call.set('Content-Type', generated.body.type).send(generated.body.text);
    return call;
  }

  it.each(Object.entries(ROUTES))('%s: never a 5xx, every error exactly as the contract shapes it', async (_name, route) => {
    await fc.assert(
      fc.asyncProperty(request(route), async (generated) => {
        const response = await send(route, generated);
        try {
          expect(response.status).toBeLessThan(500);
          if (response.status >= 400) expectContractError(response, format);
        } catch (failure) {
          throw new Error(`answered ${response.status} ${response.text?.slice(0, 500)}\n${String(failure)}`, { cause: failure });
        }
      }),
      { seed: SEED, numRuns: runs },
    );
  });

  it("leaves the witness's account, token and leads as they were", async () => {
    await expect(witnessData()).resolves.toEqual(witnessBefore);
    await testApp.http().post('/api/auth/login').send({ username: witness.username, password: witness.password }).expect(200);
    expect(witnessBefore.leads).toEqual([expect.objectContaining({ id: witnessLeadId, message: 'Must never change.' })]);
  });

  it('pollutes no prototype of the process', () => {
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Account, registerAccount } from './support/accounts.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Inputs that once broke the service (found by hand or by property.e2e-spec.ts),
 * kept as plain examples. Each was a 500, a stored string the database could
 * not hold, or an answer outside the contract.
 */
describe('Inputs that once broke it', () => {
  let testApp: TestApp;
  let account: Account;
  let leadId: number;

  beforeAll(async () => {
    testApp = await startTestApp();
    account = await registerAccount(testApp);
    leadId = (await send('post', '/api/leads', { name: 'Jane', email: 'jane@example.com' }).expect(201)).body.id;
  });

  afterAll(async () => {
    await testApp.close();
  });

  /** JSON text as the client wrote it: `"\ud800"` escapes stay escapes. */
  function send(method: 'post' | 'put' | 'patch', path: string, body: unknown, raw = JSON.stringify(body)) {
    return testApp.http()[method](path).set('Authorization', account.auth).set('Content-Type', 'application/json').send(raw);
  }

  const leads = async () => (await testApp.http().get('/api/leads').set('Authorization', account.auth).expect(200)).body;

  describe('an unpaired UTF-16 surrogate ("\\ud800", valid JSON)', () => {
    const surrogate = (codePoint = 'D800') => ({ msg: [`Surrogate characters are not allowed: U+${codePoint}.`] });

    it('in an email: 400 with the field error, not a 500 from isEmail (register, lead POST, PUT, PATCH)', async () => {
      const register = await testApp
        .http()
        .post('/api/auth/register')
        .send({ username: 'sam', password: 'long enough pw', email: 'a\ud800@example.com' });
      expect(register.status).toBe(400);
      expect(register.body).toEqual({ msg: { email: surrogate().msg }, status: 400 });
      for (const [method, path] of [
        ['post', '/api/leads'],
        ['put', `/api/leads/${leadId}`],
        ['patch', `/api/leads/${leadId}`],
      ] as const) {
        const response = await send(method, path, { name: 'Jane', email: 'x\udfff@example.com' });
        expect({ method, status: response.status, body: response.body }).toEqual({
          method,
          status: 400,
          body: { msg: { email: surrogate('DFFF').msg }, status: 400 },
        });
      }
    });

    it('in a name or message: refused, never stored', async () => {
      const before = await leads();
      const response = await send('post', '/api/leads', { name: 'Jane \ud83d', email: 'j2@example.com', message: 'hi \udc00' }).expect(400);
      expect(response.body.msg).toEqual({ name: surrogate('D83D').msg, message: surrogate('DC00').msg });
      await send('patch', `/api/leads/${leadId}`, { message: '\udbff' }).expect(400);
      await expect(leads()).resolves.toEqual(before);
    });

    it('in a username or password at login: the field error, not a lookup', async () => {
      const response = await testApp.http().post('/api/auth/login').send({ username: account.username, password: 'pw\ud800' }).expect(400);
      expect(response.body.msg).toEqual({ password: surrogate().msg });
    });

    it('as bytes in a query parameter (%ED%A0%80): a field error, not a 500', async () => {
      const response = await testApp.http().get('/api/leads?limit=%ED%A0%80&after=1').set('Authorization', account.auth);
      // Express decodes bytes that are not UTF-8 to U+FFFD, so this one reaches the pipe as text, not a surrogate.
      expect(response.status).toBe(400);
      expect(response.body.msg).toEqual({ limit: ['A valid integer is required.'] });
    });

    it('paired, as an emoji: stored and read back as sent', async () => {
      const response = await send('post', '/api/leads', { name: 'Jane \ud83d\ude00', email: 'emoji@example.com' }).expect(201);
      expect(response.body.name).toBe('Jane 😀');
    });
  });

  describe('valid JSON that is not an object', () => {
    it.each([
      ['null', 'No data provided'],
      ['[]', 'Invalid data. Expected a dictionary, but got list.'],
      ['"x"', 'Invalid data. Expected a dictionary, but got str.'],
      ['7', 'Invalid data. Expected a dictionary, but got int.'],
      ['7.5', 'Invalid data. Expected a dictionary, but got float.'],
      ['false', 'Invalid data. Expected a dictionary, but got bool.'],
    ])('%s: 400 non_field_errors, as DRF answers, not a JSON parse error', async (raw, message) => {
      for (const [method, path] of [
        ['post', '/api/auth/register'],
        ['post', '/api/auth/login'],
        ['post', '/api/leads'],
        ['put', `/api/leads/${leadId}`],
        ['patch', `/api/leads/${leadId}`],
      ] as const) {
        const response = await send(method, path, undefined, raw);
        expect({ path, method, status: response.status, body: response.body }).toEqual({
          path,
          method,
          status: 400,
          body: { msg: { non_field_errors: [message] }, status: 400 },
        });
      }
    });
  });

  it('a body nested thousands of levels deep: 400 JSON parse error, not a 500 (class-transformer overflowed the stack)', async () => {
    const deep = `{"name":${'{"a":'.repeat(2371)}1${'}'.repeat(2371)},"email":"deep@example.com"}`;
    const response = await send('post', '/api/leads', undefined, deep).expect(400);
    expect(response.body).toEqual({ msg: { detail: 'JSON parse error - nested deeper than 32 levels' }, status: 400 });
  });

  it('a URL over 16 KiB: 431 in the envelope, not Node’s bare status line', async () => {
    const response = await testApp
      .http()
      .get(`/api/leads?limit=${'x'.repeat(17 * 1024)}`)
      .set('Authorization', account.auth);
    expect(response.status).toBe(431);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body).toEqual({ msg: { detail: 'Request line and headers are larger than the 16 KiB limit.' }, status: 431 });
  });

  it('a JSON body in a charset JSON cannot have: 415 where a body is read, and never read on GET', async () => {
    // It once answered 415 on GET routes, where the document listed no 415: a GET body is now never read.
    const latin1 = (request: ReturnType<ReturnType<TestApp['http']>['post']>) =>
      request.set('Content-Type', 'application/json; charset=latin1').send('[]');
    await latin1(testApp.http().get('/api/health')).expect(200);
    const response = await latin1(testApp.http().post('/api/auth/login')).expect(415);
    expect(response.body.msg.detail).toMatch(/^Unsupported media type: /);
  });

  it('a session id holding NUL (a 500 on PostgreSQL) or of any shape but a session id: 404, nothing ended', async () => {
    const account = await registerAccount(testApp, 'nulsession');
    for (const id of ['%00', 'a%00b', '%ED%A0%80', 'x'.repeat(40), `${'A'.repeat(32)}`, `${'0'.repeat(31)}g`]) {
      await testApp.http().delete(`/api/auth/sessions/${id}`).set('Authorization', account.auth).expect(404);
    }
    await testApp.http().get('/api/auth/user').set('Authorization', account.auth).expect(200);
  });

  it('a password over 4096 characters or a login username over 150: the field error the document announces', async () => {
    const register = await testApp
      .http()
      .post('/api/auth/register')
      .send({ username: 'longpw', password: 'p'.repeat(4097) })
      .expect(400);
    expect(register.body.msg).toEqual({ password: ['Ensure this field has no more than 4096 characters.'] });
    const login = await testApp
      .http()
      .post('/api/auth/login')
      .send({ username: 'u'.repeat(151), password: 'whatever1' })
      .expect(400);
    expect(login.body.msg).toEqual({ username: ['Ensure this field has no more than 150 characters.'] });
  });
});

describe('Inputs that once broke it, with ERROR_FORMAT=drf', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ ERROR_FORMAT: 'drf' });
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('a URL over 16 KiB: 431 with the bare DRF body', async () => {
    const response = await testApp.http().get(`/api/health?${'x'.repeat(17 * 1024)}`);
    expect(response.status).toBe(431);
    expect(response.body).toEqual({ detail: 'Request line and headers are larger than the 16 KiB limit.' });
  });
});

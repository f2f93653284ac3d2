import { createHash } from 'node:crypto';
import { type Account, registerAccount } from './support/accounts.js';
import { aheadClock, stopClock, type TestClock } from './support/clock.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const ISO_MS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const sha512 = (text: string) => createHash('sha512').update(text).digest('hex');

describe('Sessions — a user’s own tokens', () => {
  let testApp: TestApp;
  let clock: TestClock;

  beforeAll(async () => {
    // TRUST_PROXY lets a test name the client address through X-Forwarded-For.
    testApp = await startTestApp({ TRUST_PROXY: '1' });
    clock = aheadClock(testApp.app);
  });

  afterAll(async () => {
    await testApp.close();
  });

  /** Logs `account` in again from `ip` with `userAgent`; answers the new token. */
  async function login(account: Account, userAgent?: string, ip = '198.51.100.20'): Promise<string> {
    const request = testApp.http().post('/api/auth/login').set('X-Forwarded-For', ip);
    if (userAgent !== undefined) request.set('User-Agent', userAgent);
    const response = await request.send({ username: account.username, password: account.password }).expect(200);
    return response.body.token as string;
  }

  const list = (token: string, path = '/api/auth/sessions') => testApp.http().get(path).set('Authorization', `Bearer ${token}`);

  describe('GET /api/auth/sessions', () => {
    it('lists every live session newest first, with the current one marked', async () => {
      const account = await registerAccount(testApp);
      clock.advance(5);
      const second = await login(account, 'second-agent');
      clock.advance(5);
      const third = await login(account, 'third-agent');

      const response = await list(second).expect(200);

      expect(response.body).toEqual([
        {
          id: expect.any(String),
          created: expect.stringMatching(ISO_MS),
          expiry: expect.stringMatching(ISO_MS),
          user_agent: 'third-agent',
          ip: '198.51.100.20',
          current: false,
        },
        {
          id: expect.any(String),
          created: expect.stringMatching(ISO_MS),
          expiry: expect.stringMatching(ISO_MS),
          user_agent: 'second-agent',
          ip: '198.51.100.20',
          current: true,
        },
        {
          id: expect.any(String),
          created: expect.stringMatching(ISO_MS),
          expiry: expect.stringMatching(ISO_MS),
          user_agent: expect.any(String),
          ip: expect.any(String),
          current: false,
        },
      ]);
      const created = response.body.map((session: { created: string }) => session.created);
      expect([...created].sort().reverse()).toEqual(created);
      expect(new Set(response.body.map((session: { id: string }) => session.id)).size).toBe(3);
      expect((await list(third).expect(200)).body.map((session: { current: boolean }) => session.current)).toEqual([true, false, false]);
    });

    it('records the User-Agent and client address of the login, as throttling sees the address', async () => {
      const account = await registerAccount(testApp);
      const token = await login(account, 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0', '203.0.113.7');

      const [session] = (await list(token).expect(200)).body;

      expect(session).toMatchObject({ user_agent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0', ip: '203.0.113.7', current: true });
    });

    it('cuts the User-Agent to 200 characters and shows "" when none was sent', async () => {
      const account = await registerAccount(testApp);
      const long = await login(account, 'A'.repeat(250));
      const none = await login(account, '');

      const sessions = (await list(long).expect(200)).body as { user_agent: string; current: boolean }[];

      expect(sessions.find((session) => session.current)?.user_agent).toBe('A'.repeat(200));
      expect((await list(none).expect(200)).body.find((session: { current: boolean }) => session.current).user_agent).toBe('');
    });

    it('never shows a token, its key or its digest', async () => {
      const account = await registerAccount(testApp);
      const other = await login(account);

      const response = await list(account.token).expect(200);

      for (const token of [account.token, other]) {
        expect(response.text).not.toContain(token.slice(0, 15));
        expect(response.text).not.toContain(sha512(token));
      }
      for (const session of response.body) {
        expect(Object.keys(session).sort()).toEqual(['created', 'current', 'expiry', 'id', 'ip', 'user_agent']);
      }
    });

    it('does not list expired tokens', async () => {
      const shortLived = await startTestApp({ TOKEN_TTL: '1' });
      try {
        const shortLivedClock = stopClock(shortLived.app);
        const account = await registerAccount(shortLived);
        shortLivedClock.advance(1000);
        const fresh = await shortLived
          .http()
          .post('/api/auth/login')
          .send({ username: account.username, password: account.password })
          .expect(200);
        const response = await shortLived.http().get('/api/auth/sessions').set('Authorization', `Bearer ${fresh.body.token}`).expect(200);
        expect(response.body).toHaveLength(1);
        expect(response.body[0].current).toBe(true);
      } finally {
        await shortLived.close();
      }
    });

    it("lists only the caller's sessions", async () => {
      const alice = await registerAccount(testApp);
      const bob = await registerAccount(testApp);
      await login(bob);

      expect((await list(alice.token).expect(200)).body).toHaveLength(1);
      expect((await list(bob.token).expect(200)).body).toHaveLength(2);
    });

    it('answers with a trailing slash too, and needs a token', async () => {
      const account = await registerAccount(testApp);
      await list(account.token, '/api/auth/sessions/').expect(200);
      const refused = await testApp.http().get('/api/auth/sessions').expect(401);
      expect(refused.body).toEqual({ msg: { detail: 'Authentication credentials were not provided.' }, status: 401 });
    });
  });

  describe('DELETE /api/auth/sessions/:id', () => {
    const end = (token: string, id: string, slash = '') =>
      testApp
        .http()
        .delete(`/api/auth/sessions/${encodeURIComponent(id)}${slash}`)
        .set('Authorization', `Bearer ${token}`);

    it('ends that session at once and leaves the others working', async () => {
      const account = await registerAccount(testApp);
      const other = await login(account, 'other-device');
      const target = (await list(account.token).expect(200)).body.find(
        (session: { user_agent: string }) => session.user_agent === 'other-device',
      );

      await end(account.token, target.id).expect(204);

      await testApp.http().get('/api/auth/user').set('Authorization', `Bearer ${other}`).expect(401);
      await testApp.http().get('/api/auth/user').set('Authorization', account.auth).expect(200);
      expect((await list(account.token).expect(200)).body.map((session: { id: string }) => session.id)).not.toContain(target.id);
    });

    it('ends the current session too, like logout, with a trailing slash', async () => {
      const account = await registerAccount(testApp);
      const [current] = (await list(account.token).expect(200)).body;

      await end(account.token, current.id, '/').expect(204);

      await testApp.http().get('/api/auth/user').set('Authorization', account.auth).expect(401);
    });

    it("answers 404 for another user's session and leaves it working", async () => {
      const alice = await registerAccount(testApp);
      const bob = await registerAccount(testApp);
      const [bobSession] = (await list(bob.token).expect(200)).body;

      const response = await end(alice.token, bobSession.id).expect(404);

      expect(response.body).toEqual({ msg: { detail: 'Not found.' }, status: 404 });
      await testApp.http().get('/api/auth/user').set('Authorization', bob.auth).expect(200);
    });

    it.each([
      ['well-formed', '0123456789abcdef0123456789abcdef'],
      ['short', 'nope'],
      ['very long', 'x'.repeat(500)],
      ['SQL-looking', "' OR 1=1 --"],
    ])('answers 404 for an unknown %s id', async (_kind, id) => {
      const account = await registerAccount(testApp);
      const response = await end(account.token, id).expect(404);
      expect(response.body).toEqual({ msg: { detail: 'Not found.' }, status: 404 });
      await testApp.http().get('/api/auth/user').set('Authorization', account.auth).expect(200);
    });

    it('does not take a token or its key as a session id', async () => {
      const account = await registerAccount(testApp);
      await end(account.token, account.token).expect(404);
      await end(account.token, account.token.slice(0, 15)).expect(404);
      await testApp.http().get('/api/auth/user').set('Authorization', account.auth).expect(200);
    });
  });

  describe('POST /api/auth/logoutothers', () => {
    it("ends every other token of the user, keeps this one and other users' tokens", async () => {
      const account = await registerAccount(testApp);
      const first = await login(account);
      const second = await login(account);
      const bystander = await registerAccount(testApp);

      await testApp.http().post('/api/auth/logoutothers').set('Authorization', `Bearer ${first}`).expect(204);

      await testApp.http().get('/api/auth/user').set('Authorization', `Bearer ${first}`).expect(200);
      await testApp.http().get('/api/auth/user').set('Authorization', `Bearer ${second}`).expect(401);
      await testApp.http().get('/api/auth/user').set('Authorization', account.auth).expect(401);
      await testApp.http().get('/api/auth/user').set('Authorization', bystander.auth).expect(200);
      expect((await list(first).expect(200)).body).toEqual([expect.objectContaining({ current: true })]);
    });

    it('answers with a trailing slash and with the Token scheme', async () => {
      const account = await registerAccount(testApp);
      await testApp.http().post('/api/auth/logoutothers/').set('Authorization', `Token ${account.token}`).expect(204);
      await testApp.http().get('/api/auth/user').set('Authorization', account.auth).expect(200);
    });
  });
});

import { createHash } from 'node:crypto';
import { AuthToken } from '../src/accounts/tokens/auth-token.entity.js';
import { registerAccount } from './support/accounts.js';
import { stopClock, type TestClock } from './support/clock.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('Tokens', () => {
  describe('with the default settings', () => {
    let testApp: TestApp;

    beforeAll(async () => {
      testApp = await startTestApp();
    });

    afterAll(async () => {
      await testApp.close();
    });

    const whoAmI = (authorization?: string) => {
      const call = testApp.http().get('/api/auth/user');
      return authorization === undefined ? call : call.set('Authorization', authorization);
    };

    it.each(['Bearer', 'Token', 'bearer', 'TOKEN', 'BeArEr'])('accepts the %s scheme', async (scheme) => {
      const account = await registerAccount(testApp);
      await whoAmI(`${scheme} ${account.token}`).expect(200);
    });

    it.each([
      [undefined, 'Authentication credentials were not provided.'],
      ['Basic dXNlcjpwYXNz', 'Authentication credentials were not provided.'],
      ['Bearer', 'Invalid token header. No credentials provided.'],
      ['Token   ', 'Invalid token header. No credentials provided.'],
      ['Bearer a b', 'Invalid token header. Token string should not contain spaces.'],
      ['Bearer nonsense', 'Invalid token.'],
      [`Bearer ${'0'.repeat(64)}`, 'Invalid token.'],
    ])('answers %j with 401 "%s" and a Bearer challenge', async (header, detail) => {
      const response = await whoAmI(header).expect(401);
      expect(response.body).toEqual({ msg: { detail }, status: 401 });
      expect(response.headers['www-authenticate']).toBe('Bearer realm="api"');
    });

    it('refuses a token that shares the lookup key but not the rest', async () => {
      const account = await registerAccount(testApp);
      const forged = account.token.slice(0, 15) + [...account.token.slice(15)].reverse().join('');
      await whoAmI(`Bearer ${forged}`).expect(401);
    });

    it('ignores a token in the query string or the body', async () => {
      const account = await registerAccount(testApp);
      const fromQuery = await testApp.http().get(`/api/leads?access_token=${account.token}`).expect(401);
      expect(fromQuery.body.msg).toEqual({ detail: 'Authentication credentials were not provided.' });
      await testApp.http().post('/api/leads').send({ access_token: account.token, name: 'x', email: 'x@x.io' }).expect(401);
    });

    it('keeps only the lookup key and the SHA-512 digest in the database', async () => {
      const account = await registerAccount(testApp);
      const rows = await testApp.dataSource.manager.findBy(AuthToken, { userId: account.id });
      expect(rows).toHaveLength(1);
      expect(rows[0].tokenKey).toBe(account.token.slice(0, 15));
      expect(rows[0].digest).toBe(createHash('sha512').update(account.token).digest('hex'));
      const everything = JSON.stringify(await testApp.dataSource.query('SELECT * FROM auth_tokens'));
      expect(everything).not.toContain(account.token);
    });
  });

  describe('when tokens expire (TOKEN_TTL=1)', () => {
    let testApp: TestApp;
    let clock: TestClock;

    beforeAll(async () => {
      testApp = await startTestApp({ TOKEN_TTL: '1' });
      clock = stopClock(testApp.app);
    });

    afterAll(async () => {
      await testApp.close();
    });

    it('refuses an expired token with 401 and deletes it', async () => {
      const account = await registerAccount(testApp);
      clock.advance(999);
      await testApp.http().get('/api/auth/user').set('Authorization', account.auth).expect(200);
      clock.advance(1);
      const response = await testApp.http().get('/api/auth/user').set('Authorization', account.auth).expect(401);
      expect(response.body.msg).toEqual({ detail: 'Invalid token.' });
      expect(await testApp.dataSource.manager.countBy(AuthToken, { userId: account.id })).toBe(0);
    });

    it('prunes the expired tokens of every user at login', async () => {
      const first = await registerAccount(testApp);
      const second = await registerAccount(testApp);
      clock.advance(1000);
      await testApp.http().post('/api/auth/login').send({ username: second.username, password: second.password }).expect(200);
      expect(await testApp.dataSource.manager.countBy(AuthToken, { userId: first.id })).toBe(0);
      expect(await testApp.dataSource.manager.countBy(AuthToken, { userId: second.id })).toBe(1);
    });
  });

  describe('when tokens never expire (TOKEN_TTL=0)', () => {
    let testApp: TestApp;

    beforeAll(async () => {
      testApp = await startTestApp({ TOKEN_TTL: '0' });
    });

    afterAll(async () => {
      await testApp.close();
    });

    it('answers expiry null and keeps the token working', async () => {
      const response = await testApp
        .http()
        .post('/api/auth/register')
        .send({ username: 'forever', password: 'forever-and-ever' })
        .expect(201);
      expect(response.body.expiry).toBeNull();
      await testApp.http().get('/api/auth/user').set('Authorization', `Token ${response.body.token}`).expect(200);
    });
  });

  describe('with TOKEN_AUTO_REFRESH=true', () => {
    let testApp: TestApp;
    let clock: TestClock;

    beforeAll(async () => {
      testApp = await startTestApp({ TOKEN_AUTO_REFRESH: 'true', TOKEN_TTL: '600' });
      clock = stopClock(testApp.app);
    });

    afterAll(async () => {
      await testApp.close();
    });

    const expiryOf = async (userId: number) => (await testApp.dataSource.manager.findOneByOrFail(AuthToken, { userId })).expiry as string;

    it('pushes the expiry to now + TTL on use, at most once a minute', async () => {
      const account = await registerAccount(testApp);
      clock.advance(300_000);

      await testApp.http().get('/api/auth/user').set('Authorization', account.auth).expect(200);
      const refreshed = await expiryOf(account.id);
      expect(refreshed).toBe(new Date(clock.now() + 600_000).toISOString());

      // A second use within the minute writes nothing; one after it does.
      clock.advance(60_000);
      await testApp.http().get('/api/auth/user').set('Authorization', account.auth).expect(200);
      expect(await expiryOf(account.id)).toBe(refreshed);
      clock.advance(1);
      await testApp.http().get('/api/auth/user').set('Authorization', account.auth).expect(200);
      expect(await expiryOf(account.id)).toBe(new Date(clock.now() + 600_000).toISOString());
    });
  });

  describe('with TOKEN_LIMIT_PER_USER=2', () => {
    let testApp: TestApp;

    beforeAll(async () => {
      testApp = await startTestApp({ TOKEN_LIMIT_PER_USER: '2' });
    });

    afterAll(async () => {
      await testApp.close();
    });

    it('refuses a login beyond the limit with 403 until a token is given up', async () => {
      const account = await registerAccount(testApp);
      const credentials = { username: account.username, password: account.password };
      await testApp.http().post('/api/auth/login').send(credentials).expect(200);

      const refused = await testApp.http().post('/api/auth/login').send(credentials).expect(403);
      expect(refused.body).toEqual({
        msg: { detail: 'Maximum amount of tokens allowed per user exceeded.' },
        status: 403,
      });

      await testApp.http().post('/api/auth/logout').set('Authorization', account.auth).expect(204);
      await testApp.http().post('/api/auth/login').send(credentials).expect(200);
    });

    it('lets only as many of many parallel logins through as the limit allows', async () => {
      const account = await registerAccount(testApp);
      const credentials = { username: account.username, password: account.password };
      const answers = await Promise.all(Array.from({ length: 10 }, () => testApp.http().post('/api/auth/login').send(credentials)));
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, ...Array(9).fill(403)]);
    });
  });
});

import { jest } from '@jest/globals';
import { Writable } from 'node:stream';
import { PasswordHasher } from '../src/accounts/passwords/password-hasher.service.js';
import { Metrics } from '../src/metrics/metrics.service.js';
import { stopClock, type TestClock } from './support/clock.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const THROTTLED = /^Request was throttled\. Expected available in (\d+) seconds\.$/;
const WINDOW_SECONDS = 60;

describe('Per-account failed-login limit (LOGIN_FAILURES_PER_ACCOUNT=3)', () => {
  let testApp: TestApp;
  let clock: TestClock;
  const logLines: string[] = [];

  beforeAll(async () => {
    const destination = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    testApp = await startTestApp(
      { LOGIN_FAILURES_PER_ACCOUNT: '3', LOGIN_FAILURE_WINDOW: String(WINDOW_SECONDS), LOG_LEVEL: 'warn', TRUST_PROXY: '1' },
      { logDestination: destination },
    );
    // The app's time moves only when a test moves it: failures leave the window at once, and Retry-After is exact.
    clock = stopClock(testApp.app);
  });

  afterAll(async () => {
    await testApp.close();
  });

  const register = (username: string) =>
    testApp
      .http()
      .post('/api/auth/register')
      .send({ username, password: `${username}-password` })
      .expect(201);
  const login = (username: string, password: string, ip = '198.51.100.1') =>
    testApp.http().post('/api/auth/login').set('X-Forwarded-For', ip).send({ username, password });
  const failures = async (username: string, count: number) => {
    // Each from another address: the per-IP budget would not stop this.
    for (let i = 0; i < count; i++) await login(username, 'wrong-password', `203.0.113.${i + 1}`).expect(400);
  };

  it('locks the username after 3 failures from any addresses: the right password, in any case, gets 429 with Retry-After', async () => {
    await register('alice');
    await failures('alice', 3);

    const refused = await login('ALICE', 'alice-password').expect(429);
    expect(refused.body).toEqual({ msg: { detail: expect.stringMatching(THROTTLED) }, status: 429 });
    expect(THROTTLED.exec(refused.body.msg.detail)![1]).toBe(String(WINDOW_SECONDS));
    expect(refused.headers['retry-after']).toBe(String(WINDOW_SECONDS));
    await testApp.http().get('/api/auth/sessions').expect(401);
  });

  it("counts refused logins as 'locked' in the metrics, and the failures before them as 'failure'", async () => {
    const logins = async () =>
      Object.fromEntries(
        (await testApp.app.get(Metrics).registry.getSingleMetric('lead_manager_logins_total')!.get()).values.map((value) => [
          value.labels.result,
          value.value,
        ]),
      );
    const before = await logins();
    await failures('judy', 3);
    await login('judy', 'wrong-password').expect(429);
    await login('judy', 'wrong-password').expect(429);
    const after = await logins();
    expect(after.failure - before.failure).toBe(3);
    expect(after.locked - before.locked).toBe(2);
    expect(after.success - before.success).toBe(0);
  });

  it('locks a username no user has exactly as it locks an existing one', async () => {
    await register('bob');
    await failures('bob', 3);
    await failures('nobody', 3);

    const existing = await login('bob', 'wrong-password').expect(429);
    const missing = await login('nobody', 'wrong-password').expect(429);
    expect(missing.body).toEqual(existing.body);
    expect(missing.headers['retry-after']).toBe(existing.headers['retry-after']);
  });

  it('answers a locked login before any password is hashed', async () => {
    await register('carol');
    await failures('carol', 3);
    const hasher = testApp.app.get(PasswordHasher);
    const verify = jest.spyOn(hasher, 'verify');
    const hash = jest.spyOn(hasher, 'hash');
    try {
      for (let i = 0; i < 5; i++) await login('carol', 'carol-password').expect(429);
      await login('nobody-either', 'x').expect(400);
      expect(verify).toHaveBeenCalledTimes(1);
      expect(hash).not.toHaveBeenCalled();
    } finally {
      verify.mockRestore();
      hash.mockRestore();
    }
  });

  it('does not count refused attempts: the lock ends when the failures leave the window, however often it was tried', async () => {
    await register('dave');
    await failures('dave', 3);
    for (let i = 0; i < 5; i++) {
      const refused = await login('dave', 'wrong-password').expect(429);
      expect(refused.headers['retry-after']).toBe(String(WINDOW_SECONDS - i * 10));
      clock.advance(10_000);
    }
    clock.advance(WINDOW_SECONDS * 1000 - 5 * 10_000 - 1);
    await login('dave', 'dave-password').expect(429);
    clock.advance(1);
    await login('dave', 'dave-password').expect(200);
  });

  it('clears the count on a successful login', async () => {
    await register('erin');
    await failures('erin', 2);
    await login('erin', 'erin-password').expect(200);
    await failures('erin', 2);
    await login('erin', 'erin-password').expect(200);
  });

  it('counts failures racing on one username, every one of them, and never answers 500', async () => {
    await register('frank');
    const answers = await Promise.all(Array.from({ length: 3 }, (_, i) => login('frank', 'wrong-password', `192.0.2.${i + 1}`)));
    expect(answers.map((answer) => answer.status)).toEqual([400, 400, 400]);
    await login('frank', 'frank-password').expect(429);
  });

  it('logs each lockout once, with the username and the address of the attempt that locked it', async () => {
    await register('grace');
    await failures('grace', 2);
    await login('grace', 'wrong-password', '192.0.2.77').expect(400);
    await login('grace', 'grace-password', '192.0.2.78').expect(429);
    await login('grace', 'wrong-password', '192.0.2.79').expect(429);

    const lockouts = logLines
      .map((line) => (JSON.parse(line) as { msg: string }).msg)
      .filter((msg) => msg.startsWith('Login locked for username "grace"'));
    expect(lockouts).toHaveLength(1);
    expect(lockouts[0]).toContain('192.0.2.77');
    expect(lockouts[0]).not.toContain('grace-password');
  });

  it('shares the count with another server on the same database', async () => {
    await register('heidi');
    const other = await startTestApp({
      DATABASE_URL: testApp.databaseUrl,
      LOGIN_FAILURES_PER_ACCOUNT: '3',
      LOGIN_FAILURE_WINDOW: String(WINDOW_SECONDS),
    });
    try {
      stopClock(other.app, clock.now());
      await failures('heidi', 2);
      await other.http().post('/api/auth/login').send({ username: 'heidi', password: 'wrong-password' }).expect(400);
      await other.http().post('/api/auth/login').send({ username: 'heidi', password: 'heidi-password' }).expect(429);
      await login('heidi', 'heidi-password').expect(429);
    } finally {
      await other.close();
    }
  });
});

describe('Per-account failed-login limit turned off (LOGIN_FAILURES_PER_ACCOUNT=0)', () => {
  it('never locks, and keeps no count', async () => {
    const testApp = await startTestApp({ LOGIN_FAILURES_PER_ACCOUNT: '0' });
    try {
      await testApp.http().post('/api/auth/register').send({ username: 'ivan', password: 'ivan-password' }).expect(201);
      for (let i = 0; i < 15; i++) await testApp.http().post('/api/auth/login').send({ username: 'ivan', password: 'nope' }).expect(400);
      await testApp.http().post('/api/auth/login').send({ username: 'ivan', password: 'ivan-password' }).expect(200);
      const [{ count }] = await testApp.dataSource.query('SELECT COUNT(*) AS "count" FROM "login_failures"');
      expect(Number(count)).toBe(0);
    } finally {
      await testApp.close();
    }
  });
});

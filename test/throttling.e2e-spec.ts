import { startTestApp, type TestApp } from './support/test-app.js';

describe('Throttling register and login (THROTTLE_AUTH_PER_MINUTE=3)', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    // TRUST_PROXY lets each test act as its own client through X-Forwarded-For.
    testApp = await startTestApp({ THROTTLE_AUTH_PER_MINUTE: '3', TRUST_PROXY: '1' });
  });

  afterAll(async () => {
    await testApp.close();
  });

  const fromIp = (ip: string) => ({
    register: (body: object) => testApp.http().post('/api/auth/register').set('X-Forwarded-For', ip).send(body),
    login: (body: object) => testApp.http().post('/api/auth/login/').set('X-Forwarded-For', ip).send(body),
  });

  it('counts register and login attempts together, failed ones included, then answers 429 with Retry-After', async () => {
    const client = fromIp('203.0.113.7');
    await client.register({ username: 'throttled', password: 'throttle-me-pw' }).expect(201);
    await client.login({ username: 'throttled', password: 'wrong-password' }).expect(400);
    await client.register({ username: '' }).expect(400);

    const refused = await client.login({ username: 'throttled', password: 'throttle-me-pw' }).expect(429);
    expect(refused.body.status).toBe(429);
    expect(refused.body.msg.detail).toMatch(/^Request was throttled\. Expected available in (\d+) seconds\.$/);
    const seconds = Number(/(\d+) seconds/.exec(refused.body.msg.detail)![1]);
    expect(seconds).toBeGreaterThan(50);
    expect(seconds).toBeLessThanOrEqual(60);
    expect(refused.headers['retry-after']).toBe(String(seconds));
  });

  it('authenticates before it throttles: requests without a valid token spend none of the budget', async () => {
    const client = fromIp('203.0.113.9');
    for (let i = 0; i < 5; i++) {
      await testApp.http().post('/api/auth/password').set('X-Forwarded-For', '203.0.113.9').send({}).expect(401);
      await testApp
        .http()
        .delete('/api/auth/user')
        .set('X-Forwarded-For', '203.0.113.9')
        .set('Authorization', `Bearer ${'0'.repeat(64)}`)
        .send({})
        .expect(401);
    }
    const registered = await client.register({ username: 'unspent', password: 'unspent-password' }).expect(201);
    expect(registered.headers['ratelimit-remaining']).toBe('2');
  });

  it('does not limit authenticated routes', async () => {
    const client = fromIp('203.0.113.8');
    const registered = await client.register({ username: 'reader', password: 'reader-password' }).expect(201);
    const account = { auth: `Bearer ${registered.body.token}` };
    for (let i = 0; i < 10; i++) {
      await testApp.http().get('/api/auth/user').set('Authorization', account.auth).expect(200);
    }
  });
});

describe('Throttling behind a proxy', () => {
  let testApp: TestApp;

  afterEach(async () => {
    await testApp.close();
  });

  const attempts = (ip: string) => testApp.http().post('/api/auth/login').set('X-Forwarded-For', ip).send({ username: 'x', password: 'y' });

  it('with TRUST_PROXY=1 keeps a budget per forwarded client IP', async () => {
    testApp = await startTestApp({ THROTTLE_AUTH_PER_MINUTE: '1', TRUST_PROXY: '1' });
    await attempts('198.51.100.1').expect(400);
    await attempts('198.51.100.1').expect(429);
    await attempts('198.51.100.2').expect(400);
  });

  it('without TRUST_PROXY ignores X-Forwarded-For, so a client cannot dodge the limit', async () => {
    testApp = await startTestApp({ THROTTLE_AUTH_PER_MINUTE: '1' });
    await attempts('198.51.100.1').expect(400);
    await attempts('198.51.100.2').expect(429);
  });

  it('counts register with a trailing slash too, and answers bare with ERROR_FORMAT=drf', async () => {
    testApp = await startTestApp({ THROTTLE_AUTH_PER_MINUTE: '1', ERROR_FORMAT: 'drf' });
    await testApp.http().post('/api/auth/register/').send({ username: 'slash', password: 'slash-password' }).expect(201);
    const refused = await testApp.http().post('/api/auth/register/').send({ username: 'slash2', password: 'slash-password' }).expect(429);
    expect(refused.body).toEqual({ detail: expect.stringMatching(/^Request was throttled\. Expected available in \d+ seconds\.$/) });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('with THROTTLE_AUTH_PER_MINUTE=0 never throttles', async () => {
    // One username failing 30 times: the per-account lock, tested on its own, is off here.
    testApp = await startTestApp({ THROTTLE_AUTH_PER_MINUTE: '0', LOGIN_FAILURES_PER_ACCOUNT: '0' });
    for (let i = 0; i < 30; i++) await attempts('198.51.100.9').expect(400);
  });
});

import { COMMAND_TIMEOUT_MS, RedisService } from '../src/common/redis/redis.service.js';
import { startRedisServer, type RedisServer } from './support/redis-server.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** The draft-6 headers of an answer, as numbers. */
function rateLimitHeaders(headers: Record<string, string>) {
  return {
    limit: Number(headers['ratelimit-limit']),
    remaining: Number(headers['ratelimit-remaining']),
    reset: Number(headers['ratelimit-reset']),
  };
}

describe.each([
  ['in memory', false],
  ['in Redis', true],
])('RateLimit-* headers with the counters %s', (_mode, withRedis) => {
  let redis: RedisServer | undefined;
  let testApp: TestApp;

  beforeAll(async () => {
    redis = withRedis ? await startRedisServer() : undefined;
    testApp = await startTestApp({ THROTTLE_AUTH_PER_MINUTE: '3', ...(redis && { REDIS_URL: redis.url }) });
  });

  afterAll(async () => {
    await testApp.close();
    await redis?.kill();
  });

  const login = () => testApp.http().post('/api/auth/login').send({ username: 'nobody', password: 'not-a-password' });

  it('count down on every throttled answer, the 429 included, and agree with Retry-After', async () => {
    for (const remaining of [2, 1, 0]) {
      const response = await login().expect(400);
      const headers = rateLimitHeaders(response.headers);
      expect(headers).toEqual({ limit: 3, remaining, reset: expect.any(Number) });
      expect(headers.reset).toBeGreaterThan(0);
      expect(headers.reset).toBeLessThanOrEqual(60);
    }
    const refused = await login().expect(429);
    const headers = rateLimitHeaders(refused.headers);
    expect(headers).toMatchObject({ limit: 3, remaining: 0 });
    expect(Math.abs(headers.reset - Number(refused.headers['retry-after']))).toBeLessThanOrEqual(1);
  });

  it('are not sent on routes outside the budget', async () => {
    const response = await testApp.http().get('/api/health').expect(200);
    expect(response.headers['ratelimit-limit']).toBeUndefined();
    expect(response.body).toEqual(withRedis ? { status: 'ok', db: 'up', redis: 'up' } : { status: 'ok', db: 'up' });
  });
});

describe('The Redis connection', () => {
  it('is closed when the app closes', async () => {
    const redis = await startRedisServer();
    const testApp = await startTestApp({ THROTTLE_AUTH_PER_MINUTE: '1', REDIS_URL: redis.url });
    const observer = await startTestApp({ REDIS_URL: redis.url });
    const connectedClients = async () =>
      Number(/connected_clients:(\d+)/.exec(await observer.app.get(RedisService).run((client) => client.info('clients')))![1]);
    try {
      expect(await connectedClients()).toBe(2);
      await testApp.close();
      expect(await connectedClients()).toBe(1);
    } finally {
      await observer.close();
      await redis.kill();
    }
  });
});

describe('Throttling while Redis does not answer', () => {
  it('serves the throttled routes unthrottled, health says redis down with 200, and counting resumes when Redis is back', async () => {
    const redis = await startRedisServer();
    const testApp = await startTestApp({ THROTTLE_AUTH_PER_MINUTE: '1', REDIS_URL: redis.url });
    const login = () => testApp.http().post('/api/auth/login').send({ username: 'nobody', password: 'not-a-password' });
    try {
      await login().expect(400);
      await login().expect(429);

      await redis.kill();
      for (let i = 0; i < 5; i++) {
        const served = await login().expect(400);
        expect(served.headers['ratelimit-remaining']).toBeUndefined();
      }
      expect((await testApp.http().get('/api/health').expect(200)).body).toEqual({ status: 'ok', db: 'up', redis: 'down' });

      await redis.restart();
      const deadline = Date.now() + 5000;
      while ((await testApp.http().get('/api/health')).body.redis !== 'up') {
        if (Date.now() > deadline) throw new Error('Redis did not come back in health');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await login().expect(400);
      await login().expect(429);
    } finally {
      await testApp.close();
      await redis.kill();
    }
  });

  it('costs a frozen Redis at most its command timeout per request, and never a 5xx', async () => {
    const redis = await startRedisServer();
    const testApp = await startTestApp({ THROTTLE_AUTH_PER_MINUTE: '1', REDIS_URL: redis.url });
    const login = () => testApp.http().post('/api/auth/login').send({ username: 'nobody', password: 'not-a-password' });
    try {
      await login().expect(400);
      redis.pause();
      for (let i = 0; i < 3; i++) {
        const started = Date.now();
        await login().expect(400);
        expect(Date.now() - started).toBeLessThan(COMMAND_TIMEOUT_MS + 1000);
      }
      expect((await testApp.http().get('/api/health').expect(200)).body).toEqual({ status: 'ok', db: 'up', redis: 'down' });
      redis.resume();
      await login().expect(429);
    } finally {
      redis.resume();
      await testApp.close();
      await redis.kill();
    }
  });
});

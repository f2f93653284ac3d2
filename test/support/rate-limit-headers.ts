import { type RedisServer } from './redis-server.js';
import { startTestApp, type TestApp } from './test-app.js';

/** The draft-6 headers of an answer, as numbers. */
function rateLimitHeaders(headers: Record<string, string>) {
  return {
    limit: Number(headers['ratelimit-limit']),
    remaining: Number(headers['ratelimit-remaining']),
    reset: Number(headers['ratelimit-reset']),
  };
}

/**
 * The RateLimit-* header cases, with the counters in memory, or in the Redis
 * `startRedis` starts (the services suite): the same answers either way.
 */
export function describeRateLimitHeaders(mode: string, startRedis?: () => Promise<RedisServer>): void {
  describe(`RateLimit-* headers with the counters ${mode}`, () => {
    let redis: RedisServer | undefined;
    let testApp: TestApp;

    beforeAll(async () => {
      redis = await startRedis?.();
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
      expect(response.body).toEqual(redis ? { status: 'ok', db: 'up', redis: 'up' } : { status: 'ok', db: 'up' });
    });
  });
}

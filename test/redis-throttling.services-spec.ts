import { RedisService } from '../src/common/redis/redis.service.js';
import { describeRateLimitHeaders } from './support/rate-limit-headers.js';
import { startRedisServer } from './support/redis-server.js';
import { startTestApp } from './support/test-app.js';

describeRateLimitHeaders('in Redis', () => startRedisServer());

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

  it('gives up on a frozen Redis after its command timeout and serves unthrottled, never a 5xx', async () => {
    const redis = await startRedisServer();
    const testApp = await startTestApp({ THROTTLE_AUTH_PER_MINUTE: '1', REDIS_URL: redis.url });
    const login = () => testApp.http().post('/api/auth/login').send({ username: 'nobody', password: 'not-a-password' });
    try {
      await login().expect(400);
      redis.pause();
      // A request waiting on the frozen server would outlast the test.
      for (let i = 0; i < 3; i++) await login().expect(400);
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

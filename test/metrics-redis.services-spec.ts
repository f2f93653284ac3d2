import { scrape, valueOf } from './support/metrics.js';
import { serve, stop } from './support/metrics-server.js';
import { startRedisServer } from './support/redis-server.js';
import { freePort } from './support/server-process.js';
import { createTestDatabase, type TestDatabase } from './support/test-app.js';

describe('Metrics (METRICS_PORT) with REDIS_URL', () => {
  let database: TestDatabase;

  beforeEach(async () => {
    database = await createTestDatabase();
  });

  afterEach(async () => {
    await database.drop();
  });

  it('reports Redis up, then down when it stops answering, with REDIS_URL', async () => {
    const redis = await startRedisServer();
    const metricsPort = await freePort();
    const { server, metricsUrl } = await serve({ METRICS_PORT: String(metricsPort), REDIS_URL: redis.url }, database);
    try {
      expect(valueOf(await scrape(metricsUrl), 'lead_manager_redis_up')).toBe(1);
      await redis.kill();
      expect(valueOf(await scrape(metricsUrl), 'lead_manager_redis_up')).toBe(0);
    } finally {
      await stop(server);
      await redis.kill();
    }
  }, 60_000);
});

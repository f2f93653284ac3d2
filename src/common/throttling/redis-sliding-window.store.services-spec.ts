import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Options } from 'express-rate-limit';
import { setTimeout as sleep } from 'node:timers/promises';
import { startRedisServer, type RedisServer } from '../../../test/support/redis-server.js';
import { RedisService, RedisUnavailableError } from '../redis/redis.service.js';
import { RedisSlidingWindowStore } from './redis-sliding-window.store.js';

describe('RedisSlidingWindowStore on a real redis-server', () => {
  let server: RedisServer;
  const connections: RedisService[] = [];

  /** A store as one app instance would have it, with its own connection. */
  async function instance(windowMs: number, limit: number): Promise<RedisSlidingWindowStore> {
    const redis = new RedisService(new ConfigService({ redisUrl: server.url }));
    await redis.onModuleInit();
    connections.push(redis);
    const store = new RedisSlidingWindowStore(redis);
    store.init({ windowMs, limit } as Options);
    return store;
  }

  beforeAll(async () => {
    Logger.overrideLogger(false);
    server = await startRedisServer();
  });

  afterAll(async () => {
    await Promise.all(connections.map((redis) => redis.onApplicationShutdown()));
    await server.kill();
    Logger.overrideLogger(true);
  });

  it('counts hits up to the limit and does not record refused ones', async () => {
    const store = await instance(60_000, 2);
    expect((await store.increment('count')).totalHits).toBe(1);
    expect((await store.increment('count')).totalHits).toBe(2);
    const refused = await store.increment('count');
    expect(refused.totalHits).toBe(3);
    expect((await store.increment('count')).totalHits).toBe(3);
    const secondsLeft = (refused.resetTime!.getTime() - Date.now()) / 1000;
    expect(secondsLeft).toBeGreaterThan(58);
    expect(secondsLeft).toBeLessThanOrEqual(60);
  });

  it('slides: each hit frees its slot one window after it was made, not at a fixed boundary', async () => {
    const store = await instance(2000, 2);
    await store.increment('slide');
    await sleep(1000);
    await store.increment('slide');
    expect((await store.increment('slide')).totalHits).toBe(3);
    await sleep(1100); // the first hit has left the window, the second has not
    expect((await store.increment('slide')).totalHits).toBe(2);
    expect((await store.increment('slide')).totalHits).toBe(3);
  });

  it('is one budget for every instance using the same Redis', async () => {
    const first = await instance(60_000, 3);
    const second = await instance(60_000, 3);
    expect((await first.increment('shared')).totalHits).toBe(1);
    expect((await second.increment('shared')).totalHits).toBe(2);
    expect((await first.increment('shared')).totalHits).toBe(3);
    expect((await second.increment('shared')).totalHits).toBe(4);
    expect((await first.increment('other')).totalHits).toBe(1);
  });

  it('decrement gives back the latest hit and resetKey forgets the client', async () => {
    const store = await instance(60_000, 5);
    await store.increment('undo');
    await store.increment('undo');
    await store.decrement('undo');
    expect((await store.increment('undo')).totalHits).toBe(2);
    await store.resetKey('undo');
    expect((await store.increment('undo')).totalHits).toBe(1);
  });

  it('leaves nothing behind in Redis once the window has passed', async () => {
    const store = await instance(200, 5);
    await store.increment('expiring');
    await sleep(300);
    const redis = connections[connections.length - 1];
    expect(await redis.run((client) => client.exists(`${store.prefix}expiring`))).toBe(0);
  });

  it('fails with RedisUnavailableError while Redis is frozen, and counts again when it answers', async () => {
    const store = await instance(60_000, 5);
    server.pause();
    try {
      await expect(store.increment('frozen')).rejects.toBeInstanceOf(RedisUnavailableError);
    } finally {
      server.resume();
    }
    await sleep(50);
    expect((await store.increment('frozen')).totalHits).toBeGreaterThanOrEqual(1);
  });
});

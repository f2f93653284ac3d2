import type { Redis } from 'ioredis';
import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import { randomUUID } from 'node:crypto';
import type { RedisService } from '../redis/redis.service.js';

/**
 * One atomic step of the sliding window, on a sorted set of hit times (ms,
 * by Redis's clock so that every instance agrees): drop the hits older than
 * the window, record this one only if the limit is not reached yet (a refused
 * attempt is not recorded, as in SlidingWindowStore), and answer
 * { hits counting this one, ms until the oldest hit leaves the window }.
 */
const HIT_SCRIPT = `
local key = KEYS[1]
local window = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local hits = redis.call('ZCARD', key)
if hits < limit then
  redis.call('ZADD', key, now, ARGV[3])
  redis.call('PEXPIRE', key, window)
end
local oldest = tonumber(redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')[2])
return { hits + 1, oldest + window - now }
`;

interface SlidingWindowCommands {
  slidingWindowHit(key: string, windowMs: number, limit: number, member: string): Promise<[number, number]>;
}

/**
 * SlidingWindowStore's counting, kept in Redis so that every process and
 * instance draws on one budget. Errors surface as RedisUnavailableError;
 * the guard then lets the request through.
 */
export class RedisSlidingWindowStore implements Store {
  readonly localKeys = false;
  private windowMs = 60_000;
  private limit = 1;

  constructor(
    private readonly redis: RedisService,
    readonly prefix = 'lead-manager:throttle:',
  ) {
    redis.client?.defineCommand('slidingWindowHit', { numberOfKeys: 1, lua: HIT_SCRIPT });
  }

  init(options: Options): void {
    this.windowMs = options.windowMs;
    this.limit = typeof options.limit === 'number' ? options.limit : this.limit;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const [totalHits, msUntilReset] = await this.redis.run((client) =>
      commands(client).slidingWindowHit(this.prefix + key, this.windowMs, this.limit, randomUUID()),
    );
    return { totalHits, resetTime: new Date(Date.now() + msUntilReset) };
  }

  async decrement(key: string): Promise<void> {
    await this.redis.run((client) => client.zpopmax(this.prefix + key));
  }

  async resetKey(key: string): Promise<void> {
    await this.redis.run((client) => client.del(this.prefix + key));
  }
}

function commands(client: Redis): SlidingWindowCommands {
  return client as unknown as SlidingWindowCommands;
}

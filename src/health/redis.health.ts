import { Injectable } from '@nestjs/common';
import { RedisService } from '../common/redis/redis.service.js';

/**
 * Health's `redis` field: absent without REDIS_URL, else whether Redis
 * answers a PING (bounded by the command timeout). Never fails the check:
 * without Redis the service still serves, only unthrottled.
 */
@Injectable()
export class RedisHealth {
  constructor(private readonly redis: RedisService) {}

  async status(): Promise<{ redis?: 'up' | 'down' }> {
    if (!this.redis.client) return {};
    return { redis: (await this.redis.isAnswering()) ? 'up' : 'down' };
  }
}

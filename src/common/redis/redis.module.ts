import { Global, Module } from '@nestjs/common';
import { RedisService } from './redis.service.js';

/** The shared Redis client (REDIS_URL), for the throttle counters and the health check. */
@Global()
@Module({
  providers: [RedisService],
  exports: [RedisService],
})
export class RedisModule {}

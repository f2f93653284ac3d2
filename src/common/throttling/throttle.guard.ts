import { type CanActivate, type ExecutionContext, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { rateLimit, type RateLimitRequestHandler, type Store } from 'express-rate-limit';
import { throttled } from '../errors/api.exception.js';
import { RedisService, RedisUnavailableError } from '../redis/redis.service.js';
import type { Settings } from '../../config/settings.js';
import { RedisSlidingWindowStore } from './redis-sliding-window.store.js';
import { SlidingWindowStore } from './sliding-window.store.js';
import { THROTTLED } from './throttled.decorator.js';

const WINDOW_MS = 60_000;

/**
 * The routes marked @Throttled() share one budget per client IP over a
 * sliding minute, failed attempts included. Over it: 429 with DRF's message
 * and Retry-After. Every answer of those routes carries the RateLimit-*
 * headers (IETF draft-6). The client IP honours TRUST_PROXY.
 *
 * With REDIS_URL the counts live in Redis, one budget for every process and
 * instance. While Redis does not answer, those routes are served unthrottled
 * and without RateLimit-* headers (there is no count to report); RedisService
 * logs the outage once.
 */
@Injectable()
export class ThrottleGuard implements CanActivate, OnModuleDestroy {
  private readonly store: Store;
  private readonly limiter: RateLimitRequestHandler | null;
  private readonly logger = new Logger('Throttle');

  constructor(
    private readonly reflector: Reflector,
    config: ConfigService<Settings, true>,
    redis: RedisService,
  ) {
    this.store = redis.client ? new RedisSlidingWindowStore(redis) : new SlidingWindowStore();
    const perMinute = config.get('throttleAuthPerMinute', { infer: true });
    this.limiter =
      perMinute === 0
        ? null
        : rateLimit({
            windowMs: WINDOW_MS,
            limit: perMinute,
            store: this.store,
            standardHeaders: 'draft-6',
            legacyHeaders: false,
            // Any client can send X-Forwarded-For; without TRUST_PROXY it is rightly ignored, not a fault to log.
            validate: { xForwardedForHeader: false },
            // A store error means Redis did not answer: serve the request rather than refuse it.
            passOnStoreError: true,
            // RedisService logs an outage once; a line per request would flood the log.
            logger: {
              error: (error, message) => {
                if (!(error instanceof RedisUnavailableError)) this.logger.error(`${message ?? ''} ${String(error)}`.trim());
              },
              warn: (error, message) => this.logger.warn(`${message ?? ''} ${String(error)}`.trim()),
            },
            handler: (request, _response, next) => next(throttled(secondsUntilReset(request))),
          });
  }

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const limiter = this.limiter;
    if (!limiter || !this.reflector.get<boolean>(THROTTLED, context.getHandler())) return true;
    const http = context.switchToHttp();
    return new Promise((resolve, reject) => {
      void limiter(http.getRequest<Request>(), http.getResponse<Response>(), (error?: unknown) =>
        error ? reject(error instanceof Error ? error : new Error('Rate limiting failed', { cause: error })) : resolve(true),
      );
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.store.shutdown?.();
  }
}

function secondsUntilReset(request: Request): number {
  const resetTime = (request as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
  return Math.max(1, Math.ceil(((resetTime?.getTime() ?? Date.now()) - Date.now()) / 1000));
}

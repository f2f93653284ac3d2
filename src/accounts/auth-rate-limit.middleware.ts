import { HttpStatus, Injectable, type NestMiddleware, type OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { NextFunction, Request, Response } from 'express';
import { rateLimit, type RateLimitRequestHandler } from 'express-rate-limit';
import { ApiException } from '../common/errors/api.exception.js';
import { SlidingWindowStore } from '../common/throttling/sliding-window.store.js';
import type { Settings } from '../config/settings.js';

/**
 * Register and login attempts, failed ones included, share one budget per
 * client IP over a sliding minute (THROTTLE_AUTH_PER_MINUTE; 0 turns it off).
 * Over it: 429 `Request was throttled. Expected available in N seconds.` with
 * Retry-After, as DRF answers. The client IP honours TRUST_PROXY.
 */
@Injectable()
export class AuthRateLimitMiddleware implements NestMiddleware, OnModuleDestroy {
  private readonly store = new SlidingWindowStore();
  private readonly limiter: RateLimitRequestHandler | null;

  constructor(config: ConfigService<Settings, true>) {
    const perMinute = config.get('throttleAuthPerMinute', { infer: true });
    this.limiter =
      perMinute === 0
        ? null
        : rateLimit({
            windowMs: 60_000,
            limit: perMinute,
            store: this.store,
            standardHeaders: false,
            legacyHeaders: false,
            // Any client can send X-Forwarded-For; without TRUST_PROXY it is rightly ignored, not a fault to log.
            validate: { xForwardedForHeader: false },
            handler: (request, _response, next) => next(throttled(request)),
          });
  }

  use(request: Request, response: Response, next: NextFunction): void {
    if (!this.limiter) return next();
    void this.limiter(request, response, next);
  }

  onModuleDestroy(): void {
    this.store.shutdown();
  }
}

function throttled(request: Request): ApiException {
  const resetTime = (request as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
  const seconds = Math.max(1, Math.ceil(((resetTime?.getTime() ?? Date.now()) - Date.now()) / 1000));
  return new ApiException(
    { detail: `Request was throttled. Expected available in ${seconds} seconds.` },
    HttpStatus.TOO_MANY_REQUESTS,
    { 'Retry-After': String(seconds) },
  );
}

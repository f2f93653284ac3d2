import {
  applyDecorators,
  type ArgumentsHost,
  type CallHandler,
  Injectable,
  type NestInterceptor,
  UseFilters,
  UseInterceptors,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { HttpAdapterHost } from '@nestjs/core';
import { type Observable, tap } from 'rxjs';
import { ApiException } from '../common/errors/api.exception.js';
import { RequestMessages } from '../common/errors/messages.js';
import { ApiExceptionFilter } from '../common/filters/api-exception.filter.js';
import type { Settings } from '../config/settings.js';
import { Dialect } from '../database/dialect.js';
import { type LoginResult, Metrics } from '../metrics/metrics.service.js';
import { LoginLockedException } from './lockout/login-lockout.service.js';

/** What a refused login counts as, or null for a request that was no attempt (a malformed body, say). */
function loginResult(error: unknown): LoginResult | null {
  if (error instanceof LoginLockedException) return 'locked';
  if (!(error instanceof ApiException)) return null;
  if (error.getStatus() === 429) return 'throttled';
  if (error.getStatus() === 503) return 'shed';
  const reasons = (error.msg as Record<string, string[]>).non_field_errors;
  return reasons?.[0] === RequestMessages.incorrectCredentials ? 'failure' : null;
}

/**
 * `lead_manager_logins_total`, counted in one place, from the login route's
 * outcome: as its interceptor, every success; as its exception filter (the
 * app's own, with the count first), every refusal, including the per-IP
 * throttle's, which a guard gives before any handler runs.
 */
@Injectable()
export class LoginAttempts extends ApiExceptionFilter implements NestInterceptor {
  constructor(
    config: ConfigService<Settings, true>,
    adapterHost: HttpAdapterHost,
    dialect: Dialect,
    private readonly metrics: Metrics,
  ) {
    super(config, adapterHost, dialect);
  }

  intercept(_context: unknown, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(tap(() => this.metrics.countLogin('success')));
  }

  override catch(exception: unknown, host: ArgumentsHost): void {
    const result = loginResult(exception);
    if (result) this.metrics.countLogin(result);
    super.catch(exception, host);
  }
}

/** Marks the login route: its every outcome is counted in `lead_manager_logins_total`. */
export const CountedLogin = () => applyDecorators(UseFilters(LoginAttempts), UseInterceptors(LoginAttempts));

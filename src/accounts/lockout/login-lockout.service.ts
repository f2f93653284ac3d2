import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Clock } from '../../common/clock/clock.js';
import { ApiException, throttled } from '../../common/errors/api.exception.js';
import type { Settings } from '../../config/settings.js';
import type { ClientInfo } from '../auth/client-info.js';
import { LoginFailuresRepository } from './login-failures.repository.js';
import { usernameKey } from '../users/user.entity.js';

export interface LockState {
  /** Failed logins inside the window. */
  failures: number;
  /** Seconds until the username may log in again (the 429's Retry-After); null while it may. */
  lockedForSeconds: number | null;
}

/** A login refused because its username is locked: the per-IP throttle's 429, told apart for the login metrics. */
export class LoginLockedException extends ApiException {
  constructor(seconds: number) {
    const answer = throttled(seconds);
    super(answer.msg, answer.getStatus(), answer.headers);
  }
}

const OPEN: LockState = { failures: 0, lockedForSeconds: null };

/**
 * Guessing spread over many addresses escapes the per-IP budget, so failed
 * logins are also counted per account (OWASP: "the counter of failed logins
 * should be associated with the account itself"). Once
 * LOGIN_FAILURES_PER_ACCOUNT failures sit inside the sliding
 * LOGIN_FAILURE_WINDOW, every login for that username is refused with 429
 * until enough of them leave it. The counts live in the database, so every
 * worker, instance and the admin CLI share them, with or without Redis.
 */
@Injectable()
export class LoginLockout {
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly logger = new Logger('LoginLockout');

  constructor(
    private readonly failures: LoginFailuresRepository,
    config: ConfigService<Settings, true>,
    private readonly clock: Clock,
  ) {
    this.limit = config.get('loginFailuresPerAccount', { infer: true });
    this.windowMs = config.get('loginFailureWindowSeconds', { infer: true }) * 1000;
  }

  /**
   * The username's failures in the window, and whether they lock it. Costs
   * one indexed read and no hash, the same for usernames that exist and
   * those that do not.
   */
  async check(username: string): Promise<LockState> {
    if (this.limit === 0) return OPEN;
    const now = this.clock.now();
    const recent = await this.failures.newestSince(usernameKey(username), this.windowStart(now), this.limit);
    if (recent.length < this.limit) return { failures: recent.length, lockedForSeconds: null };
    // Locked until the oldest of the `limit` newest failures leaves the window.
    const unlockAt = Date.parse(recent[this.limit - 1]) + this.windowMs;
    return { failures: recent.length, lockedForSeconds: Math.max(1, Math.ceil((unlockAt - now) / 1000)) };
  }

  /** Counts a failed login; the failure that reaches the limit is logged, once. */
  async recordFailure(username: string, client: ClientInfo): Promise<void> {
    if (this.limit === 0) return;
    const now = this.clock.now();
    const count = await this.failures.record(usernameKey(username), new Date(now).toISOString(), this.windowStart(now));
    if (count === this.limit) {
      this.logger.warn(
        `Login locked for username ${JSON.stringify(username)} after ${count} failed logins; last from ${client.ip || 'an unknown address'}`,
      );
    }
  }

  /** A successful login forgets the username's failures. */
  async recordSuccess(username: string, failuresBefore: number): Promise<void> {
    if (failuresBefore > 0) await this.failures.clear(usernameKey(username));
  }

  /** `npm run manage -- unlock`: forgets the username's failures, whether or not such a user exists. */
  unlock(username: string): Promise<number> {
    return this.failures.clear(usernameKey(username));
  }

  private windowStart(now: number): string {
    return new Date(now - this.windowMs).toISOString();
  }
}

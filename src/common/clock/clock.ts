import { Injectable } from '@nestjs/common';

/**
 * The time the rules that expire are measured against: token expiry, the
 * failed-login window, session listings. One provider, so that a test can
 * move time forward instead of waiting for it.
 */
@Injectable()
export class Clock {
  /** Milliseconds since the epoch, as `Date.now()`. */
  now(): number {
    return Date.now();
  }

  /** The current time as an ISO 8601 string, as the database stores it. */
  isoNow(): string {
    return new Date(this.now()).toISOString();
  }
}

import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';

/**
 * An express-rate-limit store that counts over a sliding window (the hits of
 * the last `windowMs`, as DRF's throttles do) rather than a fixed one, so a
 * client cannot spend two windows' worth across a boundary. A refused attempt
 * is not recorded, so waiting for Retry-After always works. In memory, per process.
 */
export class SlidingWindowStore implements Store {
  readonly localKeys = true;
  private windowMs = 60_000;
  private limit = 1;
  private readonly hits = new Map<string, number[]>();
  private sweeper?: NodeJS.Timeout;

  init(options: Options): void {
    this.windowMs = options.windowMs;
    this.limit = typeof options.limit === 'number' ? options.limit : this.limit;
    this.sweeper = setInterval(() => this.sweep(), this.windowMs).unref();
  }

  increment(key: string): ClientRateLimitInfo {
    const now = Date.now();
    const recent = (this.hits.get(key) ?? []).filter((time) => time > now - this.windowMs);
    const allowed = recent.length < this.limit;
    if (allowed) recent.push(now);
    this.hits.set(key, recent);
    return {
      totalHits: allowed ? recent.length : recent.length + 1,
      resetTime: new Date(recent[0] + this.windowMs),
    };
  }

  decrement(key: string): void {
    this.hits.get(key)?.pop();
  }

  resetKey(key: string): void {
    this.hits.delete(key);
  }

  shutdown(): void {
    clearInterval(this.sweeper);
  }

  private sweep(): void {
    const cutoff = Date.now() - this.windowMs;
    for (const [key, times] of this.hits) {
      if (times[times.length - 1] <= cutoff) this.hits.delete(key);
    }
  }
}

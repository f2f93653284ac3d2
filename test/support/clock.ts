import type { INestApplication } from '@nestjs/common';
import { Clock } from '../../src/common/clock/clock.js';

/** The app's clock, as a test moves it. */
export interface TestClock {
  /** The time the app reads now (ms since the epoch). */
  now(): number;
  /** Moves the app's time forward, as waiting `ms` would, at once. */
  advance(ms: number): void;
  /** Gives the app back its real clock. */
  restore(): void;
}

/**
 * Stops the clock the app measures expiry and windows against (tokens, the
 * failed-login window), at the real time unless `at` is given: time moves
 * only when the test moves it, so a TTL passes at once and a Retry-After is
 * exact.
 */
export function stopClock(app: INestApplication, at = Date.now()): TestClock {
  const clock = app.get(Clock);
  let now = at;
  clock.now = () => now;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
    restore: () => realClock(clock),
  };
}

/**
 * Leaves the app's clock running with real time, and lets the test move it
 * ahead: for suites whose requests must still be told apart by time.
 */
export function aheadClock(app: INestApplication): TestClock {
  let offset = 0;
  const clock = app.get(Clock);
  const now = () => Date.now() + offset;
  clock.now = now;
  return {
    now,
    advance(ms: number) {
      offset += ms;
    },
    restore: () => realClock(clock),
  };
}

/** Drops the instance's own `now`: the class's, reading the real time, answers again. */
function realClock(clock: Clock): void {
  delete (clock as Partial<Clock>).now;
}

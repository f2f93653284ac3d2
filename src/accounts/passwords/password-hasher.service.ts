import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit, Optional } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createHash, randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { busy } from '../../common/errors/api.exception.js';
import type { Settings } from '../../config/settings.js';
import { Metrics } from '../../metrics/metrics.service.js';
import { type Admission, HashQueue, WaitedTooLongError } from './hash-queue.js';
import { HashThreads } from './hash-threads.js';

export type { Admission } from './hash-queue.js';

/** The hashing threads' nice value: well below the event loop's claim on a core it must share with them. */
const HASH_THREAD_NICE = 10;

/**
 * bcrypt over the SHA-256 hex digest of the password, as Django's
 * BCryptSHA256PasswordHasher does: bcrypt reads only 72 bytes, so without the
 * pre-hash two long passwords sharing a prefix would be the same password.
 * bcrypt runs on threads of our own (HashThreads) at a lower CPU priority
 * than the event loop, one per core but one (and at least one), so that a
 * burst of logins never takes the CPU that answers every other request.
 *
 * Every hash and compare goes through one bounded queue (HashQueue). A
 * request that will hash calls `admit()` first, before it looks anything up:
 * when the queue's estimated wait is over HASH_QUEUE_MAX_WAIT_MS that answers
 * 503 at once, with Retry-After.
 */
@Injectable()
export class PasswordHasher implements OnModuleInit, OnApplicationShutdown {
  private readonly rounds: number;
  readonly queue: HashQueue;
  private readonly threads: HashThreads;
  /** Checked against when the user does not exist, so both cases cost the same. */
  private decoyHash = '';

  constructor(config: ConfigService<Settings, true>, @Optional() metrics?: Metrics) {
    this.rounds = config.get('bcryptRounds', { infer: true });
    const concurrency = Math.max(1, availableParallelism() - 1);
    this.threads = new HashThreads(concurrency, HASH_THREAD_NICE);
    this.queue = new HashQueue({
      concurrency,
      maxWaitMs: config.get('hashQueueMaxWaitMs', { infer: true }),
      onWaiting: metrics && ((waiting) => metrics.hashQueue.set(waiting)),
      onRunTime: metrics && ((ms) => metrics.hashSeconds.observe(ms / 1000)),
    });
  }

  async onModuleInit(): Promise<void> {
    if (!(await this.threads.started())) {
      new Logger('PasswordHasher').debug('This platform cannot lower a thread’s priority: hashing runs at the process’s own');
    }
    // Also gives the queue its first run time, so its estimate holds from the first request.
    this.decoyHash = await this.hash(randomBytes(16).toString('hex'));
  }

  onApplicationShutdown(): Promise<void> {
    return this.threads.stop();
  }

  /**
   * A place in the queue, or 503 (busy, with Retry-After) when the wait would
   * be too long. The hash that uses the place may still be refused with the
   * same 503 if its turn comes later than the bound (see WaitedTooLongError).
   */
  admit(): Admission {
    const admitted = this.queue.admit();
    if ('refusedWaitMs' in admitted) throw busyFor(admitted.refusedWaitMs);
    return admitted;
  }

  /** Gives back a place `admit()` promised, when the request ends without hashing. */
  release(admission: Admission): void {
    this.queue.release(admission);
  }

  hash(password: string, admission?: Admission): Promise<string> {
    return this.run(() => this.threads.hash(prehash(password), this.rounds), admission);
  }

  /** Compares in constant time; with no hash, burns the same time and fails. */
  async verify(password: string, hash: string | undefined, admission?: Admission): Promise<boolean> {
    const matches = await this.run(() => this.threads.compare(prehash(password), hash ?? this.decoyHash), admission);
    return hash !== undefined && matches;
  }

  private async run<T>(job: () => Promise<T>, admission: Admission | undefined): Promise<T> {
    try {
      return await this.queue.run(job, admission);
    } catch (error) {
      if (!(error instanceof WaitedTooLongError)) throw error;
      throw busyFor(error.retryAfterMs);
    }
  }
}

const busyFor = (waitMs: number) => busy(Math.max(1, Math.ceil(waitMs / 1000)));

function prehash(password: string): string {
  return createHash('sha256').update(password, 'utf8').digest('hex');
}

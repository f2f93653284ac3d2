import { type BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { setTimeout as delay } from 'node:timers/promises';
import type { Settings } from '../config/settings.js';

/**
 * Work done after the answer (looking up who to email, making tokens,
 * sending): it never delays a response, and shutdown waits for it, within
 * SHUTDOWN_TIMEOUT_MS, before the database closes.
 */
@Injectable()
export class Outbox implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Mail');
  private readonly running = new Set<Promise<void>>();
  private readonly timeoutMs: number;

  constructor(config: ConfigService<Settings, true>) {
    this.timeoutMs = config.get('shutdownTimeoutMs', { infer: true });
  }

  /**
   * Runs `work` once the current request's answer has been written (on the
   * next turn of the event loop, after the response went out), never inside it.
   * A failure is logged; nobody is waiting for it.
   */
  later(work: () => Promise<void>): void {
    const job: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
      .then(work)
      .catch((error: unknown) =>
        this.logger.error(`Background email work failed: ${error instanceof Error ? error.message : String(error)}`),
      )
      .finally(() => this.running.delete(job));
    this.running.add(job);
  }

  /** How many jobs are still running. */
  get pending(): number {
    return this.running.size;
  }

  /** Resolves once every job (and any job they started) has ended, or after `timeoutMs`: answers whether all ended. */
  async drain(timeoutMs = this.timeoutMs): Promise<boolean> {
    const deadline = delay(timeoutMs, false, { ref: false });
    while (this.running.size > 0) {
      const ended = await Promise.race([Promise.allSettled([...this.running]).then(() => true), deadline]);
      if (!ended) {
        this.logger.error(`${this.running.size} email job(s) still running after ${timeoutMs} ms: abandoned`);
        return false;
      }
    }
    return true;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.drain();
  }
}

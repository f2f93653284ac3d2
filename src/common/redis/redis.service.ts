import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Redis } from 'ioredis';
import { once } from 'node:events';
import { printableUrl, type Settings } from '../../config/settings.js';

/**
 * Every command answers within this, or counts as Redis not answering. A
 * healthy Redis answers in well under 1 ms; the margin is for this process's
 * own event loop, which on a busy machine can stall past 100 ms and would
 * then time out commands Redis had long answered.
 */
export const COMMAND_TIMEOUT_MS = 250;
/** How long start-up waits for a first connection before serving without one. */
const FIRST_CONNECT_WAIT_MS = 1000;
const MAX_RECONNECT_DELAY_MS = 1000;

/** A command Redis did not answer in time, or could not be sent at all. */
export class RedisUnavailableError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'RedisUnavailableError';
  }
}

/**
 * The one Redis client (REDIS_URL), or none. Redis is an aid, never a
 * dependency: a command is bounded by COMMAND_TIMEOUT_MS and fails at once
 * while disconnected (no offline queue), reconnection goes on in the
 * background for ever, and an outage is logged once, its end once.
 */
@Injectable()
export class RedisService implements OnModuleInit, OnApplicationShutdown {
  /** null when REDIS_URL is unset. */
  readonly client: Redis | null;
  private readonly logger = new Logger('Redis');
  private readonly where: string;
  private outage = false;
  private closing = false;

  constructor(config: ConfigService<Settings, true>) {
    const url = config.get('redisUrl', { infer: true });
    this.where = url ? printableUrl(url) : '';
    this.client = url
      ? new Redis(url, {
          commandTimeout: COMMAND_TIMEOUT_MS,
          connectTimeout: 500,
          enableOfflineQueue: false,
          maxRetriesPerRequest: 0,
          retryStrategy: (attempt) => Math.min(attempt * 100, MAX_RECONNECT_DELAY_MS),
          lazyConnect: true,
        })
      : null;
    this.client?.on('error', (error) => this.recordFailure(error));
    this.client?.on('close', () => this.recordFailure('connection closed'));
    this.client?.on('ready', () => this.recordSuccess());
  }

  async onModuleInit(): Promise<void> {
    const client = this.client;
    if (!client) return;
    // Serve at once if Redis is away: the reconnection carries on by itself.
    client.connect().catch(() => undefined);
    const signal = AbortSignal.timeout(FIRST_CONNECT_WAIT_MS);
    await Promise.race([once(client, 'ready', { signal }), once(client, 'error', { signal })]).catch(() => undefined);
  }

  /** Runs a command; any failure becomes RedisUnavailableError and is counted towards an outage. */
  async run<T>(command: (client: Redis) => Promise<T>): Promise<T> {
    if (!this.client) throw new RedisUnavailableError('REDIS_URL is not set');
    try {
      const result = await command(this.client);
      this.recordSuccess();
      return result;
    } catch (error) {
      this.recordFailure(error);
      throw new RedisUnavailableError(error);
    }
  }

  /** Whether Redis answers a PING now (within the command timeout). */
  async isAnswering(): Promise<boolean> {
    try {
      await this.run((client) => client.ping());
      return true;
    } catch {
      return false;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    const client = this.client;
    if (!client || this.closing) return;
    this.closing = true;
    const ended = once(client, 'end', { signal: AbortSignal.timeout(500) }).catch(() => undefined);
    await client.quit().catch(() => undefined);
    client.disconnect();
    await ended;
  }

  private recordFailure(error: unknown): void {
    if (this.outage || this.closing) return;
    this.outage = true;
    const reason = error instanceof Error ? error.message : String(error);
    this.logger.error(`Redis at ${this.where} is not answering (${reason}): throttled routes are served unthrottled until it is back`);
  }

  private recordSuccess(): void {
    if (!this.outage) return;
    this.outage = false;
    this.logger.log(`Redis at ${this.where} answers again: throttle counters are shared again`);
  }
}

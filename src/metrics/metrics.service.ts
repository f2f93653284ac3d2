import { Injectable, Optional } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import cluster from 'node:cluster';
import { AggregatorRegistry, collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Settings } from '../config/settings.js';
import { EMAIL_KINDS, EMAIL_RESULTS, type EmailKind, type EmailResult } from '../mail/email.js';
import { RedisService } from '../common/redis/redis.service.js';

export const LOGIN_RESULTS = ['success', 'failure', 'throttled', 'locked', 'shed'] as const;
export type LoginResult = (typeof LOGIN_RESULTS)[number];

/**
 * This process's metrics, in a registry of its own (not prom-client's global
 * one, so that several apps in one process, as in the tests, do not mix).
 * Recording is always on and costs a few operations; default process metrics
 * and the per-request histogram are only collected with METRICS_PORT set.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  readonly enabled: boolean;

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from a request arriving to its response being sent, by method, route template and status',
    labelNames: ['method', 'route', 'status_code'] as const,
    registers: [this.registry],
  });

  private readonly logins = new Counter({
    name: 'lead_manager_logins_total',
    help: 'Login attempts by result',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  private readonly emails = new Counter({
    name: 'lead_manager_emails_total',
    help: 'Emails by kind, sent or failed (after every retry)',
    labelNames: ['kind', 'result'] as const,
    registers: [this.registry],
  });

  readonly hashQueue = new Gauge({
    name: 'lead_manager_password_hash_queue',
    help: 'Password hashes and compares waiting for a thread',
    registers: [this.registry],
  });

  readonly hashSeconds = new Histogram({
    name: 'lead_manager_password_hash_seconds',
    help: 'Time each password hash or compare took to run (not counting its wait)',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2, 5],
    registers: [this.registry],
  });

  constructor(config: ConfigService<Settings, true>, @Optional() redis?: RedisService) {
    this.enabled = config.get('metricsPort', { infer: true }) !== null;
    // Every result shows from the start, at 0, so a rate over it is defined before the first attempt.
    for (const result of LOGIN_RESULTS) this.logins.inc({ result }, 0);
    for (const kind of EMAIL_KINDS) for (const result of EMAIL_RESULTS) this.emails.inc({ kind, result }, 0);
    if (!this.enabled) return;
    collectDefaultMetrics({ register: this.registry });
    if (redis?.client) {
      new Gauge({
        name: 'lead_manager_redis_up',
        help: 'Whether Redis (REDIS_URL) answers a PING: 1 or 0',
        registers: [this.registry],
        // In a cluster's sum, Redis is up only if every worker reaches it.
        aggregator: 'min',
        async collect() {
          this.set((await redis.isAnswering()) ? 1 : 0);
        },
      });
    }
    // The primary asks each worker for its registry (see cluster-metrics.ts).
    if (cluster.isWorker) AggregatorRegistry.setRegistries([this.registry]);
  }

  /** Counts one login attempt: the one call each outcome needs. */
  countLogin(result: LoginResult): void {
    this.logins.inc({ result });
  }

  /** Counts one email, once its fate is known. */
  countEmail(kind: EmailKind, result: EmailResult): void {
    this.emails.inc({ kind, result });
  }
}

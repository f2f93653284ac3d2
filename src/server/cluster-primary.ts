import { Logger } from '@nestjs/common';
import cluster, { type Worker } from 'node:cluster';
import type { Settings } from '../config/settings.js';
import { migrate } from '../database/migrate.js';
import { clusterExposition } from '../metrics/cluster-metrics.js';
import { listenForScrapes } from '../metrics/metrics-listener.js';

const logger = new Logger('Primary');

/** A worker that dies sooner than this after starting counts as crashing, and is replaced after a growing pause. */
const HEALTHY_UPTIME_MS = 10_000;
const FIRST_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 30_000;
/** After SIGTERM, how long beyond the workers' own deadline the primary waits for them. */
const STOP_GRACE_MS = 5_000;

/**
 * WEB_CONCURRENCY > 1: this process migrates the database once, then forks
 * that many workers which share one port (node:cluster hands connections out
 * in turn) and never migrate. A worker that dies is replaced, after a pause
 * that doubles while replacements keep dying young. On SIGTERM or SIGINT each
 * worker drains as a single process does; the primary exits 0 once all have
 * exited 0 (else 1).
 */
export async function runPrimary(settings: Settings, onServing: () => void): Promise<void> {
  if (settings.database.type === 'sqlite' && settings.database.path === ':memory:') {
    throw new Error('WEB_CONCURRENCY above 1 needs a database the workers share; an in-memory SQLite database is private to each process');
  }
  await migrate(settings.database);
  if (settings.metricsPort !== null) {
    (await listenForScrapes(clusterExposition(), settings.host, settings.metricsPort)).unref();
  }

  const startedAt = new Map<number, number>();
  let listening = 0;
  let servingOnce = false;
  let stopping = false;
  let crashes = 0;
  let failedExit = false;
  let exitCode = 0;

  const finish = () => {
    logger.log('Stopped');
    process.exit(failedExit ? 1 : exitCode);
  };

  const fork = () => {
    const worker = cluster.fork();
    startedAt.set(worker.id, Date.now());
  };

  cluster.on('listening', () => {
    listening += 1;
    if (!servingOnce && listening === settings.webConcurrency) {
      servingOnce = true;
      onServing();
    }
  });

  cluster.on('exit', (worker: Worker, code: number | null, signal: string | null) => {
    const uptime = Date.now() - (startedAt.get(worker.id) ?? Date.now());
    startedAt.delete(worker.id);
    if (stopping) {
      // Killed by the signal itself: the worker was still starting (no handler yet), so it had nothing to finish.
      const stoppedBeforeServing = signal === 'SIGTERM' || signal === 'SIGINT';
      if (code !== 0 && !stoppedBeforeServing) failedExit = true;
      if (startedAt.size === 0) finish();
      return;
    }
    if (!servingOnce) {
      // A worker that cannot start (port taken, database unreachable) will not start on a second try either.
      logger.error(`Worker ${worker.process.pid} exited (${signal ?? `code ${code}`}) before serving: stopping`);
      stop('start-up failure', 1);
      return;
    }
    crashes = uptime < HEALTHY_UPTIME_MS ? crashes + 1 : 0;
    const pause = crashes === 0 ? 0 : Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** (crashes - 1));
    logger.error(`Worker ${worker.process.pid} exited (${signal ?? `code ${code}`}): replacing it in ${pause} ms`);
    setTimeout(() => stopping || fork(), pause);
  });

  const stop = (reason: string, code = 0) => {
    if (stopping) return;
    stopping = true;
    exitCode = code;
    logger.log(`${reason}: stopping ${startedAt.size} workers`);
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    if (startedAt.size === 0) finish();
    setTimeout(() => {
      logger.error(`Workers still running after ${settings.shutdownTimeoutMs + STOP_GRACE_MS} ms: exiting without them`);
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
      process.exit(1);
    }, settings.shutdownTimeoutMs + STOP_GRACE_MS).unref();
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => stop(`${signal} received`));

  for (let i = 0; i < settings.webConcurrency; i++) fork();
}

/**
 * The `metrics` case: what Prometheus metrics (METRICS_PORT) cost a request.
 * Two app servers started for it, identical but for METRICS_PORT, are warmed
 * alike and loaded on GET /api/leads in turn (off, on, off, on, ...), so that
 * the machine's drift over minutes falls on both alike; medians of the runs.
 * Not the main server: after the other cases its code is warmer than a new
 * server's (measured after a full run: 440 against 543 µs of CPU a request;
 * with two new servers, 476 against 489). The metrics port is scraped every
 * 15 s during the runs, as Prometheus would.
 */
import { openSync } from 'node:fs';
import type { LoadSpec } from './load-protocol.js';
import { freePorts, type LoadGenerator, ProcessWatch, quiesce, ServerProcess } from './processes.js';
import { type Measured, type RunSample, summarise } from './report.js';

export interface MetricsCaseOptions {
  load: LoadGenerator;
  /** The main app server's environment (METRICS_PORT unset). */
  env: NodeJS.ProcessEnv;
  serverScript: string;
  appBase: string;
  /** GET /api/leads as the `leads` case loads it. */
  spec: Omit<LoadSpec, 'duration'>;
  runs: number;
  duration: number;
  warmup: number;
  logFile: string;
  say: (line: string) => void;
}

export async function measureMetricsCost(options: MetricsCaseOptions): Promise<{ off: Measured; on: Measured }> {
  const [offPort, onPort, metricsPort] = await freePorts(3);
  const scrapeUrl = `http://127.0.0.1:${metricsPort}/metrics`;
  const start = (name: string, port: number, env: NodeJS.ProcessEnv) =>
    ServerProcess.start(
      name,
      options.serverScript,
      { ...options.env, ...env, PORT: String(port) },
      async () => (await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(1000) })).status === 200,
      { stdoutFd: openSync(options.logFile, 'a') },
    );
  const withoutMetrics = await start('metrics-off', offPort, {});
  const withMetrics = await start('metrics-on', onPort, { METRICS_PORT: String(metricsPort) }).catch(async (error: unknown) => {
    await withoutMetrics.stop();
    throw error;
  });
  const scraper = setInterval(
    () =>
      void fetch(scrapeUrl)
        .then((r) => r.text())
        .catch(() => undefined),
    15_000,
  );
  try {
    const targets = [
      {
        label: 'metrics off',
        server: withoutMetrics,
        spec: { ...options.spec, url: options.spec.url.replace(options.appBase, `http://127.0.0.1:${offPort}`) },
        samples: [] as RunSample[],
      },
      {
        label: 'metrics on',
        server: withMetrics,
        spec: { ...options.spec, url: options.spec.url.replace(options.appBase, `http://127.0.0.1:${onPort}`) },
        samples: [] as RunSample[],
      },
    ];
    for (const target of targets) {
      await quiesce(target.server.pid);
      await options.load.run({ ...target.spec, duration: options.warmup });
    }
    for (let i = 0; i < options.runs; i++) {
      for (const target of targets) {
        await quiesce(target.server.pid);
        const watch = new ProcessWatch(target.server.pid);
        watch.start();
        const result = await options.load.run({ ...target.spec, duration: options.duration });
        const watched = watch.stop();
        target.samples.push({ ...result, serverPeakRssMb: watched.peakRssMb, serverCpu: watched.cpu });
        // The server's CPU time per request moves far less with the machine's other work than req/s does.
        const cpuPerRequestUs = (watched.cpu / result.rps) * 1e6;
        options.say(
          `  ${target.label} run ${i + 1}/${options.runs}: ${Math.round(result.rps)} req/s, p99 ${result.p99.toFixed(2)} ms, ` +
            `server CPU ${Math.round(cpuPerRequestUs)} µs/request`,
        );
      }
    }
    // The metrics really were on: the histogram counted the load.
    const exposition = await (await fetch(scrapeUrl)).text();
    if (!/^http_request_duration_seconds_count\{method="GET",route="\/api\/leads",status_code="200"\} [1-9]/m.test(exposition)) {
      throw new Error('the metrics server did not count GET /api/leads');
    }
    return { off: summarise(targets[0].samples), on: summarise(targets[1].samples) };
  } finally {
    clearInterval(scraper);
    await Promise.all([withoutMetrics.stop(), withMetrics.stop()]);
  }
}

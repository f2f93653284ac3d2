/**
 * The `metrics` case: what Prometheus metrics (METRICS_PORT) cost a request.
 * A second app server, identical but for METRICS_PORT, is loaded on
 * GET /api/leads in turn with the main one (off, on, off, on, ...), so that
 * the machine's drift over minutes falls on both alike; medians of the runs.
 * Its metrics port is scraped every 15 s during the runs, as Prometheus would.
 */
import { openSync } from 'node:fs';
import type { LoadSpec } from './load-protocol.js';
import { freePorts, type LoadGenerator, ProcessWatch, quiesce, ServerProcess } from './processes.js';
import { type Measured, type RunSample, summarise } from './report.js';

export interface MetricsCaseOptions {
  load: LoadGenerator;
  /** The main app server (METRICS_PORT unset) and its environment. */
  server: ServerProcess;
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
  const [port, metricsPort] = await freePorts(2);
  const base = `http://127.0.0.1:${port}`;
  const scrapeUrl = `http://127.0.0.1:${metricsPort}/metrics`;
  const withMetrics = await ServerProcess.start(
    'metrics',
    options.serverScript,
    { ...options.env, PORT: String(port), METRICS_PORT: String(metricsPort) },
    async () => (await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(1000) })).status === 200,
    { stdoutFd: openSync(options.logFile, 'a') },
  );
  const scraper = setInterval(
    () =>
      void fetch(scrapeUrl)
        .then((r) => r.text())
        .catch(() => undefined),
    15_000,
  );
  try {
    const targets = [
      { label: 'metrics off', server: options.server, spec: options.spec, samples: [] as RunSample[] },
      {
        label: 'metrics on',
        server: withMetrics,
        spec: { ...options.spec, url: options.spec.url.replace(options.appBase, base) },
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
    await withMetrics.stop();
  }
}

/**
 * The load generator: a child process (forked by `run.ts`) that runs
 * autocannon on request and answers with a summary. Latencies are taken from
 * autocannon's per-response event, which has sub-millisecond resolution (its
 * own histogram rounds to whole milliseconds).
 */
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import type { FromLoadGenerator, LoadResult, LoadSpec, ToLoadGenerator } from './load-protocol.js';

interface AutocannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}

interface Tracker {
  on(event: 'response', listener: (client: unknown, statusCode: number, bytes: number, ms: number) => void): void;
  stop(): void;
}

type Autocannon = (options: Record<string, unknown>, done: (error: Error | null, result: AutocannonResult) => void) => Tracker;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

/** Latencies of one run, kept whole so percentiles are exact. */
class Latencies {
  private values = new Float64Array(1 << 16);
  private count = 0;

  push(ms: number): void {
    if (this.count === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.count++] = ms;
  }

  summary(): Pick<LoadResult, 'p50' | 'p90' | 'p99' | 'mean' | 'max'> {
    if (this.count === 0) return { p50: Number.NaN, p90: Number.NaN, p99: Number.NaN, mean: Number.NaN, max: Number.NaN };
    const sorted = this.values.slice(0, this.count).sort();
    const at = (q: number) => sorted[Math.min(this.count - 1, Math.max(0, Math.ceil(q * this.count) - 1))];
    let sum = 0;
    for (const value of sorted) sum += value;
    return { p50: at(0.5), p90: at(0.9), p99: at(0.99), mean: sum / this.count, max: sorted[this.count - 1] };
  }
}

let current: Tracker | null = null;

function run(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const latencies = new Latencies();
    const statusCodes: Record<string, number> = {};
    let requests = 0;
    let ok = 0;
    const cpuBefore = process.cpuUsage();
    const startedAt = performance.now();

    const options: Record<string, unknown> = {
      url: spec.url,
      method: spec.method ?? 'GET',
      headers: spec.headers ?? {},
      connections: spec.connections,
      duration: spec.duration,
      timeout: spec.timeout ?? 10,
    };
    if (spec.body !== undefined) options.body = spec.body;
    if (spec.overallRate !== undefined) options.overallRate = spec.overallRate;
    if (spec.idReplacement) options.idReplacement = true;

    const tracker = autocannon(options, (error, result) => {
      current = null;
      if (error) return reject(error);
      const cpu = process.cpuUsage(cpuBefore);
      const wallSec = (performance.now() - startedAt) / 1000;
      const durationSec = result.duration > 0 ? result.duration : wallSec;
      resolve({
        requests,
        ok,
        rps: requests / durationSec,
        ...latencies.summary(),
        errors: result.errors,
        timeouts: result.timeouts,
        non2xx: result.non2xx,
        statusCodes,
        durationSec,
        clientCpu: (cpu.user + cpu.system) / 1e6 / wallSec,
      });
    });
    tracker.on('response', (_client, statusCode, _bytes, ms) => {
      requests++;
      statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
      if (statusCode >= 200 && statusCode < 300) {
        ok++;
        latencies.push(ms);
      }
    });
    current = tracker;
  });
}

function send(message: FromLoadGenerator): void {
  process.send?.(message);
}

process.on('message', (message: ToLoadGenerator) => {
  if (message.kind === 'stop') {
    current?.stop();
    return;
  }
  run(message.spec).then(
    (result) => send({ kind: 'result', id: message.id, result }),
    (error: unknown) => send({ kind: 'error', id: message.id, message: String(error) }),
  );
});

// Leave when the orchestrator goes away.
process.on('disconnect', () => process.exit(0));

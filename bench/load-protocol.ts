/**
 * Messages between the orchestrator (`run.ts`) and the load generator
 * (`load.ts`), which runs autocannon in a process of its own so that the load
 * never shares an event loop with the server or the orchestrator.
 */

export interface LoadSpec {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  connections: number;
  /** Seconds. */
  duration: number;
  /** Caps the whole run at this many requests per second (autocannon's overallRate). */
  overallRate?: number;
  /** Replace `[<id>]` in the body with a unique id per request. */
  idReplacement?: boolean;
  /** Seconds before a request counts as timed out. */
  timeout?: number;
}

export interface LoadResult {
  /** Responses received, any status. */
  requests: number;
  /** 2xx responses; latencies are of these only. */
  ok: number;
  rps: number;
  /** Latencies in milliseconds (sub-millisecond resolution). */
  p50: number;
  p90: number;
  p99: number;
  mean: number;
  max: number;
  /** Connection errors and timeouts (autocannon's `errors`, which includes timeouts). */
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  durationSec: number;
  /** CPU the load generator itself used, in cores (1 = one core busy all the time). */
  clientCpu: number;
}

export type ToLoadGenerator = { kind: 'run'; id: number; spec: LoadSpec } | { kind: 'stop' };

export type FromLoadGenerator = { kind: 'result'; id: number; result: LoadResult } | { kind: 'error'; id: number; message: string };

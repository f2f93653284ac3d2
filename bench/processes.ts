/** Child processes of the benchmark and what /proc says about them. */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { FromLoadGenerator, LoadResult, LoadSpec, ToLoadGenerator } from './load-protocol.js';

/** Clock ticks per second in /proc/<pid>/stat (USER_HZ; 100 on every Linux build that matters). */
const CLOCK_TICKS = 100;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface Memory {
  /** Resident set now, in MB. */
  rssMb: number;
  /** Peak resident set over the process's life (VmHWM), in MB. */
  hwmMb: number;
}

export function readMemory(pid: number): Memory | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const mb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]) / 1024;
    return { rssMb: mb('VmRSS'), hwmMb: mb('VmHWM') };
  } catch {
    return null;
  }
}

/**
 * RSS once the process has been idle a while: V8 hands unused heap pages back
 * to the system some seconds after the allocation rate drops, so RSS right
 * after a load is mostly garbage not yet returned, not memory the server keeps.
 * V8's memory reducer waits 8 s of low allocation before it starts, then
 * collects in steps: measured here, RSS sits on a plateau for 15–30 s after
 * the load stops, then drops at once (after an import of 100,000 rows: flat
 * for 25 s, then 249 → 145 MB). So the reading waits at least `minSeconds`,
 * then until RSS has not moved for `stableSeconds`, at most `maxSeconds`.
 */
export async function settledRssMb(
  pid: number,
  { minSeconds = 45, stableSeconds = 5, maxSeconds = 75 } = {},
): Promise<{ rssMb: number; afterSeconds: number }> {
  let last = readMemory(pid)?.rssMb ?? Number.NaN;
  let stableFor = 0;
  for (let second = 1; second <= maxSeconds; second++) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const now = readMemory(pid)?.rssMb ?? Number.NaN;
    stableFor = Math.abs(now - last) < 1 ? stableFor + 1 : 0;
    last = now;
    if (stableFor >= stableSeconds && second >= minSeconds) return { rssMb: now, afterSeconds: second };
  }
  return { rssMb: last, afterSeconds: maxSeconds };
}

/** User + system CPU seconds the process (all its threads) has used. */
export function readCpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after "(comm)": state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/** Samples a process's RSS while a measurement runs; reports its peak and CPU use. */
export class ProcessWatch {
  private peakRssMb = 0;
  private timer: NodeJS.Timeout | null = null;
  private cpuStart = 0;
  private startedAt = 0;

  constructor(private readonly pid: number) {}

  start(): void {
    this.peakRssMb = readMemory(this.pid)?.rssMb ?? 0;
    this.cpuStart = readCpuSeconds(this.pid) ?? 0;
    this.startedAt = performance.now();
    this.timer = setInterval(() => {
      this.peakRssMb = Math.max(this.peakRssMb, readMemory(this.pid)?.rssMb ?? 0);
    }, 200);
  }

  /** Peak RSS in MB, and CPU in cores (1 = one core busy throughout). */
  stop(): { peakRssMb: number; cpu: number } {
    if (this.timer) clearInterval(this.timer);
    this.peakRssMb = Math.max(this.peakRssMb, readMemory(this.pid)?.rssMb ?? 0);
    const seconds = (performance.now() - this.startedAt) / 1000;
    const cpu = ((readCpuSeconds(this.pid) ?? 0) - this.cpuStart) / seconds;
    return { peakRssMb: this.peakRssMb, cpu };
  }
}

/** Waits until the process is (nearly) idle: in-flight work, such as queued bcrypt hashes, has drained. */
export async function quiesce(pid: number, maxMs = 20_000): Promise<void> {
  const deadline = performance.now() + maxMs;
  while (performance.now() < deadline) {
    const before = readCpuSeconds(pid);
    await sleep(250);
    const after = readCpuSeconds(pid);
    if (before === null || after === null || (after - before) / 0.25 < 0.1) return;
  }
}

/** Free loopback ports (listen on 0, note the port, close). */
export async function freePorts(count: number): Promise<number[]> {
  const ports: number[] = [];
  while (ports.length < count) {
    const port = await new Promise<number>((resolve, reject) => {
      const probe = createServer();
      probe.once('error', reject);
      probe.listen(0, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    if (!ports.includes(port)) ports.push(port);
  }
  return ports;
}

/** A server under test: node running one script, its output kept for when things go wrong. */
export class ServerProcess {
  private readonly lines: string[] = [];
  private exited: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  private readonly exitPromise: Promise<void>;

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    const keep = (stream: NodeJS.ReadableStream | null, echo: boolean) => {
      let partial = '';
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => {
        const parts = (partial + chunk).split('\n');
        partial = parts.pop() ?? '';
        for (const line of parts) {
          this.lines.push(line);
          if (this.lines.length > 200) this.lines.shift();
          if (echo) process.stderr.write(`[${name}] ${line}\n`);
        }
      });
    };
    // stdout is kept quiet (TypeORM reports migrations there); stderr (errors) is shown as it comes.
    keep(child.stdout, false);
    keep(child.stderr, true);
    this.exitPromise = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exited = { code, signal };
        resolve();
      });
    });
  }

  static async start(
    name: string,
    script: string,
    env: NodeJS.ProcessEnv,
    isReady: () => Promise<boolean>,
    options: { ipc?: boolean; timeoutMs?: number; stdoutFd?: number } = {},
  ): Promise<ServerProcess> {
    const timeoutMs = options.timeoutMs ?? 60_000;
    const stdout = options.stdoutFd ?? 'pipe';
    const child = spawn(process.execPath, [script], {
      env,
      stdio: options.ipc ? ['ignore', stdout, 'pipe', 'ipc'] : ['ignore', stdout, 'pipe'],
    });
    const server = new ServerProcess(name, child);
    const deadline = performance.now() + timeoutMs;
    while (performance.now() < deadline) {
      if (server.exited) {
        throw new Error(`${name} exited during start-up (${JSON.stringify(server.exited)}):\n${server.output()}`);
      }
      if (await isReady().catch(() => false)) return server;
      await sleep(100);
    }
    await server.stop();
    throw new Error(`${name} did not become ready within ${timeoutMs / 1000} s:\n${server.output()}`);
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get alive(): boolean {
    return this.exited === null;
  }

  output(): string {
    return this.lines.join('\n');
  }

  /** Sends `message` over the IPC channel and waits for `reply`. */
  ask(message: string, reply: string, timeoutMs = 30_000): Promise<boolean> {
    if (!this.alive || !this.child.connected) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(false), timeoutMs);
      const onMessage = (answer: unknown) => {
        if (answer === reply) done(true);
      };
      const done = (answered: boolean) => {
        clearTimeout(timer);
        this.child.off('message', onMessage);
        resolve(answered);
      };
      this.child.on('message', onMessage);
      this.child.send(message);
    });
  }

  async stop(): Promise<void> {
    if (!this.alive) return;
    this.child.kill('SIGTERM');
    const killed = await Promise.race([this.exitPromise.then(() => true), sleep(10_000).then(() => false)]);
    if (!killed && this.alive) {
      this.child.kill('SIGKILL');
      await this.exitPromise;
    }
  }
}

/** The autocannon process (see load.ts), driven over IPC. */
export class LoadGenerator {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: LoadResult) => void; reject: (e: Error) => void }>();
  private readonly child: ChildProcess;

  constructor(script: string) {
    this.child = fork(script, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (message: FromLoadGenerator) => {
      const waiter = this.pending.get(message.id);
      if (!waiter) return;
      this.pending.delete(message.id);
      if (message.kind === 'result') waiter.resolve(message.result);
      else waiter.reject(new Error(`load generator: ${message.message}`));
    });
    this.child.on('exit', (code) => {
      for (const waiter of this.pending.values()) waiter.reject(new Error(`load generator exited (${code})`));
      this.pending.clear();
    });
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  run(spec: LoadSpec): Promise<LoadResult> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.send({ kind: 'run', id, spec });
    });
  }

  /** Ends the run in progress early; its promise resolves with what was measured. */
  stopRun(): void {
    this.send({ kind: 'stop' });
  }

  close(): void {
    if (this.child.connected) this.child.disconnect();
    if (this.child.exitCode === null) this.child.kill('SIGTERM');
  }

  private send(message: ToLoadGenerator): void {
    this.child.send(message);
  }
}

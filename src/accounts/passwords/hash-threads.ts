import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * The threads' own code, in plain JavaScript so that it runs alike from the
 * build and from the TypeScript sources the tests load. Each thread first
 * lowers its own CPU priority: on Linux a thread has its own nice value, set
 * with setpriority() on its thread id (elsewhere the call fails, and the
 * thread keeps the process's priority).
 */
const THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const bcrypt = require(workerData.bcrypt);
let lowered = false;
try {
  const threadId = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
  require('node:os').setPriority(threadId, workerData.nice);
  lowered = true;
} catch {}
parentPort.postMessage({ ready: true, lowered });
parentPort.on('message', ({ id, password, rounds, hash }) => {
  try {
    const result = hash === undefined ? bcrypt.hashSync(password, rounds) : bcrypt.compareSync(password, hash);
    parentPort.postMessage({ id, result });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message || error) });
  }
});
`;

interface Pending {
  resolve(result: string | boolean): void;
  reject(error: Error): void;
}

type Answer = { ready: true; lowered: boolean } | { id: number; result: string | boolean } | { id: number; error: string };

/** One hashing thread: runs one job at a time, in order. */
class HashThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private stopped: Error | null = null;
  readonly ready: Promise<boolean>;

  constructor(nice: number) {
    this.worker = new Worker(THREAD_SOURCE, { eval: true, workerData: { bcrypt: createRequire(import.meta.url).resolve('bcrypt'), nice } });
    // Only a thread with work keeps the process (the CLI, say) alive.
    this.worker.unref();
    this.ready = new Promise((resolve, reject) => {
      this.worker.on('message', (answer: Answer) => {
        if ('ready' in answer) return resolve(answer.lowered);
        const job = this.pending.get(answer.id);
        this.pending.delete(answer.id);
        if (this.pending.size === 0) this.worker.unref();
        if ('error' in answer) job?.reject(new Error(answer.error));
        else job?.resolve(answer.result);
      });
      this.worker.on('error', (error) => {
        reject(error);
        this.failAll(error);
      });
      this.worker.on('exit', () => this.failAll((this.stopped ??= new Error('the hashing thread stopped'))));
    });
  }

  get busy(): number {
    return this.pending.size;
  }

  run(job: { password: string; rounds?: number; hash?: string }): Promise<string | boolean> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.stopped) return reject(this.stopped);
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, ...job });
    });
  }

  stop(): Promise<number> {
    return this.worker.terminate();
  }

  private failAll(error: Error): void {
    for (const job of this.pending.values()) job.reject(error);
    this.pending.clear();
  }
}

/**
 * bcrypt on threads of our own, each at a lower CPU priority than the
 * process (nice `nice`), so that a flood of logins leaves the event loop,
 * which answers every other request, the CPU it needs. On libuv's pool, where
 * bcrypt's async API runs, hashing competed with the event loop as an equal.
 * Callers (HashQueue) keep at most `size` jobs running; each goes to the
 * least busy thread.
 */
export class HashThreads {
  private readonly threads: HashThread[];

  constructor(size: number, nice: number) {
    this.threads = Array.from({ length: size }, () => new HashThread(nice));
  }

  /** Resolves once every thread runs: true when each lowered its priority. */
  async started(): Promise<boolean> {
    const lowered = await Promise.all(this.threads.map((thread) => thread.ready));
    return lowered.every(Boolean);
  }

  hash(password: string, rounds: number): Promise<string> {
    return this.leastBusy().run({ password, rounds }) as Promise<string>;
  }

  compare(password: string, hash: string): Promise<boolean> {
    return this.leastBusy().run({ password, hash }) as Promise<boolean>;
  }

  async stop(): Promise<void> {
    await Promise.all(this.threads.map((thread) => thread.stop()));
  }

  private leastBusy(): HashThread {
    return this.threads.reduce((best, thread) => (thread.busy < best.busy ? thread : best));
  }
}

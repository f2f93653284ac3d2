import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { HashJob, HashThreadData, HashThreadMessage, HashWork } from './hash.worker.js';

/**
 * The threads' module, compiled: `hash.worker.js` beside this file in the
 * build. When this file runs from its TypeScript source (the tests, through
 * ts-jest), the same file in the build's outDir, dist/ (`npm test` builds
 * first): Node cannot start a worker from a .ts file.
 */
function hashWorkerUrl(): URL {
  const here = import.meta.url;
  const beside = new URL('./hash.worker.js', here);
  if (!here.endsWith('.ts')) return beside;
  // This file is src/accounts/passwords/hash-threads.ts: three folders below the project.
  const project = new URL('../../../', here).href;
  const built = new URL(`dist/${beside.href.slice(project.length)}`, project);
  if (!existsSync(fileURLToPath(built))) throw new Error(`${fileURLToPath(built)} is missing: run \`npm run build\` first`);
  return built;
}

interface Pending {
  resolve(result: string | boolean): void;
  reject(error: Error): void;
}

/**
 * One hashing thread: runs one job at a time, in order. It keeps the process
 * alive only while it starts or has work, so that a process that is otherwise
 * done (the admin CLI, say) exits without stopping it.
 */
class HashThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private starting = true;
  private stopped: Error | null = null;
  readonly ready: Promise<boolean>;

  constructor(nice: number) {
    this.worker = new Worker(hashWorkerUrl(), { workerData: { nice } satisfies HashThreadData });
    this.ready = new Promise((resolve, reject) => {
      this.worker.on('message', (message: HashThreadMessage) => {
        if ('ready' in message) {
          this.starting = false;
          this.holdProcessWhileBusy();
          return resolve(message.lowered);
        }
        const job = this.pending.get(message.id);
        this.pending.delete(message.id);
        this.holdProcessWhileBusy();
        if ('error' in message) job?.reject(new Error(message.error));
        else job?.resolve(message.result);
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

  run(work: HashWork): Promise<string | boolean> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.stopped) return reject(this.stopped);
      this.pending.set(id, { resolve, reject });
      this.holdProcessWhileBusy();
      this.worker.postMessage({ id, ...work } satisfies HashJob);
    });
  }

  stop(): Promise<number> {
    // From now on new work is refused at once; work in hand is refused as the thread exits.
    this.stopped ??= new Error('the hashing thread stopped');
    return this.worker.terminate();
  }

  private holdProcessWhileBusy(): void {
    if (this.starting || this.pending.size > 0) this.worker.ref();
    else this.worker.unref();
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

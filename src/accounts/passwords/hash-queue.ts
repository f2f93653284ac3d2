/**
 * A place promised to a request in the hash queue, taken before the request
 * looks anything up, so that a burst of requests arriving together is judged
 * as the queue it will become, not the empty queue it sees first.
 */
export interface Admission {
  readonly at: number;
}

/**
 * An admitted job that has waited as long as the bound allows without its
 * turn coming (the estimate was wrong: hashes grew slower, say, on a loaded
 * machine). It does not run: its request gets the same 503 then rather than
 * an answer later still, so every admitted request is answered within the
 * bound plus one hash.
 */
export class WaitedTooLongError extends Error {
  constructor(readonly retryAfterMs: number) {
    super('waited longer than the hash queue allows');
    this.name = 'WaitedTooLongError';
  }
}

export interface HashQueueOptions {
  /** Jobs run at once: one per hashing thread. */
  concurrency: number;
  /** A job that would wait longer than this is refused. */
  maxWaitMs: number;
  /** The clock, in milliseconds (tests give their own). */
  now?: () => number;
  /** Called whenever the number of jobs waiting for a thread (promised places included) changes. */
  onWaiting?: (waiting: number) => void;
  /** Called with each job's own run time, in milliseconds. */
  onRunTime?: (ms: number) => void;
}

/** Weight of the newest run time in the moving average: about the last ten runs count. */
const SMOOTHING = 0.2;
/** A place promised but never used (the request failed before hashing) stops counting after this. */
const ADMISSION_TTL_MS = 2_000;

/**
 * One bounded queue for every password hash and compare of this process.
 *
 * Overload libraries such as @fastify/under-pressure, overload-protection and
 * toobusy-js judge the event loop (its delay, utilization) and memory. bcrypt
 * runs on threads of its own, not the event loop: a thousand queued hashes leave
 * the loop idle while each waits tens of seconds. So this queue judges itself:
 * the wait of a new job is estimated from the jobs ahead of it and a moving
 * average of recent run times, and a job that would wait longer than
 * `maxWaitMs` is refused at once rather than queued.
 */
export class HashQueue {
  private readonly waiting: (() => void)[] = [];
  private readonly admissions = new Set<Admission>();
  private running = 0;
  private averageMs: number | null = null;
  private readonly now: () => number;

  constructor(private readonly options: HashQueueOptions) {
    this.now = options.now ?? (() => performance.now());
  }

  /** Jobs waiting or running, places promised included. */
  get depth(): number {
    return this.waiting.length + this.running + this.admissions.size;
  }

  /** The moving average of recent run times; null before the first run. */
  get averageRunMs(): number | null {
    return this.averageMs;
  }

  /**
   * How long a job queued now would wait before it runs: the jobs ahead of it
   * beyond the free threads, each taking a thread for the average run time.
   */
  estimatedWaitMs(): number {
    this.forgetStaleAdmissions();
    const ahead = this.depth - this.options.concurrency + 1;
    if (ahead <= 0 || this.averageMs === null) return 0;
    return (ahead / this.options.concurrency) * this.averageMs;
  }

  /**
   * Promises a place, or returns the estimated wait in milliseconds when it
   * is over the bound (nothing is promised then).
   */
  admit(): Admission | { refusedWaitMs: number } {
    const wait = this.estimatedWaitMs();
    if (wait > this.options.maxWaitMs) return { refusedWaitMs: wait };
    const admission = { at: this.now() };
    this.admissions.add(admission);
    this.reportDepth();
    return admission;
  }

  /** Gives back a promised place that will not be used. */
  release(admission: Admission): void {
    if (this.admissions.delete(admission)) this.reportDepth();
  }

  /**
   * Runs `job` when a thread is free; `admission`, if given, is the place it
   * takes, and then the job is dropped (WaitedTooLongError) once it has
   * waited `maxWaitMs` without its turn coming.
   */
  async run<T>(job: () => Promise<T>, admission?: Admission): Promise<T> {
    if (admission) this.admissions.delete(admission);
    const queuedAt = this.now();
    if (this.running >= this.options.concurrency) {
      await new Promise<void>((resolve, reject) => {
        // An admitted job still waiting at the bound leaves the queue then, not at its turn.
        const deadline = admission
          ? setTimeout(() => {
              const index = this.waiting.indexOf(turn);
              if (index < 0) return;
              this.waiting.splice(index, 1);
              this.reportDepth();
              reject(new WaitedTooLongError(this.estimatedWaitMs()));
            }, this.options.maxWaitMs)
          : undefined;
        const turn = () => {
          clearTimeout(deadline);
          resolve();
        };
        this.waiting.push(turn);
        this.reportDepth();
      });
      if (admission && this.now() - queuedAt > this.options.maxWaitMs) {
        this.passThreadOn();
        throw new WaitedTooLongError(this.estimatedWaitMs());
      }
    } else {
      this.running += 1;
      this.reportDepth();
    }
    const started = this.now();
    try {
      return await job();
    } finally {
      this.record(this.now() - started);
      this.passThreadOn();
    }
  }

  private passThreadOn(): void {
    const next = this.waiting.shift();
    // The thread passes straight to the next job: `running` stays the same.
    if (next) next();
    else this.running -= 1;
    this.reportDepth();
  }

  private record(ms: number): void {
    this.averageMs = this.averageMs === null ? ms : this.averageMs + SMOOTHING * (ms - this.averageMs);
    this.options.onRunTime?.(ms);
  }

  private forgetStaleAdmissions(): void {
    if (this.admissions.size === 0) return;
    const oldest = this.now() - ADMISSION_TTL_MS;
    for (const admission of this.admissions) {
      if (admission.at < oldest) this.admissions.delete(admission);
    }
  }

  private reportDepth(): void {
    this.options.onWaiting?.(this.waiting.length + this.admissions.size);
  }
}

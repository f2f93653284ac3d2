import { type Admission, HashQueue, WaitedTooLongError } from './hash-queue.js';

/** A job that finishes when the test says so, at the clock's time then. */
function controllable() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { job: () => done, finish };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('HashQueue', () => {
  let now: number;
  const clock = () => now;

  beforeEach(() => {
    now = 0;
  });

  /** A queue whose moving average is `averageMs` after one run of that length. */
  async function queueWithAverage(averageMs: number, concurrency: number, maxWaitMs = 2000): Promise<HashQueue> {
    const queue = new HashQueue({ concurrency, maxWaitMs, now: clock });
    await queue.run(async () => {
      now += averageMs;
    });
    return queue;
  }

  it('estimates no wait before any run time is known, and while a thread is free', async () => {
    const fresh = new HashQueue({ concurrency: 2, maxWaitMs: 0, now: clock });
    expect(fresh.estimatedWaitMs()).toBe(0);

    const queue = await queueWithAverage(200, 2);
    const one = controllable();
    void queue.run(one.job);
    expect(queue.estimatedWaitMs()).toBe(0);
    one.finish();
  });

  it('estimates the jobs ahead beyond the free threads times the average run time, shared by the threads', async () => {
    const queue = await queueWithAverage(200, 2);
    const jobs = Array.from({ length: 6 }, controllable);
    for (const { job } of jobs) void queue.run(job);
    await tick();
    // 2 running + 4 waiting: a new job has 5 ahead of it beyond one free thread, 2 threads: 5/2 × 200.
    expect(queue.estimatedWaitMs()).toBe(500);
    for (const { finish } of jobs) finish();
  });

  it('counts places promised by admit() before their jobs are queued, so a burst is judged as the queue it becomes', async () => {
    const queue = await queueWithAverage(300, 1, 1000);
    const admitted = Array.from({ length: 4 }, () => queue.admit());
    // 0, 300, 600 and 900 ms of wait: all within 1000 ms.
    expect(admitted.every((a) => !('refusedWaitMs' in a))).toBe(true);
    // The fifth would wait 1200 ms.
    expect(queue.admit()).toEqual({ refusedWaitMs: 1200 });
  });

  it('forgets a promised place when it is released or never used', async () => {
    const queue = await queueWithAverage(300, 1, 1000);
    const places = Array.from({ length: 4 }, () => queue.admit() as Admission);
    expect(queue.estimatedWaitMs()).toBe(1200);
    queue.release(places[0]);
    expect(queue.estimatedWaitMs()).toBe(900);
    now += 60_000;
    expect(queue.estimatedWaitMs()).toBe(0);
  });

  it('moves its average towards recent run times', async () => {
    const queue = await queueWithAverage(100, 1);
    for (let i = 0; i < 30; i++) {
      await queue.run(async () => {
        now += 400;
      });
    }
    expect(queue.averageRunMs).toBeCloseTo(400, 0);
  });

  it('never runs more jobs at once than its concurrency, and runs every job', async () => {
    const queue = new HashQueue({ concurrency: 3, maxWaitMs: 1000, now: clock });
    let running = 0;
    let most = 0;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        queue.run(async () => {
          running += 1;
          most = Math.max(most, running);
          await tick();
          running -= 1;
          return i;
        }),
      ),
    );
    expect(most).toBe(3);
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('reports how many wait for a thread and how long each ran', async () => {
    const waiting: number[] = [];
    const runTimes: number[] = [];
    const queue = new HashQueue({
      concurrency: 1,
      maxWaitMs: 1000,
      now: clock,
      onWaiting: (n) => waiting.push(n),
      onRunTime: (ms) => runTimes.push(ms),
    });
    const first = controllable();
    const second = controllable();
    const runs = [queue.run(first.job), queue.run(second.job)];
    await tick();
    expect(waiting.at(-1)).toBe(1);
    now += 250;
    first.finish();
    await tick();
    expect(waiting.at(-1)).toBe(0);
    second.finish();
    await Promise.all(runs);
    expect(runTimes).toEqual([250, 0]);
  });

  it('frees the thread when a job fails', async () => {
    const queue = new HashQueue({ concurrency: 1, maxWaitMs: 1000, now: clock });
    await expect(queue.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(queue.run(async () => 'next')).resolves.toBe('next');
  });

  it('drops an admitted job whose turn comes after more than the bound, and runs the next one', async () => {
    const queue = await queueWithAverage(100, 1, 1000);
    const first = controllable();
    const running = queue.run(first.job);
    const late = queue.run(async () => 'late', queue.admit() as Admission);
    const unadmitted = queue.run(async () => 'no admission: never dropped');
    now += 1500;
    first.finish();
    await running;
    await expect(late).rejects.toBeInstanceOf(WaitedTooLongError);
    await expect(unadmitted).resolves.toBe('no admission: never dropped');
  });

  it('drops an admitted job still waiting when the bound passes, in real time, without holding a thread', async () => {
    const queue = new HashQueue({ concurrency: 1, maxWaitMs: 50 });
    const first = controllable();
    const running = queue.run(first.job);
    const started = performance.now();
    await expect(queue.run(async () => 'late', queue.admit() as Admission)).rejects.toBeInstanceOf(WaitedTooLongError);
    expect(performance.now() - started).toBeLessThan(1000);
    first.finish();
    await running;
    await expect(queue.run(async () => 'free again')).resolves.toBe('free again');
  });
});

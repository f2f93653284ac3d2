/**
 * A hashing thread (see HashThreads): bcrypt's synchronous calls, one job at
 * a time, in the order they come. It first lowers its own CPU priority: on
 * Linux each thread has a nice value of its own, set with setpriority() on its
 * thread id; elsewhere that call fails and the thread keeps the process's
 * priority (the first message says which).
 */
import bcrypt from 'bcrypt';
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';

/** What the thread is started with. */
export interface HashThreadData {
  /** The nice value the thread gives itself. */
  nice: number;
}

/** Work for a thread: hash `password` at `rounds`, or compare it with `hash`. */
export type HashWork = { password: string; rounds: number } | { password: string; hash: string };

/** A job as posted to the thread: the work and its number, which its answer repeats. */
export type HashJob = HashWork & { id: number };

/** The thread's messages: `ready` once, then one answer per job, in order. */
export type HashThreadMessage =
  { ready: true; lowered: boolean } | { id: number; result: string | boolean } | { id: number; error: string };

/** Lowers this thread's priority to `nice`; false where the platform cannot. */
function lowerPriority(nice: number): boolean {
  try {
    // /proc/thread-self links to /proc/<pid>/task/<this thread's id>.
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    setPriority(threadId, nice);
    return true;
  } catch {
    return false;
  }
}

function run(work: HashWork): string | boolean {
  return 'hash' in work ? bcrypt.compareSync(work.password, work.hash) : bcrypt.hashSync(work.password, work.rounds);
}

const port = parentPort;
if (!port) throw new Error('hash.worker runs as a worker thread (HashThreads starts it)');
const send = (message: HashThreadMessage) => port.postMessage(message);
send({ ready: true, lowered: lowerPriority((workerData as HashThreadData).nice) });
port.on('message', (job: HashJob) => {
  try {
    send({ id: job.id, result: run(job) });
  } catch (error) {
    send({ id: job.id, error: error instanceof Error ? error.message : String(error) });
  }
});

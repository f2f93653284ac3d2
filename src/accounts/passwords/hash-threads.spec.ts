import bcrypt from 'bcrypt';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { HashThreads } from './hash-threads.js';

/** The nice value of each of this process's threads by thread id (Linux: field 19 of /proc/self/task/<tid>/stat). */
function threadNiceValues(): Map<number, number> {
  const nice = new Map<number, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    nice.set(Number(tid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
  }
  return nice;
}

const countOf = (values: Map<number, number>, nice: number) => [...values.values()].filter((value) => value === nice).length;

describe('HashThreads', () => {
  let threads: HashThreads;

  afterEach(async () => {
    await threads.stop();
  });

  it('hashes with bcrypt and compares, on threads of its own', async () => {
    threads = new HashThreads(2, 10);
    const hash = await threads.hash('correct horse', 4);
    expect(bcrypt.getRounds(hash)).toBe(4);
    await expect(bcrypt.compare('correct horse', hash)).resolves.toBe(true);
    await expect(threads.compare('correct horse', hash)).resolves.toBe(true);
    await expect(threads.compare('correct horsE', hash)).resolves.toBe(false);
    const many = await Promise.all(Array.from({ length: 6 }, (_, i) => threads.hash(`password ${i}`, 4)));
    expect(new Set(many).size).toBe(6);
  });

  it('runs its threads at the lower priority it was given, the rest of the process at its own (Linux)', async () => {
    if (process.platform !== 'linux') {
      threads = new HashThreads(1, 7);
      return expect(threads.started()).resolves.toBe(false);
    }
    const before = threadNiceValues();
    threads = new HashThreads(2, 7);
    await expect(threads.started()).resolves.toBe(true);
    const after = threadNiceValues();
    expect(countOf(after, 7)).toBe(countOf(before, 7) + 2);
    // The main thread (the task whose id is the process id), which runs the event loop, keeps its own.
    expect(after.get(process.pid)).toBe(before.get(process.pid));
  });

  it('answers false for something that is not a bcrypt hash, rejects what bcrypt throws on, and keeps working', async () => {
    threads = new HashThreads(1, 10);
    await expect(threads.compare('password', 'not a hash')).resolves.toBe(false);
    await expect(threads.hash(undefined as unknown as string, 4)).rejects.toThrow('data and salt arguments required');
    await expect(threads.hash('password', 4)).resolves.toMatch(/^\$2b\$04\$/);
  });

  it('rejects work once stopped rather than leaving it waiting', async () => {
    threads = new HashThreads(1, 10);
    const stopping = threads.stop();
    await expect(threads.hash('password', 4)).rejects.toThrow('the hashing thread stopped');
    await stopping;
    await expect(threads.compare('password', '$2b$04$')).rejects.toThrow('the hashing thread stopped');
  });
});

describe('HashThreads in a process of its own', () => {
  it('keeps the process alive only while they start or have work: a process that never stops them still exits', async () => {
    // The built module, as the admin CLI runs it: two threads started, a hash on one, and the process has nothing left to do.
    const built = new URL('../../../dist/src/accounts/passwords/hash-threads.js', import.meta.url).href;
    const program = `import(${JSON.stringify(built)}).then(async ({ HashThreads }) => {
      const threads = new HashThreads(2, 10);
      console.log(await threads.started(), await threads.hash('password', 4));
    });`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--eval', program], { timeout: 30_000 });
    expect(stdout).toMatch(/^(true|false) \$2b\$04\$.{53}\n$/);
  });
});

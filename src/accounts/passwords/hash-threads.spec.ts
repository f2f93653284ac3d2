import bcrypt from 'bcrypt';
import { readdirSync, readFileSync } from 'node:fs';
import { HashThreads } from './hash-threads.js';

/** The nice value of each of this process's threads (Linux: field 19 of /proc/self/task/<tid>/stat). */
function threadNiceValues(): number[] {
  return readdirSync('/proc/self/task').map((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });
}

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
    expect(after.filter((nice) => nice === 7)).toHaveLength(before.filter((nice) => nice === 7).length + 2);
    expect(after[0]).toBe(before[0]);
  });

  it('answers false for something that is not a bcrypt hash, rejects what bcrypt throws on, and keeps working', async () => {
    threads = new HashThreads(1, 10);
    await expect(threads.compare('password', 'not a hash')).resolves.toBe(false);
    await expect(threads.hash(undefined as unknown as string, 4)).rejects.toThrow('data and salt arguments required');
    await expect(threads.hash('password', 4)).resolves.toMatch(/^\$2b\$04\$/);
  });

  it('rejects work once stopped rather than leaving it waiting', async () => {
    threads = new HashThreads(1, 10);
    await threads.stop();
    await expect(threads.hash('password', 4)).rejects.toThrow('the hashing thread stopped');
  });
});

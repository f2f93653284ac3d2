import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { callOnNewConnection, settleAll } from './support/fresh-connection.js';
import { freePort, logLines, runServer, waitUntilServing } from './support/server-process.js';

const LEAD_CREATIONS = 300;

async function waitFor(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await delay(50);
  }
}

describe('WEB_CONCURRENCY: several workers on one port', () => {
  const file = join(tmpdir(), `lead_manager_cluster_${process.pid}_${Date.now()}.sqlite3`);

  afterAll(() => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  });

  it('2 workers on SQLite: 300 concurrent creations and 100 logins all succeed, a dead worker is replaced, SIGTERM mid-burst drains all and exits 0', async () => {
    const server = runServer({
      PORT: String(await freePort()),
      DATABASE_URL: `sqlite:${file}`,
      WEB_CONCURRENCY: '2',
      BCRYPT_ROUNDS: '4',
      THROTTLE_AUTH_PER_MINUTE: '0',
      // The 100 logins queue for their hashes on a busy machine rather than being shed as busy.
      HASH_QUEUE_MAX_WAIT_MS: '600000',
      // A login then counts live tokens and inserts one in a transaction: a read before a write.
      TOKEN_LIMIT_PER_USER: '1000',
    });
    try {
      await waitUntilServing(server, 30_000);
      await waitFor(() => logLines(server).some((line) => line.msg.startsWith('Serving')));
      const serving = logLines(server).filter((line) => line.msg.startsWith('Serving'));
      expect(serving).toEqual([expect.objectContaining({ pid: server.child.pid, msg: expect.stringContaining('(2 workers)') })]);

      const owner = await callOnNewConnection(server.url, {
        method: 'POST',
        path: '/api/auth/register',
        body: { username: 'owner', password: 'owner-of-leads' },
      });
      const token = (owner.body as { token: string }).token;
      const answers = await settleAll(
        Array.from({ length: LEAD_CREATIONS }, (_, i) =>
          callOnNewConnection(server.url, {
            method: 'POST',
            path: '/api/leads',
            token,
            body: { name: `Lead ${i}`, email: `lead${i}@example.com` },
          }),
        ),
      );
      expect(answers.map((answer) => ('error' in answer ? answer.error : answer.status))).toEqual(Array(LEAD_CREATIONS).fill(201));
      const listed = await callOnNewConnection(server.url, { method: 'GET', path: '/api/leads?limit=1000', token });
      expect((listed.body as unknown[]).length).toBe(LEAD_CREATIONS);

      const logins = await settleAll(
        Array.from({ length: 100 }, () =>
          callOnNewConnection(server.url, {
            method: 'POST',
            path: '/api/auth/login',
            body: { username: 'owner', password: 'owner-of-leads' },
          }),
        ),
      );
      expect(logins.map((answer) => ('error' in answer ? answer.error : answer.status))).toEqual(Array(100).fill(200));
      expect(server.output()).not.toContain('database is locked');

      const workers = [
        ...new Set(
          logLines(server)
            .filter((line) => line.msg.startsWith('POST /api/leads'))
            .map((line) => line.pid),
        ),
      ];
      expect(workers).toHaveLength(2);
      expect(workers).not.toContain(server.child.pid);

      process.kill(workers[0], 'SIGKILL');
      await waitFor(() => server.output().includes(`Worker ${workers[0]} exited (SIGKILL): replacing it`));
      // Served by the survivor meanwhile, then by the replacement too once it listens.
      let replacement: number | undefined;
      const deadline = Date.now() + 20_000;
      while (replacement === undefined && Date.now() < deadline) {
        const answer = await callOnNewConnection(server.url, { method: 'GET', path: '/api/auth/user', token });
        expect(answer.status).toBe(200);
        replacement = logLines(server)
          .map((line) => line.pid)
          .find((pid) => pid !== server.child.pid && !workers.includes(pid));
      }
      expect(replacement).toBeDefined();

      // A deploy in the middle of a burst: every creation is answered, and every 201 is in the database.
      const creations = Array.from({ length: 100 }, (_, i) =>
        callOnNewConnection(server.url, {
          method: 'POST',
          path: '/api/leads',
          token,
          body: { name: `Late lead ${i}`, email: `late${i}@example.com` },
        }),
      );
      const burst = settleAll(creations);
      // The signal goes as the first creation is answered: on a fast machine a fixed delay could outlast the whole burst.
      await Promise.race(creations.map((creation) => creation.catch(() => undefined)));
      server.child.kill('SIGTERM');
      const late = await burst;
      expect(late.map((answer) => ('error' in answer ? answer.error : answer.status))).toEqual(Array(100).fill(201));
      expect(await server.exited).toBe(0);
      // The signal did land mid-burst: creations were still being answered after it.
      const lines = logLines(server).map((line) => line.msg);
      const signalled = lines.findIndex((msg) => msg.startsWith('SIGTERM received'));
      expect(lines.slice(signalled).filter((msg) => msg.startsWith('POST /api/leads 201')).length).toBeGreaterThan(0);
      const database = new Database(file, { readonly: true });
      try {
        expect(database.prepare('SELECT COUNT(*) AS count FROM leads').get()).toEqual({ count: LEAD_CREATIONS + 100 });
      } finally {
        database.close();
      }
      const stopped = logLines(server)
        .filter((line) => line.msg === 'Stopped')
        .map((line) => line.pid);
      expect(stopped).toHaveLength(3); // two workers and the primary
    } finally {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
    }
  }, 60_000);

  it.each([['0'], ['two']])('refuses WEB_CONCURRENCY=%s in one line, exit code 1', async (value) => {
    const server = runServer({ PORT: String(await freePort()), DATABASE_URL: 'sqlite::memory:', WEB_CONCURRENCY: value });
    expect(await server.exited).toBe(1);
    expect(server.output()).toBe(
      `Invalid setting WEB_CONCURRENCY: must be a whole number of worker processes between 1 and 64 (got "${value}").\n`,
    );
  });
});

import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Answer, callOnNewConnection, sendOnNewConnection, settleAll } from './support/fresh-connection.js';
import { freePort, runServer, waitForOutput, waitUntilServing } from './support/server-process.js';

const REGISTRATIONS = 30;
const LEAD_CREATIONS = 100;

describe('A deploy (SIGTERM) under load', () => {
  const file = join(tmpdir(), `lead_manager_shutdown_${process.pid}_${Date.now()}.sqlite3`);

  afterAll(() => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  });

  it('answers every request of a burst completely, reports draining on health, exits 0 and loses nothing', async () => {
    const env = {
      PORT: String(await freePort()),
      DATABASE_URL: `sqlite:${file}`,
      // bcrypt at cost 10 keeps registrations queued for their hash well after the signal.
      BCRYPT_ROUNDS: '10',
      THROTTLE_AUTH_PER_MINUTE: '0',
      // Every registration of the burst must queue for its hash rather than be shed as busy.
      HASH_QUEUE_MAX_WAIT_MS: '600000',
      // Generous, so that a slow machine shows up as a slow exit below rather than as abandoned requests.
      SHUTDOWN_TIMEOUT_MS: '30000',
    };
    const server = runServer(env);
    try {
      await waitUntilServing(server, 30_000);
      const owner = await callOnNewConnection(server.url, {
        method: 'POST',
        path: '/api/auth/register',
        body: { username: 'owner', password: 'owner-of-leads' },
      });
      const token = (owner.body as { token: string }).token;

      const registrations = Array.from({ length: REGISTRATIONS }, (_, i) =>
        sendOnNewConnection(server.url, {
          method: 'POST',
          path: '/api/auth/register',
          body: { username: `burst${i}`, password: `burst-password-${i}` },
        }),
      );
      const creations = Array.from({ length: LEAD_CREATIONS }, (_, i) =>
        sendOnNewConnection(server.url, {
          method: 'POST',
          path: '/api/leads',
          token,
          body: { name: `Lead ${i}`, email: `lead${i}@example.com`, message: 'burst' },
        }),
      );
      const calls = [...registrations, ...creations];
      const burst = settleAll(calls.map((call) => call.answer));
      // The signal goes once the server has taken in every request of the burst.
      await Promise.all(calls.map((call) => call.received));
      server.child.kill('SIGTERM');
      await waitForOutput(server, 'SIGTERM received');
      const health = await settleAll([callOnNewConnection(server.url, { method: 'GET', path: '/api/health', keepAlive: true })]);

      const answers = await burst;
      const failures = answers.filter((answer): answer is { error: string } => 'error' in answer);
      expect(failures).toEqual([]);
      const complete = answers as Answer[];
      expect(complete.map((answer) => answer.status)).toEqual(Array(REGISTRATIONS + LEAD_CREATIONS).fill(201));

      expect(health).toEqual([
        { status: 503, connection: 'close', body: { msg: { detail: 'The server is shutting down.' }, status: 503 } },
      ]);
      expect(await server.exited).toBe(0);
      expect(server.output()).toContain('SIGTERM received');

      // Everything answered 2xx is still there after a restart on the same database.
      const restarted = runServer({ ...env, PORT: String(await freePort()) });
      try {
        await waitUntilServing(restarted, 30_000);
        const listed = await callOnNewConnection(restarted.url, { method: 'GET', path: '/api/leads?limit=1000', token });
        const created = complete.slice(REGISTRATIONS).map((answer) => (answer.body as { id: number }).id);
        expect((listed.body as { id: number }[]).map((lead) => lead.id)).toEqual(created.sort((a, b) => a - b));
        const users = await Promise.all(
          complete.slice(0, REGISTRATIONS).map((answer) =>
            callOnNewConnection(restarted.url, {
              method: 'GET',
              path: '/api/auth/user',
              token: (answer.body as { token: string }).token,
            }),
          ),
        );
        expect(users.map((user) => (user.body as { username: string }).username)).toEqual(
          Array.from({ length: REGISTRATIONS }, (_, i) => `burst${i}`),
        );
      } finally {
        restarted.child.kill('SIGTERM');
        await restarted.exited;
      }
    } finally {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
    }
  }, 120_000);

  it('exits 1 when requests still run after SHUTDOWN_TIMEOUT_MS', async () => {
    const server = runServer({
      PORT: String(await freePort()),
      DATABASE_URL: 'sqlite::memory:',
      // Hashes run one at a time on a small machine: four take over a second.
      BCRYPT_ROUNDS: '12',
      THROTTLE_AUTH_PER_MINUTE: '0',
      HASH_QUEUE_MAX_WAIT_MS: '600000',
      SHUTDOWN_TIMEOUT_MS: '300',
    });
    try {
      await waitUntilServing(server, 30_000);
      const calls = Array.from({ length: 4 }, (_, i) =>
        sendOnNewConnection(server.url, {
          method: 'POST',
          path: '/api/auth/register',
          body: { username: `slow${i}`, password: 'takes-a-while' },
        }),
      );
      const slow = settleAll(calls.map((call) => call.answer));
      await Promise.all(calls.map((call) => call.received));
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(1);
      expect(server.output()).toContain('Requests still running after 300 ms: exiting without them');
      expect((await slow).filter((answer) => 'error' in answer).length).toBeGreaterThan(0);
    } finally {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
    }
  });
});

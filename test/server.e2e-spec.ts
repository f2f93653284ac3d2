import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sendOnNewConnection } from './support/fresh-connection.js';
import { freePort, runServer, waitUntilServing } from './support/server-process.js';

const databaseFile = () => join(tmpdir(), `lead_manager_server_${process.pid}_${Date.now()}.sqlite3`);

const removeDatabase = (file: string) => {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
};

describe('The server process', () => {
  it('prints one start-up line with the URL, the database and the docs, and migrates a new database', async () => {
    const file = databaseFile();
    const port = String(await freePort());
    const server = runServer({ PORT: port, DATABASE_URL: `sqlite:${file}` });
    try {
      await waitUntilServing(server);
      const lines = server.output().trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0]).msg).toBe(
        `Serving http://127.0.0.1:${port}/ and http://127.0.0.1:${port}/api with sqlite:${file}; docs at http://127.0.0.1:${port}/api/docs`,
      );
      const registered = await fetch(`${server.url}/api/auth/register`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'fresh', password: 'fresh-database' }),
      });
      expect(registered.status).toBe(201);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
      removeDatabase(file);
    }
  });

  it.each([
    ['PORT', 'eighty', 'Invalid setting PORT: must be a whole number between 1 and 65535 (got "eighty").'],
    [
      'DATABASE_URL',
      'mysql://root:hunter2@db/leads',
      'Invalid setting DATABASE_URL: must be sqlite:<path> or postgres://user:pass@host:port/db (got "mysql://root:***@db/leads").',
    ],
    ['ERROR_FORMAT', 'xml', 'Invalid setting ERROR_FORMAT: must be envelope or drf (got "xml").'],
    ['HOST', 'not_a_host', 'Invalid setting HOST: must be an IP address or a host name such as localhost (got "not_a_host").'],
  ])('refuses to start with a bad %s, in one line, exit code 1', async (variable, value, message) => {
    const server = runServer({ PORT: String(await freePort()), DATABASE_URL: 'sqlite::memory:', [variable]: value });
    const exited = await Promise.race([server.exited, new Promise((resolve) => setTimeout(resolve, 45_000, 'still running'))]);
    if (exited === 'still running') server.child.kill('SIGKILL');
    expect(exited).toBe(1);
    expect(server.output()).toBe(`${message}\n`);
  });

  it('on SIGTERM finishes every in-flight request, then exits 0', async () => {
    const file = databaseFile();
    const server = runServer({
      PORT: String(await freePort()),
      DATABASE_URL: `sqlite:${file}`,
      // bcrypt at cost 12 makes each login take long enough to be caught mid-flight.
      BCRYPT_ROUNDS: '12',
      THROTTLE_AUTH_PER_MINUTE: '0',
      // All 12 logins must queue rather than be shed as busy.
      HASH_QUEUE_MAX_WAIT_MS: '60000',
    });
    try {
      await waitUntilServing(server);
      const credentials = { username: 'leaving', password: 'graceful-exit' };
      const post = (path: string) =>
        fetch(`${server.url}${path}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(credentials),
        });
      expect((await post('/api/auth/register')).status).toBe(201);

      const logins = Array.from({ length: 12 }, () =>
        sendOnNewConnection(server.url, { method: 'POST', path: '/api/auth/login', body: credentials }),
      );
      // The signal goes once the server has taken in all twelve.
      await Promise.all(logins.map((login) => login.received));
      server.child.kill('SIGTERM');

      const answers = await Promise.all(logins.map((login) => login.answer));
      expect(answers.map((answer) => answer.status)).toEqual(Array(12).fill(200));
      for (const answer of answers) expect((answer.body as { token: string }).token).toMatch(/^[0-9a-f]{64}$/);
      expect(await server.exited).toBe(0);
      expect(server.output()).toContain('SIGTERM received');
      await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
    } finally {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
      removeDatabase(file);
    }
  }, 30_000);
});

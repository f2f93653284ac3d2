import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { Client } from 'pg';
import { migrations } from '../src/database/data-source-options.js';
import { callOnNewConnection } from './support/fresh-connection.js';
import { freePort, runServer, type ServerProcess, waitUntilServing } from './support/server-process.js';

/** The PostgreSQL server to make a throwaway database on (always there in CI). */
const SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function onServer<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The advisory lock key src/database/migrate.ts takes. */
const MIGRATION_LOCK_KEY = 1_764_000_000;

describe('Several instances on one PostgreSQL database', () => {
  const names: string[] = [];
  const servers: ServerProcess[] = [];

  /** A new empty database on the server, dropped after the suite. */
  async function createDatabase(): Promise<string> {
    const name = `lead_manager_instances_${randomBytes(6).toString('hex')}`;
    await onServer(SERVER_URL, (client) => client.query(`CREATE DATABASE "${name}"`));
    names.push(name);
    const url = new URL(SERVER_URL);
    url.pathname = `/${name}`;
    return url.toString();
  }

  afterAll(async () => {
    for (const server of servers) if (server.child.exitCode === null) server.child.kill('SIGKILL');
    await Promise.all(servers.map((server) => server.exited));
    for (const name of names) {
      await onServer(SERVER_URL, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    }
  });

  it('an instance waits while another holds the migration lock, then starts', async () => {
    const databaseUrl = await createDatabase();
    const otherInstance = new Client({ connectionString: databaseUrl });
    await otherInstance.connect();
    try {
      await otherInstance.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      const server = runServer({ DATABASE_URL: databaseUrl, PORT: String(await freePort()), BCRYPT_ROUNDS: '4' });
      servers.push(server);
      // Once the instance queues behind the lock it can neither have migrated nor be serving.
      const queued = async () =>
        (
          await otherInstance.query(`SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND NOT granted`, [
            MIGRATION_LOCK_KEY,
          ])
        ).rowCount === 1;
      const deadline = Date.now() + 30_000;
      while (!(await queued())) {
        if (Date.now() > deadline || server.child.exitCode !== null || server.output().includes('Serving'))
          throw new Error(`never queued: ${server.output()}`);
        await delay(100);
      }
      await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
      const tables = await otherInstance.query(`SELECT 1 FROM pg_tables WHERE tablename = 'migrations'`);
      expect(tables.rowCount).toBe(0);

      await otherInstance.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
      await waitUntilServing(server, 30_000);
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    } finally {
      await otherInstance.end();
    }
  }, 60_000);

  it('both start at once on an empty database, migrate it once, and share tokens and logouts at once', async () => {
    const databaseUrl = await createDatabase();
    const common = { DATABASE_URL: databaseUrl, BCRYPT_ROUNDS: '4', THROTTLE_AUTH_PER_MINUTE: '0' };
    // One single process and one cluster primary (which migrates before forking its workers), started together.
    const pair = [
      runServer({ ...common, PORT: String(await freePort()) }),
      runServer({ ...common, PORT: String(await freePort()), WEB_CONCURRENCY: '2' }),
    ];
    const [first, second] = pair;
    servers.push(...pair);
    await Promise.all(pair.map((server) => waitUntilServing(server, 30_000)));
    // The primary announces once all its workers listen.
    for (let waited = 0; !second.output().includes('(2 workers)'); waited += 100) {
      if (waited > 30_000) throw new Error(`the workers did not start: ${second.output()}`);
      await delay(100);
    }

    const applied = await onServer(databaseUrl, (client) => client.query<{ name: string }>('SELECT "name" FROM "migrations"'));
    // Each migration exactly once, though two instances raced to apply them.
    expect(applied.rows.map((row) => row.name).sort()).toEqual(migrations.map((migration) => migration.name).sort());

    const registered = await callOnNewConnection(first.url, {
      method: 'POST',
      path: '/api/auth/register',
      body: { username: 'roaming', password: 'one-token-two-servers' },
    });
    expect(registered.status).toBe(201);
    const token = (registered.body as { token: string }).token;

    const user = await callOnNewConnection(second.url, { method: 'GET', path: '/api/auth/user', token });
    expect(user).toMatchObject({ status: 200, body: { username: 'roaming' } });
    const lead = await callOnNewConnection(second.url, {
      method: 'POST',
      path: '/api/leads',
      token,
      body: { name: 'Shared', email: 'shared@example.com' },
    });
    expect(lead.status).toBe(201);
    const listed = await callOnNewConnection(first.url, { method: 'GET', path: '/api/leads', token });
    expect(listed.body).toEqual([lead.body]);

    expect((await callOnNewConnection(second.url, { method: 'POST', path: '/api/auth/logout', token })).status).toBe(204);
    const refused = await callOnNewConnection(first.url, { method: 'GET', path: '/api/auth/user', token });
    expect(refused).toMatchObject({ status: 401, body: { msg: { detail: 'Invalid token.' }, status: 401 } });

    for (const server of pair) server.child.kill('SIGTERM');
    expect(await Promise.all(pair.map((server) => server.exited))).toEqual([0, 0]);
  }, 60_000);
});

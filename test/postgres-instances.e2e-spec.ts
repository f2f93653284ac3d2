import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
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

describe('Several instances on one PostgreSQL database', () => {
  const name = `lead_manager_instances_${randomBytes(6).toString('hex')}`;
  const databaseUrl = (() => {
    const url = new URL(SERVER_URL);
    url.pathname = `/${name}`;
    return url.toString();
  })();
  const servers: ServerProcess[] = [];

  beforeAll(() => onServer(SERVER_URL, (client) => client.query(`CREATE DATABASE "${name}"`)));

  afterAll(async () => {
    for (const server of servers) if (server.child.exitCode === null) server.child.kill('SIGKILL');
    await Promise.all(servers.map((server) => server.exited));
    await onServer(SERVER_URL, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  });

  it('both start at once on an empty database, migrate it once, and share tokens and logouts at once', async () => {
    const common = { DATABASE_URL: databaseUrl, BCRYPT_ROUNDS: '4', THROTTLE_AUTH_PER_MINUTE: '0' };
    // One single process and one cluster primary (which migrates before forking its workers), started together.
    const [first, second] = [
      runServer({ ...common, PORT: String(await freePort()) }),
      runServer({ ...common, PORT: String(await freePort()), WEB_CONCURRENCY: '2' }),
    ];
    servers.push(first, second);
    await Promise.all([waitUntilServing(first, 30_000), waitUntilServing(second, 30_000)]);

    const applied = await onServer(databaseUrl, (client) => client.query<{ name: string }>('SELECT "name" FROM "migrations"'));
    expect(applied.rows.map((row) => row.name)).toEqual(['InitialSchema1764000000000']);

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

    for (const server of servers) server.child.kill('SIGTERM');
    expect(await Promise.all(servers.map((server) => server.exited))).toEqual([0, 0]);
  }, 60_000);
});

import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRedisServer, type RedisServer } from './support/redis-server.js';
import { freePort, runServer, type ServerProcess, waitUntilServing } from './support/server-process.js';

const OUTAGE_LINE = /Redis at redis:\/\/127\.0\.0\.1:\d+\/? is not answering/g;

describe('Two server processes sharing one Redis (THROTTLE_AUTH_PER_MINUTE=5)', () => {
  const databaseFile = join(tmpdir(), `lead_manager_shared_throttle_${process.pid}_${Date.now()}.sqlite3`);
  let redis: RedisServer;
  let servers: ServerProcess[] = [];

  const start = async () => {
    const server = runServer({
      PORT: String(await freePort()),
      DATABASE_URL: `sqlite:${databaseFile}`,
      REDIS_URL: redis.url,
      THROTTLE_AUTH_PER_MINUTE: '5',
      // The same failed login over and over: only the per-IP budget is under test here.
      LOGIN_FAILURES_PER_ACCOUNT: '0',
      BCRYPT_ROUNDS: '4',
    });
    servers.push(server);
    await waitUntilServing(server);
    return server;
  };

  const failedLogin = (server: ServerProcess) =>
    fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'nobody', password: 'not-a-password' }),
    });

  const health = async (server: ServerProcess) => {
    const response = await fetch(`${server.url}/api/health`);
    return { status: response.status, body: (await response.json()) as Record<string, string> };
  };

  const untilRedisIs = async (state: 'up' | 'down', server: ServerProcess) => {
    const deadline = Date.now() + 5000;
    while ((await health(server)).body.redis !== state) {
      if (Date.now() > deadline) throw new Error(`health never said redis ${state}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  /** Five failed logins alternating between the processes pass; the sixth is refused by either. */
  const expectOneBudgetAcrossBoth = async (first: ServerProcess, second: ServerProcess) => {
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await failedLogin(i % 2 === 0 ? first : second)).status);
    expect(statuses).toEqual([400, 400, 400, 400, 400]);
    for (const server of [first, second]) {
      const refused = await failedLogin(server);
      expect(refused.status).toBe(429);
      expect(((await refused.json()) as { msg: { detail: string } }).msg.detail).toMatch(
        /^Request was throttled\. Expected available in \d+ seconds\.$/,
      );
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(55);
      expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    }
  };

  beforeAll(async () => {
    redis = await startRedisServer();
    // One after the other, so that only the first migrates the new database.
    await start();
    await start();
  }, 40_000);

  afterAll(async () => {
    for (const server of servers) {
      if (server.child.exitCode === null) server.child.kill('SIGTERM');
      await server.exited;
    }
    servers = [];
    await redis.kill();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${databaseFile}${suffix}`, { force: true });
  });

  it('spends one budget across both, serves unthrottled while Redis is gone, and shares again once it is back', async () => {
    const [first, second] = servers;
    for (const server of servers) expect(await health(server)).toEqual({ status: 200, body: { status: 'ok', db: 'up', redis: 'up' } });
    await expectOneBudgetAcrossBoth(first, second);

    await redis.kill();
    for (let i = 0; i < 6; i++) {
      for (const server of servers) expect((await failedLogin(server)).status).toBe(400);
    }
    for (const server of servers) expect(await health(server)).toEqual({ status: 200, body: { status: 'ok', db: 'up', redis: 'down' } });
    for (const server of servers) expect(server.output().match(OUTAGE_LINE)).toHaveLength(1);

    await redis.restart();
    for (const server of servers) await untilRedisIs('up', server);
    await expectOneBudgetAcrossBoth(second, first);
    for (const server of servers) {
      expect(server.output()).toMatch(/Redis at .* answers again/);
      expect(server.output().match(OUTAGE_LINE)).toHaveLength(1);
    }
  }, 40_000);
});

import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { scrape, type Sample, timedCall, valueOf } from './support/metrics.js';
import { serve, stop } from './support/metrics-server.js';
import { freePort } from './support/server-process.js';
import { createTestDatabase, type TestDatabase } from './support/test-app.js';

const DURATION = 'http_request_duration_seconds_count';
/** Every route template the API serves, and the label of everything else. */
const TEMPLATE = /^(\/api(\/[a-z-]+|\/:[a-z]+)*|unmatched)$/;

/** The TCP ports a process listens on, read from Linux's /proc. */
function listeningPorts(pid: number): number[] {
  const inodes = new Set(
    readdirSync(`/proc/${pid}/fd`)
      .map((fd) => {
        try {
          return /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
        } catch {
          return undefined;
        }
      })
      .filter(Boolean),
  );
  const ports: number[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const row of readFileSync(table, 'utf8').trim().split('\n').slice(1)) {
      const fields = row.trim().split(/\s+/);
      // State 0A is LISTEN; field 9 is the socket's inode.
      if (fields[3] === '0A' && inodes.has(fields[9])) ports.push(parseInt(fields[1].split(':')[1], 16));
    }
  }
  return ports.sort((a, b) => a - b);
}

const httpSeries = (samples: Sample[]) => samples.filter((s) => s.name === DURATION);

describe('Metrics (METRICS_PORT)', () => {
  let database: TestDatabase;

  beforeEach(async () => {
    database = await createTestDatabase();
  });

  afterEach(async () => {
    await database.drop();
  });

  it('is not served at all when METRICS_PORT is unset: the process listens on PORT alone', async () => {
    const { server } = await serve({}, database);
    try {
      expect(listeningPorts(server.child.pid!)).toEqual([Number(new URL(server.url).port)]);
    } finally {
      await stop(server);
    }
  });

  it('counts known traffic exactly: route templates with and without trailing slash, unmatched paths, login results, and never a raw path', async () => {
    const metricsPort = await freePort();
    const { server, metricsUrl } = await serve({ METRICS_PORT: String(metricsPort), THROTTLE_AUTH_PER_MINUTE: '5' }, database);
    try {
      expect(listeningPorts(server.child.pid!)).toEqual([Number(new URL(server.url).port), metricsPort].sort((a, b) => a - b));
      // Other paths on the metrics port, and the API's port, do not serve metrics.
      expect((await fetch(`${metricsUrl}/`)).status).toBe(404);
      // (The API's port answers /metrics with the web client's page, or a 404 without a built client.)
      const onApiPort = await fetch(`${server.url}/metrics`);
      expect(await onApiPort.text()).not.toContain('lead_manager_logins_total');

      const before = await scrape(metricsUrl);
      expect(valueOf(before, 'lead_manager_logins_total', { result: 'success' })).toBe(0);
      expect(before.some((s) => s.name === 'process_cpu_user_seconds_total')).toBe(true);
      expect(before.some((s) => s.name === 'nodejs_eventloop_lag_p99_seconds')).toBe(true);
      // Without REDIS_URL there is no Redis to report on.
      expect(before.some((s) => s.name === 'lead_manager_redis_up')).toBe(false);

      const call = (method: string, path: string, options?: { body?: unknown; token?: string }) =>
        timedCall(server.url, method, path, options);
      const credentials = { username: 'metered', password: 'a-good-password' };
      // 5 attempts per minute from this address: 1 registration, 1 success, 3 failures; then 2 throttled.
      expect((await call('POST', '/api/auth/register/', { body: credentials })).status).toBe(201);
      const login = await call('POST', '/api/auth/login', { body: credentials });
      expect(login.status).toBe(200);
      const token = (login.body as { token: string }).token;
      for (let i = 0; i < 3; i++)
        expect((await call('POST', '/api/auth/login/', { body: { ...credentials, password: `wrong-${i}` } })).status).toBe(400);
      for (let i = 0; i < 2; i++) expect((await call('POST', '/api/auth/login', { body: credentials })).status).toBe(429);

      expect((await call('GET', '/api/leads', { token })).status).toBe(200);
      expect((await call('GET', '/api/leads/', { token })).status).toBe(200);
      expect((await call('GET', '/api/leads/123456', { token })).status).toBe(404);
      expect((await call('GET', '/api/leads/987654/', { token })).status).toBe(404);
      expect((await call('DELETE', '/api/leads/424242', { token })).status).toBe(404);
      expect((await call('PATCH', '/api/auth/user')).status).toBe(405);
      for (const path of ['/api/no/such/path-1', '/api/nothing/77', '/api/wp-login.php?user=abc'])
        expect((await call('GET', path)).status).toBe(404);

      const samples = await scrape(metricsUrl);
      const count = (method: string, route: string, status: number) =>
        valueOf(samples, DURATION, { method, route, status_code: String(status) });
      expect(count('POST', '/api/auth/register', 201)).toBe(1);
      expect(count('POST', '/api/auth/login', 200)).toBe(1);
      expect(count('POST', '/api/auth/login', 400)).toBe(3);
      expect(count('POST', '/api/auth/login', 429)).toBe(2);
      expect(count('GET', '/api/leads', 200)).toBe(2);
      expect(count('GET', '/api/leads/:id', 404)).toBe(2);
      expect(count('DELETE', '/api/leads/:id', 404)).toBe(1);
      expect(count('PATCH', '/api/auth/user', 405)).toBe(1);
      // The three above, and GET /metrics on the API's port: the web client's page (200), or a 404 without a built client.
      expect(count('GET', 'unmatched', 404)).toBe(onApiPort.status === 404 ? 4 : 3);
      if (onApiPort.status !== 404) expect(count('GET', 'unmatched', onApiPort.status)).toBe(1);

      expect(valueOf(samples, 'lead_manager_logins_total', { result: 'success' })).toBe(1);
      expect(valueOf(samples, 'lead_manager_logins_total', { result: 'failure' })).toBe(3);
      expect(valueOf(samples, 'lead_manager_logins_total', { result: 'throttled' })).toBe(2);
      expect(valueOf(samples, 'lead_manager_logins_total', { result: 'locked' })).toBe(0);
      expect(valueOf(samples, 'lead_manager_logins_total', { result: 'shed' })).toBe(0);
      // The decoy hash at start-up, the registration and the four logins that were not throttled.
      expect(valueOf(samples, 'lead_manager_password_hash_seconds_count')).toBe(6);
      expect(valueOf(samples, 'lead_manager_password_hash_queue')).toBe(0);

      // Labels hold templates only: no id, no raw path, no query.
      const routes = new Set(httpSeries(samples).map((s) => s.labels.route));
      for (const route of routes) expect(route).toMatch(TEMPLATE);
      for (const series of httpSeries(samples)) expect(Object.keys(series.labels).sort()).toEqual(['method', 'route', 'status_code']);
    } finally {
      await stop(server);
    }
  }, 60_000);

  it('WEB_CONCURRENCY=2: the primary serves the sum of both workers', async () => {
    const metricsPort = await freePort();
    const { server, metricsUrl } = await serve({ METRICS_PORT: String(metricsPort), WEB_CONCURRENCY: '2', LOG_LEVEL: 'info' }, database);
    try {
      // The primary announces once both workers listen.
      const deadline = Date.now() + 30_000;
      while (!server.output().includes('(2 workers)') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      // New connections are handed to the workers in turn: each worker sees about half.
      const calls = 40;
      const answers = await Promise.all(Array.from({ length: calls }, () => timedCall(server.url, 'GET', '/api/leads/17')));
      expect(answers.map((a) => a.status)).toEqual(Array(calls).fill(401));
      const logins = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          timedCall(server.url, 'POST', '/api/auth/login', { body: { username: `nobody${i}`, password: 'whatever-it-is' } }),
        ),
      );
      expect(logins.map((a) => a.status)).toEqual(Array(6).fill(400));

      const samples = await scrape(metricsUrl);
      expect(valueOf(samples, DURATION, { method: 'GET', route: '/api/leads/:id', status_code: '401' })).toBe(calls);
      expect(valueOf(samples, 'lead_manager_logins_total', { result: 'failure' })).toBe(6);
      // Both workers' start-up decoy hashes and the 6 logins.
      expect(valueOf(samples, 'lead_manager_password_hash_seconds_count')).toBe(8);
      expect(samples.some((s) => s.name === 'process_resident_memory_bytes')).toBe(true);
      // The primary serves metrics; the workers do not listen on the metrics port themselves.
      expect(listeningPorts(server.child.pid!)).toContain(metricsPort);
    } finally {
      await stop(server);
    }
  }, 60_000);
});

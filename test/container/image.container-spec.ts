import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { Client } from 'pg';
import { freePort } from '../support/server-process.js';
import { cli, cliOk, requireCli } from './container-cli.js';

/**
 * The image the Dockerfile builds, run as people run it: on a volume with a
 * read-only root, and beside PostgreSQL and Redis (the machine's own, on the
 * host network: their images cannot be pulled here). Needs podman (see
 * container-cli.ts) and builds the image first; later runs reuse its cached
 * layers.
 */
await requireCli();

const IMAGE = 'localhost/lead-manager:test';
const SUFFIX = `${process.pid}-${randomBytes(3).toString('hex')}`;
/** The PostgreSQL server to make a throwaway database on, and a Redis, both reachable from the host network. */
const DATABASE_SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Longer than the app's SHUTDOWN_TIMEOUT_MS: a stop that has to SIGKILL shows as a non-zero exit. */
const STOP_SECONDS = '30';

const containers: string[] = [];
const volumes: string[] = [];

/** The base image of the Dockerfile's final stage. */
function finalBaseImage(): string {
  const froms = [...readFileSync('Dockerfile', 'utf8').matchAll(/^FROM\s+(\S+)/gim)].map((match) => match[1]);
  return froms[froms.length - 1];
}

interface Started {
  name: string;
  url: string;
}

/** `run -d` with `args` before the image; the URL is where its port 8000 is reachable from here. */
async function start(args: string[], port?: number): Promise<Started> {
  const name = `lead-manager-test-${SUFFIX}-${containers.length}`;
  containers.push(name);
  await cliOk(['run', '-d', '--name', name, ...args, IMAGE]);
  const address = port === undefined ? (await cliOk(['port', name, '8000/tcp'])).split('\n')[0] : `127.0.0.1:${port}`;
  return { name, url: `http://${address}` };
}

/** Polls GET /api/health until it answers 200; fails at once with the logs if the container stops. */
async function waitUntilHealthy({ name, url }: Started): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const response = await fetch(`${url}/api/health`).catch(() => null);
    if (response?.status === 200) return;
    const state = await cliOk(['inspect', '--format', '{{.State.Status}}', name]);
    if (state !== 'running' || Date.now() > deadline) {
      const logs = await cli(['logs', name]);
      throw new Error(`${name} is ${state}, never healthy:\n${logs.stdout}${logs.stderr}`);
    }
    await delay(200);
  }
}

async function stop(name: string): Promise<number> {
  await cliOk(['stop', '--time', STOP_SECONDS, name]);
  return Number(await cliOk(['inspect', '--format', '{{.State.ExitCode}}', name]));
}

interface Answer {
  status: number;
  body: unknown;
}

async function call(url: string, method: string, path: string, body?: unknown, token?: string): Promise<Answer> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
}

const credentials = (tag: string) => ({ username: `user_${tag}`, email: `${tag}@example.com`, password: 'correct horse battery' });

beforeAll(async () => {
  // Podman's default OCI format drops HEALTHCHECK; `docker` keeps it. Host networking for npm ci and apt-get.
  await cliOk(['build', '--format', 'docker', '--network', 'host', '--tag', IMAGE, '.']);
}, 20 * 60_000);

afterAll(async () => {
  if (containers.length) await cli(['rm', '--force', '--volumes', '--time', '0', ...containers]);
  if (volumes.length) await cli(['volume', 'rm', '--force', ...volumes]);
}, 120_000);

describe('The image on its own, SQLite on a volume, read-only root', () => {
  const volume = `lead-manager-test-${SUFFIX}`;
  const user = credentials(`vol${SUFFIX.replace(/-/g, '')}`);
  let server: Started;
  let token: string;
  let leadId: number;

  beforeAll(async () => {
    await cliOk(['volume', 'create', volume]);
    volumes.push(volume);
    server = await start([
      '--read-only',
      '--tmpfs',
      '/tmp',
      '--cap-drop',
      'ALL',
      '--security-opt',
      'no-new-privileges',
      '--volume',
      `${volume}:/data`,
      '--publish',
      '127.0.0.1::8000',
    ]);
    await waitUntilHealthy(server);
  }, 180_000);

  it('is healthy, and its own HEALTHCHECK says so', async () => {
    const health = await call(server.url, 'GET', '/api/health');
    expect(health).toEqual({ status: 200, body: { status: 'ok', db: 'up' } });
    // 0: healthy; 1: unhealthy; 125: no HEALTHCHECK in the image.
    const check = await cli(['healthcheck', 'run', server.name]);
    expect({ code: check.code, stderr: check.stderr.trim() }).toMatchObject({ code: 0 });
  }, 60_000);

  it('registers, logs in, creates and lists a lead', async () => {
    const registered = await call(server.url, 'POST', '/api/auth/register', user);
    expect(registered.status).toBe(201);
    const login = await call(server.url, 'POST', '/api/auth/login', { username: user.username, password: user.password });
    expect(login.status).toBe(200);
    token = (login.body as { token: string }).token;

    const created = await call(server.url, 'POST', '/api/leads', { name: 'Jane Doe', email: 'jane@example.com' }, token);
    expect(created).toMatchObject({ status: 201, body: { name: 'Jane Doe', email: 'jane@example.com' } });
    leadId = (created.body as { id: number }).id;
    const listed = await call(server.url, 'GET', '/api/leads', undefined, token);
    expect(listed).toMatchObject({ status: 200, body: [{ id: leadId, name: 'Jane Doe' }] });
  }, 60_000);

  it('serves the web client at /', async () => {
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('<title>Lead Manager</title>');
    const script = /<script[^>]+src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const bundle = await fetch(`${server.url}${script}`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toMatch(/javascript/);
  }, 60_000);

  it('runs every process as uid 1000, the server included', async () => {
    const listing = await cliOk([
      'exec',
      server.name,
      'node',
      '-e',
      `const fs = require('fs');
       const processes = fs.readdirSync('/proc').filter((entry) => /^\\d+$/.test(entry)).flatMap((pid) => {
         try {
           const uid = Number(/^Uid:\\s+(\\d+)/m.exec(fs.readFileSync('/proc/' + pid + '/status', 'utf8'))[1]);
           return [{ uid, command: fs.readFileSync('/proc/' + pid + '/cmdline', 'utf8').split('\\0').join(' ').trim() }];
         } catch { return []; }
       });
       console.log(JSON.stringify(processes));`,
    ]);
    const processes = JSON.parse(listing) as { uid: number; command: string }[];
    expect(processes).toContainEqual({ uid: 1000, command: 'node dist/src/main.js' });
    expect(processes.filter((entry) => entry.uid !== 1000)).toEqual([]);
  }, 60_000);

  it('answers a request in flight when stopped, then exits 0', async () => {
    const url = new URL(`${server.url}/api/auth/register`);
    const body = JSON.stringify(credentials(`late${SUFFIX.replace(/-/g, '')}`));
    let sent!: () => void;
    const requestSent = new Promise<void>((resolve) => (sent = resolve));
    const answer = new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
      const pending = request(
        url,
        { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } },
        (response) => {
          response.resume();
          response.on('end', () => resolve({ status: response.statusCode ?? 0, connection: response.headers.connection }));
        },
      );
      pending.on('error', reject);
      pending.end(body, sent);
    });
    // The whole request is on the wire before SIGTERM; bcrypt keeps the server busy with it meanwhile.
    await requestSent;
    const [exitCode, response] = await Promise.all([stop(server.name), answer]);
    expect(response).toEqual({ status: 201, connection: 'close' });
    expect(exitCode).toBe(0);
  }, 120_000);

  it('keeps its data on the volume for the next container', async () => {
    const next = await start(['--read-only', '--tmpfs', '/tmp', '--volume', `${volume}:/data`, '--publish', '127.0.0.1::8000']);
    await waitUntilHealthy(next);
    const login = await call(next.url, 'POST', '/api/auth/login', { username: user.username, password: user.password });
    expect(login.status).toBe(200);
    const listed = await call(next.url, 'GET', '/api/leads', undefined, (login.body as { token: string }).token);
    expect(listed).toMatchObject({ status: 200, body: [{ id: leadId, name: 'Jane Doe' }] });
    expect(await stop(next.name)).toBe(0);
  }, 180_000);
});

describe('Two containers on PostgreSQL and Redis (host network)', () => {
  const database = `lead_manager_container_${randomBytes(6).toString('hex')}`;
  const databaseUrl = Object.assign(new URL(DATABASE_SERVER_URL), { pathname: `/${database}` }).toString();
  let replicas: Started[];

  async function onServer(sql: string): Promise<void> {
    const client = new Client({ connectionString: DATABASE_SERVER_URL });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    await onServer(`CREATE DATABASE "${database}"`);
    // Started together on the empty database, as a Deployment's replicas are: they take turns to migrate it.
    const ports = [await freePort(), await freePort()];
    replicas = await Promise.all(
      ports.map((port) =>
        start(
          [
            '--network',
            'host',
            '--read-only',
            '--tmpfs',
            '/tmp',
            '--cap-drop',
            'ALL',
            '--env',
            `PORT=${port}`,
            '--env',
            'HOST=127.0.0.1',
            '--env',
            `DATABASE_URL=${databaseUrl}`,
            '--env',
            `REDIS_URL=${REDIS_URL}`,
            // The machine's Redis is shared with other work from 127.0.0.1: a budget nothing else exhausts.
            '--env',
            'THROTTLE_AUTH_PER_MINUTE=1000',
          ],
          port,
        ),
      ),
    );
    await Promise.all(replicas.map(waitUntilHealthy));
  }, 180_000);

  afterAll(async () => {
    await cli(['rm', '--force', '--volumes', '--time', '0', ...(replicas ?? []).map((replica) => replica.name)]);
    await onServer(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  }, 120_000);

  it('both say the database and Redis are up', async () => {
    for (const replica of replicas) {
      expect(await call(replica.url, 'GET', '/api/health')).toEqual({ status: 200, body: { status: 'ok', db: 'up', redis: 'up' } });
    }
  }, 60_000);

  it('share accounts and leads: a token from one works on the other', async () => {
    const [first, second] = replicas;
    const user = credentials(`pg${SUFFIX.replace(/-/g, '')}`);
    expect((await call(first.url, 'POST', '/api/auth/register', user)).status).toBe(201);
    const login = await call(second.url, 'POST', '/api/auth/login', { username: user.username, password: user.password });
    expect(login.status).toBe(200);
    const token = (login.body as { token: string }).token;
    const created = await call(second.url, 'POST', '/api/leads', { name: 'Ada Lovelace', email: 'ada@example.com' }, token);
    expect(created.status).toBe(201);
    const listed = await call(first.url, 'GET', '/api/leads', undefined, token);
    expect(listed).toMatchObject({ status: 200, body: [{ id: (created.body as { id: number }).id, name: 'Ada Lovelace' }] });
  }, 60_000);

  it('both exit 0 when stopped', async () => {
    expect(await Promise.all(replicas.map((replica) => stop(replica.name)))).toEqual([0, 0]);
  }, 120_000);
});

describe('The final image', () => {
  it('holds the production dependencies and no dev-only package', async () => {
    const listing = await cliOk([
      'run',
      '--rm',
      '--network',
      'none',
      '--entrypoint',
      'node',
      IMAGE,
      '-e',
      `const fs = require('fs');
       const names = fs.readdirSync('node_modules').flatMap((name) =>
         name.startsWith('@') ? fs.readdirSync('node_modules/' + name).map((inner) => name + '/' + inner) : name.startsWith('.') ? [] : [name]);
       console.log(JSON.stringify(names));`,
    ]);
    const installed = new Set(JSON.parse(listing) as string[]);
    // Top-level packages of the lockfile: `dev` ones only the build needs; optional ones are left out on purpose (see the Dockerfile).
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
      packages: Record<string, { dev?: boolean; optional?: boolean; devOptional?: boolean }>;
    };
    const topLevel = Object.entries(lock.packages)
      .filter(([path]) => /^node_modules\/(@[^/]+\/)?[^/]+$/.test(path))
      .map(([path, entry]) => ({ name: path.slice('node_modules/'.length), ...entry }));
    const production = topLevel.filter((entry) => !entry.dev && !entry.optional && !entry.devOptional).map((entry) => entry.name);
    const devOnly = topLevel.filter((entry) => entry.dev).map((entry) => entry.name);

    expect(devOnly).toEqual(expect.arrayContaining(['jest', 'vite', '@nestjs/testing', 'eslint']));
    expect(production).toEqual(expect.arrayContaining(['@nestjs/core', 'bcrypt', 'better-sqlite3', 'pg']));
    expect(production.filter((name) => !installed.has(name))).toEqual([]);
    expect(devOnly.filter((name) => installed.has(name))).toEqual([]);
    expect(installed.has('typescript')).toBe(false);
  }, 120_000);

  it('adds at most 250 MB to its base image', async () => {
    const size = async (image: string) => Number(await cliOk(['image', 'inspect', '--format', '{{.Size}}', image]));
    const base = finalBaseImage();
    const added = (await size(IMAGE)) - (await size(base));
    process.stdout.write(`\n${IMAGE}: ${(added / 1e6).toFixed(1)} MB over ${base}\n`);
    expect(added).toBeLessThanOrEqual(250e6);
  }, 60_000);
});

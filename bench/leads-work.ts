/**
 * Working the leads at scale: one owner holding LEADS_WORK_OWNER leads
 * (100,000) among LEADS_WORK_TOTAL (1,000,000) in the database, seeded
 * straight into the tables in batches as the app would write them (stored
 * keys included). Measures, one request at a time against the real app
 * (bench-server.js), the p50 and p95 of:
 *
 * - the first page of `search` for a 4-letter fragment,
 * - a page filtered by status and ordered by `-updated_at`,
 * - `GET /api/leads/stats`,
 * - the default lead list, for that owner and for one with 100 leads.
 *
 * `npm run bench:leads` (SQLite, a temporary file) or with BENCH_DATABASE_URL
 * (a fresh database on that PostgreSQL server). The server's stderr is shown
 * as it comes; its memory is read from /proc before and after. Results go to
 * bench/results/leads-work-<database>.json. BENCH_KEEP_TMP=1 keeps the
 * database (PostgreSQL) or its temporary directory (SQLite) to look into.
 */
import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { leadKeys } from '../src/leads/lead-keys.js';
import { LEAD_STATUSES } from '../src/leads/lead.entity.js';
import { freePorts, quiesce, readMemory, ServerProcess } from './processes.js';
import { Api, createPostgresDatabase, SEED_BATCH } from './seed.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const OWNER_LEADS = Number(process.env.LEADS_WORK_OWNER ?? 100_000);
const TOTAL_LEADS = Number(process.env.LEADS_WORK_TOTAL ?? 1_000_000);
const SAMPLES = Number(process.env.LEADS_WORK_SAMPLES ?? 200);
const WARMUP = 20;

const FIRST = [
  'Grace',
  'Ada',
  'Alan',
  'Edsger',
  'Barbara',
  'Donald',
  'Margaret',
  'Ken',
  'Dennis',
  'Frances',
  'Linus',
  'Radia',
  'Tim',
  'Bjarne',
  'Guido',
  'Anita',
  'Niklaus',
  'Leslie',
  'Martin',
  'Hedy',
];
const LAST = [
  'Hopper',
  'Lovelace',
  'Turing',
  'Dijkstra',
  'Liskov',
  'Knuth',
  'Hamilton',
  'Thompson',
  'Ritchie',
  'Allen',
  'Torvalds',
  'Perlman',
  'Lee',
  'Stroustrup',
  'Rossum',
  'Borg',
  'Wirth',
  'Lamport',
  'Fowler',
  'Lamarr',
];
const DOMAINS = ['example.com', 'mail.example', 'corp.example', 'shop.example', 'edu.example', 'lab.example', 'net.example'];
const WORDS = [
  'asked',
  'for',
  'a',
  'quote',
  'on',
  'the',
  'enterprise',
  'plan',
  'called',
  'back',
  'next',
  'week',
  'wants',
  'demo',
  'budget',
  'approved',
];
const SOURCES = ['', 'Web form', 'Trade fair', 'Referral', 'Cold call'];

/** Lead number `i` of the seed: varied text, statuses and times, the same on both databases. */
function lead(i: number) {
  const first = FIRST[i % FIRST.length];
  const last = LAST[Math.floor(i / FIRST.length) % LAST.length];
  const fields = {
    name: `${first} ${last} ${i}`,
    email: `${first.toLowerCase()}.${last.toLowerCase()}${i}@${DOMAINS[i % DOMAINS.length]}`,
    message: Array.from({ length: 6 }, (_, k) => WORDS[(i * 7 + k * 3) % WORDS.length]).join(' '),
    source: SOURCES[i % SOURCES.length],
  };
  const created = Date.UTC(2025, 0, 1) + i * 60_000;
  return {
    ...fields,
    ...leadKeys(fields),
    status: LEAD_STATUSES[(i * 13) % LEAD_STATUSES.length],
    createdAt: new Date(created).toISOString(),
    updatedAt: new Date(created + ((i * 7919) % 1_000_000) * 60_000).toISOString(),
  };
}

const COLUMNS = ['name', 'email', 'message', 'source', 'name_key', 'search', 'status', 'created_at', 'updated_at', 'owner_id'];
const row = (i: number, ownerId: number) => {
  const l = lead(i);
  return [l.name, l.email, l.message, l.source, l.nameKey, l.search, l.status, l.createdAt, l.updatedAt, ownerId];
};

/** `count` leads numbered from `from` for each owner in turn (`owners` get equal shares), in batched transactions. */
async function seed(database: { sqlite?: string; url?: string }, plan: { ownerId: number; from: number; count: number }[]): Promise<void> {
  if (database.sqlite) {
    const db = new Database(database.sqlite, { fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    const insert = db.prepare(`INSERT INTO leads (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`);
    const batch = db.transaction((ownerId: number, from: number, to: number) => {
      for (let i = from; i < to; i++) insert.run(...row(i, ownerId));
    });
    for (const { ownerId, from, count } of plan) {
      for (let at = from; at < from + count; at += SEED_BATCH) batch(ownerId, at, Math.min(from + count, at + SEED_BATCH));
    }
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    return;
  }
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const batchSize = 2_000;
    for (const { ownerId, from, count } of plan) {
      for (let at = from; at < from + count; at += batchSize) {
        const rows = Array.from({ length: Math.min(batchSize, from + count - at) }, (_, k) => row(at + k, ownerId));
        // One array parameter per column: one statement a batch.
        const columns = COLUMNS.map((_, c) => rows.map((values) => values[c]));
        const types = ['text[]', 'text[]', 'text[]', 'text[]', 'text[]', 'text[]', 'text[]', 'text[]', 'text[]', 'int[]'];
        await client.query(
          `INSERT INTO leads (${COLUMNS.join(', ')}) SELECT * FROM unnest(${types.map((type, c) => `$${c + 1}::${type}`).join(', ')})`,
          columns,
        );
      }
    }
    await client.query('VACUUM ANALYZE leads');
  } finally {
    await client.end();
  }
}

type Timing = { p50: number; p95: number; rows: number };

/**
 * Times each request of `requests` (token, path) SAMPLES times after WARMUP,
 * taking them in turn (a, b, a, b, …) so that the machine's drift falls on
 * all of them alike: the default list's ratio compares two of them.
 */
async function timeRequests(api: Api, requests: [string, string][]): Promise<Timing[]> {
  const times: number[][] = requests.map(() => []);
  const rows: number[] = requests.map(() => 0);
  for (let i = 0; i < WARMUP + SAMPLES; i++) {
    for (const [n, [token, path]] of requests.entries()) {
      const started = performance.now();
      const response = await api.request('GET', path, { token });
      const body = await response.text();
      const elapsed = performance.now() - started;
      if (response.status !== 200) throw new Error(`${path}: ${response.status} ${body.slice(0, 200)}`);
      if (i >= WARMUP) times[n].push(elapsed);
      if (i === 0) rows[n] = Array.isArray(JSON.parse(body)) ? (JSON.parse(body) as unknown[]).length : 1;
    }
  }
  return times.map((sample, n) => {
    sample.sort((a, b) => a - b);
    const at = (q: number) => Number(sample[Math.min(sample.length - 1, Math.floor(q * sample.length))].toFixed(2));
    return { p50: at(0.5), p95: at(0.95), rows: rows[n] };
  });
}

const say = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);

async function main(): Promise<void> {
  const serverUrl = process.env.BENCH_DATABASE_URL;
  const tmp = mkdtempSync(join(tmpdir(), 'leads-work-'));
  const postgres = serverUrl ? await createPostgresDatabase(serverUrl) : null;
  const sqliteFile = join(tmp, 'bench.sqlite3');
  const databaseUrl = postgres ? postgres.url : `sqlite:${sqliteFile}`;
  const [port] = await freePorts(1);
  const base = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    HOST: '127.0.0.1',
    PORT: String(port),
    THROTTLE_AUTH_PER_MINUTE: '0',
    BCRYPT_ROUNDS: '4',
  };
  const start = () =>
    ServerProcess.start(
      'server',
      join(HERE, 'bench-server.js'),
      env,
      async () => (await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(1000) })).status === 200,
      { stdoutFd: openSync(join(tmp, 'app.log'), 'a'), timeoutMs: 120_000 },
    );
  let server = await start();
  try {
    const api = new Api(base);
    const big = await api.register('bigowner');
    const small = await api.register('smallowner');
    const others = [];
    const otherCount = Math.max(0, TOTAL_LEADS - OWNER_LEADS - 100);
    const perOther = 100_000;
    for (let n = 0; n * perOther < otherCount; n++) others.push(await api.register(`other${n}`));
    await server.stop();

    say(`seeding ${OWNER_LEADS} leads for one owner among ${TOTAL_LEADS} on ${postgres ? 'PostgreSQL' : 'SQLite'}`);
    const seeded = performance.now();
    const plan = [
      { ownerId: small.id, from: 0, count: 100 },
      ...others.map((other, n) => ({
        ownerId: other.id,
        from: 1_000_000 + n * perOther,
        count: Math.min(perOther, otherCount - n * perOther),
      })),
    ];
    // The measured owner's leads come in the middle, as they would in a shared database.
    plan.splice(1 + Math.floor(others.length / 2), 0, { ownerId: big.id, from: 0, count: OWNER_LEADS });
    await seed(postgres ? { url: postgres.url } : { sqlite: sqliteFile }, plan);
    const seedSeconds = Number(((performance.now() - seeded) / 1000).toFixed(1));
    say(`seeded in ${seedSeconds} s`);

    server = await start();
    await quiesce(server.pid);
    const memoryBefore = readMemory(server.pid);
    // Each group is timed in turn; the two default lists together, as their ratio is a budget line.
    const groups: [string, string, string][][] = [
      [['search, 4-letter fragment, first page', big.token, '/api/leads?search=lamp']],
      [['search, two terms, first page', big.token, '/api/leads?search=grace+hopp']],
      [['status + ordering=-updated_at, first page', big.token, '/api/leads?status=contacted&ordering=-updated_at']],
      [['ordering=name, first page', big.token, '/api/leads?ordering=name']],
      [['stats', big.token, '/api/leads/stats']],
      [['stats with search', big.token, '/api/leads/stats?search=lamp']],
      [
        [`default list, ${OWNER_LEADS} leads`, big.token, '/api/leads'],
        ['default list, 100 leads', small.token, '/api/leads'],
      ],
    ];
    const results: Record<string, Timing> = {};
    for (const group of groups) {
      const timings = await timeRequests(
        api,
        group.map(([, token, path]) => [token, path]),
      );
      for (const [n, [title]] of group.entries()) {
        results[title] = timings[n];
        say(`${title}: p50 ${timings[n].p50} ms, p95 ${timings[n].p95} ms (${timings[n].rows} rows)`);
      }
    }
    const memoryAfter = readMemory(server.pid);
    const ratio = Number((results[`default list, ${OWNER_LEADS} leads`].p50 / results['default list, 100 leads'].p50).toFixed(2));
    const report = {
      database: postgres ? 'postgres' : 'sqlite',
      ownerLeads: OWNER_LEADS,
      totalLeads: TOTAL_LEADS,
      samples: SAMPLES,
      seedSeconds,
      results,
      defaultListRatio: ratio,
      memoryMb: { before: memoryBefore, after: memoryAfter },
      serverStderr: server.output(),
    };
    say(
      `default list at ${OWNER_LEADS} vs 100: ${ratio}×; server RSS ${memoryBefore?.rssMb.toFixed(0)} → ${memoryAfter?.rssMb.toFixed(0)} MB`,
    );
    mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
    writeFileSync(join(ROOT, 'bench', 'results', `leads-work-${report.database}.json`), `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    await server.stop();
    if (process.env.BENCH_KEEP_TMP === '1') say(`kept the database: ${databaseUrl}`);
    else {
      await postgres?.drop();
      rmSync(tmp, { recursive: true, force: true });
    }
  }
}

await main();

/**
 * `npm run bench`: the benchmark of the Lead Manager API.
 *
 * Starts the compiled app (`bench-server.js`: the real app plus a no-guard,
 * no-database route) on a fresh temporary SQLite database, or on a fresh
 * database on the PostgreSQL server named by BENCH_DATABASE_URL; seeds it
 * through the public API; starts the hand-written floor (`floor-server.js`) on
 * the same database; and loads both from a separate autocannon process
 * (`load.js`). Each case's runs alternate with floor runs (floor, case,
 * floor, case, …, floor) and each run is judged against the two floor runs
 * beside it, so a ratio does not inherit the floor's drift over minutes.
 * Prints a table and the budget, and writes bench/results/latest.json and
 * bench/results/latest.md.
 *
 * Environment (all optional):
 *   BENCH_DATABASE_URL    postgres://… — run the app, and the floor, on PostgreSQL
 *   BENCH_DURATION        seconds per measured run of the main cases (10)
 *   BENCH_WARMUP          warm-up seconds before each main case (2)
 *   BENCH_SCALE_DURATION  seconds per measured run of the scaling and storm cases (2)
 *   BENCH_RUNS            runs per case; medians are reported (3; the metrics case makes at least 6 pairs)
 *   BENCH_CONNECTIONS     autocannon connections (32)
 *   BENCH_CASES           comma list to run only some of: floor,ping,user,leads,create,login,cluster,metrics,scaling,storm,csv
 *                         (metrics: GET /api/leads with and without METRICS_PORT, in turn)
 *                         (cluster: GET and POST /api/leads again, served by `main.js` with WEB_CONCURRENCY=2)
 *   BENCH_CPU_PROFILE=1   profile the app server (V8 sampling profiler) and print its top self time
 *   BENCH_KEEP_TMP=1      keep the temporary directory (database, logs)
 *   BENCH_ENFORCE=0       report only: do not exit with status 1 when a budget line fails
 */
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { describeDatabase, loadSettings, SETTING_NAMES } from '../src/config/settings.js';
import type { LoadSpec } from './load-protocol.js';
import { freePorts, LoadGenerator, ProcessWatch, quiesce, readMemory, settledRssMb, ServerProcess, sleep } from './processes.js';
import {
  type BudgetLine,
  type CaseReport,
  type Measured,
  neighbourRatios,
  type Report,
  renderMarkdown,
  type RunSample,
  renderText,
  type ScalingReport,
  type StormReport,
  summarise,
  summariseProfile,
  type CpuProfile,
} from './report.js';
import { csvBudget, type CsvFigures, measureExport, measureImport } from './csv-case.js';
import { measureMetricsCost } from './metrics-case.js';
import { type Account, Api, createPostgresDatabase, seedLeadsPostgres, seedLeadsSqlite } from './seed.js';

const HERE = dirname(fileURLToPath(import.meta.url)); // dist/bench
const ROOT = resolve(HERE, '..', '..');
const RESULTS_DIR = join(ROOT, 'bench', 'results');

const HOT_PATH_LEADS = 25;
const SCALE_SIZES = [100, 10_000, 1_000_000];
const STORM_RATE = 20;
/** The CSV case exports the largest scaling account. */
const EXPORT_LEADS = SCALE_SIZES[SCALE_SIZES.length - 1];
const ALL_CASES = ['floor', 'ping', 'user', 'leads', 'create', 'login', 'cluster', 'metrics', 'scaling', 'storm', 'csv'];
const CLUSTER_WORKERS = 2;
/** The metrics case tells a few percent apart, where single runs move by ±10 %: it takes at least this many pairs. */
const METRICS_MIN_PAIRS = 6;

function readConfig() {
  const number = (name: string, fallback: number, min = 0): number => {
    const raw = process.env[name];
    if (raw === undefined || raw.trim() === '') return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min) throw new Error(`${name} must be a number ≥ ${min} (got ${raw})`);
    return value;
  };
  const duration = number('BENCH_DURATION', 10, 1);
  const cases = (process.env.BENCH_CASES ?? ALL_CASES.join(','))
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  const unknown = cases.filter((c) => !ALL_CASES.includes(c));
  if (unknown.length) throw new Error(`BENCH_CASES: unknown ${unknown.join(', ')} (known: ${ALL_CASES.join(', ')})`);
  return {
    duration,
    warmup: number('BENCH_WARMUP', duration >= 5 ? 2 : 1),
    scaleDuration: number('BENCH_SCALE_DURATION', Math.min(2, duration), 1),
    runs: Math.round(number('BENCH_RUNS', 3, 1)),
    connections: Math.round(number('BENCH_CONNECTIONS', 32, 1)),
    databaseUrl: process.env.BENCH_DATABASE_URL?.trim() || null,
    cases: new Set(cases),
    cpuProfile: process.env.BENCH_CPU_PROFILE === '1',
    keepTmp: process.env.BENCH_KEEP_TMP === '1',
    enforce: process.env.BENCH_ENFORCE !== '0',
  };
}

type Config = ReturnType<typeof readConfig>;

const say = (line: string) => process.stdout.write(`${line}\n`);
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

interface Target {
  pid: number;
}

interface MeasureOptions {
  label: string;
  runs: number;
  duration: number;
  warmup: number;
  drain?: boolean;
  settle?: boolean;
}

/** One measured run, watched on the server side. */
async function runOnce(
  load: LoadGenerator,
  target: Target,
  spec: Omit<LoadSpec, 'duration'>,
  duration: number,
  label: string,
): Promise<RunSample> {
  const watch = new ProcessWatch(target.pid);
  watch.start();
  const result = await load.run({ ...spec, duration });
  const server = watch.stop();
  const failed = result.errors + result.non2xx;
  say(
    `  ${label}: ${fmt(result.rps)} req/s, p50 ${fmt(result.p50, 2)} ms, p99 ${fmt(result.p99, 2)} ms` +
      (failed ? `, ${failed} errors ${JSON.stringify(result.statusCodes)}` : ''),
  );
  return { ...result, serverPeakRssMb: server.peakRssMb, serverCpu: server.cpu };
}

/** Warm-up, then `runs` measured runs. */
async function measure(load: LoadGenerator, target: Target, spec: Omit<LoadSpec, 'duration'>, options: MeasureOptions): Promise<Measured> {
  const drain = () => (options.drain ? quiesce(target.pid) : Promise.resolve());
  // Start from an idle server (unless the point is that it is busy).
  if (options.settle !== false) await quiesce(target.pid);
  if (options.warmup > 0) {
    await load.run({ ...spec, duration: options.warmup });
    await drain();
  }
  const samples: RunSample[] = [];
  for (let i = 0; i < options.runs; i++) {
    samples.push(await runOnce(load, target, spec, options.duration, `${options.label} run ${i + 1}/${options.runs}`));
    await drain();
  }
  return summarise(samples);
}

/**
 * The floor's runs, interleaved with every case's: floor, case, floor, case,
 * …, floor. The machine's speed drifts by tens of percent over minutes (other
 * work, thermal limits); a case run compared with the floor runs just before
 * and after it shares that drift, where a comparison with a floor measured
 * minutes earlier does not.
 */
class InterleavedFloor {
  readonly samples: RunSample[] = [];
  private warmedUp = false;

  constructor(
    private readonly load: LoadGenerator,
    private readonly target: Target,
    private readonly spec: Omit<LoadSpec, 'duration'>,
    private readonly duration: number,
    private readonly warmup: number,
  ) {}

  /** Measures the case between floor runs; answers its runs and, per run, its ratios to the neighbouring floor runs. */
  async around(caseTarget: Target, caseSpec: Omit<LoadSpec, 'duration'>, options: MeasureOptions): Promise<Measured> {
    const drain = () => (options.drain ? quiesce(caseTarget.pid) : Promise.resolve());
    await quiesce(caseTarget.pid);
    if (options.warmup > 0) {
      await this.load.run({ ...caseSpec, duration: options.warmup });
      await drain();
    }
    let before = this.samples.at(-1) ?? (await this.run());
    const samples: RunSample[] = [];
    const ratios: { rps: number; p99: number }[] = [];
    for (let i = 0; i < options.runs; i++) {
      const sample = await runOnce(this.load, caseTarget, caseSpec, options.duration, `${options.label} run ${i + 1}/${options.runs}`);
      await drain();
      const after = await this.run();
      samples.push(sample);
      ratios.push({ rps: sample.rps / ((before.rps + after.rps) / 2), p99: sample.p99 / ((before.p99 + after.p99) / 2) });
      before = after;
    }
    return { ...summarise(samples), ...neighbourRatios(ratios) };
  }

  private async run(): Promise<RunSample> {
    if (!this.warmedUp) {
      await this.load.run({ ...this.spec, duration: this.warmup });
      this.warmedUp = true;
    }
    const sample = await runOnce(this.load, this.target, this.spec, this.duration, `floor run ${this.samples.length + 1}`);
    this.samples.push(sample);
    return sample;
  }
}

async function main(): Promise<number> {
  const startedAt = performance.now();
  const config = readConfig();
  const cleanup: (() => unknown)[] = [];
  let cleaned = false;
  const runCleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    for (const step of cleanup.reverse()) {
      try {
        await step();
      } catch (error) {
        process.stderr.write(`cleanup: ${String(error)}\n`);
      }
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void runCleanup().finally(() => process.exit(130)));
  }

  try {
    return await benchmark(config, cleanup, startedAt);
  } finally {
    await runCleanup();
  }
}

async function benchmark(config: Config, cleanup: (() => unknown)[], startedAt: number): Promise<number> {
  const tmp = mkdtempSync(join(tmpdir(), 'lead-bench-'));
  cleanup.push(() => (config.keepTmp ? say(`kept ${tmp}`) : rmSync(tmp, { recursive: true, force: true })));
  mkdirSync(RESULTS_DIR, { recursive: true });

  // ---- the app ---------------------------------------------------------------
  const sqliteFile = join(tmp, 'bench.sqlite3');
  let databaseUrl = `sqlite:${sqliteFile}`;
  if (config.databaseUrl) {
    const database = await createPostgresDatabase(config.databaseUrl);
    cleanup.push(() => database.drop());
    databaseUrl = database.url;
  }
  const [appPort, floorPort] = await freePorts(2);
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of SETTING_NAMES) delete env[name];
  Object.assign(env, {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    HOST: '127.0.0.1',
    PORT: String(appPort),
    THROTTLE_AUTH_PER_MINUTE: '0',
    // The seeding, login and storm cases measure logins queued for bcrypt, not shed as busy.
    HASH_QUEUE_MAX_WAIT_MS: '600000',
  });
  const settings = loadSettings(env);
  const profileFile = join(RESULTS_DIR, 'bench-server.cpuprofile');
  if (config.cpuProfile) {
    rmSync(profileFile, { force: true });
    env.BENCH_CPU_PROFILE = profileFile;
  }
  const appBase = `http://127.0.0.1:${appPort}`;
  const api = new Api(appBase);
  const appDatabase = config.databaseUrl
    ? `${describeDatabase(settings.database)} (fresh database on BENCH_DATABASE_URL's server)`
    : 'SQLite (fresh temporary file)';

  // The app runs with its default LOG_LEVEL (info): one JSON line per request, written to a file as in production.
  const appLogFile = join(tmp, 'app.log');
  say(`Lead Manager API benchmark: app on ${appDatabase}, bcrypt cost ${settings.bcryptRounds}, request logs to a file`);
  const server = await ServerProcess.start(
    'server',
    join(HERE, 'bench-server.js'),
    env,
    async () => {
      const response = await fetch(`${appBase}/api/health`, { signal: AbortSignal.timeout(1000) });
      return response.status === 200;
    },
    { ipc: config.cpuProfile, stdoutFd: openSync(appLogFile, 'a') },
  );
  cleanup.push(() => server.stop());
  say(`app server pid ${server.pid} on ${appBase}`);

  // ---- seeding through the API ----------------------------------------------
  let t = performance.now();
  const [reader, writer, loginAccount, ...scaleAccounts] = await Promise.all(
    ['bench_reader', 'bench_writer', 'bench_login', ...SCALE_SIZES.map((n) => `bench_scale_${n}`)].map((name) => api.register(name)),
  );
  await api.createLeads(reader, HOT_PATH_LEADS);
  await api.createLeads(scaleAccounts[0], SCALE_SIZES[0]);
  say(`seeded through the API in ${fmt((performance.now() - t) / 1000, 1)} s: 6 accounts, ${HOT_PATH_LEADS} + ${SCALE_SIZES[0]} leads`);

  const appLeads = await api.expect<unknown[]>(200, 'GET', '/api/leads', { token: reader.token });
  if (appLeads.length !== HOT_PATH_LEADS) throw new Error(`GET /api/leads gave ${appLeads.length} leads, not ${HOT_PATH_LEADS}`);

  // ---- the floor -------------------------------------------------------------
  let floor: ServerProcess | null = null;
  const floorDatabase = config.databaseUrl
    ? 'PostgreSQL, the app’s database (node:http + pg, a pool of 10, named prepared statements)'
    : 'SQLite, the app’s database file (node:http + better-sqlite3)';
  const floorBase = `http://127.0.0.1:${floorPort}`;
  if (config.cases.has('floor')) {
    floor = await ServerProcess.start(
      'floor',
      join(HERE, 'floor-server.js'),
      {
        ...process.env,
        NODE_ENV: 'production',
        ...(config.databaseUrl ? { FLOOR_DATABASE_URL: databaseUrl } : { FLOOR_DATABASE: sqliteFile }),
        HOST: '127.0.0.1',
        PORT: String(floorPort),
      },
      async () => (await fetch(`${floorBase}/api/leads`, { signal: AbortSignal.timeout(1000) })).status === 401,
    );
    cleanup.push(() => floor?.stop());
    const floorLeads = await new Api(floorBase).expect<unknown[]>(200, 'GET', '/api/leads', { token: reader.token });
    if (JSON.stringify(floorLeads) !== JSON.stringify(appLeads)) {
      throw new Error(
        'the floor does not answer GET /api/leads as the app does:\n' +
          `app:   ${JSON.stringify(appLeads).slice(0, 300)}\nfloor: ${JSON.stringify(floorLeads).slice(0, 300)}`,
      );
    }
    say(`floor server pid ${floor.pid} on ${floorBase} (answers GET /api/leads byte for byte as the app does)`);
  }

  const load = new LoadGenerator(join(HERE, 'load.js'));
  cleanup.push(() => load.close());

  // ---- main cases ------------------------------------------------------------
  const bearer = (account: Account) => ({ Authorization: `Bearer ${account.token}` });
  const json = { 'Content-Type': 'application/json' };
  interface CaseDef {
    id: string;
    title: string;
    target: 'app' | 'floor';
    spec: Omit<LoadSpec, 'duration'>;
    check: () => Promise<unknown>;
    drain?: boolean;
  }
  const c = config.connections;
  const caseDefs: CaseDef[] = [
    {
      id: 'floor',
      title: `floor: GET /api/leads, node:http + ${config.databaseUrl ? 'pg' : 'better-sqlite3'}`,
      target: 'floor',
      spec: { url: `${floorBase}/api/leads`, headers: bearer(reader), connections: c },
      check: () => Promise.resolve(),
    },
    {
      id: 'ping',
      title: 'GET /api/bench/ping (no guard, no database)',
      target: 'app',
      spec: { url: `${appBase}/api/bench/ping`, connections: c },
      check: () => api.expect(200, 'GET', '/api/bench/ping'),
    },
    {
      id: 'user',
      title: 'GET /api/auth/user',
      target: 'app',
      spec: { url: `${appBase}/api/auth/user`, headers: bearer(reader), connections: c },
      check: () => api.expect(200, 'GET', '/api/auth/user', { token: reader.token }),
    },
    {
      id: 'leads',
      title: `GET /api/leads (${HOT_PATH_LEADS} leads)`,
      target: 'app',
      spec: { url: `${appBase}/api/leads`, headers: bearer(reader), connections: c },
      check: () => Promise.resolve(),
    },
    {
      id: 'create',
      title: 'POST /api/leads',
      target: 'app',
      spec: {
        url: `${appBase}/api/leads`,
        method: 'POST',
        headers: { ...bearer(writer), ...json },
        body: JSON.stringify({ name: 'Bench lead', email: '[<id>]@bench.example', message: 'Written by the benchmark.' }),
        idReplacement: true,
        connections: c,
      },
      check: () =>
        api.expect(201, 'POST', '/api/leads', {
          token: writer.token,
          body: { name: 'Check', email: 'check@bench.example', message: '' },
        }),
    },
    {
      id: 'login',
      title: `POST /api/auth/login (bcrypt cost ${settings.bcryptRounds})`,
      target: 'app',
      spec: {
        url: `${appBase}/api/auth/login`,
        method: 'POST',
        headers: json,
        body: JSON.stringify({ username: loginAccount.username, password: loginAccount.password }),
        // bcrypt-bound at a few logins a second: 32 connections would only queue, and every
        // queued login must drain before the next run, which the 5-minute budget cannot afford.
        connections: Math.min(c, 8),
        timeout: 30,
      },
      check: () =>
        api.expect(200, 'POST', '/api/auth/login', {
          body: { username: loginAccount.username, password: loginAccount.password },
        }),
      // Logins still queued for bcrypt when a run ends are let finish before anything else is measured.
      drain: true,
    },
  ];

  const displayOrder = [
    'floor',
    'leads',
    'leads-cluster',
    'leads-metrics-off',
    'leads-metrics',
    'user',
    'create',
    'create-cluster',
    'login',
    'ping',
  ];

  const measuredCases = new Map<string, Measured>();
  const floorDef = caseDefs.find((def) => def.id === 'floor')!;
  const mainOptions = (label: string, drain?: boolean): MeasureOptions => ({
    label,
    runs: config.runs,
    duration: config.duration,
    warmup: config.warmup,
    drain,
  });
  const interleaved = floor ? new InterleavedFloor(load, floor, floorDef.spec, config.duration, config.warmup) : null;
  /** A case of the app, between floor runs when the floor is measured. */
  const measureCase = (target: Target, def: CaseDef) =>
    interleaved
      ? interleaved.around(target, def.spec, mainOptions(def.id, def.drain))
      : measure(load, target, def.spec, mainOptions(def.id, def.drain));
  if (interleaved) say(`${floorDef.title}: its runs alternate with every case's below`);
  for (const def of caseDefs) {
    if (def.target === 'floor' || !config.cases.has(def.id)) continue;
    await def.check();
    say(`${def.title}`);
    measuredCases.set(def.id, await measureCase(server, def));
  }
  // ---- the same app as N workers (WEB_CONCURRENCY) -------------------------------
  // Served by the production entry point on the same database; the single process above stays idle meanwhile.
  if (config.cases.has('cluster')) {
    const [clusterPort] = await freePorts(1);
    const clusterBase = `http://127.0.0.1:${clusterPort}`;
    const clusterLogFile = join(tmp, 'cluster.log');
    const cluster = await ServerProcess.start(
      'cluster',
      join(ROOT, 'dist', 'src', 'main.js'),
      { ...env, PORT: String(clusterPort), WEB_CONCURRENCY: String(CLUSTER_WORKERS) },
      // The primary announces once every worker listens.
      () => Promise.resolve(readFileSync(clusterLogFile, 'utf8').includes(`(${CLUSTER_WORKERS} workers)`)),
      { stdoutFd: openSync(clusterLogFile, 'a') },
    );
    cleanup.push(() => cluster.stop());
    say(`cluster pid ${cluster.pid} on ${clusterBase}: ${CLUSTER_WORKERS} workers (CPU and memory figures are the primary's alone)`);
    for (const id of ['leads', 'create']) {
      const single = caseDefs.find((def) => def.id === id)!;
      const def: CaseDef = {
        ...single,
        id: `${id}-cluster`,
        title: `${single.title}, WEB_CONCURRENCY=${CLUSTER_WORKERS}`,
        spec: {
          ...single.spec,
          url: single.spec.url.replace(appBase, clusterBase),
          // Other addresses than the single-process case's, which used the same account.
          body: single.spec.body?.replace('@bench.example', '@cluster.bench.example'),
        },
      };
      caseDefs.push(def);
      say(def.title);
      measuredCases.set(def.id, await measureCase(cluster, def));
    }
    await cluster.stop();
  }
  if (floor) {
    // Measured alone when no other case was asked for.
    const floorMeasured = interleaved?.samples.length
      ? summarise(interleaved.samples)
      : await measure(load, floor, floorDef.spec, mainOptions('floor'));
    measuredCases.set('floor', floorMeasured);
  }
  if (config.cases.has('metrics')) {
    const leads = caseDefs.find((def) => def.id === 'leads')!;
    say(`${leads.title}, with and without METRICS_PORT, in turn`);
    const { off, on } = await measureMetricsCost({
      load,
      env,
      serverScript: join(HERE, 'bench-server.js'),
      appBase,
      spec: leads.spec,
      runs: Math.max(config.runs, METRICS_MIN_PAIRS),
      duration: config.duration,
      warmup: config.warmup,
      logFile: join(tmp, 'metrics.log'),
      say,
    });
    caseDefs.push({ ...leads, id: 'leads-metrics-off', title: `${leads.title}, metrics off (in turn with on)` });
    caseDefs.push({ ...leads, id: 'leads-metrics', title: `${leads.title}, metrics on (METRICS_PORT)` });
    measuredCases.set('leads-metrics-off', off);
    measuredCases.set('leads-metrics', on);
  }
  const cases: CaseReport[] = displayOrder
    .filter((id) => measuredCases.has(id))
    .map((id) => {
      const def = caseDefs.find((d) => d.id === id)!;
      const m = measuredCases.get(id)!;
      return { id, title: def.title, target: def.target, ...m };
    });

  // ---- scaling ---------------------------------------------------------------
  const scaling: ScalingReport[] = [];
  if (config.cases.has('scaling')) {
    t = performance.now();
    for (let i = 1; i < SCALE_SIZES.length; i++) {
      if (config.databaseUrl) await seedLeadsPostgres(databaseUrl, scaleAccounts[i].id, SCALE_SIZES[i]);
      else seedLeadsSqlite(sqliteFile, scaleAccounts[i].id, SCALE_SIZES[i]);
    }
    const sizeMb = config.databaseUrl ? '' : `; database file ${fmt(statSync(sqliteFile).size / 2 ** 20)} MB`;
    say(
      `seeded ${SCALE_SIZES.slice(1)
        .map((n) => fmt(n))
        .join(' + ')} leads directly in ${fmt((performance.now() - t) / 1000, 1)} s${sizeMb}`,
    );

    for (let i = 0; i < SCALE_SIZES.length; i++) {
      const account = scaleAccounts[i];
      const response = await api.request('GET', '/api/leads?limit=25', { token: account.token });
      const page = (await response.json()) as unknown[];
      if (response.status !== 200 || page.length !== 25 || !response.headers.get('link')) {
        throw new Error(`GET /api/leads?limit=25 for ${account.username}: ${response.status}, ${page.length} leads`);
      }
      say(`GET /api/leads?limit=25 with ${fmt(SCALE_SIZES[i])} leads owned`);
      const m = await measure(
        load,
        server,
        { url: `${appBase}/api/leads?limit=25`, headers: bearer(account), connections: c },
        { label: `${fmt(SCALE_SIZES[i])} leads`, runs: config.runs, duration: config.scaleDuration, warmup: 1 },
      );
      scaling.push({ leads: SCALE_SIZES[i], ...m });
    }
  }

  // ---- login storm -----------------------------------------------------------
  let storm: StormReport | null = null;
  if (config.cases.has('storm')) {
    const userSpec = { url: `${appBase}/api/auth/user`, headers: bearer(reader), connections: c };
    const options = { runs: config.runs, duration: config.scaleDuration, warmup: 1 };
    say('GET /api/auth/user, idle');
    const idle = await measure(load, server, userSpec, { ...options, label: 'idle' });

    say(`GET /api/auth/user while POST /api/auth/login runs at up to ${STORM_RATE}/s`);
    const stormLoad = new LoadGenerator(join(HERE, 'load.js'));
    cleanup.push(() => stormLoad.close());
    const logins = stormLoad.run({
      url: `${appBase}/api/auth/login`,
      method: 'POST',
      headers: json,
      body: JSON.stringify({ username: loginAccount.username, password: loginAccount.password }),
      connections: STORM_RATE,
      overallRate: STORM_RATE,
      duration: 3600,
      timeout: 60,
    });
    await sleep(2000); // let the bcrypt queue fill
    const underStorm = await measure(load, server, userSpec, { ...options, warmup: 0, settle: false, label: 'storm' });
    stormLoad.stopRun();
    const loginResult = await logins;
    stormLoad.close();
    await quiesce(server.pid);
    storm = {
      idle,
      storm: underStorm,
      loginsPerSecond: loginResult.rps,
      loginP50: loginResult.p50,
      loginErrors: loginResult.errors + loginResult.non2xx,
    };
    say(`  the storm achieved ${fmt(loginResult.rps, 1)} logins/s`);
  }

  // ---- the end ---------------------------------------------------------------
  const memory = readMemory(server.pid) ?? { rssMb: Number.NaN, hwmMb: Number.NaN };
  const floorMemory = floor ? readMemory(floor.pid) : null;
  say('waiting for the app server to settle (idle) before reading its memory');
  const settled = await settledRssMb(server.pid);

  // ---- CSV import and export -------------------------------------------------
  // After the settled reading: an import's batches are memory the CSV budget judges, not the lead list's.
  let csv: CsvFigures | null = null;
  if (config.cases.has('csv')) {
    const exporter = scaleAccounts[SCALE_SIZES.length - 1];
    if (!config.cases.has('scaling')) {
      if (config.databaseUrl) await seedLeadsPostgres(databaseUrl, exporter.id, EXPORT_LEADS);
      else seedLeadsSqlite(sqliteFile, exporter.id, EXPORT_LEADS);
    }
    say(`CSV: POST /api/leads/import, then GET /api/leads/export of ${fmt(EXPORT_LEADS)} leads`);
    csv = { import: await measureImport(api, server.pid, say), export: await measureExport(api, server.pid, exporter, say) };
  }

  let profile: Report['profile'];
  if (config.cpuProfile) {
    await server.ask('write-cpu-profile', 'cpu-profile-written');
    if (existsSync(profileFile)) {
      profile = { file: profileFile, ...summariseProfile(JSON.parse(readFileSync(profileFile, 'utf8')) as CpuProfile) };
    }
  }

  const report: Report = {
    meta: {
      date: new Date().toISOString(),
      node: process.version,
      cpus: `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}`,
      appDatabase,
      floorDatabase,
      connections: config.connections,
      durationSec: config.duration,
      warmupSec: config.warmup,
      scaleDurationSec: config.scaleDuration,
      runs: config.runs,
      bcryptRounds: settings.bcryptRounds,
      totalSec: (performance.now() - startedAt) / 1000,
    },
    cases,
    scaling,
    storm,
    server: { rssMbAtEnd: memory.rssMb, hwmMb: memory.hwmMb, settledRssMb: settled.rssMb, settledAfterSec: settled.afterSeconds },
    floor: floorMemory ? { rssMbAtEnd: floorMemory.rssMb, hwmMb: floorMemory.hwmMb } : null,
    csv,
    budget: [
      ...budget(measuredCases, scaling, storm, settled.rssMb, memory, Boolean(config.databaseUrl)),
      ...(csv ? csvBudget(csv, EXPORT_LEADS) : []),
    ],
    profile,
  };
  if (config.cpuProfile) say('\nNOTE: the app server ran under the CPU profiler; its numbers are lower than usual.');

  writeFileSync(join(RESULTS_DIR, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(RESULTS_DIR, 'latest.md'), renderMarkdown(report));
  say(`\n${renderText(report)}\n`);
  say(`Wrote ${join('bench', 'results', 'latest.json')} and ${join('bench', 'results', 'latest.md')}.`);

  const failed = report.budget.some((line) => line.status === 'FAIL');
  return failed && config.enforce ? 1 : 0;
}

function budget(
  cases: Map<string, Measured>,
  scaling: ScalingReport[],
  storm: StormReport | null,
  settledRssMb: number,
  atEnd: { rssMb: number; hwmMb: number },
  postgres: boolean,
): BudgetLine[] {
  const line = (label: string, ratio: number | null, pass: (r: number) => boolean, actual: string): BudgetLine => ({
    label,
    actual: ratio === null || Number.isNaN(ratio) ? 'not measured in this run' : actual,
    status: ratio === null || Number.isNaN(ratio) ? 'SKIP' : pass(ratio) ? 'PASS' : 'FAIL',
  });
  const floor = cases.get('floor');
  const leads = cases.get('leads');
  const small = scaling.find((s) => s.leads === SCALE_SIZES[0]);
  const large = scaling.find((s) => s.leads === SCALE_SIZES[SCALE_SIZES.length - 1]);

  const leadsRatio = leads?.vsFloor?.rps ?? null;
  const leadsP99Ratio = leads?.vsFloor?.p99 ?? null;
  const scaleRatio = small && large ? large.p50 / small.p50 : null;
  const stormRatio = storm ? storm.storm.p99 / storm.idle.p99 : null;
  const metricsOn = cases.get('leads-metrics');
  const metricsOff = cases.get('leads-metrics-off');
  const metricsRatio = metricsOn && metricsOff ? metricsOn.rps / metricsOff.rps : null;
  const pctOf = (r: number | null) => `${((r ?? 0) * 100).toFixed(1)} %`;
  return [
    line(
      `GET /api/leads (${HOT_PATH_LEADS} leads) ≥ 35 % of the floor's req/s`,
      leadsRatio,
      (r) => r >= 0.35,
      `${pctOf(leadsRatio)} (${fmt(leads?.rps ?? 0)} vs ${fmt(floor?.rps ?? 0)} req/s)`,
    ),
    ...(postgres
      ? [
          line(
            `GET /api/leads (${HOT_PATH_LEADS} leads) p99 ≤ 2.5 × the floor's p99`,
            leadsP99Ratio,
            (r) => r <= 2.5,
            `${(leadsP99Ratio ?? 0).toFixed(2)} × (${fmt(leads?.p99 ?? 0, 2)} vs ${fmt(floor?.p99 ?? 0, 2)} ms)`,
          ),
        ]
      : []),
    line(
      'GET /api/leads?limit=25 p50 at 1,000,000 leads ≤ 1.5 × p50 at 100 leads',
      scaleRatio,
      (r) => r <= 1.5,
      `${(scaleRatio ?? 0).toFixed(2)} × (${fmt(large?.p50 ?? 0, 2)} vs ${fmt(small?.p50 ?? 0, 2)} ms)`,
    ),
    line(
      `GET /api/auth/user p99 under ${STORM_RATE} logins/s ≤ 3 × idle p99`,
      stormRatio,
      (r) => r <= 3,
      `${(stormRatio ?? 0).toFixed(2)} × (${fmt(storm?.storm.p99 ?? 0, 2)} vs ${fmt(storm?.idle.p99 ?? 0, 2)} ms; ` +
        `the storm achieved ${fmt(storm?.loginsPerSecond ?? 0, 1)} logins/s)`,
    ),
    line(
      'GET /api/leads with metrics on ≥ 95 % of metrics off req/s (measured in turn)',
      metricsRatio,
      (r) => r >= 0.95,
      `${pctOf(metricsRatio)} (${fmt(metricsOn?.rps ?? 0)} vs ${fmt(metricsOff?.rps ?? 0)} req/s)`,
    ),
    line(
      'app server RSS after the whole benchmark (settled) < 150 MB',
      settledRssMb,
      (r) => r < 150,
      `${fmt(settledRssMb)} MB settled (${fmt(atEnd.rssMb)} MB right after the last case, peak ${fmt(atEnd.hwmMb)} MB)`,
    ),
  ];
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);

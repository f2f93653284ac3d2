import { freePort, logLines, runServer, type ServerProcess, waitUntilServing } from './support/server-process.js';
import { createTestDatabase, type TestDatabase } from './support/test-app.js';
import { scrape, timedCall, type TimedAnswer, valueOf } from './support/metrics.js';

const FLOOD = 150;
const MAX_WAIT_MS = 2000;

describe('Overload: password hashing sheds load with 503 instead of queueing without bound', () => {
  let database: TestDatabase;
  let server: ServerProcess;
  let metricsUrl: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    const metricsPort = await freePort();
    metricsUrl = `http://127.0.0.1:${metricsPort}`;
    server = runServer({
      PORT: String(await freePort()),
      METRICS_PORT: String(metricsPort),
      DATABASE_URL: database.url,
      BCRYPT_ROUNDS: '12',
      THROTTLE_AUTH_PER_MINUTE: '0',
      HASH_QUEUE_MAX_WAIT_MS: String(MAX_WAIT_MS),
      // The flood's tried logins would lock the account (login-lockout's test covers that); this one measures the queue alone.
      LOGIN_FAILURES_PER_ACCOUNT: '0',
      LOG_LEVEL: 'warn',
    });
    await waitUntilServing(server, 30_000);
  }, 40_000);

  afterAll(async () => {
    server.child.kill('SIGTERM');
    await server.exited;
    await database.drop();
  });

  /** Reads one after another until `until` settles; their statuses. */
  async function readWhile(token: string, until: Promise<unknown>): Promise<number[]> {
    let done = false;
    void until.finally(() => (done = true));
    const statuses: number[] = [];
    while (!done) statuses.push((await timedCall(server.url, 'GET', '/api/auth/user', { token })).status);
    return statuses;
  }

  it(`${FLOOD} concurrent logins at cost 12: the excess gets 503 + Retry-After, every login is answered, reads are never shed, and a login right after succeeds`, async () => {
    const registered = await timedCall(server.url, 'POST', '/api/auth/register', {
      body: { username: 'victim', password: 'the-right-one' },
    });
    expect(registered.status).toBe(201);
    const token = (registered.body as { token: string }).token;

    const flood = Promise.all(
      Array.from({ length: FLOOD }, (_, i) =>
        timedCall(server.url, 'POST', '/api/auth/login', { body: { username: 'victim', password: `wrong-guess-${i}` } }).catch(
          (error: unknown) => ({ error: String(error) }),
        ),
      ),
    );
    const reads = await readWhile(token, flood);
    const answers = await flood;

    // Every login answered: no connection error, no 500, only "wrong" or "busy".
    expect(answers.filter((a) => 'error' in a)).toEqual([]);
    const logins = answers as TimedAnswer[];
    expect(new Set(logins.map((a) => a.status))).toEqual(new Set([400, 503]));
    const shed = logins.filter((a) => a.status === 503);
    const tried = logins.filter((a) => a.status === 400);
    for (const answer of shed) {
      const seconds = Number(answer.headers['retry-after']);
      expect(Number.isInteger(seconds) && seconds >= 1).toBe(true);
      expect(answer.body).toEqual({ msg: { detail: `The server is busy. Try again in ${seconds} seconds.` }, status: 503 });
    }

    // How long each waited, and reads under the flood against idle ones: the bench's storm case and its budget line.
    const samples = await scrape(metricsUrl);
    // Metrics count each outcome as answered.
    expect(valueOf(samples, 'lead_manager_logins_total', { result: 'shed' })).toBe(shed.length);
    expect(valueOf(samples, 'lead_manager_logins_total', { result: 'failure' })).toBe(tried.length);
    expect(valueOf(samples, 'http_request_duration_seconds_count', { method: 'POST', route: '/api/auth/login', status_code: '503' })).toBe(
      shed.length,
    );
    // Shedding is on purpose: its request lines are warnings, and nothing is logged as an error.
    const logged = logLines(server);
    expect(logged.filter((line) => line.msg.startsWith('POST /api/auth/login 503')).map((line) => line.level)).toEqual(
      Array(shed.length).fill(40),
    );
    expect(logged.filter((line) => line.level >= 50)).toEqual([]);

    // Reads are never shed: the queue holds password hashes only.
    expect(reads.length).toBeGreaterThan(0);
    expect(new Set(reads)).toEqual(new Set([200]));

    // The queue drains as it was promised: a login right after is answered, and succeeds.
    const after = await timedCall(server.url, 'POST', '/api/auth/login', { body: { username: 'victim', password: 'the-right-one' } });
    expect(after.status).toBe(200);
  }, 90_000);
});

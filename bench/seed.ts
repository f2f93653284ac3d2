/**
 * Data for the benchmark: accounts and small lead sets through the public
 * API, large lead sets straight into the database in batched transactions.
 */
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { leadKeys } from '../src/leads/lead-keys.js';

export const SEED_BATCH = 10_000;

export interface Account {
  id: number;
  username: string;
  password: string;
  token: string;
}

export class Api {
  constructor(readonly base: string) {}

  async request(method: string, path: string, options: { token?: string; body?: unknown } = {}): Promise<Response> {
    const headers: Record<string, string> = {};
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    return fetch(`${this.base}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(30_000),
    });
  }

  async expect<T>(status: number, method: string, path: string, options: { token?: string; body?: unknown } = {}): Promise<T> {
    const response = await this.request(method, path, options);
    const text = await response.text();
    if (response.status !== status) {
      throw new Error(`${method} ${path}: expected ${status}, got ${response.status}: ${text.slice(0, 300)}`);
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }

  async register(username: string): Promise<Account> {
    const password = `bench-${username}-password`;
    const session = await this.expect<{ user: { id: number }; token: string }>(201, 'POST', '/api/auth/register', {
      body: { username, email: `${username}@bench.example`, password },
    });
    return { id: session.user.id, username, password, token: session.token };
  }

  /** `count` leads through POST /api/leads, a few requests in flight at once. */
  async createLeads(account: Account, count: number, concurrency = 8): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < count) {
        const i = next++;
        await this.expect(201, 'POST', '/api/leads', {
          token: account.token,
          body: { name: `Lead ${i}`, email: `lead${i}@bench.example`, message: `Seeded lead number ${i}.` },
        });
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  }
}

/** One lead row as the direct seeders write it (what the app would have written, its stored keys included). */
function leadValues(i: number): [string, string, string, string, string] {
  const [name, email, message] = [`Lead ${i}`, `lead${i}@bench.example`, `Seeded lead number ${i}.`];
  const { nameKey, search } = leadKeys({ name, email, message, source: '' });
  return [name, email, message, nameKey, search];
}

/** `count` leads for `ownerId`, in transactions of SEED_BATCH rows through one prepared INSERT. */
export function seedLeadsSqlite(file: string, ownerId: number, count: number): void {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const insert = db.prepare(
      'INSERT INTO leads (name, email, message, name_key, search, owner_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const createdAt = new Date().toISOString();
    const batch = db.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) insert.run(...leadValues(i), ownerId, createdAt, createdAt);
    });
    for (let from = 0; from < count; from += SEED_BATCH) batch(from, Math.min(count, from + SEED_BATCH));
    // Fold the WAL back into the database so the server does not read through it.
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

/** The same on PostgreSQL: one multi-row INSERT per batch, each its own transaction; then ANALYZE, as autovacuum would. */
export async function seedLeadsPostgres(url: string, ownerId: number, count: number): Promise<void> {
  await withClient(url, async (client) => {
    const createdAt = new Date().toISOString();
    for (let from = 0; from < count; from += SEED_BATCH) {
      const to = Math.min(count, from + SEED_BATCH);
      await client.query(
        // The text is ASCII, so lower() folds it as leadKeys does.
        `INSERT INTO leads (name, email, message, name_key, search, owner_id, created_at, updated_at)
         SELECT 'Lead ' || g, 'lead' || g || '@bench.example', 'Seeded lead number ' || g || '.', 'lead ' || g,
                'lead ' || g || E'\\n' || 'lead' || g || '@bench.example' || E'\\n' || 'seeded lead number ' || g || '.' || E'\\n', $1, $2, $2
           FROM generate_series($3::int, $4::int) AS g`,
        [ownerId, createdAt, from, to - 1],
      );
    }
    await client.query('ANALYZE leads');
  });
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh database on the PostgreSQL server at `serverUrl`, dropped by `drop()`. */
export async function createPostgresDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `lead_manager_bench_${randomBytes(6).toString('hex')}`;
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

/**
 * The floor: `GET /api/leads` written by hand on node:http, doing exactly the
 * hot-path work the app does and nothing else:
 *
 *   1. read `Authorization: Bearer|Token <token>`;
 *   2. one indexed lookup by token key that also yields the (active) user,
 *      the SHA-512 digest compared in constant time, expiry checked;
 *   3. one owner-scoped query for the first page (the app's default page of
 *      100, fetched as 101 to know whether there is a next page);
 *   4. the same JSON the app sends.
 *
 * It reads the app's own database: FLOOR_DATABASE names a SQLite file
 * (better-sqlite3, statements prepared once), FLOOR_DATABASE_URL a PostgreSQL
 * database (`pg`, a pool of 10 as the app's, named prepared statements).
 * Listens on PORT. No framework can beat it on this machine.
 */
import Database from 'better-sqlite3';
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import pg from 'pg';

const PAGE_SIZE = 100;
const TOKEN_LENGTH = 64;
const TOKEN_KEY_LENGTH = 15;
const TOKEN_SHAPE = /^[0-9a-f]+$/;
const AUTH_HEADER = /^\s*(bearer|token)\s+(\S+)\s*$/i;

interface TokenRow {
  digest: string;
  expiry: string | null;
  id: number;
  username: string;
  email: string;
}

interface LeadRow {
  id: number;
  name: string;
  email: string;
  message: string;
  owner: number;
  created_at: string;
  status: string;
  source: string;
  updated_at: string;
}

const FIND_TOKEN =
  'SELECT t.digest AS digest, t.expiry AS expiry, u.id AS id, u.username AS username, u.email AS email ' +
  'FROM auth_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_key = $1 AND u.is_active = TRUE';
const LIST_LEADS =
  'SELECT id, name, email, message, owner_id AS owner, created_at, status, source, updated_at ' +
  'FROM leads WHERE owner_id = $1 AND id > $2 ORDER BY id ASC LIMIT $3';

interface Queries {
  findToken(key: string): Promise<TokenRow[]> | TokenRow[];
  listLeads(ownerId: number, after: number, limit: number): Promise<LeadRow[]> | LeadRow[];
  close(): Promise<void> | void;
}

function sqliteQueries(file: string): Queries {
  const db = new Database(file, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  const positional = (sql: string) => sql.replace(/\$\d/g, '?').replace('TRUE', '1');
  const findToken = db.prepare<[string], TokenRow>(positional(FIND_TOKEN));
  const listLeads = db.prepare<[number, number, number], LeadRow>(positional(LIST_LEADS));
  return {
    findToken: (key) => findToken.all(key),
    listLeads: (ownerId, after, limit) => listLeads.all(ownerId, after, limit),
    close: () => {
      db.close();
    },
  };
}

function postgresQueries(url: string): Queries {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  return {
    findToken: async (key) => (await pool.query<TokenRow>({ name: 'floor-token', text: FIND_TOKEN, values: [key] })).rows,
    listLeads: async (ownerId, after, limit) =>
      (await pool.query<LeadRow>({ name: 'floor-leads', text: LIST_LEADS, values: [ownerId, after, limit] })).rows,
    close: () => pool.end(),
  };
}

const url = process.env.FLOOR_DATABASE_URL;
const file = process.env.FLOOR_DATABASE;
if (!url && !file) throw new Error('FLOOR_DATABASE (a SQLite file) or FLOOR_DATABASE_URL (postgres://…) must name the database');
const queries = url ? postgresQueries(url) : sqliteQueries(file!);

function send(response: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    ...headers,
  });
  response.end(body);
}

function unauthorized(response: ServerResponse, detail: string): void {
  send(response, 401, JSON.stringify({ msg: { detail }, status: 401 }), { 'WWW-Authenticate': 'Bearer realm="api"' });
}

async function authenticate(header: string | undefined): Promise<TokenRow | null> {
  const token = AUTH_HEADER.exec(header ?? '')?.[2];
  if (!token || token.length !== TOKEN_LENGTH || !TOKEN_SHAPE.test(token)) return null;
  const digest = createHash('sha512').update(token).digest();
  for (const row of await queries.findToken(token.slice(0, TOKEN_KEY_LENGTH))) {
    const stored = Buffer.from(row.digest, 'hex');
    if (stored.length === digest.length && timingSafeEqual(stored, digest)) {
      return row.expiry !== null && Date.parse(row.expiry) <= Date.now() ? null : row;
    }
  }
  return null;
}

async function listLeads(authorization: string | undefined, response: ServerResponse): Promise<void> {
  const user = await authenticate(authorization);
  if (!user) return unauthorized(response, 'Invalid token.');
  const rows = await queries.listLeads(user.id, 0, PAGE_SIZE + 1);
  const headers: Record<string, string> = {};
  if (rows.length > PAGE_SIZE) {
    rows.length = PAGE_SIZE;
    headers.Link = `</api/leads?limit=${PAGE_SIZE}&after=${rows[PAGE_SIZE - 1].id}>; rel="next"`;
  }
  send(response, 200, JSON.stringify(rows), headers);
}

const server = createServer((request, response) => {
  const path = request.url?.split('?', 1)[0];
  if (request.method !== 'GET' || (path !== '/api/leads' && path !== '/api/leads/')) {
    return send(response, 404, JSON.stringify({ msg: { detail: 'Not found.' }, status: 404 }));
  }
  listLeads(request.headers.authorization, response).catch((error: unknown) => {
    process.stderr.write(`floor: ${String(error)}\n`);
    if (!response.headersSent) send(response, 500, '{}');
  });
});

server.listen(Number(process.env.PORT ?? 8001), process.env.HOST ?? '127.0.0.1');
process.once('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  void Promise.resolve(queries.close()).finally(() => process.exit(0));
});

/**
 * The floor: `GET /api/leads` written by hand on node:http + better-sqlite3,
 * doing exactly the hot-path work the app does and nothing else:
 *
 *   1. read `Authorization: Bearer|Token <token>`;
 *   2. one indexed lookup by token key that also yields the (active) user,
 *      the SHA-512 digest compared in constant time, expiry checked;
 *   3. one owner-scoped query for the first page (the app's default page of
 *      100, fetched as 101 to know whether there is a next page);
 *   4. the same JSON the app sends.
 *
 * No framework can beat it on this machine. It reads the app's database file
 * (FLOOR_DATABASE, same schema) and listens on PORT.
 */
import Database from 'better-sqlite3';
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';

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
}

const file = process.env.FLOOR_DATABASE;
if (!file) throw new Error('FLOOR_DATABASE must name the SQLite file');
const db = new Database(file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');

const findToken = db.prepare<[string], TokenRow>(
  `SELECT t.digest AS digest, t.expiry AS expiry, u.id AS id, u.username AS username, u.email AS email
     FROM auth_tokens t JOIN users u ON u.id = t.user_id
    WHERE t.token_key = ? AND u.is_active = 1`,
);
const listLeads = db.prepare<[number, number, number], LeadRow>(
  `SELECT id, name, email, message, owner_id AS owner, created_at
     FROM leads WHERE owner_id = ? AND id > ? ORDER BY id ASC LIMIT ?`,
);

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

function authenticate(header: string | undefined): TokenRow | null {
  const token = AUTH_HEADER.exec(header ?? '')?.[2];
  if (!token || token.length !== TOKEN_LENGTH || !TOKEN_SHAPE.test(token)) return null;
  const digest = createHash('sha512').update(token).digest();
  for (const row of findToken.all(token.slice(0, TOKEN_KEY_LENGTH))) {
    const stored = Buffer.from(row.digest, 'hex');
    if (stored.length === digest.length && timingSafeEqual(stored, digest)) {
      return row.expiry !== null && Date.parse(row.expiry) <= Date.now() ? null : row;
    }
  }
  return null;
}

const server = createServer((request, response) => {
  const path = request.url?.split('?', 1)[0];
  if (request.method !== 'GET' || (path !== '/api/leads' && path !== '/api/leads/')) {
    return send(response, 404, JSON.stringify({ msg: { detail: 'Not found.' }, status: 404 }));
  }
  const user = authenticate(request.headers.authorization);
  if (!user) return unauthorized(response, 'Invalid token.');

  const rows = listLeads.all(user.id, 0, PAGE_SIZE + 1);
  const headers: Record<string, string> = {};
  if (rows.length > PAGE_SIZE) {
    rows.length = PAGE_SIZE;
    headers.Link = `</api/leads?limit=${PAGE_SIZE}&after=${rows[PAGE_SIZE - 1].id}>; rel="next"`;
  }
  send(response, 200, JSON.stringify(rows), headers);
});

server.listen(Number(process.env.PORT ?? 8001), process.env.HOST ?? '127.0.0.1');
process.once('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  db.close();
  process.exit(0);
});

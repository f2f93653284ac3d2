import { spawn } from 'node:child_process';
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Account } from './accounts.js';
import { CLI } from './cli-process.js';
import type { TestApp } from './test-app.js';

/** A CSV file from rows of fields, as a spreadsheet program writes one (CRLF, quotes where needed). */
export function csvFile(rows: string[][], { delimiter = ',', bom = false } = {}): string {
  const quote = (field: string) => (/[",;\t\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field);
  return `${bom ? '\ufeff' : ''}${rows.map((row) => row.map(quote).join(delimiter)).join('\r\n')}\r\n`;
}

/** POST /api/leads/import with `body` as the file, as `account`. */
export function importFile(testApp: TestApp, account: Account, body: string | Buffer, query: Record<string, string> = {}) {
  return testApp
    .http()
    .post('/api/leads/import')
    .query(query)
    .set('Authorization', account.auth)
    .set('Content-Type', 'text/csv')
    .send(Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'));
}

/** GET /api/leads/export as `account`, its body as bytes. */
export async function exportFile(testApp: TestApp, account: Account, query: Record<string, string> = {}) {
  const response = await testApp
    .http()
    .get('/api/leads/export')
    .query(query)
    .set('Authorization', account.auth)
    .buffer(true)
    .parse((res, done) => {
      const parts: Buffer[] = [];
      res.on('data', (part: Buffer) => parts.push(part));
      res.on('end', () => done(null, Buffer.concat(parts)));
    });
  return { response, bytes: response.body as Buffer };
}

/**
 * Sends a body of `totalBytes` (announced with Content-Length, or chunked
 * when `chunked`) to the import route, writing it only as fast as the server
 * reads, and stops sending once the answer has come: how a client meets a
 * server that refuses a body too large to take.
 */
export async function sendHugeFile(
  testApp: TestApp,
  account: Account,
  { totalBytes, chunked }: { totalBytes: number; chunked: boolean },
): Promise<{ status: number; body: unknown; sent: number }> {
  const server = testApp.app.getHttpServer() as Server;
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const request = httpRequest({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/api/leads/import',
      headers: {
        Authorization: account.auth,
        'Content-Type': 'text/csv',
        ...(chunked ? { 'Transfer-Encoding': 'chunked' } : { 'Content-Length': String(totalBytes) }),
      },
    });
    const chunk = Buffer.from(`${'name,email\r\n'}${'Ada,ada@example.com\r\n'.repeat(3000)}`);
    let sent = 0;
    let answered = false;
    const pump = () => {
      while (!answered && sent < totalBytes) {
        sent += chunk.length;
        if (!request.write(chunk)) return void request.once('drain', pump);
      }
      if (!answered) request.end();
    };
    request.on('response', (response) => {
      answered = true;
      const parts: Buffer[] = [];
      response.on('data', (part: Buffer) => parts.push(part));
      response.on('end', () => {
        request.destroy();
        resolve({ status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(parts).toString('utf8')), sent });
      });
    });
    // Once answered, the server may close while this side still writes.
    request.on('error', (error) => (answered ? undefined : reject(error)));
    pump();
  });
}

/** Runs the compiled admin CLI on `databaseUrl` and answers its output as bytes (an export is a file, not lines of text). */
export function runCliForBytes(databaseUrl: string, args: string[]): Promise<{ code: number | null; stdout: Buffer; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: databaseUrl, BCRYPT_ROUNDS: '4' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: Buffer[] = [];
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(stdout), stderr }));
  });
}

import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** The compiled entry point `npm start` runs (`npm test` builds it first). */
export const MAIN = join(process.cwd(), 'dist', 'src', 'main.js');

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** A JSON log line the server printed (pino's fields that the tests read). */
export interface LogLine {
  level: number;
  pid: number;
  msg: string;
}

/** The JSON log lines the server has printed so far, in order. */
export const logLines = (server: ServerProcess): LogLine[] =>
  server
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Runs `node dist/src/main.js` (or another copy of it) with `env` on top of a minimal environment. */
export function runServer(env: Record<string, string>, main = MAIN): ServerProcess {
  const child = spawn(process.execPath, [main], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, url: `http://127.0.0.1:${env.PORT ?? 8000}`, output: () => output, exited };
}

/** Resolves once the server answers its health check. */
export async function waitUntilServing(server: ServerProcess, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`server exited: ${server.output()}`);
    try {
      const response = await fetch(`${server.url}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server did not start: ${server.output()}`);
}

/** Resolves once the server has printed `text` (at once if it already has). */
export function waitForOutput(server: ServerProcess, text: string, timeoutMs = 30_000): Promise<void> {
  const streams = [server.child.stdout, server.child.stderr];
  return new Promise((resolve, reject) => {
    const settle = (error?: Error) => {
      clearTimeout(timer);
      for (const stream of streams) stream?.off('data', check);
      if (error) reject(error);
      else resolve();
    };
    // runServer's own listener came first, so output() already holds the chunk that woke this one.
    const check = () => {
      if (server.output().includes(text)) settle();
    };
    const timer = setTimeout(() => settle(new Error(`never printed "${text}": ${server.output()}`)), timeoutMs);
    for (const stream of streams) stream?.on('data', check);
    check();
  });
}

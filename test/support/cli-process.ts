import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** The compiled admin CLI `npm run manage` runs (`npm test` builds it first). */
export const CLI = join(process.cwd(), 'dist', 'src', 'cli', 'main.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node dist/src/cli/main.js ...args` on `databaseUrl`, with `input` on a piped (not terminal) stdin. */
export function runCli(databaseUrl: string, args: string[], input = ''): Promise<CliResult> {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: databaseUrl, BCRYPT_ROUNDS: '4' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  // A command that reads no password may exit before taking its input.
  child.stdin.on('error', () => undefined);
  child.stdin.end(input);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

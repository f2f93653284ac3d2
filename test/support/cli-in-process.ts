import { Readable } from 'node:stream';
import { readPassword } from '../../src/cli/password-input.js';
import { runCommandLine } from '../../src/cli/program.js';
import type { CliResult } from './cli-process.js';

/**
 * The admin CLI run in this process, as `npm run manage -- ...args` runs it
 * on `databaseUrl`, with `input` as its piped (not terminal) standard input:
 * the same commands and output as runCli's process, without a Node start each.
 */
export async function runCliInProcess(databaseUrl: string, args: string[], input = ''): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCommandLine(
    {
      env: { DATABASE_URL: databaseUrl, BCRYPT_ROUNDS: '4' },
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      readPassword: () => readPassword(Readable.from([input]) as unknown as NodeJS.ReadStream),
    },
    args,
  );
  return { code, stdout, stderr };
}

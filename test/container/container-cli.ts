import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The container CLI the tests drive: `CONTAINER_CLI` (default `podman`), split
 * on spaces so that it may carry global flags (`podman --runtime runc`). Its
 * commands are podman's (`build --format docker`, `healthcheck run`).
 */
const [command, ...globalArgs] = (process.env.CONTAINER_CLI?.trim() || 'podman').split(/\s+/);
export const CLI = command;

/**
 * Unless CONTAINERS_CONF names one already, podman reads a containers.conf that
 * sets no default ulimits: a container then inherits podman's own limits. Run
 * inside a container (as in CI), podman may not raise RLIMIT_NOFILE or
 * RLIMIT_NPROC above the outer container's, and without this every `run` and
 * every RUN step of a build fails with "error setting rlimit".
 */
function cliEnvironment(): NodeJS.ProcessEnv {
  if (process.env.CONTAINERS_CONF) return process.env;
  const conf = join(mkdtempSync(join(tmpdir(), 'lead-manager-containers-')), 'containers.conf');
  writeFileSync(conf, '[containers]\ndefault_ulimits = []\n');
  return { ...process.env, CONTAINERS_CONF: conf };
}
const environment = cliEnvironment();

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI with `args`; resolves with its exit code and output (it never rejects on a non-zero exit). */
export function cli(args: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(CLI, [...globalArgs, ...args], { env: environment, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** Like `cli`, but a non-zero exit is an error that shows the command and the end of its output. */
export async function cliOk(args: string[]): Promise<string> {
  const result = await cli(args);
  if (result.code !== 0) {
    const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-40).join('\n');
    throw new Error(`${CLI} ${args.join(' ')} exited ${result.code}:\n${tail}`);
  }
  return result.stdout.trim();
}

/** Throws one line naming what is missing when the CLI is not installed. */
export async function requireCli(): Promise<void> {
  try {
    await cli(['--version']);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new Error(
      `${CLI} is not installed: npm run test:container needs podman (Debian: apt-get install podman runc) or CONTAINER_CLI naming a podman-compatible CLI`,
      { cause: error },
    );
  }
}

import 'reflect-metadata';
import { readPassword } from './password-input.js';
import { runCommandLine } from './program.js';

const code = await runCommandLine(
  { env: process.env, stdout: process.stdout, stderr: process.stderr, readPassword: () => readPassword() },
  process.argv.slice(2),
);
// A failure may leave something of a half-built context running (a hashing thread, a connection): exit, once its line is out.
if (code !== 0) process.stderr.write('', () => process.exit(code));

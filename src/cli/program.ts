import { Command, CommanderError, Option } from 'commander';
import type { ImportMode } from '../imports/import.entity.js';
import type { AdminCommands, Output } from './admin-commands.js';
import { describeError } from './cli-error.js';
import type { LeadFileCommands } from './lead-file-commands.js';

/** What a run of the CLI reads and writes: the process's own, or a test's. */
export interface CliIo {
  /** The settings' source (DATABASE_URL, BCRYPT_ROUNDS, ...). */
  env: Record<string, string | undefined>;
  stdout: Output;
  stderr: Output;
  /** Where passwords come from: standard input, or typed twice at a terminal. */
  readPassword: () => Promise<string>;
}

/**
 * Starts the accounts services on DATABASE_URL (no HTTP, no log output), runs
 * one command, closes. Nest and TypeORM are loaded only here, so a mistyped
 * command is answered without the second or so they take to load.
 */
async function withCommandsOn(io: CliIo, work: (commands: AdminCommands) => Promise<void>): Promise<void> {
  const [
    { NestFactory },
    { loadSettings },
    { CliModule },
    { AdminCommands },
    { AccountsService },
    { TokensService },
    { PasswordResetService },
    { Dialect },
    { uniqueViolationError },
  ] = await Promise.all([
    import('@nestjs/core'),
    import('../config/settings.js'),
    import('./cli.module.js'),
    import('./admin-commands.js'),
    import('../accounts/accounts.service.js'),
    import('../accounts/tokens/tokens.service.js'),
    import('../accounts/password-reset/password-reset.service.js'),
    import('../database/dialect.js'),
    import('../database/unique-constraints.js'),
  ]);
  const settings = loadSettings(io.env);
  const context = await NestFactory.createApplicationContext(CliModule.forRoot(settings), { logger: false, abortOnError: false });
  try {
    const commands = new AdminCommands(
      context.get(AccountsService),
      context.get(TokensService),
      context.get(PasswordResetService),
      io.readPassword,
      io.stdout,
    );
    await work(commands);
  } catch (error) {
    // A createuser racing a registration for the same username meets the unique index, as the API does.
    throw uniqueViolationError(error, context.get(Dialect)) ?? error;
  } finally {
    await context.close();
  }
}

/** Like withCommandsOn, for the lead file commands (export writes the file to standard output). */
async function withLeadFilesOn(io: CliIo, work: (commands: LeadFileCommands) => Promise<void>): Promise<void> {
  const [
    { NestFactory },
    { loadSettings },
    { CliModule },
    { LeadFileCommands },
    { AccountsService },
    { ImportsService },
    { ExportService },
  ] = await Promise.all([
    import('@nestjs/core'),
    import('../config/settings.js'),
    import('./cli.module.js'),
    import('./lead-file-commands.js'),
    import('../accounts/accounts.service.js'),
    import('../imports/imports.service.js'),
    import('../imports/export.service.js'),
  ]);
  const context = await NestFactory.createApplicationContext(CliModule.forRoot(loadSettings(io.env)), {
    logger: false,
    abortOnError: false,
  });
  try {
    await work(new LeadFileCommands(context.get(AccountsService), context.get(ImportsService), context.get(ExportService), io.stdout));
  } finally {
    await context.close();
  }
}

const PASSWORD_HELP = 'The password is read from standard input (one line), or asked twice at a terminal.';

/**
 * `npm run manage`: the commands, their arguments and help, over `io`.
 * main.ts runs it on the process; the tests run it in their own process.
 */
export function createProgram(io: CliIo): Command {
  const withCommands = (work: (commands: AdminCommands) => Promise<void>) => withCommandsOn(io, work);
  const program = new Command('manage')
    .description('Administer the Lead Manager users and sessions on the database DATABASE_URL names.')
    .allowExcessArguments(false)
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    // Commander's refusals are thrown, after their line: runCommandLine answers the exit code.
    .exitOverride();

  program
    .command('createuser')
    .description('Create an active user; the register rules apply')
    .argument('<username>')
    .option('--email <email>', 'their email address')
    .addHelpText('after', PASSWORD_HELP)
    .action((username: string, options: { email?: string }) => withCommands((c) => c.createUser(username, options.email)));

  program
    .command('setpassword')
    .description('Set a new password; every session of the user ends')
    .argument('<username>')
    .addHelpText('after', PASSWORD_HELP)
    .action((username: string) => withCommands((c) => c.setPassword(username)));

  program
    .command('deactivate')
    .description('Stop the user logging in and end every session of theirs')
    .argument('<username>')
    .action((username: string) => withCommands((c) => c.setActive(username, false)));

  program
    .command('activate')
    .description('Let a deactivated user log in again')
    .argument('<username>')
    .action((username: string) => withCommands((c) => c.setActive(username, true)));

  program
    .command('deleteuser')
    .description('Delete the user with their leads and sessions')
    .argument('<username>')
    .option('--yes', 'confirm the deletion')
    .action((username: string, options: { yes?: boolean }, command: Command) => {
      if (!options.yes) command.error(`error: deleting ${username} removes their leads and sessions too: add --yes to go ahead.`);
      return withCommands((c) => c.deleteUser(username));
    });

  program
    .command('listusers')
    .description('id, username, email, active, live sessions, leads, joined')
    .option('--json', 'print JSON')
    .action((options: { json?: boolean }) => withCommands((c) => c.listUsers(options.json === true)));

  program
    .command('sessions')
    .description("The user's live sessions, newest first")
    .argument('<username>')
    .option('--json', 'print JSON')
    .action((username: string, options: { json?: boolean }) => withCommands((c) => c.sessions(username, options.json === true)));

  program
    .command('revoke')
    .description('End one session of the user, or all of them')
    .argument('<username>')
    .argument('[session-id]', 'as listed by the sessions command')
    .option('--all', 'end every session of the user')
    .action((username: string, sessionId: string | undefined, options: { all?: boolean }, command: Command) => {
      if ((options.all === true) === (sessionId !== undefined)) command.error('error: give either a session id or --all.');
      return withCommands((c) => (sessionId === undefined ? c.revokeAll(username) : c.revoke(username, sessionId)));
    });

  program
    .command('prunetokens')
    .description('Delete every expired token and print how many')
    .action(() => withCommands((c) => c.pruneTokens()));

  program
    .command('unlock')
    .description("Clear a username's failed-login count (LOGIN_FAILURES_PER_ACCOUNT), whether or not the user exists")
    .argument('<username>')
    .action((username: string) => withCommands((c) => c.unlock(username)));

  program
    .command('resetlink')
    .description("Print a fresh password-reset link for the user (PUBLIC_URL's); sends nothing, and the user's older links end")
    .argument('<username>')
    .action((username: string) => withCommands((c) => c.resetLink(username)));

  const withLeadFiles = (work: (commands: LeadFileCommands) => Promise<void>) => withLeadFilesOn(io, work);
  program
    .command('import-leads')
    .description("Import a CSV file of leads for the user, as POST /api/leads/import does, and print the import's report")
    .argument('<username>')
    .argument('<file.csv>')
    .addOption(
      new Option('--mode <mode>', 'what a row whose email is already a lead does: create skips it, update updates it')
        .choices(['create', 'update'])
        .default('create'),
    )
    .option('--dry-run', 'check and count everything, write nothing')
    .action((username: string, path: string, options: { mode: ImportMode; dryRun?: boolean }) =>
      withLeadFiles((c) => c.importLeads(username, path, { mode: options.mode, dryRun: options.dryRun === true })),
    );

  program
    .command('export-leads')
    .description("Write the user's leads as CSV to standard output, as GET /api/leads/export does")
    .argument('<username>')
    .option('--status <statuses>', 'only leads with one of these statuses, separated by commas')
    .option('--search <terms>', 'only leads holding every term')
    .option('--ordering <field>', 'id (the default), created_at, updated_at or name; - before it for descending')
    .action((username: string, options: { status?: string; search?: string; ordering?: string }) =>
      withLeadFiles((c) => c.exportLeads(username, options)),
    );

  return program;
}

/**
 * Runs one command line (`args` as typed, after `manage`) and answers its
 * exit code: 0; commander's own for a refusal it printed; 1, with one
 * `error: ...` line on stderr, for anything a command throws.
 */
export async function runCommandLine(io: CliIo, args: string[]): Promise<number> {
  try {
    await createProgram(io).parseAsync(args, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    io.stderr.write(`error: ${describeError(error)}\n`);
    return 1;
  }
}

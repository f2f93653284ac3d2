import 'reflect-metadata';
import { Command } from 'commander';
import type { AdminCommands } from './admin-commands.js';
import { describeError } from './cli-error.js';

/**
 * Starts the accounts services on DATABASE_URL (no HTTP, no log output), runs
 * one command, closes. Nest and TypeORM are loaded only here, so a mistyped
 * command is answered without the second or so they take to load.
 */
async function withCommands(work: (commands: AdminCommands) => Promise<void>): Promise<void> {
  const [
    { NestFactory },
    { loadSettings },
    { CliModule },
    { AdminCommands },
    { AccountsService },
    { TokensService },
    { readPassword },
    { Dialect },
    { uniqueViolationError },
  ] = await Promise.all([
    import('@nestjs/core'),
    import('../config/settings.js'),
    import('./cli.module.js'),
    import('./admin-commands.js'),
    import('../accounts/accounts.service.js'),
    import('../accounts/tokens/tokens.service.js'),
    import('./password-input.js'),
    import('../database/dialect.js'),
    import('../database/unique-constraints.js'),
  ]);
  const settings = loadSettings(process.env);
  const context = await NestFactory.createApplicationContext(CliModule.forRoot(settings), { logger: false, abortOnError: false });
  try {
    await work(new AdminCommands(context.get(AccountsService), context.get(TokensService), () => readPassword(), process.stdout));
  } catch (error) {
    // A createuser racing a registration for the same username meets the unique index, as the API does.
    throw uniqueViolationError(error, context.get(Dialect)) ?? error;
  } finally {
    await context.close();
  }
}

const PASSWORD_HELP = 'The password is read from standard input (one line), or asked twice at a terminal.';

const program = new Command('manage')
  .description('Administer the Lead Manager users and sessions on the database DATABASE_URL names.')
  .allowExcessArguments(false);

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

// A failure may leave something of a half-built context running (a hashing thread, a connection): exit, once the line is out.
program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`error: ${describeError(error)}\n`, () => process.exit(1));
});

import { AccountsService } from '../accounts/accounts.service.js';
import { RegisterDto } from '../accounts/dto/register.dto.js';
import type { PasswordResetService } from '../accounts/password-reset/password-reset.service.js';
import { passwordProblems } from '../accounts/passwords/password-policy.js';
import { TokensService } from '../accounts/tokens/tokens.service.js';
import type { User } from '../accounts/users/user.entity.js';
import { ApiValidationPipe } from '../common/validation/api-validation.pipe.js';
import { CliError } from './cli-error.js';
import { formatTable } from './table.js';

export interface Output {
  write(text: string): unknown;
}

/**
 * The commands of `npm run manage`. Each one calls the service the HTTP route
 * calls (register's validation and hashing, logout's revocation), so the CLI
 * and the API cannot disagree; what they change is database state the token
 * lookup reads, so running servers feel it at once.
 */
export class AdminCommands {
  private readonly validation = new ApiValidationPipe();

  constructor(
    private readonly accounts: AccountsService,
    private readonly tokens: TokensService,
    private readonly resets: PasswordResetService,
    private readonly readPassword: () => Promise<string>,
    private readonly out: Output,
  ) {}

  async createUser(username: string, email: string | undefined): Promise<void> {
    const password = await this.readPassword();
    const body = { username, password, ...(email !== undefined && { email }) };
    const dto = (await this.validation.transform(body, { type: 'body', metatype: RegisterDto })) as RegisterDto;
    const user = await this.accounts.createUser(dto);
    this.say(`Created user ${user.username} (id ${user.id}).`);
  }

  async setPassword(username: string): Promise<void> {
    const user = await this.user(username);
    const password = await this.readPassword();
    const problems = await passwordProblems(user.username, password);
    if (problems.length > 0) throw new CliError(`password: ${problems.join(' ')}`);
    await this.accounts.setPassword(user, password);
    this.say(`Changed the password of ${user.username}; every session of theirs has ended.`);
  }

  async setActive(username: string, active: boolean): Promise<void> {
    const user = await this.user(username);
    await this.accounts.setActive(user, active);
    this.say(active ? `Activated ${user.username}.` : `Deactivated ${user.username}; every session of theirs has ended.`);
  }

  async deleteUser(username: string): Promise<void> {
    const user = await this.user(username);
    await this.accounts.deleteUser(user);
    this.say(`Deleted user ${user.username} with their leads and sessions.`);
  }

  async listUsers(json: boolean): Promise<void> {
    const users = await this.accounts.listUsers();
    if (json) return this.say(JSON.stringify(users, null, 2));
    if (users.length === 0) return this.say('No users.');
    this.say(
      formatTable(
        ['id', 'username', 'email', 'active', 'sessions', 'leads', 'joined'],
        users.map((user) => [user.id, user.username, user.email, user.active ? 'yes' : 'no', user.sessions, user.leads, user.joined]),
      ),
    );
  }

  async sessions(username: string, json: boolean): Promise<void> {
    const user = await this.user(username);
    const sessions = (await this.tokens.sessions(user.id)).map(({ current: _current, ...session }) => session);
    if (json) return this.say(JSON.stringify(sessions, null, 2));
    if (sessions.length === 0) return this.say(`${user.username} has no live sessions.`);
    this.say(
      formatTable(
        ['id', 'created', 'expiry', 'ip', 'user agent'],
        sessions.map((session) => [session.id, session.created, session.expiry ?? 'never', session.ip, session.user_agent]),
      ),
    );
  }

  /** The same revocation as POST /api/auth/logoutall. */
  async revokeAll(username: string): Promise<void> {
    const user = await this.user(username);
    await this.tokens.revokeAll({ userId: user.id });
    this.say(`Ended every session of ${user.username}.`);
  }

  /** The same revocation as DELETE /api/auth/sessions/:id. */
  async revoke(username: string, sessionId: string): Promise<void> {
    const user = await this.user(username);
    if (!(await this.tokens.revokeSession(user.id, sessionId))) {
      throw new CliError(`${user.username} has no session ${sessionId}.`);
    }
    this.say(`Ended session ${sessionId} of ${user.username}.`);
  }

  async pruneTokens(): Promise<void> {
    const count = await this.tokens.pruneExpired();
    this.say(`Deleted ${count} expired ${count === 1 ? 'token' : 'tokens'}.`);
  }

  /** Any username, existing or not: the lock never tells which exist, and neither does this. */
  async unlock(username: string): Promise<void> {
    const count = await this.accounts.unlock(username);
    this.say(`Cleared ${count} failed ${count === 1 ? 'login' : 'logins'} of ${username}.`);
  }

  /** A fresh link, made as a reset request makes one (the user's older links end); nothing is sent. */
  async resetLink(username: string): Promise<void> {
    const user = await this.user(username);
    if (!user.isActive) throw new CliError(`${user.username} is deactivated: activate them first, or the link will not work.`);
    this.say(await this.resets.link(user));
  }

  private async user(username: string): Promise<User> {
    const user = await this.accounts.findUser(username);
    if (!user) throw new CliError(`no user named ${JSON.stringify(username)}.`);
    return user;
  }

  private say(line: string): void {
    this.out.write(`${line}\n`);
  }
}

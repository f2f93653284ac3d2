import { HttpStatus, Injectable, Optional } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ApiException, fieldError, nonFieldError } from '../common/errors/api.exception.js';
import { FieldMessages, RequestMessages } from '../common/errors/messages.js';
import { isUniqueViolation } from '../database/unique-violation.js';
import { Metrics } from '../metrics/metrics.service.js';
import type { ClientInfo } from './client-info.js';
import type { ChangePasswordDto } from './dto/change-password.dto.js';
import type { LoginDto } from './dto/login.dto.js';
import type { RegisterDto } from './dto/register.dto.js';
import { type Admission, PasswordHasher } from './password-hasher.service.js';
import { passwordProblems } from './password-policy.js';
import { type Principal, type PublicUser, toPublicUser } from './principal.js';
import { TokensService } from './tokens.service.js';
import { type User, usernameKey } from './user.entity.js';
import { type UserSummary, UsersRepository } from './users.repository.js';

export interface Session {
  user: PublicUser;
  token: string;
  expiry: string | null;
}

const usernameTaken = () => fieldError('username', FieldMessages.usernameTaken);

@Injectable()
export class AccountsService {
  constructor(
    private readonly users: UsersRepository,
    private readonly tokens: TokensService,
    private readonly hasher: PasswordHasher,
    // Absent in the admin CLI, which serves no metrics.
    @Optional() private readonly metrics?: Metrics,
  ) {}

  /** Creates the user and its first token together: both are written, or neither. */
  register(dto: RegisterDto, client: ClientInfo): Promise<Session> {
    const admission = this.hasher.admit();
    return this.insertUser(dto, admission, async (user, manager) => ({ user, ...(await this.tokens.issue(user.id, client, manager)) }));
  }

  /** A new active user and no token (the admin CLI); `dto` has passed the register rules. */
  createUser(dto: RegisterDto): Promise<PublicUser> {
    return this.insertUser(dto, undefined, async (user) => user);
  }

  /**
   * Same answer and about the same time for a wrong password, an unknown user
   * and an inactive one: nothing tells which usernames exist.
   */
  async login(dto: LoginDto, client: ClientInfo): Promise<Session> {
    const admission = this.hasher.admit(() => this.metrics?.countLogin('shed'));
    const user = await this.users.findByUsername(dto.username);
    const passwordMatches = await this.hasher.verify(dto.password, user?.passwordHash, admission);
    if (!user || !passwordMatches || !user.isActive) {
      this.metrics?.countLogin('failure');
      throw nonFieldError(RequestMessages.incorrectCredentials);
    }

    const session = { user: toPublicUser(user), ...(await this.tokens.issueAtLogin(user.id, client)) };
    this.metrics?.countLogin('success');
    return session;
  }

  /**
   * Django's password change: the old password must be right and the new one
   * must pass the register rules (both reported at once, as DRF reports every
   * bad field). Every other token of the user stops working; the caller's keeps working.
   */
  async changePassword(principal: Principal, dto: ChangePasswordDto): Promise<void> {
    const admission = this.hasher.admit();
    const user = await this.users.findById(principal.user.id);
    const [oldPasswordMatches, problems] = await Promise.all([
      this.hasher.verify(dto.old_password, user?.passwordHash, admission),
      passwordProblems(principal.user.username, dto.new_password),
    ]);
    const errors: Record<string, string[]> = {};
    if (!user || !oldPasswordMatches) errors.old_password = [FieldMessages.oldPasswordWrong];
    if (problems.length > 0) errors.new_password = problems;
    if (!user || Object.keys(errors).length > 0) throw new ApiException(errors, HttpStatus.BAD_REQUEST);

    await this.users.replacePassword(user.id, await this.hasher.hash(dto.new_password), principal.tokenDigest);
  }

  /** Deletes the caller with their leads and tokens, once their password is confirmed. */
  async deleteAccount(principal: Principal, password: string): Promise<void> {
    const admission = this.hasher.admit();
    const user = await this.users.findById(principal.user.id);
    if (!user || !(await this.hasher.verify(password, user.passwordHash, admission))) {
      throw fieldError('password', FieldMessages.passwordWrong);
    }
    await this.users.delete(user.id);
  }

  // The admin CLI's operations, by username.

  findUser(username: string): Promise<User | null> {
    return this.users.findByUsername(username);
  }

  /** `password` has passed the register rules already. Every token of the user stops working. */
  async setPassword(user: User, password: string): Promise<void> {
    await this.users.replacePassword(user.id, await this.hasher.hash(password));
  }

  /** An inactive user cannot log in, and their tokens are deleted. */
  setActive(user: User, active: boolean): Promise<void> {
    return this.users.setActive(user.id, active);
  }

  deleteUser(user: User): Promise<void> {
    return this.users.delete(user.id);
  }

  listUsers(): Promise<UserSummary[]> {
    return this.users.summaries(new Date().toISOString());
  }

  private async insertUser<T>(
    dto: RegisterDto,
    admission: Admission | undefined,
    then: (user: PublicUser, manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    const key = usernameKey(dto.username);
    if (await this.users.existsWithUsername(dto.username)) {
      if (admission) this.hasher.release(admission);
      throw usernameTaken();
    }

    const user: Omit<User, 'id'> = {
      username: dto.username,
      usernameKey: key,
      email: normalizeEmail(dto.email ?? ''),
      passwordHash: await this.hasher.hash(dto.password, admission),
      isActive: true,
      dateJoined: new Date().toISOString(),
    };
    try {
      return await this.users.insert(user, (manager, id) => then(toPublicUser({ ...user, id }), manager));
    } catch (error) {
      // Two registrations racing past the check above: the unique index decides.
      if (isUniqueViolation(error, 'UQ_users_username_key', ['username_key'])) throw usernameTaken();
      throw error;
    }
  }
}

/** Lower-cases the domain part only, as Django's normalize_email does. */
function normalizeEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? email : email.slice(0, at) + email.slice(at).toLowerCase();
}

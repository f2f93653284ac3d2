import { HttpStatus, Injectable } from '@nestjs/common';
import { ApiException, fieldError, nonFieldError } from '../common/errors/api.exception.js';
import { FieldMessages, RequestMessages } from '../common/errors/messages.js';
import { alreadyExists } from '../database/unique-constraints.js';
import type { ClientInfo } from './auth/client-info.js';
import type { ChangePasswordDto } from './dto/change-password.dto.js';
import type { LoginDto } from './dto/login.dto.js';
import type { RegisterDto } from './dto/register.dto.js';
import { LoginLockedException, LoginLockout } from './lockout/login-lockout.service.js';
import { AccountEmails } from './password-reset/account-emails.js';
import { type Admission, PasswordHasher } from './passwords/password-hasher.service.js';
import { passwordProblems } from './passwords/password-policy.js';
import type { LoginResponseDto, UserDto } from './dto/user.dto.js';
import { type Principal, toUserDto } from './auth/principal.js';
import { TokensService } from './tokens/tokens.service.js';
import { type User, usernameKey } from './users/user.entity.js';
import { type UserSummary, UsersRepository } from './users/users.repository.js';

@Injectable()
export class AccountsService {
  constructor(
    private readonly users: UsersRepository,
    private readonly tokens: TokensService,
    private readonly hasher: PasswordHasher,
    private readonly lockout: LoginLockout,
    private readonly emails: AccountEmails,
  ) {}

  /** Creates the user and its first token together: both are written, or neither. */
  async register(dto: RegisterDto, client: ClientInfo): Promise<LoginResponseDto> {
    const user = await this.newUser(dto, this.hasher.admit());
    const { token, row } = this.tokens.mint(client);
    const id = await this.users.insert(user, row);
    return { user: toUserDto({ ...user, id }), token, expiry: row.expiry };
  }

  /** A new active user and no token (the admin CLI); `dto` has passed the register rules. */
  async createUser(dto: RegisterDto): Promise<UserDto> {
    const user = await this.newUser(dto);
    return toUserDto({ ...user, id: await this.users.insert(user) });
  }

  /**
   * Same answer and about the same time for a wrong password, an unknown user
   * and an inactive one: nothing tells which usernames exist. A locked
   * username, and a login whose hash would wait too long, are refused before
   * the user is looked up or anything is hashed.
   */
  async login(dto: LoginDto, client: ClientInfo): Promise<LoginResponseDto> {
    const lock = await this.lockout.check(dto.username);
    if (lock.lockedForSeconds !== null) throw new LoginLockedException(lock.lockedForSeconds);
    const admission = this.hasher.admit();
    const user = await this.users.findByUsername(dto.username);
    const passwordMatches = await this.hasher.verify(dto.password, user?.passwordHash, admission);
    if (!user || !passwordMatches || !user.isActive) {
      await this.lockout.recordFailure(dto.username, client);
      throw nonFieldError(RequestMessages.incorrectCredentials);
    }

    await this.lockout.recordSuccess(dto.username, lock.failures);
    return { user: toUserDto(user), ...(await this.tokens.issueAtLogin(user.id, client)) };
  }

  /**
   * Django's password change: the old password must be right and the new one
   * must pass the register rules (both reported at once, as DRF reports every
   * bad field). Every other token of the user stops working; the caller's
   * keeps working; the user is told by email.
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
    this.emails.sendPasswordChanged(user);
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

  /** Clears the username's failed-login count; answers how many failures it held. */
  unlock(username: string): Promise<number> {
    return this.lockout.unlock(username);
  }

  listUsers(): Promise<UserSummary[]> {
    return this.users.summaries(new Date().toISOString());
  }

  /**
   * The row of a new user, its password hashed (in the place `admission`
   * holds in the hash queue, when given). A username taken ignoring case is
   * refused before the costly hash; two registrations racing past this check
   * meet the unique index, which the exception filter answers the same way.
   */
  private async newUser(dto: RegisterDto, admission?: Admission): Promise<Omit<User, 'id'>> {
    if (await this.users.existsWithUsername(dto.username)) {
      if (admission) this.hasher.release(admission);
      throw alreadyExists('UQ_users_username_key');
    }
    return {
      username: dto.username,
      usernameKey: usernameKey(dto.username),
      email: normalizeEmail(dto.email ?? ''),
      passwordHash: await this.hasher.hash(dto.password, admission),
      isActive: true,
      dateJoined: new Date().toISOString(),
    };
  }
}

/** Lower-cases the domain part only, as Django's normalize_email does. */
function normalizeEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? email : email.slice(0, at) + email.slice(at).toLowerCase();
}

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { fieldError, nonFieldError } from '../common/errors/api.exception.js';
import { FieldMessages, RequestMessages } from '../common/errors/messages.js';
import { DbWriter } from '../database/db-writer.service.js';
import { isUniqueViolation } from '../database/unique-violation.js';
import type { LoginDto } from './dto/login.dto.js';
import type { RegisterDto } from './dto/register.dto.js';
import { PasswordHasher } from './password-hasher.service.js';
import { type PublicUser, toPublicUser } from './principal.js';
import { TokensService } from './tokens.service.js';
import { User, usernameKey } from './user.entity.js';

export interface Session {
  user: PublicUser;
  token: string;
  expiry: string | null;
}

const usernameTaken = () => fieldError('username', FieldMessages.usernameTaken);

@Injectable()
export class AccountsService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly writer: DbWriter,
    private readonly tokens: TokensService,
    private readonly hasher: PasswordHasher,
  ) {}

  /** Creates the user and its first token together: both are written, or neither. */
  async register(dto: RegisterDto): Promise<Session> {
    const key = usernameKey(dto.username);
    if (await this.users.existsBy({ usernameKey: key })) throw usernameTaken();

    const user: Omit<User, 'id'> = {
      username: dto.username,
      usernameKey: key,
      email: normalizeEmail(dto.email ?? ''),
      passwordHash: await this.hasher.hash(dto.password),
      isActive: true,
      dateJoined: new Date().toISOString(),
    };
    try {
      return await this.writer.transaction(async (manager) => {
        const { identifiers } = await manager.insert(User, user);
        const id = Number(identifiers[0].id);
        const issued = await this.tokens.issue(id, manager);
        return { user: toPublicUser({ ...user, id }), ...issued };
      });
    } catch (error) {
      // Two registrations racing past the check above: the unique index decides.
      if (isUniqueViolation(error, 'UQ_users_username_key', ['username_key'])) throw usernameTaken();
      throw error;
    }
  }

  /**
   * Same answer and about the same time for a wrong password, an unknown user
   * and an inactive one: nothing tells which usernames exist.
   */
  async login(dto: LoginDto): Promise<Session> {
    const user = await this.users.findOneBy({ usernameKey: usernameKey(dto.username) });
    const passwordMatches = await this.hasher.verify(dto.password, user?.passwordHash);
    if (!user || !passwordMatches || !user.isActive) throw nonFieldError(RequestMessages.incorrectCredentials);

    return { user: toPublicUser(user), ...(await this.tokens.issueAtLogin(user.id)) };
  }
}

/** Lower-cases the domain part only, as Django's normalize_email does. */
function normalizeEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? email : email.slice(0, at) + email.slice(at).toLowerCase();
}

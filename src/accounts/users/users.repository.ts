import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { READER } from '../../database/data-source-options.js';
import { DbWriter } from '../../database/db-writer.service.js';
import { Lead } from '../../leads/lead.entity.js';
import { PasswordResetToken } from '../password-reset/password-reset-token.entity.js';
import { AuthToken, type UnownedToken } from '../tokens/auth-token.entity.js';
import { liveAtNow, TokensRepository } from '../tokens/tokens.repository.js';
import { User, usernameKey } from './user.entity.js';

/** A user as the admin CLI lists it. */
export interface UserSummary {
  id: number;
  username: string;
  email: string;
  active: boolean;
  sessions: number;
  leads: number;
  joined: string;
}

/**
 * The `users` table, the one home of its queries. Reads go to the reader
 * connection (committed data only); writes through DbWriter, and those that
 * end tokens too in one transaction.
 */
@Injectable()
export class UsersRepository {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(User, READER) private readonly reader: Repository<User>,
    private readonly writer: DbWriter,
    private readonly tokens: TokensRepository,
  ) {}

  findById(id: number): Promise<User | null> {
    return this.reader.findOneBy({ id });
  }

  /** Matches ignoring case, as login does. */
  findByUsername(username: string): Promise<User | null> {
    return this.reader.findOneBy({ usernameKey: usernameKey(username) });
  }

  /** Every active user with this address, ignoring case (several accounts may share one). */
  findActiveByEmail(email: string): Promise<User[]> {
    return this.reader
      .createQueryBuilder('user')
      .where('LOWER(user.email) = LOWER(:email)', { email })
      .andWhere('user.isActive = TRUE')
      .orderBy('user.id', 'ASC')
      .getMany();
  }

  existsWithUsername(username: string): Promise<boolean> {
    return this.reader.existsBy({ usernameKey: usernameKey(username) });
  }

  /** Inserts the user, and their first token in the same transaction (registration); answers the new id. */
  insert(user: Omit<User, 'id'>, firstToken?: UnownedToken): Promise<number> {
    return this.writer.transaction(async (manager) => {
      const { identifiers } = await manager.withRepository(this.users).insert(user);
      const userId = Number(identifiers[0].id);
      if (firstToken) await this.tokens.insert({ ...firstToken, userId }, manager);
      return userId;
    });
  }

  /**
   * Stores a new password hash and, in the same transaction, deletes the
   * user's tokens (all of them, or all but `keptDigest`) and any reset link
   * still out: it was for the password that is gone.
   */
  replacePassword(userId: number, passwordHash: string, keptDigest?: string): Promise<void> {
    return this.writer.transaction(async (manager) => {
      await manager.withRepository(this.users).update({ id: userId }, { passwordHash });
      await this.tokens.invalidate({ userId, except: keptDigest }, manager);
      await manager.delete(PasswordResetToken, { userId });
    });
  }

  /**
   * A password reset: in one transaction, `consume` uses the reset token
   * (answering false when it no longer can, which changes nothing), then the
   * new hash is stored and every token of the user is deleted.
   */
  resetPassword(userId: number, passwordHash: string, consume: (manager: EntityManager) => Promise<boolean>): Promise<boolean> {
    return this.writer.transaction(async (manager) => {
      if (!(await consume(manager))) return false;
      await manager.withRepository(this.users).update({ id: userId }, { passwordHash });
      await this.tokens.invalidate({ userId }, manager);
      return true;
    });
  }

  /** Deactivating also deletes the user's tokens, so activating again revives none of them. */
  setActive(userId: number, active: boolean): Promise<void> {
    return this.writer.transaction(async (manager) => {
      await manager.withRepository(this.users).update({ id: userId }, { isActive: active });
      if (!active) await this.tokens.invalidate({ userId }, manager);
    });
  }

  /** Deletes the user; their tokens and leads go with them (the foreign keys cascade). */
  async delete(userId: number): Promise<void> {
    await this.writer.write((manager) => manager.withRepository(this.users).delete({ id: userId }));
  }

  /** Every user by id, with their live sessions at `now` and their leads counted. */
  async summaries(now: string): Promise<UserSummary[]> {
    const rows = await this.reader
      .createQueryBuilder('user')
      .select('user.id', 'id')
      .addSelect('user.username', 'username')
      .addSelect('user.email', 'email')
      .addSelect('user.isActive', 'active')
      .addSelect('user.dateJoined', 'joined')
      .addSelect(
        (query) => query.select('COUNT(*)').from(AuthToken, 'token').where('token.userId = user.id').andWhere(liveAtNow('token'), { now }),
        'sessions',
      )
      .addSelect((query) => query.select('COUNT(*)').from(Lead, 'lead').where('lead.ownerId = user.id'), 'leads')
      .orderBy('user.id', 'ASC')
      .getRawMany<Record<keyof UserSummary, unknown>>();
    return rows.map((row) => ({
      id: Number(row.id),
      username: String(row.username),
      email: String(row.email),
      // SQLite answers 0/1, PostgreSQL a boolean; counts come back as text from PostgreSQL.
      active: Boolean(row.active),
      sessions: Number(row.sessions),
      leads: Number(row.leads),
      joined: String(row.joined),
    }));
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, LessThan, LessThanOrEqual, Not } from 'typeorm';
import { DbWriter } from '../../database/db-writer.service.js';
import { type PreparedRead, PreparedReads } from '../../database/prepared-read.js';
import { AuthToken } from './auth-token.entity.js';
import type { SessionDto } from './dto/session.dto.js';
import { User } from '../users/user.entity.js';

/** A token row joined with its (active) user: what one authenticated request reads. */
export interface TokenWithUser {
  digest: string;
  created: string;
  expiry: string | null;
  userId: number;
  username: string;
  email: string;
}

/** A live token as its owner sees it in the session list, plus the digest that tells the current one. */
export type SessionRow = Omit<SessionDto, 'current'> & { digest: string };

/** The condition that the token aliased `alias` still works at the `:now` parameter. */
export const liveAtNow = (alias: string): string => `(${alias}.expiry IS NULL OR ${alias}.expiry > :now)`;

/** Whose tokens to end: every one of the user's, or every one but the token with digest `except`. */
export interface TokenOwner {
  userId: number;
  except?: string;
}

/** The `auth_tokens` table. Writes go through DbWriter; the hot-path read is prepared once. */
@Injectable()
export class TokensRepository {
  private readonly findByKey: PreparedRead<TokenWithUser>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: DbWriter,
    reads: PreparedReads,
  ) {
    this.findByKey = reads.prepare<TokenWithUser>(
      1,
      (key) =>
        'SELECT t."digest" AS "digest", t."created" AS "created", t."expiry" AS "expiry", ' +
        'u."id" AS "userId", u."username" AS "username", u."email" AS "email" ' +
        'FROM "auth_tokens" t INNER JOIN "users" u ON u."id" = t."user_id" ' +
        `WHERE t."token_key" = ${key} AND u."is_active" = TRUE`,
    );
  }

  /** The tokens of active users sharing this key prefix (almost always one): one indexed query. */
  findActiveByKey(tokenKey: string): Promise<TokenWithUser[]> {
    return this.findByKey(tokenKey);
  }

  /** Inserts through `manager` when given (an open transaction), else on its own. */
  async insert(token: AuthToken, manager?: EntityManager): Promise<void> {
    await this.through(manager, (m) => m.insert(AuthToken, token));
  }

  /**
   * Ends tokens at once: what logout-all, logout-others, a password change,
   * deactivation and deletion share. Through `manager` when given, so the
   * tokens end in the same transaction as the change that ends them.
   */
  async invalidate({ userId, except }: TokenOwner, manager?: EntityManager): Promise<void> {
    const tokens = except === undefined ? { userId } : { userId, digest: Not(except) };
    await this.through(manager, (m) => m.delete(AuthToken, tokens));
  }

  /**
   * Inserts unless the user already holds `limit` tokens live at `now`. The
   * count and the insert share one transaction (with the user's row locked on
   * PostgreSQL; SQLite writes are serialized anyway), so parallel logins
   * cannot slip past the limit together.
   */
  insertWithinLimit(token: AuthToken, limit: number, now: string): Promise<boolean> {
    return this.writer.transaction(async (manager) => {
      if (manager.connection.options.type === 'postgres') {
        await manager.createQueryBuilder(User, 'user').setLock('pessimistic_write').where('user.id = :id', { id: token.userId }).getOne();
      }
      if ((await this.countLive(token.userId, now, manager)) >= limit) return false;
      await manager.insert(AuthToken, token);
      return true;
    });
  }

  private countLive(userId: number, now: string, manager: EntityManager): Promise<number> {
    return manager
      .createQueryBuilder(AuthToken, 'token')
      .where('token.userId = :userId', { userId })
      .andWhere(liveAtNow('token'), { now })
      .getCount();
  }

  /** The user's `limit` newest tokens live at `now`, newest first. */
  findLiveOfUser(userId: number, now: string, limit: number): Promise<SessionRow[]> {
    return this.dataSource
      .createQueryBuilder(AuthToken, 'token')
      .select('token.sessionId', 'id')
      .addSelect('token.created', 'created')
      .addSelect('token.expiry', 'expiry')
      .addSelect('token.userAgent', 'user_agent')
      .addSelect('token.ip', 'ip')
      .addSelect('token.digest', 'digest')
      .where('token.userId = :userId', { userId })
      .andWhere(liveAtNow('token'), { now })
      .orderBy('token.created', 'DESC')
      .addOrderBy('token.sessionId', 'ASC')
      .limit(limit)
      .getRawMany<SessionRow>();
  }

  async deleteByDigest(digest: string): Promise<void> {
    await this.writer.write((m) => m.delete(AuthToken, { digest }));
  }

  /** True when the user had a session with this id, now deleted. */
  async deleteSession(userId: number, sessionId: string): Promise<boolean> {
    const { affected } = await this.writer.write((m) => m.delete(AuthToken, { userId, sessionId }));
    return affected !== 0;
  }

  /** Deletes every token expired at `now`; answers how many. */
  async deleteExpired(now: string): Promise<number> {
    const { affected } = await this.writer.write((m) => m.delete(AuthToken, { expiry: LessThanOrEqual(now) }));
    return affected ?? 0;
  }

  private through<T>(manager: EntityManager | undefined, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return manager ? work(manager) : this.writer.write(work);
  }

  /** Sets a new expiry unless it was already pushed past `dueBefore`: concurrent requests write once. */
  async extendExpiry(digest: string, expiry: string, dueBefore: string): Promise<void> {
    await this.writer.write((m) => m.update(AuthToken, { digest, expiry: LessThan(dueBefore) }, { expiry }));
  }
}

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, LessThan, LessThanOrEqual, Not, type Repository } from 'typeorm';
import { type CachedRead, cacheRead } from '../../database/cached-read.js';
import { READER } from '../../database/data-source-options.js';
import { DbWriter } from '../../database/db-writer.service.js';
import { Dialect } from '../../database/dialect.js';
import { AuthToken } from './auth-token.entity.js';
import type { SessionDto } from './dto/session.dto.js';

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

/**
 * The `auth_tokens` table, the one home of its queries. Reads go to the
 * reader connection (committed data only); writes through DbWriter to the
 * writer, or through the manager of a transaction they belong to.
 */
@Injectable()
export class TokensRepository {
  private readonly findByKey: CachedRead<{ key: string }, TokenWithUser>;

  constructor(
    @InjectRepository(AuthToken) private readonly tokens: Repository<AuthToken>,
    @InjectRepository(AuthToken, READER) private readonly reader: Repository<AuthToken>,
    private readonly writer: DbWriter,
    private readonly dialect: Dialect,
  ) {
    // The hot path's one read: built once, run on every authenticated request.
    this.findByKey = cacheRead(
      reader
        .createQueryBuilder('token')
        .innerJoin('token.user', 'user')
        .select('token.digest', 'digest')
        .addSelect('token.created', 'created')
        .addSelect('token.expiry', 'expiry')
        .addSelect('user.id', 'userId')
        .addSelect('user.username', 'username')
        .addSelect('user.email', 'email')
        .where('token.tokenKey = :key')
        .andWhere('user.isActive = TRUE'),
      ['key'],
    );
  }

  /** The tokens of active users sharing this key prefix (almost always one): one indexed query. */
  findActiveByKey(tokenKey: string): Promise<TokenWithUser[]> {
    return this.findByKey({ key: tokenKey });
  }

  /** Inserts through `manager` when given (an open transaction), else on its own. */
  async insert(token: AuthToken, manager?: EntityManager): Promise<void> {
    await this.through(manager, (tokens) => tokens.insert(token));
  }

  /**
   * Ends tokens at once: what logout-all, logout-others, a password change,
   * deactivation and deletion share. Through `manager` when given, so the
   * tokens end in the same transaction as the change that ends them.
   */
  async invalidate({ userId, except }: TokenOwner, manager?: EntityManager): Promise<void> {
    await this.through(manager, (tokens) => tokens.delete(except === undefined ? { userId } : { userId, digest: Not(except) }));
  }

  /**
   * Inserts unless the user already holds `limit` tokens live at `now`. The
   * count and the insert share one transaction, and logins of one user take
   * turns through it, so parallel logins cannot slip past the limit together.
   */
  insertWithinLimit(token: AuthToken, limit: number, now: string): Promise<boolean> {
    return this.writer.transaction(async (manager) => {
      await this.dialect.lockKey(manager, `auth_tokens:${token.userId}`);
      const tokens = manager.withRepository(this.tokens);
      const live = await tokens
        .createQueryBuilder('token')
        .where({ userId: token.userId })
        .andWhere(liveAtNow('token'), { now })
        .getCount();
      if (live >= limit) return false;
      await tokens.insert(token);
      return true;
    });
  }

  /** The user's `limit` newest tokens live at `now`, newest first. */
  findLiveOfUser(userId: number, now: string, limit: number): Promise<SessionRow[]> {
    return this.reader
      .createQueryBuilder('token')
      .select('token.sessionId', 'id')
      .addSelect('token.created', 'created')
      .addSelect('token.expiry', 'expiry')
      .addSelect('token.userAgent', 'user_agent')
      .addSelect('token.ip', 'ip')
      .addSelect('token.digest', 'digest')
      .where({ userId })
      .andWhere(liveAtNow('token'), { now })
      .orderBy('token.created', 'DESC')
      .addOrderBy('token.sessionId', 'ASC')
      .limit(limit)
      .getRawMany<SessionRow>();
  }

  async deleteByDigest(digest: string): Promise<void> {
    await this.through(undefined, (tokens) => tokens.delete({ digest }));
  }

  /** True when the user had a session with this id, now deleted. */
  async deleteSession(userId: number, sessionId: string): Promise<boolean> {
    const { affected } = await this.through(undefined, (tokens) => tokens.delete({ userId, sessionId }));
    return affected !== 0;
  }

  /** Deletes every token expired at `now`; answers how many. */
  async deleteExpired(now: string): Promise<number> {
    const { affected } = await this.through(undefined, (tokens) => tokens.delete({ expiry: LessThanOrEqual(now) }));
    return affected ?? 0;
  }

  /** Sets a new expiry unless it was already pushed past `dueBefore`: concurrent requests write once. */
  async extendExpiry(digest: string, expiry: string, dueBefore: string): Promise<void> {
    await this.through(undefined, (tokens) => tokens.update({ digest, expiry: LessThan(dueBefore) }, { expiry }));
  }

  private through<T>(manager: EntityManager | undefined, work: (tokens: Repository<AuthToken>) => Promise<T>): Promise<T> {
    return manager ? work(manager.withRepository(this.tokens)) : this.writer.write((writer) => work(writer.withRepository(this.tokens)));
  }
}

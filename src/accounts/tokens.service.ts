import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { type EntityManager, LessThan, LessThanOrEqual, Repository } from 'typeorm';
import type { Settings } from '../config/settings.js';
import { DbWriter } from '../database/db-writer.service.js';
import { type PreparedRead, prepareRead } from '../database/prepared-read.js';
import { AuthToken } from './auth-token.entity.js';
import type { Principal } from './principal.js';
import { User } from './user.entity.js';

const TOKEN_BYTES = 32;
const TOKEN_LENGTH = TOKEN_BYTES * 2;
export const TOKEN_KEY_LENGTH = 15;
/** With auto-refresh on, a token's expiry is rewritten at most this often (knox's MIN_REFRESH_INTERVAL). */
const MIN_REFRESH_INTERVAL_MS = 60_000;
const TOKEN_SHAPE = /^[0-9a-f]+$/;

export interface IssuedToken {
  token: string;
  expiry: string | null;
}

interface TokenRow {
  digest: string;
  expiry: string | null;
  userId: number;
  username: string;
  email: string;
}

function digestToken(token: string): string {
  return createHash('sha512').update(token).digest('hex');
}

/** Knox's tokens: random, shown once, stored as a lookup key plus a SHA-512 digest. */
@Injectable()
export class TokensService {
  private readonly ttlMs: number;
  private readonly autoRefresh: boolean;
  /** The token + user lookup of every authenticated request: one indexed query. */
  private readonly findByKey: PreparedRead<TokenRow>;

  constructor(
    @InjectRepository(AuthToken) private readonly tokens: Repository<AuthToken>,
    private readonly writer: DbWriter,
    config: ConfigService<Settings, true>,
  ) {
    this.ttlMs = config.get('tokenTtlSeconds', { infer: true }) * 1000;
    this.autoRefresh = config.get('tokenAutoRefresh', { infer: true });
    this.findByKey = prepareRead<TokenRow>(
      tokens.manager.connection,
      1,
      (key) =>
        'SELECT t."digest" AS "digest", t."expiry" AS "expiry", u."id" AS "userId", u."username" AS "username", u."email" AS "email" ' +
        'FROM "auth_tokens" t INNER JOIN "users" u ON u."id" = t."user_id" ' +
        `WHERE t."token_key" = ${key} AND u."is_active" = TRUE`,
    );
  }

  /** Issues a token; pass the manager of an open transaction to issue it inside it. */
  async issue(userId: number, manager?: EntityManager): Promise<IssuedToken> {
    const token = randomBytes(TOKEN_BYTES).toString('hex');
    const now = Date.now();
    const row: AuthToken = {
      digest: digestToken(token),
      tokenKey: token.slice(0, TOKEN_KEY_LENGTH),
      userId,
      created: new Date(now).toISOString(),
      expiry: this.expiryFrom(now),
    };
    if (manager) await manager.insert(AuthToken, row);
    else await this.writer.write((m) => m.insert(AuthToken, row));
    return { token, expiry: row.expiry };
  }

  /**
   * The caller behind `token`, or null. One indexed query by token key that
   * also yields the (active) user; the digest is compared in constant time.
   */
  async authenticate(token: string): Promise<Principal | null> {
    if (token.length !== TOKEN_LENGTH || !TOKEN_SHAPE.test(token)) return null;
    const rows = await this.findByKey(token.slice(0, TOKEN_KEY_LENGTH));

    const digest = digestToken(token);
    const row = rows.find((candidate) => sameDigest(candidate.digest, digest));
    if (!row) return null;

    const now = Date.now();
    if (row.expiry !== null && Date.parse(row.expiry) <= now) {
      await this.revoke(row.digest);
      return null;
    }
    if (this.autoRefresh) await this.refresh(row, now);
    return { user: { id: Number(row.userId), username: row.username, email: row.email }, tokenDigest: row.digest };
  }

  async revoke(digest: string): Promise<void> {
    await this.writer.write((m) => m.delete(AuthToken, { digest }));
  }

  async revokeAll(userId: number): Promise<void> {
    await this.writer.write((m) => m.delete(AuthToken, { userId }));
  }

  /** Deletes every expired token; run at login, never on the request path. */
  async pruneExpired(): Promise<void> {
    const now = new Date().toISOString();
    await this.writer.write((m) => m.delete(AuthToken, { expiry: LessThanOrEqual(now) }));
  }

  /** Tokens of this user that still work. */
  countLive(userId: number, manager: EntityManager = this.tokens.manager): Promise<number> {
    const now = new Date().toISOString();
    return manager
      .createQueryBuilder(AuthToken, 'token')
      .where('token.userId = :userId', { userId })
      .andWhere('(token.expiry IS NULL OR token.expiry > :now)', { now })
      .getCount();
  }

  /**
   * Issues a token unless the user already holds `limit` live ones, or null.
   * The count and the insert share one transaction (with the user's row
   * locked on PostgreSQL; SQLite writes are serialized anyway), so parallel
   * logins cannot slip past the limit together.
   */
  issueWithinLimit(userId: number, limit: number): Promise<IssuedToken | null> {
    return this.writer.transaction(async (manager) => {
      if (manager.connection.options.type === 'postgres') {
        await manager
          .createQueryBuilder(User, 'user')
          .setLock('pessimistic_write')
          .where('user.id = :userId', { userId })
          .getOne();
      }
      if ((await this.countLive(userId, manager)) >= limit) return null;
      return this.issue(userId, manager);
    });
  }

  private expiryFrom(now: number): string | null {
    return this.ttlMs === 0 ? null : new Date(now + this.ttlMs).toISOString();
  }

  private async refresh(row: TokenRow, now: number): Promise<void> {
    if (row.expiry === null) return;
    const renewed = now + this.ttlMs;
    if (renewed - Date.parse(row.expiry) <= MIN_REFRESH_INTERVAL_MS) return;
    const expiry = new Date(renewed).toISOString();
    // Conditional, so concurrent requests on the same token write once, not once each.
    const dueBefore = new Date(renewed - MIN_REFRESH_INTERVAL_MS).toISOString();
    await this.writer.write((m) => m.update(AuthToken, { digest: row.digest, expiry: LessThan(dueBefore) }, { expiry }));
  }
}

function sameDigest(stored: string, computed: string): boolean {
  const a = Buffer.from(stored, 'hex');
  const b = Buffer.from(computed, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

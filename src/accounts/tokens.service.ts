import { HttpStatus, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { detailError } from '../common/errors/api.exception.js';
import { DetailMessages } from '../common/errors/messages.js';
import type { Settings } from '../config/settings.js';
import type { AuthToken } from './auth-token.entity.js';
import type { Principal } from './principal.js';
import { type TokenWithUser, TokensRepository } from './tokens.repository.js';

const TOKEN_BYTES = 32;
const TOKEN_LENGTH = TOKEN_BYTES * 2;
const TOKEN_KEY_LENGTH = 15;
const TOKEN_SHAPE = /^[0-9a-f]+$/;
/** With auto-refresh on, a token's expiry is rewritten at most this often (knox's MIN_REFRESH_INTERVAL). */
const MIN_REFRESH_INTERVAL_MS = 60_000;

interface IssuedToken {
  token: string;
  expiry: string | null;
}

function digestToken(token: string): string {
  return createHash('sha512').update(token).digest('hex');
}

/** Knox's tokens and their rules: random, shown once, stored as a lookup key plus a SHA-512 digest. */
@Injectable()
export class TokensService {
  private readonly ttlMs: number;
  private readonly autoRefresh: boolean;
  private readonly limitPerUser: number | null;

  constructor(
    private readonly tokens: TokensRepository,
    config: ConfigService<Settings, true>,
  ) {
    this.ttlMs = config.get('tokenTtlSeconds', { infer: true }) * 1000;
    this.autoRefresh = config.get('tokenAutoRefresh', { infer: true });
    this.limitPerUser = config.get('tokenLimitPerUser', { infer: true });
  }

  /** Issues a token; pass the manager of an open transaction to issue it inside it (registration). */
  async issue(userId: number, manager?: EntityManager): Promise<IssuedToken> {
    const { token, row } = this.newToken(userId);
    await this.tokens.insert(row, manager);
    return { token, expiry: row.expiry };
  }

  /**
   * The token of a login: expired tokens of every user are pruned first (off
   * the request path), then TOKEN_LIMIT_PER_USER applies: 403 beyond it.
   */
  async issueAtLogin(userId: number): Promise<IssuedToken> {
    const now = new Date().toISOString();
    await this.tokens.deleteExpired(now);
    if (this.limitPerUser === null) return this.issue(userId);
    const { token, row } = this.newToken(userId);
    if (!(await this.tokens.insertWithinLimit(row, this.limitPerUser, now))) {
      throw detailError(HttpStatus.FORBIDDEN, DetailMessages.tokenLimitReached);
    }
    return { token, expiry: row.expiry };
  }

  /**
   * The caller behind `token`, or null. One indexed query by token key that
   * also yields the (active) user; the digest is compared in constant time.
   */
  async authenticate(token: string): Promise<Principal | null> {
    if (token.length !== TOKEN_LENGTH || !TOKEN_SHAPE.test(token)) return null;
    const rows = await this.tokens.findActiveByKey(token.slice(0, TOKEN_KEY_LENGTH));

    const digest = digestToken(token);
    const row = rows.find((candidate) => sameDigest(candidate.digest, digest));
    if (!row) return null;

    const now = Date.now();
    if (row.expiry !== null && Date.parse(row.expiry) <= now) {
      await this.tokens.deleteByDigest(row.digest);
      return null;
    }
    if (this.autoRefresh) await this.refresh(row, now);
    return { user: { id: Number(row.userId), username: row.username, email: row.email }, tokenDigest: row.digest };
  }

  revoke(digest: string): Promise<void> {
    return this.tokens.deleteByDigest(digest);
  }

  revokeAll(userId: number): Promise<void> {
    return this.tokens.deleteAllOfUser(userId);
  }

  private newToken(userId: number): { token: string; row: AuthToken } {
    const token = randomBytes(TOKEN_BYTES).toString('hex');
    const now = Date.now();
    const row: AuthToken = {
      digest: digestToken(token),
      tokenKey: token.slice(0, TOKEN_KEY_LENGTH),
      userId,
      created: new Date(now).toISOString(),
      expiry: this.ttlMs === 0 ? null : new Date(now + this.ttlMs).toISOString(),
    };
    return { token, row };
  }

  private async refresh(row: TokenWithUser, now: number): Promise<void> {
    if (row.expiry === null) return;
    const renewed = now + this.ttlMs;
    if (renewed - Date.parse(row.expiry) <= MIN_REFRESH_INTERVAL_MS) return;
    const dueBefore = new Date(renewed - MIN_REFRESH_INTERVAL_MS).toISOString();
    await this.tokens.extendExpiry(row.digest, new Date(renewed).toISOString(), dueBefore);
  }
}

function sameDigest(stored: string, computed: string): boolean {
  const a = Buffer.from(stored, 'hex');
  const b = Buffer.from(computed, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

import { HttpStatus, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { detailError } from '../../common/errors/api.exception.js';
import { DetailMessages } from '../../common/errors/messages.js';
import { Clock } from '../../common/clock/clock.js';
import type { Settings } from '../../config/settings.js';
import type { UnownedToken } from './auth-token.entity.js';
import { type ClientInfo, NO_CLIENT } from '../auth/client-info.js';
import type { SessionDto } from './dto/session.dto.js';
import type { Principal } from '../auth/principal.js';
import { type TokenOwner, type TokenWithUser, TokensRepository } from './tokens.repository.js';

const TOKEN_BYTES = 32;
const TOKEN_LENGTH = TOKEN_BYTES * 2;
const TOKEN_KEY_LENGTH = 15;
const TOKEN_SHAPE = /^[0-9a-f]+$/;
/** With auto-refresh on, a token's expiry is rewritten at most this often (knox's MIN_REFRESH_INTERVAL). */
const MIN_REFRESH_INTERVAL_MS = 60_000;
/** A session list shows at most this many, the newest: an answer stays bounded however often a user logs in. */
export const MAX_LISTED_SESSIONS = 1000;
/** Session ids: 16 random bytes as hex, the shape the migration gave tokens issued before it. */
const SESSION_ID_BYTES = 16;
const SESSION_ID_SHAPE = new RegExp(`^[0-9a-f]{${SESSION_ID_BYTES * 2}}$`);

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
  private readonly autoRefreshMaxTtlMs: number | null;
  private readonly limitPerUser: number | null;

  constructor(
    private readonly tokens: TokensRepository,
    config: ConfigService<Settings, true>,
    private readonly clock: Clock,
  ) {
    this.ttlMs = config.get('tokenTtlSeconds', { infer: true }) * 1000;
    this.autoRefresh = config.get('tokenAutoRefresh', { infer: true });
    const maxTtlSeconds = config.get('tokenAutoRefreshMaxTtlSeconds', { infer: true });
    this.autoRefreshMaxTtlMs = maxTtlSeconds === null ? null : maxTtlSeconds * 1000;
    this.limitPerUser = config.get('tokenLimitPerUser', { infer: true });
  }

  async issue(userId: number, client: ClientInfo = NO_CLIENT): Promise<IssuedToken> {
    const { token, row } = this.mint(client);
    await this.tokens.insert({ ...row, userId });
    return { token, expiry: row.expiry };
  }

  /** A new token and the row that stores it, for a user not stored yet: registration inserts both together. */
  mint(client: ClientInfo): { token: string; row: UnownedToken } {
    const token = randomBytes(TOKEN_BYTES).toString('hex');
    const now = this.clock.now();
    const row: UnownedToken = {
      digest: digestToken(token),
      tokenKey: token.slice(0, TOKEN_KEY_LENGTH),
      sessionId: randomBytes(SESSION_ID_BYTES).toString('hex'),
      created: new Date(now).toISOString(),
      expiry: this.ttlMs === 0 ? null : new Date(now + this.ttlMs).toISOString(),
      userAgent: client.userAgent,
      ip: client.ip,
    };
    return { token, row };
  }

  /**
   * The token of a login: expired tokens of every user are pruned first (off
   * the request path), then TOKEN_LIMIT_PER_USER applies: 403 beyond it.
   */
  async issueAtLogin(userId: number, client: ClientInfo = NO_CLIENT): Promise<IssuedToken> {
    const now = this.clock.isoNow();
    await this.tokens.deleteExpired(now);
    if (this.limitPerUser === null) return this.issue(userId, client);
    const { token, row } = this.mint(client);
    if (!(await this.tokens.insertWithinLimit({ ...row, userId }, this.limitPerUser, now))) {
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

    const now = this.clock.now();
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

  /** Every token of the user, or every one but the token with digest `except`. */
  revokeAll(owner: TokenOwner): Promise<void> {
    return this.tokens.invalidate(owner);
  }

  /** Ends one session of the user; false when the user has none with that id. */
  async revokeSession(userId: number, sessionId: string): Promise<boolean> {
    // Anything that cannot be a session id names none, and never reaches the database (NUL, for one, breaks PostgreSQL).
    if (!SESSION_ID_SHAPE.test(sessionId)) return false;
    return this.tokens.deleteSession(userId, sessionId);
  }

  /** The user's live sessions, newest first (at most MAX_LISTED_SESSIONS); `currentDigest` marks the caller's own. */
  async sessions(userId: number, currentDigest?: string): Promise<SessionDto[]> {
    const rows = await this.tokens.findLiveOfUser(userId, this.clock.isoNow(), MAX_LISTED_SESSIONS);
    return rows.map(({ digest, ...session }) => ({ ...session, current: digest === currentDigest }));
  }

  /** Deletes every expired token; answers how many. */
  pruneExpired(): Promise<number> {
    return this.tokens.deleteExpired(this.clock.isoNow());
  }

  /**
   * Knox's renew_token: the expiry moves to now + TTL, but never past
   * creation + TOKEN_AUTO_REFRESH_MAX_TTL (knox's AUTO_REFRESH_MAX_TTL), and
   * is written only when that gains more than a minute.
   */
  private async refresh(row: TokenWithUser, now: number): Promise<void> {
    if (row.expiry === null) return;
    let renewed = now + this.ttlMs;
    if (this.autoRefreshMaxTtlMs !== null) renewed = Math.min(renewed, Date.parse(row.created) + this.autoRefreshMaxTtlMs);
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

import { jest } from '@jest/globals';
import type { ConfigService } from '@nestjs/config';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock/clock.js';
import { ApiException } from '../../common/errors/api.exception.js';
import type { Settings } from '../../config/settings.js';
import { buildDataSourceOptions } from '../../database/data-source-options.js';
import { DbWriter } from '../../database/db-writer.service.js';
import { dialectFor } from '../../database/dialect.js';
import { AuthToken } from './auth-token.entity.js';
import { NO_CLIENT } from '../auth/client-info.js';
import { TokensRepository } from './tokens.repository.js';
import { MAX_LISTED_SESSIONS, TokensService } from './tokens.service.js';
import { User } from '../users/user.entity.js';

const TTL_SECONDS = 36000;
const TTL_MS = TTL_SECONDS * 1000;
const T0 = Date.parse('2026-11-24T04:41:14.123Z');

const sha512 = (text: string) => createHash('sha512').update(text).digest('hex');

/** `token` with the character at `index` replaced by another hex digit. */
const flip = (token: string, index: number) => token.slice(0, index) + (token[index] === '0' ? '1' : '0') + token.slice(index + 1);

describe('TokensService', () => {
  let dataSource: DataSource;
  let writer: DbWriter;

  beforeEach(async () => {
    dataSource = new DataSource(buildDataSourceOptions({ type: 'sqlite', path: ':memory:' }));
    await dataSource.initialize();
    writer = new DbWriter(dataSource, dialectFor({ type: 'sqlite', path: ':memory:' }));
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    await dataSource.destroy();
  });

  function makeService(overrides: Partial<Settings> = {}): TokensService {
    const settings: Partial<Settings> = {
      tokenTtlSeconds: TTL_SECONDS,
      tokenAutoRefresh: false,
      tokenAutoRefreshMaxTtlSeconds: null,
      tokenLimitPerUser: null,
      ...overrides,
    };
    const config = { get: (key: keyof Settings) => settings[key] } as unknown as ConfigService<Settings, true>;
    // An in-memory database has one connection: the reader is the writer's.
    const tokens = dataSource.getRepository(AuthToken);
    return new TokensService(
      new TokensRepository(tokens, tokens, writer, dialectFor({ type: 'sqlite', path: ':memory:' })),
      config,
      new Clock(),
    );
  }

  async function insertUser(username: string, fields: Partial<User> = {}): Promise<number> {
    const { identifiers } = await dataSource.manager.insert(User, {
      username,
      usernameKey: username.toLowerCase(),
      email: `${username}@example.com`,
      passwordHash: '$2b$04$notarealhashnotarealhashnotarealhashnotarealhashnot',
      isActive: true,
      dateJoined: new Date(T0).toISOString(),
      ...fields,
    });
    return Number(identifiers[0].id);
  }

  /** Issues a token as if at `at` (ms since the epoch). */
  async function issueAt(service: TokensService, userId: number, at: number) {
    const now = jest.spyOn(Date, 'now').mockReturnValue(at);
    try {
      return await service.issue(userId);
    } finally {
      now.mockRestore();
    }
  }

  async function authenticateAt(service: TokensService, token: string, at: number) {
    const now = jest.spyOn(Date, 'now').mockReturnValue(at);
    try {
      return await service.authenticate(token);
    } finally {
      now.mockRestore();
    }
  }

  const rows = () => dataSource.getRepository(AuthToken).find();

  describe('issue', () => {
    it('returns 64 lowercase hex characters, different every time', async () => {
      const service = makeService();
      const userId = await insertUser('alice');

      const first = await service.issue(userId);
      const second = await service.issue(userId);

      expect(first.token).toMatch(/^[0-9a-f]{64}$/);
      expect(second.token).toMatch(/^[0-9a-f]{64}$/);
      expect(second.token).not.toBe(first.token);
    });

    it('stores the first 15 characters and the SHA-512 digest, never the token itself', async () => {
      const service = makeService();
      const userId = await insertUser('alice');

      const { token } = await issueAt(service, userId, T0);

      const stored = await rows();
      expect(stored).toEqual([
        {
          digest: sha512(token),
          tokenKey: token.slice(0, 15),
          userId,
          sessionId: expect.stringMatching(/^[0-9a-f]{32}$/),
          created: '2026-11-24T04:41:14.123Z',
          expiry: new Date(T0 + TTL_MS).toISOString(),
          userAgent: '',
          ip: '',
        },
      ]);
      expect(token).not.toContain(stored[0].sessionId);
      const raw = await dataSource.query('SELECT * FROM auth_tokens');
      expect(JSON.stringify(raw)).not.toContain(token);
    });

    it('answers an expiry of now + TOKEN_TTL as an ISO string', async () => {
      const service = makeService();
      const userId = await insertUser('alice');

      const { expiry } = await issueAt(service, userId, T0);

      expect(expiry).toBe('2026-11-24T14:41:14.123Z');
    });

    it('gives no expiry when TOKEN_TTL is 0', async () => {
      const service = makeService({ tokenTtlSeconds: 0 });
      const userId = await insertUser('alice');

      const { expiry } = await service.issue(userId);

      expect(expiry).toBeNull();
      expect((await rows())[0].expiry).toBeNull();
    });

    it('mints a token without storing it: it works only once its row is stored with its user (registration)', async () => {
      const service = makeService();
      const userId = await insertUser('alice');

      const { token, row } = service.mint(NO_CLIENT);
      expect(await rows()).toEqual([]);
      await expect(service.authenticate(token)).resolves.toBeNull();

      await dataSource.manager.insert(AuthToken, { ...row, userId });
      await expect(service.authenticate(token)).resolves.toMatchObject({ user: { id: userId } });
    });
  });

  describe('authenticate', () => {
    it('returns the user and the token digest for the right token', async () => {
      const service = makeService();
      const userId = await insertUser('alice');
      const { token } = await issueAt(service, userId, T0);

      const principal = await authenticateAt(service, token, T0 + 1000);

      expect(principal).toEqual({
        user: { id: userId, username: 'alice', email: 'alice@example.com' },
        tokenDigest: sha512(token),
      });
    });

    it('tells apart two users whose tokens are both live', async () => {
      const service = makeService();
      const alice = await insertUser('alice');
      const bob = await insertUser('bob');
      const aliceToken = (await service.issue(alice)).token;
      const bobToken = (await service.issue(bob)).token;

      expect((await service.authenticate(aliceToken))?.user.id).toBe(alice);
      expect((await service.authenticate(bobToken))?.user.id).toBe(bob);
    });

    it('refuses a token that differs in one character after the key prefix', async () => {
      const service = makeService();
      const userId = await insertUser('alice');
      const { token } = await service.issue(userId);

      await expect(service.authenticate(flip(token, 15))).resolves.toBeNull();
      await expect(service.authenticate(flip(token, 63))).resolves.toBeNull();
    });

    it('refuses a token that differs inside the key prefix', async () => {
      const service = makeService();
      const userId = await insertUser('alice');
      const { token } = await service.issue(userId);

      await expect(service.authenticate(flip(token, 0))).resolves.toBeNull();
    });

    it('refuses tokens of the wrong length or with non-hex characters without a query', async () => {
      const service = makeService();
      const userId = await insertUser('alice');
      const { token } = await service.issue(userId);
      const query = jest.spyOn(dataSource.getRepository(AuthToken), 'createQueryBuilder');

      await expect(service.authenticate(token.slice(0, 63))).resolves.toBeNull();
      await expect(service.authenticate(`${token}0`)).resolves.toBeNull();
      await expect(service.authenticate('')).resolves.toBeNull();
      await expect(service.authenticate(`${token.slice(0, 63)}g`)).resolves.toBeNull();
      await expect(service.authenticate(token.toUpperCase())).resolves.toBeNull();
      await expect(service.authenticate(`${token.slice(0, 62)}' OR 1=1 --`.slice(0, 64))).resolves.toBeNull();
      expect(query).not.toHaveBeenCalled();
    });

    it('refuses the stored digest or key presented as a token', async () => {
      const service = makeService();
      const userId = await insertUser('alice');
      const { token } = await service.issue(userId);

      await expect(service.authenticate(sha512(token))).resolves.toBeNull();
      await expect(service.authenticate(sha512(token).slice(0, 64))).resolves.toBeNull();
    });

    it('refuses the token of an inactive user', async () => {
      const service = makeService();
      const userId = await insertUser('alice', { isActive: false });
      const { token } = await service.issue(userId);

      await expect(service.authenticate(token)).resolves.toBeNull();
    });

    it('accepts a token until its expiry, and refuses it from that instant on', async () => {
      const service = makeService();
      const userId = await insertUser('alice');
      const { token } = await issueAt(service, userId, T0);

      await expect(authenticateAt(service, token, T0 + TTL_MS - 1)).resolves.not.toBeNull();
      await expect(authenticateAt(service, token, T0 + TTL_MS)).resolves.toBeNull();
    });

    it('deletes an expired token when it is presented', async () => {
      const service = makeService();
      const userId = await insertUser('alice');
      const expired = await issueAt(service, userId, T0);
      const other = await issueAt(service, userId, T0 + TTL_MS);

      await expect(authenticateAt(service, expired.token, T0 + TTL_MS + 1)).resolves.toBeNull();

      expect((await rows()).map((row) => row.digest)).toEqual([sha512(other.token)]);
      // Even if the clock went back, the deleted token stays gone.
      await expect(authenticateAt(service, expired.token, T0)).resolves.toBeNull();
    });

    it('never expires a token issued with TOKEN_TTL 0', async () => {
      const service = makeService({ tokenTtlSeconds: 0 });
      const userId = await insertUser('alice');
      const { token } = await issueAt(service, userId, T0);
      const hundredYears = 100 * 365 * 24 * 3600 * 1000;

      await expect(authenticateAt(service, token, T0 + hundredYears)).resolves.not.toBeNull();
      expect(await rows()).toHaveLength(1);
    });

    it('writes nothing on the request path when auto-refresh is off', async () => {
      const service = makeService();
      const userId = await insertUser('alice');
      const { token, expiry } = await issueAt(service, userId, T0);
      const write = jest.spyOn(writer, 'write');

      await expect(authenticateAt(service, token, T0 + TTL_MS / 2)).resolves.not.toBeNull();

      expect(write).not.toHaveBeenCalled();
      expect((await rows())[0].expiry).toBe(expiry);
    });
  });

  describe('auto-refresh', () => {
    it('leaves the expiry alone when at most 60 s would be gained', async () => {
      const service = makeService({ tokenAutoRefresh: true });
      const userId = await insertUser('alice');
      const { token, expiry } = await issueAt(service, userId, T0);
      const write = jest.spyOn(writer, 'write');

      await expect(authenticateAt(service, token, T0 + 60_000)).resolves.not.toBeNull();

      expect(write).not.toHaveBeenCalled();
      expect((await rows())[0].expiry).toBe(expiry);
    });

    it('pushes the expiry to now + TTL once more than 60 s would be gained', async () => {
      const service = makeService({ tokenAutoRefresh: true });
      const userId = await insertUser('alice');
      const { token } = await issueAt(service, userId, T0);

      await expect(authenticateAt(service, token, T0 + 60_001)).resolves.not.toBeNull();

      expect((await rows())[0].expiry).toBe(new Date(T0 + 60_001 + TTL_MS).toISOString());
    });

    it('keeps a regularly used token alive past its first expiry', async () => {
      const service = makeService({ tokenAutoRefresh: true });
      const userId = await insertUser('alice');
      const { token } = await issueAt(service, userId, T0);

      await expect(authenticateAt(service, token, T0 + TTL_MS - 1000)).resolves.not.toBeNull();
      await expect(authenticateAt(service, token, T0 + TTL_MS + 1000)).resolves.not.toBeNull();
    });

    it('does not revive a token that has already expired', async () => {
      const service = makeService({ tokenAutoRefresh: true });
      const userId = await insertUser('alice');
      const { token } = await issueAt(service, userId, T0);

      await expect(authenticateAt(service, token, T0 + TTL_MS)).resolves.toBeNull();
      expect(await rows()).toEqual([]);
    });

    it('does not give an expiry to a token that never expires', async () => {
      const service = makeService({ tokenTtlSeconds: 0, tokenAutoRefresh: true });
      const userId = await insertUser('alice');
      const { token } = await issueAt(service, userId, T0);
      const write = jest.spyOn(writer, 'write');

      await expect(authenticateAt(service, token, T0 + TTL_MS)).resolves.not.toBeNull();

      expect(write).not.toHaveBeenCalled();
      expect((await rows())[0].expiry).toBeNull();
    });
  });

  describe('auto-refresh with TOKEN_AUTO_REFRESH_MAX_TTL', () => {
    const MAX_TTL_SECONDS = TTL_SECONDS + 3600;
    const capped = () => makeService({ tokenAutoRefresh: true, tokenAutoRefreshMaxTtlSeconds: MAX_TTL_SECONDS });
    const cap = T0 + MAX_TTL_SECONDS * 1000;

    it('pushes the expiry no further than creation + the cap', async () => {
      const service = capped();
      const userId = await insertUser('alice');
      const { token } = await issueAt(service, userId, T0);

      await expect(authenticateAt(service, token, T0 + 2 * 3600_000)).resolves.not.toBeNull();

      expect((await rows())[0].expiry).toBe(new Date(cap).toISOString());
    });

    it('still pushes the expiry to now + TTL while that is below the cap', async () => {
      const service = capped();
      const userId = await insertUser('alice');
      const { token } = await issueAt(service, userId, T0);

      await expect(authenticateAt(service, token, T0 + 1800_000)).resolves.not.toBeNull();

      expect((await rows())[0].expiry).toBe(new Date(T0 + 1800_000 + TTL_MS).toISOString());
    });

    it('refuses a regularly used token once creation + the cap has passed', async () => {
      const service = capped();
      const userId = await insertUser('alice');
      const { token } = await issueAt(service, userId, T0);

      for (let at = T0 + 3600_000; at < cap; at += 3600_000) {
        await expect(authenticateAt(service, token, at)).resolves.not.toBeNull();
      }
      await expect(authenticateAt(service, token, cap)).resolves.toBeNull();
      expect(await rows()).toEqual([]);
    });

    it('writes nothing once the expiry sits at the cap', async () => {
      const service = capped();
      const userId = await insertUser('alice');
      const { token } = await issueAt(service, userId, T0);
      await authenticateAt(service, token, T0 + 2 * 3600_000);
      const write = jest.spyOn(writer, 'write');

      await expect(authenticateAt(service, token, T0 + 3 * 3600_000)).resolves.not.toBeNull();

      expect(write).not.toHaveBeenCalled();
    });

    it('never shortens the expiry when the cap is below TOKEN_TTL', async () => {
      const service = makeService({ tokenAutoRefresh: true, tokenAutoRefreshMaxTtlSeconds: 60 });
      const userId = await insertUser('alice');
      const { token, expiry } = await issueAt(service, userId, T0);

      await expect(authenticateAt(service, token, T0 + 3600_000)).resolves.not.toBeNull();

      expect((await rows())[0].expiry).toBe(expiry);
    });
  });

  describe('sessions', () => {
    it("lists the user's live tokens newest first, marks the current one, and shows no token, key or digest", async () => {
      const service = makeService();
      const alice = await insertUser('alice');
      const bob = await insertUser('bob');
      await issueAt(service, alice, Date.now() - TTL_MS - 1000);
      const older = await issueAt(service, alice, Date.now() - 2000);
      const newer = await issueAt(service, alice, Date.now() - 1000);
      await service.issue(bob, { userAgent: 'bob-agent', ip: '10.0.0.2' });

      const sessions = await service.sessions(alice, sha512(older.token));

      expect(sessions).toEqual([
        {
          id: expect.stringMatching(/^[0-9a-f]{32}$/),
          created: expect.any(String),
          expiry: newer.expiry,
          user_agent: '',
          ip: '',
          current: false,
        },
        {
          id: expect.stringMatching(/^[0-9a-f]{32}$/),
          created: expect.any(String),
          expiry: older.expiry,
          user_agent: '',
          ip: '',
          current: true,
        },
      ]);
      const text = JSON.stringify(sessions);
      for (const { token } of [older, newer]) {
        expect(text).not.toContain(token.slice(0, 15));
        expect(text).not.toContain(sha512(token));
      }
    });

    it('records the user agent and address it is given', async () => {
      const service = makeService();
      const alice = await insertUser('alice');
      const { token } = await service.issue(alice, { userAgent: 'curl/8.5.0', ip: '203.0.113.7' });

      const [session] = await service.sessions(alice, sha512(token));

      expect(session).toMatchObject({ user_agent: 'curl/8.5.0', ip: '203.0.113.7', current: true });
    });

    it(`lists only the ${MAX_LISTED_SESSIONS} newest of a user who logged in more often than that`, async () => {
      const service = makeService();
      const alice = await insertUser('alice');
      const start = Date.now() - 60_000;
      const oldest = await issueAt(service, alice, start);
      for (let i = 1; i <= MAX_LISTED_SESSIONS; i += 1) await issueAt(service, alice, start + i);

      const sessions = await service.sessions(alice, sha512(oldest.token));

      expect(sessions).toHaveLength(MAX_LISTED_SESSIONS);
      expect(sessions[0].created).toBe(new Date(start + MAX_LISTED_SESSIONS).toISOString());
      expect(sessions.some((session) => session.current)).toBe(false);
    });
  });

  describe('revokeSession', () => {
    it("ends the user's session with that id and no one else's", async () => {
      const service = makeService();
      const alice = await insertUser('alice');
      const bob = await insertUser('bob');
      const aliceToken = await service.issue(alice);
      const bobToken = await service.issue(bob);
      const [bobSession] = await service.sessions(bob);
      const [aliceSession] = await service.sessions(alice);

      await expect(service.revokeSession(alice, bobSession.id)).resolves.toBe(false);
      await expect(service.revokeSession(alice, 'no-such-session')).resolves.toBe(false);
      await expect(service.authenticate(bobToken.token)).resolves.not.toBeNull();

      await expect(service.revokeSession(alice, aliceSession.id)).resolves.toBe(true);
      await expect(service.authenticate(aliceToken.token)).resolves.toBeNull();
    });
  });

  describe('revokeOthers', () => {
    it('keeps only the given token of the user and every token of other users', async () => {
      const service = makeService();
      const alice = await insertUser('alice');
      const bob = await insertUser('bob');
      const kept = await service.issue(alice);
      const ended = await service.issue(alice);
      const bobToken = await service.issue(bob);

      await service.revokeAll({ userId: alice, except: sha512(kept.token) });

      await expect(service.authenticate(kept.token)).resolves.not.toBeNull();
      await expect(service.authenticate(ended.token)).resolves.toBeNull();
      await expect(service.authenticate(bobToken.token)).resolves.not.toBeNull();
    });
  });

  describe('pruneExpired', () => {
    it('deletes the expired tokens and says how many', async () => {
      const service = makeService();
      const forever = makeService({ tokenTtlSeconds: 0 });
      const alice = await insertUser('alice');
      await issueAt(service, alice, Date.now() - TTL_MS - 1000);
      await issueAt(service, alice, Date.now() - TTL_MS - 2000);
      const live = await service.issue(alice);
      await forever.issue(alice);

      await expect(service.pruneExpired()).resolves.toBe(2);

      expect(await rows()).toHaveLength(2);
      await expect(service.authenticate(live.token)).resolves.not.toBeNull();
      await expect(service.pruneExpired()).resolves.toBe(0);
    });
  });

  describe('revoke', () => {
    it('deletes only the token with that digest', async () => {
      const service = makeService();
      const userId = await insertUser('alice');
      const kept = await service.issue(userId);
      const revoked = await service.issue(userId);

      await service.revoke(sha512(revoked.token));

      await expect(service.authenticate(revoked.token)).resolves.toBeNull();
      await expect(service.authenticate(kept.token)).resolves.not.toBeNull();
    });
  });

  describe('revokeAll', () => {
    it("deletes every token of the user and none of another user's", async () => {
      const service = makeService();
      const alice = await insertUser('alice');
      const bob = await insertUser('bob');
      const aliceTokens = [await service.issue(alice), await service.issue(alice)];
      const bobToken = await service.issue(bob);

      await service.revokeAll({ userId: alice });

      for (const { token } of aliceTokens) await expect(service.authenticate(token)).resolves.toBeNull();
      await expect(service.authenticate(bobToken.token)).resolves.not.toBeNull();
      expect(await rows()).toHaveLength(1);
    });
  });

  describe('issueAtLogin', () => {
    it('deletes the expired tokens of every user and keeps live and never-expiring ones', async () => {
      const now = Date.now();
      const service = makeService();
      const forever = makeService({ tokenTtlSeconds: 0 });
      const alice = await insertUser('alice');
      const bob = await insertUser('bob');
      await issueAt(service, alice, now - TTL_MS - 5000);
      await issueAt(service, bob, now - TTL_MS - 1);
      const live = await issueAt(service, alice, now);
      const endless = await issueAt(forever, bob, now - 10 * TTL_MS);

      const fresh = await service.issueAtLogin(bob);

      expect((await rows()).map((row) => row.digest).sort()).toEqual(
        [sha512(live.token), sha512(endless.token), sha512(fresh.token)].sort(),
      );
    });

    it('refuses a token beyond TOKEN_LIMIT_PER_USER with 403, counting only the live tokens of that user', async () => {
      const now = Date.now();
      const service = makeService({ tokenLimitPerUser: 3 });
      const forever = makeService({ tokenTtlSeconds: 0 });
      const alice = await insertUser('alice');
      const bob = await insertUser('bob');
      await issueAt(service, alice, now - TTL_MS - 5000);
      await issueAt(service, alice, now);
      await issueAt(forever, alice, now - 10 * TTL_MS);
      await issueAt(service, bob, now);
      await issueAt(service, bob, now);

      await expect(service.issueAtLogin(alice)).resolves.toMatchObject({ token: expect.any(String) });
      const refusal = await service.issueAtLogin(alice).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(ApiException);
      expect((refusal as ApiException).getStatus()).toBe(403);
      expect((refusal as ApiException).msg).toEqual({ detail: 'Maximum amount of tokens allowed per user exceeded.' });
      await expect(service.issueAtLogin(bob)).resolves.toMatchObject({ token: expect.any(String) });
    });
  });

  it('loses the tokens of a deleted user with the user', async () => {
    const service = makeService();
    const userId = await insertUser('alice');
    const { token } = await service.issue(userId);

    await dataSource.manager.delete(User, { id: userId });

    expect(await rows()).toEqual([]);
    await expect(service.authenticate(token)).resolves.toBeNull();
  });
});

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, LessThanOrEqual, MoreThan, type Repository } from 'typeorm';
import { READER } from '../../database/data-source-options.js';
import { DbWriter } from '../../database/db-writer.service.js';
import { Dialect } from '../../database/dialect.js';
import { PasswordResetEmail } from './password-reset-email.entity.js';
import { PasswordResetToken } from './password-reset-token.entity.js';

/** A live reset token with the (active) user it resets. */
export interface LiveResetToken {
  userId: number;
  username: string;
  email: string;
}

/** The per-address limit: at most `limit` sending requests to `addressKey` after `since`. */
export interface AddressLimit {
  addressKey: string;
  limit: number;
  since: string;
}

/**
 * The `password_reset_tokens` and `password_reset_emails` tables, the one
 * home of their queries. Reads go to the reader connection; writes through
 * DbWriter, or through the manager of the transaction they belong to.
 */
@Injectable()
export class PasswordResetsRepository {
  constructor(
    @InjectRepository(PasswordResetToken) private readonly tokens: Repository<PasswordResetToken>,
    @InjectRepository(PasswordResetToken, READER) private readonly reader: Repository<PasswordResetToken>,
    @InjectRepository(PasswordResetEmail) private readonly emails: Repository<PasswordResetEmail>,
    private readonly writer: DbWriter,
    private readonly dialect: Dialect,
  ) {}

  /**
   * Stores `rows` (one new token per user), ending every older token of
   * those users, if the address is under its limit: answers false, storing
   * nothing, when it is not. Requests for one address take turns, so
   * parallel ones (on any worker or instance) cannot slip past the limit
   * together. Sends older than the window, of every address, are deleted on the way.
   */
  issueWithinLimit(rows: PasswordResetToken[], { addressKey, limit, since }: AddressLimit): Promise<boolean> {
    return this.writer.transaction(async (manager) => {
      await this.dialect.lockKey(manager, `password_reset_emails:${addressKey}`);
      const emails = manager.withRepository(this.emails);
      await emails.delete({ sentAt: LessThanOrEqual(since) });
      if ((await emails.countBy({ addressKey, sentAt: MoreThan(since) })) >= limit) return false;
      await emails.insert({ addressKey, sentAt: rows[0].createdAt });
      await this.replace(manager, rows);
      return true;
    });
  }

  /** Stores one new token for its user, ending the user's older ones (the admin CLI's resetlink, which sends nothing). */
  async issue(row: PasswordResetToken): Promise<void> {
    await this.writer.transaction((manager) => this.replace(manager, [row]));
  }

  /** The user a token live at `now` resets, when that user is active. */
  async findLive(digest: string, now: string): Promise<LiveResetToken | null> {
    const row = await this.reader
      .createQueryBuilder('reset')
      .innerJoin('reset.user', 'user')
      .select('user.id', 'userId')
      .addSelect('user.username', 'username')
      .addSelect('user.email', 'email')
      .where({ digest, expiresAt: MoreThan(now) })
      .andWhere('user.isActive = TRUE')
      .getRawOne<LiveResetToken>();
    return row ? { ...row, userId: Number(row.userId) } : null;
  }

  /**
   * Uses the token inside `manager`'s transaction: true when it was still
   * live at `now` (and is now gone, with every other reset token of its
   * user); false when another request used it first or it expired meanwhile.
   */
  async consume(manager: EntityManager, digest: string, userId: number, now: string): Promise<boolean> {
    const tokens = manager.withRepository(this.tokens);
    const { affected } = await tokens.delete({ digest, userId, expiresAt: MoreThan(now) });
    if (!affected) return false;
    await tokens.delete({ userId });
    return true;
  }

  /** Deletes every token expired at `now`; answers how many. */
  async deleteExpired(now: string): Promise<number> {
    const { affected } = await this.writer.write((manager) =>
      manager.withRepository(this.tokens).delete({ expiresAt: LessThanOrEqual(now) }),
    );
    return affected ?? 0;
  }

  private async replace(manager: EntityManager, rows: PasswordResetToken[]): Promise<void> {
    const tokens = manager.withRepository(this.tokens);
    for (const row of rows) {
      await tokens.delete({ userId: row.userId });
      await tokens.insert(row);
    }
  }
}

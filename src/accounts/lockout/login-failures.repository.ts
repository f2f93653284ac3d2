import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThanOrEqual, MoreThan, type Repository } from 'typeorm';
import { READER } from '../../database/data-source-options.js';
import { DbWriter } from '../../database/db-writer.service.js';
import { Dialect } from '../../database/dialect.js';
import { LoginFailure } from './login-failure.entity.js';

/** The `login_failures` table: failed logins per case-folded username. */
@Injectable()
export class LoginFailuresRepository {
  constructor(
    @InjectRepository(LoginFailure) private readonly failures: Repository<LoginFailure>,
    @InjectRepository(LoginFailure, READER) private readonly reader: Repository<LoginFailure>,
    private readonly writer: DbWriter,
    private readonly dialect: Dialect,
  ) {}

  /** When the key's newest failures after `since` happened, newest first, at most `limit` of them. */
  async newestSince(usernameKey: string, since: string, limit: number): Promise<string[]> {
    const rows = await this.reader.find({
      select: { failedAt: true },
      where: { usernameKey, failedAt: MoreThan(since) },
      order: { failedAt: 'DESC' },
      take: limit,
    });
    return rows.map((row) => row.failedAt);
  }

  /**
   * Stores a failure at `at` and answers how many the key has after `since`,
   * this one included. Failures at or before `since`, of every key, are
   * deleted on the way: they have left the window. Failures of one key take
   * turns, so each sees the ones before it.
   */
  record(usernameKey: string, at: string, since: string): Promise<number> {
    return this.writer.transaction(async (manager) => {
      await this.dialect.lockKey(manager, `login_failures:${usernameKey}`);
      const failures = manager.withRepository(this.failures);
      await failures.delete({ failedAt: LessThanOrEqual(since) });
      await failures.insert({ usernameKey, failedAt: at });
      return failures.countBy({ usernameKey, failedAt: MoreThan(since) });
    });
  }

  /** Forgets every failure of the key; answers how many there were. */
  async clear(usernameKey: string): Promise<number> {
    const { affected } = await this.writer.write((manager) => manager.withRepository(this.failures).delete({ usernameKey }));
    return affected ?? 0;
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource, LessThanOrEqual, MoreThan } from 'typeorm';
import { DbWriter } from '../../database/db-writer.service.js';
import { LoginFailure } from './login-failure.entity.js';

/** The `login_failures` table: failed logins per case-folded username. */
@Injectable()
export class LoginFailuresRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: DbWriter,
  ) {}

  /** When the key's newest failures after `since` happened, newest first, at most `limit` of them. */
  async newestSince(usernameKey: string, since: string, limit: number): Promise<string[]> {
    const rows = await this.dataSource.manager.find(LoginFailure, {
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
   * deleted on the way: they have left the window. On PostgreSQL, failures
   * of one key queue behind each other, so each sees the ones before it
   * (SQLite writes one at a time anyway).
   */
  record(usernameKey: string, at: string, since: string): Promise<number> {
    return this.writer.transaction(async (manager) => {
      if (manager.connection.options.type === 'postgres') {
        await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`login_failures:${usernameKey}`]);
      }
      await manager.delete(LoginFailure, { failedAt: LessThanOrEqual(since) });
      await manager.insert(LoginFailure, { usernameKey, failedAt: at });
      return manager.countBy(LoginFailure, { usernameKey, failedAt: MoreThan(since) });
    });
  }

  /** Forgets every failure of the key; answers how many there were. */
  async clear(usernameKey: string): Promise<number> {
    const { affected } = await this.writer.write((m) => m.delete(LoginFailure, { usernameKey }));
    return affected ?? 0;
  }
}

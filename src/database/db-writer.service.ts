import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * A write that changes nothing, run first in every SQLite transaction: it
 * takes the database's write lock at once, waiting up to the busy timeout
 * while another process (a WEB_CONCURRENCY worker) writes: BEGIN IMMEDIATE,
 * which TypeORM cannot issue. Without it, a transaction that reads before it
 * writes fails at once with "database is locked" when another process wrote
 * in between (SQLite cannot upgrade a stale WAL snapshot, and does not wait).
 */
const takeWriteLock = (migrationsTable: string) => `DELETE FROM "${migrationsTable}" WHERE 0`;

/**
 * The way services write.
 *
 * TypeORM drives SQLite through one shared connection, so a transaction is
 * open for every statement issued while it lasts: another request's insert
 * would join it, and a rollback would silently undo that neighbour's
 * already-answered write. On SQLite, writes therefore queue here one at a time
 * (SQLite admits one writer at once anyway). PostgreSQL gives each transaction
 * its own pooled connection, so nothing queues there. Across processes,
 * SQLite's own lock (WAL, busy timeout) queues writers.
 */
@Injectable()
export class DbWriter {
  private readonly serialized: boolean;
  private queueTail: Promise<unknown> = Promise.resolve();

  constructor(private readonly dataSource: DataSource) {
    this.serialized = dataSource.options.type === 'better-sqlite3';
  }

  /** One write statement (insert, update or delete) through the given manager. */
  write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.exclusive(() => work(this.dataSource.manager));
  }

  /** Several statements that commit or roll back together. */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.serialized) return this.dataSource.transaction(work);
    return this.exclusive(() =>
      this.dataSource.transaction(async (manager) => {
        await manager.query(takeWriteLock(this.dataSource.options.migrationsTableName ?? 'migrations'));
        return work(manager);
      }),
    );
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (!this.serialized) return work();
    const result = this.queueTail.then(work);
    this.queueTail = result.catch(() => undefined);
    return result;
  }
}

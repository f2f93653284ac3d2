import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Dialect } from './dialect.js';

/**
 * The way repositories write, on the writer connection.
 *
 * TypeORM drives SQLite through one shared connection, so a transaction is
 * open for every statement issued while it lasts: another request's insert
 * would join it, and a rollback would silently undo that neighbour's
 * already-answered write. There, writes queue here one at a time (SQLite
 * admits one writer at once anyway). PostgreSQL gives each transaction its
 * own pooled connection, so nothing queues there. Across processes, SQLite's
 * own lock (WAL, busy timeout) queues writers.
 */
@Injectable()
export class DbWriter {
  private queueTail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dataSource: DataSource,
    private readonly dialect: Dialect,
  ) {}

  /** One write statement (insert, update or delete) through the writer's manager. */
  write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.inTurn(() => work(this.dataSource.manager));
  }

  /** Several statements that commit or roll back together. */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.inTurn(() =>
      this.dataSource.transaction(async (manager) => {
        await this.dialect.beginWriteTransaction(manager);
        return work(manager);
      }),
    );
  }

  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    if (!this.dialect.serializesWrites) return work();
    const result = this.queueTail.then(work);
    this.queueTail = result.catch(() => undefined);
    return result;
  }
}

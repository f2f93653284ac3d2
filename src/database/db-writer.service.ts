import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * The way services write.
 *
 * TypeORM drives SQLite through one shared connection, so a transaction is
 * open for every statement issued while it lasts: another request's insert
 * would join it, and a rollback would silently undo that neighbour's
 * already-answered write. On SQLite, writes therefore queue here one at a time
 * (SQLite admits one writer at once anyway). PostgreSQL gives each transaction
 * its own pooled connection, so nothing queues there.
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
    return this.exclusive(() => this.dataSource.transaction(work));
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (!this.serialized) return work();
    const result = this.queueTail.then(work);
    this.queueTail = result.catch(() => undefined);
    return result;
  }
}

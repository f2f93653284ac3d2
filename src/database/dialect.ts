import { type DataSource, type EntityManager, type ObjectLiteral, QueryFailedError, type SelectQueryBuilder } from 'typeorm';
import type { DatabaseSettings } from '../config/settings.js';

/** A unique index a write ran into: PostgreSQL names the constraint, SQLite its columns. */
export interface UniqueViolation {
  constraint?: string;
  columns?: string[];
}

/**
 * Key of the PostgreSQL advisory lock held while migrating (any fixed number
 * works; it only has to be the same for every instance of this service).
 */
const MIGRATION_LOCK_KEY = 1_764_000_000;

/**
 * Everything that differs between SQLite and PostgreSQL, in one place; the
 * rest is TypeORM's and the same on both. Services and repositories ask this
 * rather than looking at the driver's type.
 */
export abstract class Dialect {
  abstract readonly kind: 'sqlite' | 'postgres';

  /**
   * TypeORM drives SQLite through one connection, so a statement issued while
   * a transaction is open joins it: the writer's statements must take turns
   * (DbWriter queues them). PostgreSQL gives each transaction its own connection.
   */
  abstract readonly serializesWrites: boolean;

  /** Run first in every transaction that writes. */
  abstract beginWriteTransaction(manager: EntityManager): Promise<void>;

  /**
   * Makes transactions that name the same key take turns until they end
   * (PostgreSQL: a transaction-scoped advisory lock; SQLite's writers take turns anyway).
   */
  abstract lockKey(manager: EntityManager, key: string): Promise<void>;

  /**
   * Makes a read inside a write transaction hold the rows it reads until the
   * transaction ends (PostgreSQL: FOR UPDATE; SQLite's writers take turns anyway).
   */
  abstract lockForUpdate<T extends ObjectLiteral>(query: SelectQueryBuilder<T>): SelectQueryBuilder<T>;

  /** Runs `work` (the migrations) while no other instance on the same database runs its own. */
  abstract whileMigrating(dataSource: DataSource, work: () => Promise<void>): Promise<void>;

  /** The unique index a failed write ran into, or null for any other failure. */
  abstract uniqueViolation(error: unknown): UniqueViolation | null;
}

class SqliteDialect extends Dialect {
  readonly kind = 'sqlite';
  readonly serializesWrites = true;

  /**
   * A write that changes nothing takes the database's write lock at once,
   * waiting up to the busy timeout while another process (a WEB_CONCURRENCY
   * worker) writes: BEGIN IMMEDIATE, which TypeORM cannot issue. Without it, a
   * transaction that reads before it writes fails at once with "database is
   * locked" when another process wrote in between (SQLite cannot upgrade a
   * stale WAL snapshot, and does not wait).
   */
  async beginWriteTransaction(manager: EntityManager): Promise<void> {
    await manager.query(`DELETE FROM "${manager.connection.options.migrationsTableName ?? 'migrations'}" WHERE 0`);
  }

  async lockKey(): Promise<void> {}

  lockForUpdate<T extends ObjectLiteral>(query: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
    return query;
  }

  /** A cluster's primary migrates before any worker opens the file; separate machines cannot share one. */
  whileMigrating(_dataSource: DataSource, work: () => Promise<void>): Promise<void> {
    return work();
  }

  uniqueViolation(error: unknown): UniqueViolation | null {
    const driverError = error instanceof QueryFailedError ? (error.driverError as { code?: string; message?: string }) : null;
    if (driverError?.code !== 'SQLITE_CONSTRAINT_UNIQUE') return null;
    const failed = /UNIQUE constraint failed: (.*)$/.exec(driverError.message ?? '')?.[1] ?? '';
    return { columns: failed.split(',').map((column) => column.trim().split('.').pop() ?? '') };
  }
}

class PostgresDialect extends Dialect {
  readonly kind = 'postgres';
  readonly serializesWrites = false;

  async beginWriteTransaction(): Promise<void> {}

  async lockKey(manager: EntityManager, key: string): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [key]);
  }

  lockForUpdate<T extends ObjectLiteral>(query: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
    return query.setLock('pessimistic_write');
  }

  /** Instances started at the same instant queue on an advisory lock: the first migrates, the others find nothing pending. */
  async whileMigrating(dataSource: DataSource, work: () => Promise<void>): Promise<void> {
    // The lock belongs to a session: hold it on a connection of its own while the migrations use others.
    const lockHolder = dataSource.createQueryRunner();
    try {
      await lockHolder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      try {
        await work();
      } finally {
        await lockHolder.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
      }
    } finally {
      await lockHolder.release();
    }
  }

  uniqueViolation(error: unknown): UniqueViolation | null {
    const driverError = error instanceof QueryFailedError ? (error.driverError as { code?: string; constraint?: string }) : null;
    return driverError?.code === '23505' ? { constraint: driverError.constraint } : null;
  }
}

export function dialectFor(database: DatabaseSettings): Dialect {
  return database.type === 'sqlite' ? new SqliteDialect() : new PostgresDialect();
}

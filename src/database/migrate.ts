import { DataSource } from 'typeorm';
import type { DatabaseSettings } from '../config/settings.js';
import { buildDataSourceOptions } from './data-source-options.js';

/**
 * Key of the PostgreSQL advisory lock held while migrating (any fixed number
 * works; it only has to be the same for every instance of this service).
 */
const MIGRATION_LOCK_KEY = 1_764_000_000;

/**
 * Applies pending migrations, one instance at a time. Instances started at the
 * same instant on one PostgreSQL database queue on an advisory lock: the first
 * migrates, the others then find nothing pending. (SQLite needs no lock: a
 * cluster's primary migrates before any worker opens the file.)
 */
export async function runMigrationsExclusively(dataSource: DataSource): Promise<void> {
  if (dataSource.options.type !== 'postgres') {
    await dataSource.runMigrations({ transaction: 'each' });
    return;
  }
  // The lock belongs to a session: hold it on a connection of its own while the migrations use others.
  const lockHolder = dataSource.createQueryRunner();
  try {
    await lockHolder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await lockHolder.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await lockHolder.release();
  }
}

/** Migrates the database with a connection of its own, then closes it (a cluster's primary, before forking). */
export async function migrate(database: DatabaseSettings): Promise<void> {
  const dataSource = await new DataSource({ ...buildDataSourceOptions(database), migrationsRun: false }).initialize();
  try {
    await runMigrationsExclusively(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

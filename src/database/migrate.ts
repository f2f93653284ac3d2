import { DataSource } from 'typeorm';
import type { DatabaseSettings } from '../config/settings.js';
import { buildDataSourceOptions } from './data-source-options.js';
import { type Dialect, dialectFor } from './dialect.js';

/** Applies pending migrations, one instance at a time (see Dialect.whileMigrating). */
export function runMigrationsExclusively(dataSource: DataSource, dialect: Dialect): Promise<void> {
  return dialect.whileMigrating(dataSource, async () => {
    await dataSource.runMigrations({ transaction: 'each' });
  });
}

/** Migrates the database with a connection of its own, then closes it (a cluster's primary, before forking). */
export async function migrate(database: DatabaseSettings): Promise<void> {
  const dataSource = await new DataSource({ ...buildDataSourceOptions(database), migrationsRun: false }).initialize();
  try {
    await runMigrationsExclusively(dataSource, dialectFor(database));
  } finally {
    await dataSource.destroy();
  }
}

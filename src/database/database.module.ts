import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import cluster from 'node:cluster';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { DatabaseSettings, Settings } from '../config/settings.js';
import { buildDataSourceOptions, buildReaderOptions, READER, readerSharesWriter } from './data-source-options.js';
import { DbWriter } from './db-writer.service.js';
import { Dialect, dialectFor } from './dialect.js';
import { runMigrationsExclusively } from './migrate.js';

/**
 * Opens the writer and applies pending migrations, except in a cluster
 * worker: its primary migrated before forking, and N workers must not race.
 */
async function openMigrated(options: DataSourceOptions, dialect: Dialect): Promise<DataSource> {
  const dataSource = await new DataSource({ ...options, migrationsRun: false }).initialize();
  if (cluster.isWorker) return dataSource;
  try {
    await runMigrationsExclusively(dataSource, dialect);
    return dataSource;
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
}

@Module({})
export class DatabaseModule {
  /**
   * Two TypeORM connections built from the same settings: the writer (the
   * default one: writes, and everything inside a transaction) and READER
   * (reads outside a transaction, which see committed data only). The reader
   * opens once the writer has migrated.
   *
   * `quiet` is for the admin CLI: no TypeORM console lines (a pending
   * migration would print to the CLI's output) and no connection retries, so
   * an unreachable database is one error line at once.
   */
  static forRoot({ quiet = false } = {}): DynamicModule {
    const retries = quiet ? { retryAttempts: 0 } : { retryAttempts: 2, retryDelay: 1000 };
    // Set as the writer opens; the reader's factory, which runs after it, reads them.
    let database: DatabaseSettings;
    let writer: DataSource;
    return {
      module: DatabaseModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService<Settings, true>) => {
            database = config.get('database', { infer: true });
            return { ...buildDataSourceOptions(database), ...(quiet && { logging: false }), ...retries };
          },
          dataSourceFactory: async (options) => (writer = await openMigrated(options!, dialectFor(database))),
        }),
        TypeOrmModule.forRootAsync({
          name: READER,
          // The writer comes first: it creates and migrates the database the reader opens.
          inject: [ConfigService, getDataSourceToken()],
          useFactory: (config: ConfigService<Settings, true>) => ({
            ...buildReaderOptions(config.get('database', { infer: true }), config.get('databaseReadUrl', { infer: true })),
            ...(quiet && { logging: false }),
            ...retries,
          }),
          dataSourceFactory: async (options) => (readerSharesWriter(database) ? writer : new DataSource(options!).initialize()),
        }),
      ],
      providers: [
        DbWriter,
        {
          provide: Dialect,
          inject: [ConfigService],
          useFactory: (config: ConfigService<Settings, true>) => dialectFor(config.get('database', { infer: true })),
        },
      ],
      exports: [DbWriter, Dialect],
    };
  }
}

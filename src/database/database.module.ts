import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import cluster from 'node:cluster';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { Settings } from '../config/settings.js';
import { buildDataSourceOptions } from './data-source-options.js';
import { DbWriter } from './db-writer.service.js';
import { runMigrationsExclusively } from './migrate.js';
import { PreparedReads } from './prepared-read.js';

/**
 * Opens the database and applies pending migrations, except in a cluster
 * worker: its primary migrated before forking, and N workers must not race.
 */
async function openMigrated(options: DataSourceOptions): Promise<DataSource> {
  const dataSource = await new DataSource({ ...options, migrationsRun: false }).initialize();
  if (cluster.isWorker) return dataSource;
  try {
    await runMigrationsExclusively(dataSource);
    return dataSource;
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
}

@Module({})
export class DatabaseModule {
  /**
   * `quiet` is for the admin CLI: no TypeORM console lines (a pending
   * migration would print to the CLI's output) and no connection retries, so
   * an unreachable database is one error line at once.
   */
  static forRoot({ quiet = false } = {}): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService<Settings, true>) => ({
            ...buildDataSourceOptions(config.get('database', { infer: true })),
            // Fail start-up within seconds, not half a minute, when the database is unreachable.
            ...(quiet ? { logging: false, retryAttempts: 0 } : { retryAttempts: 2, retryDelay: 1000 }),
          }),
          dataSourceFactory: (options) => openMigrated(options!),
        }),
      ],
      providers: [DbWriter, PreparedReads],
      exports: [DbWriter, PreparedReads],
    };
  }
}

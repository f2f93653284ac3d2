import type { DataSourceOptions, LoggerOptions } from 'typeorm';
import { AuthToken } from '../accounts/tokens/auth-token.entity.js';
import { LoginFailure } from '../accounts/lockout/login-failure.entity.js';
import { User } from '../accounts/users/user.entity.js';
import type { DatabaseSettings } from '../config/settings.js';
import { Lead } from '../leads/lead.entity.js';
import { InitialSchema1764000000000 } from './migrations/1764000000000-initial-schema.js';
import { TokenSessions1764100000000 } from './migrations/1764100000000-token-sessions.js';
import { LoginFailures1764200000000 } from './migrations/1764200000000-login-failures.js';

export const entities = [User, AuthToken, Lead, LoginFailure];
export const migrations = [InitialSchema1764000000000, TokenSessions1764100000000, LoginFailures1764200000000];

/** SQLite waits this long for a lock held by another process before failing. */
const SQLITE_BUSY_TIMEOUT_MS = 5000;

/**
 * The one description of the database, shared by the app (`TypeOrmModule`)
 * and the TypeORM CLI (`ormconfig.ts`). Schema changes only ever come from
 * migrations. A DataSource built from these options applies them when it
 * opens; the app instead applies them under a lock (`migrate.ts`), once.
 */
export function buildDataSourceOptions(database: DatabaseSettings): DataSourceOptions {
  const common = {
    entities,
    migrations,
    migrationsRun: true,
    migrationsTransactionMode: 'each',
    synchronize: false,
    // Failed queries are not logged here: expected ones (a taken email) are
    // answered as 400s, unexpected ones are logged once by the exception filter.
    logging: ['warn', 'migration'] as LoggerOptions,
  } as const;

  if (database.type === 'sqlite') {
    return {
      ...common,
      type: 'better-sqlite3',
      database: database.path,
      enableWAL: true,
      timeout: SQLITE_BUSY_TIMEOUT_MS,
      prepareDatabase: (db: { pragma(source: string): unknown }) => {
        // WAL makes NORMAL durable against application crashes and much cheaper than FULL.
        db.pragma('synchronous = NORMAL');
      },
    };
  }
  return { ...common, type: 'postgres', url: database.url, poolSize: 10 };
}

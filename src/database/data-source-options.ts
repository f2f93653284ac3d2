import type { DataSourceOptions, LoggerOptions } from 'typeorm';
import { LoginFailure } from '../accounts/lockout/login-failure.entity.js';
import { PasswordResetEmail } from '../accounts/password-reset/password-reset-email.entity.js';
import { PasswordResetToken } from '../accounts/password-reset/password-reset-token.entity.js';
import { AuthToken } from '../accounts/tokens/auth-token.entity.js';
import { User } from '../accounts/users/user.entity.js';
import type { DatabaseSettings } from '../config/settings.js';
import { ImportedLead } from '../imports/imported-lead.entity.js';
import { Import } from '../imports/import.entity.js';
import { LeadActivity } from '../leads/activity/lead-activity.entity.js';
import { LeadNote } from '../leads/activity/lead-note.entity.js';
import { Lead } from '../leads/lead.entity.js';
import { InitialSchema1764000000000 } from './migrations/1764000000000-initial-schema.js';
import { TokenSessions1764100000000 } from './migrations/1764100000000-token-sessions.js';
import { LoginFailures1764200000000 } from './migrations/1764200000000-login-failures.js';
import { LeadWork1764300000000 } from './migrations/1764300000000-lead-work.js';
import { PasswordResets1764400000000 } from './migrations/1764400000000-password-resets.js';
import { LeadImports1764500000000 } from './migrations/1764500000000-lead-imports.js';
import { LeadIdOrder1764600000000 } from './migrations/1764600000000-lead-id-order.js';

export const entities = [
  User,
  AuthToken,
  Lead,
  LoginFailure,
  LeadNote,
  LeadActivity,
  PasswordResetToken,
  PasswordResetEmail,
  Import,
  ImportedLead,
];
export const migrations = [
  InitialSchema1764000000000,
  TokenSessions1764100000000,
  LoginFailures1764200000000,
  LeadWork1764300000000,
  PasswordResets1764400000000,
  LeadImports1764500000000,
  LeadIdOrder1764600000000,
];

/** The name of the second connection, for reads made outside a transaction (`@InjectRepository(Lead, READER)`). */
export const READER = 'reader';

/** SQLite waits this long for a lock held by another process before failing. */
const SQLITE_BUSY_TIMEOUT_MS = 5000;
const POSTGRES_POOL_SIZE = 10;

const common = {
  entities,
  synchronize: false,
  // Failed queries are not logged here: expected ones (a taken email) are
  // answered as 400s, unexpected ones are logged once by the exception filter.
  logging: ['warn', 'migration'] as LoggerOptions,
} as const;

/**
 * The writer: the one description of the database, shared by the app
 * (`TypeOrmModule`) and the TypeORM CLI (`ormconfig.ts`). Schema changes only
 * ever come from migrations. A DataSource built from these options applies
 * them when it opens; the app instead applies them under a lock (`migrate.ts`), once.
 */
export function buildDataSourceOptions(database: DatabaseSettings): DataSourceOptions {
  const writer = { ...common, migrations, migrationsRun: true, migrationsTransactionMode: 'each' } as const;
  if (database.type === 'sqlite') {
    return {
      ...writer,
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
  return { ...writer, type: 'postgres', url: database.url, poolSize: POSTGRES_POOL_SIZE };
}

/**
 * The reader, built from the same settings: reads outside a transaction see
 * committed data only. On SQLite a read-only connection to the same WAL file
 * (a reader there sees the last commit and never waits for the writer); on
 * PostgreSQL a pool of its own, on `readUrl` (a replica) when one is given.
 */
export function buildReaderOptions(database: DatabaseSettings, readUrl: string | null): DataSourceOptions {
  const reader = { ...common, migrationsRun: false } as const;
  if (database.type === 'sqlite') {
    return {
      ...reader,
      type: 'better-sqlite3',
      database: database.path,
      readonly: true,
      fileMustExist: true,
      timeout: SQLITE_BUSY_TIMEOUT_MS,
    };
  }
  return { ...reader, type: 'postgres', url: readUrl ?? database.url, poolSize: POSTGRES_POOL_SIZE };
}

/** An in-memory SQLite database cannot be opened twice: there the reader is the writer's own connection. */
export const readerSharesWriter = (database: DatabaseSettings): boolean => database.type === 'sqlite' && database.path === ':memory:';

import { type LOG_LEVELS, parseEnvironment } from './environment.js';

export type LogLevel = (typeof LOG_LEVELS)[number];

export type ErrorFormat = 'envelope' | 'drf';

export type DatabaseSettings =
  | { type: 'sqlite'; path: string }
  | { type: 'postgres'; url: string };

/** Typed, validated settings; the only place defaults are written. */
export interface Settings {
  port: number;
  host: string;
  database: DatabaseSettings;
  /** Token lifetime in seconds; 0 means tokens never expire. */
  tokenTtlSeconds: number;
  tokenAutoRefresh: boolean;
  /** Auto-refresh never pushes an expiry past creation + this many seconds; null means no cap. */
  tokenAutoRefreshMaxTtlSeconds: number | null;
  /** Live tokens a user may hold; null means no limit. */
  tokenLimitPerUser: number | null;
  /** Register + login attempts per client IP per minute; 0 turns throttling off. */
  throttleAuthPerMinute: number;
  bcryptRounds: number;
  errorFormat: ErrorFormat;
  logLevel: LogLevel;
  /** Express's `trust proxy`: false, true, a hop count, or proxy addresses/subnets. */
  trustProxy: boolean | number | string;
  /** Origins allowed by CORS; empty allows none, `['*']` any. */
  corsOrigins: string[];
  /** How long shutdown waits for in-flight requests before giving up. */
  shutdownTimeoutMs: number;
  /** Where the shared throttle counters live; null keeps them in each process. */
  redisUrl: string | null;
  /** Worker processes serving one port. */
  webConcurrency: number;
  /** A password hash that would wait longer than this in the queue is refused with 503. */
  hashQueueMaxWaitMs: number;
  /** Where Prometheus metrics are served (on `host`); null turns metrics off. */
  metricsPort: number | null;
}

const DEFAULT_DATABASE_URL = 'sqlite:./db.sqlite3';

export function loadSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const vars = parseEnvironment(env);
  return {
    port: vars.PORT ?? 8000,
    host: vars.HOST ?? '127.0.0.1',
    database: parseDatabaseUrl(vars.DATABASE_URL ?? DEFAULT_DATABASE_URL),
    tokenTtlSeconds: vars.TOKEN_TTL ?? 36000,
    tokenAutoRefresh: vars.TOKEN_AUTO_REFRESH ?? false,
    tokenAutoRefreshMaxTtlSeconds: vars.TOKEN_AUTO_REFRESH_MAX_TTL ?? null,
    tokenLimitPerUser: vars.TOKEN_LIMIT_PER_USER ?? null,
    throttleAuthPerMinute: vars.THROTTLE_AUTH_PER_MINUTE ?? 20,
    bcryptRounds: vars.BCRYPT_ROUNDS ?? 12,
    errorFormat: vars.ERROR_FORMAT ?? 'envelope',
    logLevel: vars.LOG_LEVEL ?? 'info',
    trustProxy: parseTrustProxy(vars.TRUST_PROXY ?? 'false'),
    corsOrigins: (vars.CORS_ORIGINS ?? '').split(',').map((origin) => origin.trim()).filter(Boolean),
    shutdownTimeoutMs: vars.SHUTDOWN_TIMEOUT_MS ?? 10_000,
    redisUrl: vars.REDIS_URL ?? null,
    webConcurrency: vars.WEB_CONCURRENCY ?? 1,
    hashQueueMaxWaitMs: vars.HASH_QUEUE_MAX_WAIT_MS ?? 2000,
    metricsPort: vars.METRICS_PORT ?? null,
  };
}

function parseTrustProxy(value: string): boolean | number | string {
  const word = value.toLowerCase();
  if (word === 'true') return true;
  if (word === 'false') return false;
  return /^\d+$/.test(value) ? Number(value) : value;
}

function parseDatabaseUrl(url: string): DatabaseSettings {
  if (url.startsWith('sqlite:')) {
    return { type: 'sqlite', path: url.slice('sqlite:'.length) };
  }
  return { type: 'postgres', url };
}

/** The database as it may be printed: no password, and no query string (it may carry one). */
export function describeDatabase(database: DatabaseSettings): string {
  if (database.type === 'sqlite') return `sqlite:${database.path}`;
  const url = new URL(database.url);
  if (url.password) url.password = '***';
  url.search = '';
  return url.toString();
}

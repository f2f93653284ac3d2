import { applyDecorators } from '@nestjs/common';
import { Expose, Transform, plainToInstance } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, Max, Min, ValidateBy, validateSync } from 'class-validator';
import { isIP } from 'node:net';
import { compile as compileTrust } from 'proxy-addr';

export const ERROR_FORMATS = ['envelope', 'drf'] as const;
export type ErrorFormat = (typeof ERROR_FORMATS)[number];
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type DatabaseSettings = { type: 'sqlite'; path: string } | { type: 'postgres'; url: string };

/** Keeps every expiry a four-digit-year ISO timestamp, which the schema and comparisons rely on. */
const MAX_TTL_SECONDS = 100 * 365 * 24 * 3600;
/** What a parser answers for text it refuses; the validator turns it into the variable's message. */
const INVALID = Symbol('invalid');
type Parsed<T> = T | typeof INVALID;

/** Variable of each setting, in the order declared below. */
const variables = new Map<string, string>();

/** The environment variable a setting is read from. */
function Variable(name: string) {
  return (target: object, property: string) => {
    variables.set(property, name);
    Expose({ name })(target, property);
  };
}

/**
 * Unset or empty (`PORT=`) keeps the default written on the field; any other
 * text becomes the final value through `parse`, so nothing is parsed twice.
 */
const read = <T>(parse: (text: string) => T) =>
  Transform(({ value }) => (typeof value === 'string' && value.trim() !== '' ? parse(value) : undefined));

/** "8000" is 8000; "8000x", "1.5" and "-" are not whole numbers. */
const WholeNumber = ({ min, max = Number.MAX_SAFE_INTEGER, message }: { min: number; max?: number; message: string }) =>
  applyDecorators(
    read((text) => (/^-?\d+$/.test(text.trim()) ? Number(text) : Number.NaN)),
    IsOptional(),
    IsInt({ message }),
    Min(min, { message }),
    Max(max, { message }),
  );

const FLAG_WORDS: Record<string, boolean> = { true: true, '1': true, yes: true, on: true, false: false, '0': false, no: false, off: false };
const Flag = () =>
  applyDecorators(
    read((text) => FLAG_WORDS[text.trim().toLowerCase()] ?? text),
    IsOptional(),
    IsBoolean({ message: 'must be true or false' }),
  );

const OneOf = (values: readonly string[], message: string) =>
  applyDecorators(
    read((text) => text),
    IsOptional(),
    IsIn(values, { message }),
  );

/** Any other shape: `parse` answers the value or INVALID. */
const Shaped = <T>(parse: (text: string) => Parsed<T>, message: string) =>
  applyDecorators(
    read(parse),
    IsOptional(),
    ValidateBy({ name: 'shape', validator: { validate: (value) => value !== INVALID, defaultMessage: () => message } }),
  );

/** RFC 1123 host names: dot-separated labels of letters, digits and inner hyphens. */
const HOST_NAME = /^(?=.{1,253}$)([a-z\d]([a-z\d-]{0,61}[a-z\d])?)(\.[a-z\d]([a-z\d-]{0,61}[a-z\d])?)*$/i;
const parseHost = (text: string): Parsed<string> => (isIP(text) !== 0 || HOST_NAME.test(text) ? text : INVALID);

const isPostgresUrl = (text: string): boolean => /^postgres(ql)?:\/\//.test(text) && Boolean(URL.parse(text)?.hostname);

function parseDatabaseUrl(text: string): Parsed<DatabaseSettings> {
  if (text.startsWith('sqlite:')) return text.length > 'sqlite:'.length ? { type: 'sqlite', path: text.slice('sqlite:'.length) } : INVALID;
  return isPostgresUrl(text) ? { type: 'postgres', url: text } : INVALID;
}

/** What Express's `trust proxy` accepts, checked with the library Express itself uses. */
function parseTrustProxy(text: string): Parsed<boolean | number | string> {
  if (/^(true|false)$/i.test(text)) return text.toLowerCase() === 'true';
  if (/^\d+$/.test(text)) return Number(text);
  try {
    compileTrust(text.split(',').map((part) => part.trim()));
    return text;
  } catch {
    return INVALID;
  }
}

const parseCorsOrigins = (text: string): Parsed<string[]> =>
  /^(\*|https?:\/\/[^\s,]+(\s*,\s*https?:\/\/[^\s,]+)*)$/.test(text.trim()) ? text.split(',').map((origin) => origin.trim()) : INVALID;

function parseRedisUrl(text: string): Parsed<string> {
  const url = /^rediss?:\/\//.test(text) ? URL.parse(text) : null;
  return url && url.hostname !== '' && /^(\/\d{0,2})?$/.test(url.pathname) ? text : INVALID;
}

/** `console`, or an SMTP server's URL (smtps:// speaks TLS from the start). */
const parseEmailUrl = (text: string): Parsed<string> =>
  text === 'console' || (/^smtps?:\/\//.test(text) && Boolean(URL.parse(text)?.hostname)) ? text : INVALID;

/** `a@b.c` or `Name <a@b.c>`: one address, as a From header takes it. */
const parseEmailFrom = (text: string): Parsed<string> =>
  /^([^<>@\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/.test(text.trim()) ? text.trim() : INVALID;

/** An http(s) address with no query or fragment; a trailing slash is dropped, so links join with one. */
function parsePublicUrl(text: string): Parsed<string> {
  const url = /^https?:\/\//.test(text) ? URL.parse(text) : null;
  return url && url.hostname !== '' && url.search === '' && url.hash === '' ? text.trim().replace(/\/+$/, '') : INVALID;
}
/** An import holds its file in memory while it runs: a gibibyte at most. */
export const MAX_IMPORT_BYTES = 1024 * 1024 * 1024;

/** A lock lasts at most this long after the failure that set it. */
export const MAX_LOGIN_FAILURE_WINDOW_SECONDS = 24 * 3600;

/**
 * Every setting, in the order of the README's table: the environment
 * variable, its rule, and its default. Messages complete the sentence
 * "VARIABLE ...".
 */
export class Settings {
  @Variable('PORT')
  @WholeNumber({ min: 1, max: 65535, message: 'must be a whole number between 1 and 65535' })
  port = 8000;

  @Variable('HOST')
  @Shaped(parseHost, 'must be an IP address or a host name such as localhost')
  host = '127.0.0.1';

  @Variable('DATABASE_URL')
  @Shaped(parseDatabaseUrl, 'must be sqlite:<path> or postgres://user:pass@host:port/db')
  database: DatabaseSettings = { type: 'sqlite', path: './db.sqlite3' };

  /** PostgreSQL only: where reads made outside a transaction go (a read replica); null: DATABASE_URL's database. */
  @Variable('DATABASE_READ_URL')
  @Shaped((text) => (isPostgresUrl(text) ? text : INVALID), 'must be postgres://user:pass@host:port/db')
  @ValidateBy({
    name: 'withPostgres',
    validator: {
      validate: (url, args) => url === null || (args?.object as Settings).database.type === 'postgres',
      defaultMessage: () => 'is for PostgreSQL only: DATABASE_URL names a SQLite database',
    },
  })
  databaseReadUrl: string | null = null;

  /** 0: tokens never expire. */
  @Variable('TOKEN_TTL')
  @WholeNumber({
    min: 0,
    max: MAX_TTL_SECONDS,
    message: 'must be a whole number of seconds up to 100 years, 3153600000 (0 = never expire)',
  })
  tokenTtlSeconds = 36000;

  @Variable('TOKEN_AUTO_REFRESH')
  @Flag()
  tokenAutoRefresh = false;

  /** Auto-refresh never pushes an expiry past creation + this; null: no cap. */
  @Variable('TOKEN_AUTO_REFRESH_MAX_TTL')
  @WholeNumber({
    min: 1,
    max: MAX_TTL_SECONDS,
    message: 'must be a whole number of seconds from 1 to 100 years, 3153600000 (unset = no cap)',
  })
  tokenAutoRefreshMaxTtlSeconds: number | null = null;

  /** Live tokens a user may hold; null: no limit. */
  @Variable('TOKEN_LIMIT_PER_USER')
  @WholeNumber({ min: 1, message: 'must be a whole number of at least 1 (unset = no limit)' })
  tokenLimitPerUser: number | null = null;

  /** Attempts at the throttled routes per client IP per minute; 0 turns throttling off. */
  @Variable('THROTTLE_AUTH_PER_MINUTE')
  @WholeNumber({ min: 0, message: 'must be a whole number (0 = off)' })
  throttleAuthPerMinute = 20;

  /** Express's `trust proxy`: false, true, a hop count, or proxy addresses/subnets. */
  @Variable('TRUST_PROXY')
  @Shaped(
    parseTrustProxy,
    'must be true, false, a number of proxy hops, or a comma-separated list of proxy addresses/subnets (or loopback, linklocal, uniquelocal)',
  )
  trustProxy: boolean | number | string = false;

  @Variable('BCRYPT_ROUNDS')
  @WholeNumber({ min: 4, max: 15, message: 'must be a whole number between 4 and 15' })
  bcryptRounds = 12;

  @Variable('ERROR_FORMAT')
  @OneOf(ERROR_FORMATS, 'must be envelope or drf')
  errorFormat: ErrorFormat = 'envelope';

  /** Origins allowed by CORS; empty allows none, `['*']` any. */
  @Variable('CORS_ORIGINS')
  @Shaped(parseCorsOrigins, 'must be * or a comma-separated list of origins such as https://app.example.com')
  corsOrigins: string[] = [];

  @Variable('LOG_LEVEL')
  @OneOf(LOG_LEVELS, `must be one of ${LOG_LEVELS.join(', ')}`)
  logLevel: LogLevel = 'info';

  /** How long shutdown waits for in-flight requests before giving up. */
  @Variable('SHUTDOWN_TIMEOUT_MS')
  @WholeNumber({ min: 0, message: 'must be a whole number of milliseconds' })
  shutdownTimeoutMs = 10_000;

  /** Where the shared throttle counters live; null keeps them in each process. */
  @Variable('REDIS_URL')
  @Shaped(parseRedisUrl, 'must be redis://host:port[/db]')
  redisUrl: string | null = null;

  /** Worker processes serving one port. */
  @Variable('WEB_CONCURRENCY')
  @WholeNumber({ min: 1, max: 64, message: 'must be a whole number of worker processes between 1 and 64' })
  webConcurrency = 1;

  /** Failed logins per username within the window before it is locked; 0 turns the lock off. */
  @Variable('LOGIN_FAILURES_PER_ACCOUNT')
  @WholeNumber({ min: 0, message: 'must be a whole number (0 = off)' })
  loginFailuresPerAccount = 10;

  /** The sliding window of LOGIN_FAILURES_PER_ACCOUNT; a day at most, which bounds a lock's Retry-After. */
  @Variable('LOGIN_FAILURE_WINDOW')
  @WholeNumber({ min: 1, max: MAX_LOGIN_FAILURE_WINDOW_SECONDS, message: 'must be a whole number of seconds between 1 and 86400' })
  loginFailureWindowSeconds = 900;

  /** A password hash that would wait longer than this in the queue is refused at once. */
  @Variable('HASH_QUEUE_MAX_WAIT_MS')
  @WholeNumber({ min: 1, message: 'must be a whole number of milliseconds of at least 1' })
  hashQueueMaxWaitMs = 2000;

  /** Port of the Prometheus metrics listener; null: no metrics. */
  @Variable('METRICS_PORT')
  @WholeNumber({ min: 1, max: 65535, message: 'must be a whole number between 1 and 65535 (unset = off)' })
  @ValidateBy({
    name: 'ownPort',
    validator: {
      validate: (port, args) => port !== (args?.object as Settings).port,
      defaultMessage: () => 'must differ from PORT: metrics have a listener of their own',
    },
  })
  metricsPort: number | null = null;

  /** Where email goes: `console` (one log line per email) or smtp(s)://user:pass@host:port. */
  @Variable('EMAIL_URL')
  @Shaped(parseEmailUrl, 'must be console, smtp://user:pass@host:port or smtps://user:pass@host:port')
  emailUrl = 'console';

  @Variable('EMAIL_FROM')
  @Shaped(parseEmailFrom, 'must be one address, such as no-reply@example.com or Lead Manager <no-reply@example.com>')
  emailFrom = 'Lead Manager <no-reply@localhost>';

  /** The address people open, which links in emails start with; null: http://HOST:PORT. */
  @Variable('PUBLIC_URL')
  @Shaped(parsePublicUrl, 'must be an http:// or https:// address such as https://leads.example.com')
  publicUrl: string | null = null;

  /** How long a password-reset link works. */
  @Variable('PASSWORD_RESET_TTL')
  @WholeNumber({ min: 1, max: 7 * 24 * 3600, message: 'must be a whole number of seconds between 1 and 604800 (a week)' })
  passwordResetTtlSeconds = 3600;

  /** The largest CSV file an import takes, in bytes (413 above it). */
  @Variable('IMPORT_MAX_BYTES')
  @WholeNumber({ min: 1, max: MAX_IMPORT_BYTES, message: 'must be a whole number of bytes between 1 and 1073741824 (1 GiB)' })
  importMaxBytes = 10 * 1024 * 1024;
}

/** Every variable the service reads, once: for whoever must scrub them (the benchmark). */
export const SETTING_NAMES: readonly string[] = [...variables.values()];

export class InvalidSettingError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
    received: string | undefined,
  ) {
    super(
      `Invalid setting ${variable}: ${problem} (got ${JSON.stringify(received?.includes('://') ? printableUrl(received) : received)}).`,
    );
    this.name = 'InvalidSettingError';
  }
}

/** The settings of `env`; throws on the first bad variable (in the table's order), naming it. */
export function loadSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const settings = plainToInstance(Settings, env, { excludeExtraneousValues: true, exposeUnsetFields: false });
  const [failure] = validateSync(settings, { stopAtFirstError: true });
  if (failure) {
    const variable = variables.get(failure.property)!;
    throw new InvalidSettingError(variable, Object.values(failure.constraints ?? {})[0] ?? 'is invalid', env[variable]);
  }
  return settings;
}

/** A URL as it may be printed: the password (up to the last @: it may hold one) as ***, and no query string (it may carry one). */
export function printableUrl(url: string): string {
  return url.replace(/^([^:]+:\/\/[^/:@]*:)[^/]*@/, '$1***@').replace(/\?.*$/, '');
}

/** The address the server listens on, as a browser opens it. */
export function listenUrl(settings: Pick<Settings, 'host' | 'port'>): string {
  return `http://${settings.host.includes(':') ? `[${settings.host}]` : settings.host}:${settings.port}`;
}

/** PUBLIC_URL, or the address the server listens on: what links in emails start with. */
export function publicUrl(settings: Pick<Settings, 'publicUrl' | 'host' | 'port'>): string {
  return settings.publicUrl ?? listenUrl(settings);
}

export function describeDatabase(database: DatabaseSettings): string {
  return database.type === 'sqlite' ? `sqlite:${database.path}` : printableUrl(database.url);
}

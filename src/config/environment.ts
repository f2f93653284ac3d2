import { Transform, plainToInstance } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  Matches,
  Max,
  Min,
  ValidateBy,
  getMetadataStorage,
  validateSync,
} from 'class-validator';

import { isIP } from 'node:net';
import { compile as compileTrust } from 'proxy-addr';

/** Keeps every expiry a four-digit-year ISO timestamp, which the schema and comparisons rely on. */
const MAX_TOKEN_TTL_SECONDS = 100 * 365 * 24 * 3600;

/** RFC 1123 host names: dot-separated labels of letters, digits and inner hyphens. */
const HOST_NAME = /^(?=.{1,253}$)([a-z\d]([a-z\d-]{0,61}[a-z\d])?)(\.[a-z\d]([a-z\d-]{0,61}[a-z\d])?)*$/i;

function isHost(value: unknown): boolean {
  return typeof value === 'string' && (isIP(value) !== 0 || HOST_NAME.test(value));
}

/** What Express's `trust proxy` accepts, checked with the library Express itself uses. */
function isTrustProxy(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (/^(true|false|\d+)$/i.test(value)) return true;
  try {
    compileTrust(value.split(',').map((part) => part.trim()));
    return true;
  } catch {
    return false;
  }
}

function isRedisUrl(value: unknown): boolean {
  if (typeof value !== 'string' || !/^rediss?:\/\//.test(value)) return false;
  try {
    const url = new URL(value);
    return url.hostname !== '' && /^(\/\d{0,2})?$/.test(url.pathname);
  } catch {
    return false;
  }
}

function isDatabaseUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (value.startsWith('sqlite:')) return value.length > 'sqlite:'.length;
  if (!/^postgres(ql)?:\/\//.test(value)) return false;
  try {
    return new URL(value).hostname !== '';
  } catch {
    return false;
  }
}

/** A value that must be a whole number: "8000" becomes 8000, "8000x" or "" become NaN and fail. */
const toInteger = () =>
  Transform(({ value }) => {
    if (value === undefined) return undefined;
    return typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  });

const toBoolean = () =>
  Transform(({ value }) => {
    if (value === undefined) return undefined;
    const word = String(value).trim().toLowerCase();
    if (['true', '1', 'yes', 'on'].includes(word)) return true;
    if (['false', '0', 'no', 'off'].includes(word)) return false;
    return value;
  });

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * The process environment as the service reads it. Every variable is optional;
 * defaults live in `settings.ts`. Messages complete the sentence "VARIABLE ...".
 */
class EnvironmentVariables {
  @IsOptional()
  @toInteger()
  @IsInt({ message: 'must be a whole number between 1 and 65535' })
  @Min(1, { message: 'must be a whole number between 1 and 65535' })
  @Max(65535, { message: 'must be a whole number between 1 and 65535' })
  PORT?: number;

  @IsOptional()
  @ValidateBy({
    name: 'host',
    validator: { validate: isHost, defaultMessage: () => 'must be an IP address or a host name such as localhost' },
  })
  HOST?: string;

  @IsOptional()
  @ValidateBy({
    name: 'databaseUrl',
    validator: { validate: isDatabaseUrl, defaultMessage: () => 'must be sqlite:<path> or postgres://user:pass@host:port/db' },
  })
  DATABASE_URL?: string;

  @IsOptional()
  @toInteger()
  @IsInt({ message: 'must be a whole number of seconds (0 = never expire)' })
  @Min(0, { message: 'must be a whole number of seconds (0 = never expire)' })
  @Max(MAX_TOKEN_TTL_SECONDS, { message: 'must be at most 100 years in seconds (3153600000)' })
  TOKEN_TTL?: number;

  @IsOptional()
  @toBoolean()
  @IsBoolean({ message: 'must be true or false' })
  TOKEN_AUTO_REFRESH?: boolean;

  @IsOptional()
  @toInteger()
  @IsInt({ message: 'must be a whole number of at least 1 (unset = no limit)' })
  @Min(1, { message: 'must be a whole number of at least 1 (unset = no limit)' })
  TOKEN_LIMIT_PER_USER?: number;

  @IsOptional()
  @toInteger()
  @IsInt({ message: 'must be a whole number (0 = off)' })
  @Min(0, { message: 'must be a whole number (0 = off)' })
  THROTTLE_AUTH_PER_MINUTE?: number;

  @IsOptional()
  @toInteger()
  @IsInt({ message: 'must be a whole number between 4 and 15' })
  @Min(4, { message: 'must be a whole number between 4 and 15' })
  @Max(15, { message: 'must be a whole number between 4 and 15' })
  BCRYPT_ROUNDS?: number;

  @IsOptional()
  @IsIn(['envelope', 'drf'], { message: 'must be envelope or drf' })
  ERROR_FORMAT?: 'envelope' | 'drf';

  @IsOptional()
  @IsIn(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL?: (typeof LOG_LEVELS)[number];

  @IsOptional()
  @ValidateBy({
    name: 'trustProxy',
    validator: {
      validate: isTrustProxy,
      defaultMessage: () =>
        'must be true, false, a number of proxy hops, or a comma-separated list of proxy addresses/subnets (or loopback, linklocal, uniquelocal)',
    },
  })
  TRUST_PROXY?: string;

  @IsOptional()
  @Matches(/^(\*|https?:\/\/[^\s,]+(\s*,\s*https?:\/\/[^\s,]+)*)$/, {
    message: 'must be * or a comma-separated list of origins such as https://app.example.com',
  })
  CORS_ORIGINS?: string;

  @IsOptional()
  @toInteger()
  @IsInt({ message: 'must be a whole number of milliseconds' })
  @Min(0, { message: 'must be a whole number of milliseconds' })
  SHUTDOWN_TIMEOUT_MS?: number;

  @IsOptional()
  @toInteger()
  @IsInt({ message: 'must be a whole number of seconds of at least 1 (unset = no cap)' })
  @Min(1, { message: 'must be a whole number of seconds of at least 1 (unset = no cap)' })
  @Max(MAX_TOKEN_TTL_SECONDS, { message: 'must be at most 100 years in seconds (3153600000)' })
  TOKEN_AUTO_REFRESH_MAX_TTL?: number;

  @IsOptional()
  @ValidateBy({
    name: 'redisUrl',
    validator: { validate: isRedisUrl, defaultMessage: () => 'must be redis://host:port[/db]' },
  })
  REDIS_URL?: string;

  @IsOptional()
  @toInteger()
  @IsInt({ message: 'must be a whole number of worker processes between 1 and 64' })
  @Min(1, { message: 'must be a whole number of worker processes between 1 and 64' })
  @Max(64, { message: 'must be a whole number of worker processes between 1 and 64' })
  WEB_CONCURRENCY?: number;

  @IsOptional()
  @toInteger()
  @IsInt({ message: 'must be a whole number of milliseconds' })
  @Min(0, { message: 'must be a whole number of milliseconds' })
  HASH_QUEUE_MAX_WAIT_MS?: number;

  @IsOptional()
  @toInteger()
  @IsInt({ message: 'must be a whole number between 1 and 65535 (unset = no metrics)' })
  @Min(1, { message: 'must be a whole number between 1 and 65535 (unset = no metrics)' })
  @Max(65535, { message: 'must be a whole number between 1 and 65535 (unset = no metrics)' })
  METRICS_PORT?: number;
}

/**
 * Every variable the service reads, taken from the class above (each has a
 * rule): the one list of names, for whoever must scrub them (the benchmark).
 */
export const SETTING_NAMES: readonly string[] = [
  ...new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(EnvironmentVariables, '', true, false)
      .map((rule) => rule.propertyName),
  ),
];

export class InvalidSettingError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
    received: unknown,
  ) {
    super(`Invalid setting ${variable}: ${problem} (got ${JSON.stringify(withoutPassword(received))}).`);
    this.name = 'InvalidSettingError';
  }
}

/** A value as it may be printed: `user:secret@` in a URL becomes `user:***@`, a query string `?***`. */
function withoutPassword(value: unknown): unknown {
  if (typeof value !== 'string' || !value.includes('://')) return value;
  // Up to the last @: a password may itself contain one. A query string may carry one too.
  return value.replace(/^([^:]+:\/\/[^/:@]*:)[^/]*@/, '$1***@').replace(/\?.*$/, '?***');
}

/** Validates the variables the service knows; throws on the first bad one, naming it. */
export function parseEnvironment(env: NodeJS.ProcessEnv): EnvironmentVariables {
  const known = Object.fromEntries(
    SETTING_NAMES.map((key) => [key, emptyToUndefined(env[key])]),
  );
  const parsed = plainToInstance(EnvironmentVariables, known);
  const [failure] = validateSync(parsed, { stopAtFirstError: true });
  if (failure) {
    const problem = Object.values(failure.constraints ?? {})[0] ?? 'is invalid';
    throw new InvalidSettingError(failure.property, problem, known[failure.property]);
  }
  return parsed;
}

/** An empty variable (`PORT=`) means "use the default", as in most shells' tooling. */
function emptyToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

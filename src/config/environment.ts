import { Transform, plainToInstance } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

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

/**
 * The process environment as the service reads it. Every variable is optional;
 * defaults live in `settings.ts`. Messages complete the sentence "VARIABLE ...".
 */
export class EnvironmentVariables {
  @IsOptional()
  @toInteger()
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be between 1 and 65535' })
  @Max(65535, { message: 'must be between 1 and 65535' })
  PORT?: number;

  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  HOST?: string;

  @IsOptional()
  @Matches(/^(sqlite:.+|postgres(ql)?:\/\/.+)$/, {
    message: 'must be sqlite:<path> or postgres://user:pass@host:port/db',
  })
  DATABASE_URL?: string;

  @IsOptional()
  @toInteger()
  @IsInt({ message: 'must be a whole number of seconds (0 = never expire)' })
  @Min(0, { message: 'must be a whole number of seconds (0 = never expire)' })
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
}

export class InvalidSettingError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
    received: unknown,
  ) {
    super(`Invalid setting ${variable}: ${problem} (got ${JSON.stringify(received)}).`);
    this.name = 'InvalidSettingError';
  }
}

/** Validates the variables the service knows; throws on the first bad one, naming it. */
export function parseEnvironment(env: NodeJS.ProcessEnv): EnvironmentVariables {
  const known = Object.fromEntries(
    Object.keys(new EnvironmentVariablesKeys()).map((key) => [key, emptyToUndefined(env[key])]),
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

/** The names parseEnvironment reads; kept beside the class so a new variable cannot be forgotten. */
class EnvironmentVariablesKeys implements Record<keyof EnvironmentVariables, undefined> {
  PORT = undefined;
  HOST = undefined;
  DATABASE_URL = undefined;
  TOKEN_TTL = undefined;
  TOKEN_AUTO_REFRESH = undefined;
  TOKEN_LIMIT_PER_USER = undefined;
  THROTTLE_AUTH_PER_MINUTE = undefined;
  BCRYPT_ROUNDS = undefined;
  ERROR_FORMAT = undefined;
}

import { describeDatabase, InvalidSettingError, loadSettings, printableUrl, SETTING_NAMES } from './settings.js';

/** The error loadSettings throws for `env`, failing the test when it throws none. */
function settingError(env: Record<string, string>): InvalidSettingError {
  try {
    loadSettings(env);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidSettingError);
    return error as InvalidSettingError;
  }
  throw new Error(`loadSettings accepted ${JSON.stringify(env)}`);
}

describe('loadSettings', () => {
  it('fills every setting with its documented default when nothing is set', () => {
    expect(loadSettings({})).toEqual({
      port: 8000,
      host: '127.0.0.1',
      database: { type: 'sqlite', path: './db.sqlite3' },
      databaseReadUrl: null,
      tokenTtlSeconds: 36000,
      tokenAutoRefresh: false,
      tokenLimitPerUser: null,
      throttleAuthPerMinute: 20,
      bcryptRounds: 12,
      errorFormat: 'envelope',
      logLevel: 'info',
      trustProxy: false,
      corsOrigins: [],
      shutdownTimeoutMs: 10000,
      tokenAutoRefreshMaxTtlSeconds: null,
      redisUrl: null,
      webConcurrency: 1,
      loginFailuresPerAccount: 10,
      loginFailureWindowSeconds: 900,
      hashQueueMaxWaitMs: 2000,
      metricsPort: null,
      emailUrl: 'console',
      emailFrom: 'Lead Manager <no-reply@localhost>',
      publicUrl: null,
      passwordResetTtlSeconds: 3600,
      importMaxBytes: 10485760,
    });
  });

  it('treats empty variables as unset', () => {
    expect(loadSettings({ PORT: '', TOKEN_TTL: '  ', ERROR_FORMAT: '' })).toMatchObject({
      port: 8000,
      tokenTtlSeconds: 36000,
      errorFormat: 'envelope',
    });
  });

  it('reads every variable the contract names', () => {
    expect(
      loadSettings({
        PORT: '3000',
        HOST: '0.0.0.0',
        DATABASE_URL: 'postgres://lead:secret@db:5432/leads',
        DATABASE_READ_URL: 'postgres://lead:secret@replica:5432/leads',
        TOKEN_TTL: '0',
        TOKEN_AUTO_REFRESH: 'true',
        TOKEN_LIMIT_PER_USER: '5',
        THROTTLE_AUTH_PER_MINUTE: '0',
        BCRYPT_ROUNDS: '4',
        ERROR_FORMAT: 'drf',
        LOG_LEVEL: 'warn',
        TRUST_PROXY: '1',
        CORS_ORIGINS: 'https://a.example.com, https://b.example.com',
        SHUTDOWN_TIMEOUT_MS: '2500',
        TOKEN_AUTO_REFRESH_MAX_TTL: '86400',
        REDIS_URL: 'redis://cache:6379/2',
        WEB_CONCURRENCY: '4',
        LOGIN_FAILURES_PER_ACCOUNT: '0',
        LOGIN_FAILURE_WINDOW: '60',
        HASH_QUEUE_MAX_WAIT_MS: '500',
        METRICS_PORT: '9464',
        EMAIL_URL: 'smtps://mailer:secret@smtp.example.com:465',
        EMAIL_FROM: 'Leads <leads@example.com>',
        PUBLIC_URL: 'https://leads.example.com/',
        PASSWORD_RESET_TTL: '900',
        IMPORT_MAX_BYTES: '1048576',
      }),
    ).toEqual({
      port: 3000,
      host: '0.0.0.0',
      database: { type: 'postgres', url: 'postgres://lead:secret@db:5432/leads' },
      databaseReadUrl: 'postgres://lead:secret@replica:5432/leads',
      tokenTtlSeconds: 0,
      tokenAutoRefresh: true,
      tokenLimitPerUser: 5,
      throttleAuthPerMinute: 0,
      bcryptRounds: 4,
      errorFormat: 'drf',
      logLevel: 'warn',
      trustProxy: 1,
      corsOrigins: ['https://a.example.com', 'https://b.example.com'],
      shutdownTimeoutMs: 2500,
      tokenAutoRefreshMaxTtlSeconds: 86400,
      redisUrl: 'redis://cache:6379/2',
      webConcurrency: 4,
      loginFailuresPerAccount: 0,
      loginFailureWindowSeconds: 60,
      hashQueueMaxWaitMs: 500,
      metricsPort: 9464,
      emailUrl: 'smtps://mailer:secret@smtp.example.com:465',
      emailFrom: 'Leads <leads@example.com>',
      publicUrl: 'https://leads.example.com',
      passwordResetTtlSeconds: 900,
      importMaxBytes: 1048576,
    });
  });

  it.each([
    ['true', true],
    ['false', false],
    ['2', 2],
    ['loopback, 10.0.0.0/8', 'loopback, 10.0.0.0/8'],
  ])('reads TRUST_PROXY=%s as %j', (value, expected) => {
    expect(loadSettings({ TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it('never prints the password of a refused DATABASE_URL', () => {
    const error = settingError({ DATABASE_URL: 'mysql://root:hunter2@db/x' });
    expect(error.message).not.toContain('hunter2');
    expect(error.message).toContain('mysql://root:***@db/x');
  });

  it('masks a password that contains @, and any query string', () => {
    expect(settingError({ DATABASE_URL: 'mysql://u:p@ss@h/db' }).message).toContain('"mysql://u:***@h/db"');
    const withQuery = settingError({ DATABASE_URL: 'mysql://u@h/db?password=s3cr3t' }).message;
    expect(withQuery).not.toContain('s3cr3t');
  });

  it.each(['TRUE', 'False', '2', 'loopback', '10.0.0.0/8, 192.168.1.1'])('accepts TRUST_PROXY=%s', (value) => {
    expect(() => loadSettings({ TRUST_PROXY: value })).not.toThrow();
  });

  it.each(['0.0.0.0', '::1', 'localhost', 'api.internal'])('accepts HOST=%s', (value) => {
    expect(loadSettings({ HOST: value }).host).toBe(value);
  });

  it('refuses a postgres URL that cannot be parsed, naming the variable', () => {
    const error = settingError({ DATABASE_URL: 'postgres://u:p@[bad/db' });
    expect(error.variable).toBe('DATABASE_URL');
    expect(error.message).not.toContain(':p@');
  });

  it('caps TOKEN_TTL so every expiry stays a four-digit-year timestamp', () => {
    expect(loadSettings({ TOKEN_TTL: '3153600000' }).tokenTtlSeconds).toBe(3153600000);
    expect(settingError({ TOKEN_TTL: '300000000000' }).variable).toBe('TOKEN_TTL');
  });

  it('reads a sqlite: URL as a file path', () => {
    expect(loadSettings({ DATABASE_URL: 'sqlite:/var/lib/leads/db.sqlite3' }).database).toEqual({
      type: 'sqlite',
      path: '/var/lib/leads/db.sqlite3',
    });
  });

  it('takes DATABASE_READ_URL with a PostgreSQL DATABASE_URL only, naming it when it is refused', () => {
    expect(settingError({ DATABASE_READ_URL: 'postgres://replica/leads' }).message).toBe(
      'Invalid setting DATABASE_READ_URL: is for PostgreSQL only: DATABASE_URL names a SQLite database (got "postgres://replica/leads").',
    );
    expect(settingError({ DATABASE_URL: 'postgres://db/leads', DATABASE_READ_URL: 'sqlite:./replica.sqlite3' }).variable).toBe(
      'DATABASE_READ_URL',
    );
  });

  it('accepts the postgresql:// spelling too', () => {
    expect(loadSettings({ DATABASE_URL: 'postgresql://db/leads' }).database).toEqual({
      type: 'postgres',
      url: 'postgresql://db/leads',
    });
  });

  it.each([
    ['true', true],
    ['1', true],
    ['yes', true],
    ['false', false],
    ['off', false],
  ])('reads TOKEN_AUTO_REFRESH=%s as %s', (value, expected) => {
    expect(loadSettings({ TOKEN_AUTO_REFRESH: value }).tokenAutoRefresh).toBe(expected);
  });

  it('lists every variable it reads, once, in the order of the README table', () => {
    expect(SETTING_NAMES).toEqual([
      'PORT',
      'HOST',
      'DATABASE_URL',
      'DATABASE_READ_URL',
      'TOKEN_TTL',
      'TOKEN_AUTO_REFRESH',
      'TOKEN_AUTO_REFRESH_MAX_TTL',
      'TOKEN_LIMIT_PER_USER',
      'THROTTLE_AUTH_PER_MINUTE',
      'TRUST_PROXY',
      'BCRYPT_ROUNDS',
      'ERROR_FORMAT',
      'CORS_ORIGINS',
      'LOG_LEVEL',
      'SHUTDOWN_TIMEOUT_MS',
      'REDIS_URL',
      'WEB_CONCURRENCY',
      'LOGIN_FAILURES_PER_ACCOUNT',
      'LOGIN_FAILURE_WINDOW',
      'HASH_QUEUE_MAX_WAIT_MS',
      'METRICS_PORT',
      'EMAIL_URL',
      'EMAIL_FROM',
      'PUBLIC_URL',
      'PASSWORD_RESET_TTL',
      'IMPORT_MAX_BYTES',
    ]);
  });

  it('ignores variables it does not know', () => {
    expect(loadSettings({ NODE_ENV: 'production', SECRET_KEY: 'x' }).port).toBe(8000);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '0'],
    ['PORT', '70000'],
    ['PORT', '80.5'],
    ['PORT', '8000x'],
    ['DATABASE_URL', 'mysql://x'],
    ['DATABASE_URL', 'sqlite:'],
    ['DATABASE_URL', './db.sqlite3'],
    ['TOKEN_TTL', '-1'],
    ['TOKEN_TTL', '1.5'],
    ['TOKEN_TTL', '10h'],
    ['TOKEN_AUTO_REFRESH', 'maybe'],
    ['TOKEN_LIMIT_PER_USER', '0'],
    ['THROTTLE_AUTH_PER_MINUTE', '-5'],
    ['BCRYPT_ROUNDS', '3'],
    ['BCRYPT_ROUNDS', '16'],
    ['ERROR_FORMAT', 'json'],
    ['ERROR_FORMAT', 'DRF '],
    ['LOG_LEVEL', 'verbose'],
    ['TRUST_PROXY', 'yes'],
    ['TRUST_PROXY', '10.0.0.0/99'],
    ['HOST', 'not_a_host'],
    ['HOST', 'bad host'],
    ['CORS_ORIGINS', 'example.com'],
    ['SHUTDOWN_TIMEOUT_MS', 'soon'],
    ['TOKEN_AUTO_REFRESH_MAX_TTL', '0'],
    ['REDIS_URL', 'localhost:6379'],
    ['REDIS_URL', 'redis://cache:6379/db'],
    ['WEB_CONCURRENCY', '0'],
    ['WEB_CONCURRENCY', 'auto'],
    ['LOGIN_FAILURES_PER_ACCOUNT', '-1'],
    ['LOGIN_FAILURES_PER_ACCOUNT', 'ten'],
    ['LOGIN_FAILURE_WINDOW', '0'],
    ['LOGIN_FAILURE_WINDOW', '15m'],
    ['LOGIN_FAILURE_WINDOW', '86401'],
    ['HASH_QUEUE_MAX_WAIT_MS', '0'],
    ['HASH_QUEUE_MAX_WAIT_MS', '2.5'],
    ['METRICS_PORT', '0'],
    ['METRICS_PORT', '65536'],
    ['EMAIL_URL', 'smtp.example.com'],
    ['EMAIL_URL', 'sendmail'],
    ['EMAIL_FROM', 'no address'],
    ['EMAIL_FROM', 'a@b.c, d@e.f'],
    ['PUBLIC_URL', 'leads.example.com'],
    ['PUBLIC_URL', 'https://leads.example.com/#x'],
    ['PASSWORD_RESET_TTL', '0'],
    ['PASSWORD_RESET_TTL', '1h'],
    ['IMPORT_MAX_BYTES', '0'],
    ['IMPORT_MAX_BYTES', '10MB'],
    ['IMPORT_MAX_BYTES', '1073741825'],
  ])('refuses %s=%j with one line naming the variable', (variable, value) => {
    const error = settingError({ [variable]: value });

    expect(error.variable).toBe(variable);
    expect(error.message).toContain(variable);
    expect(error.message).toContain(JSON.stringify(value));
    expect(error.message).not.toMatch(/[\r\n]/);
  });

  it('explains what a good value looks like', () => {
    expect(settingError({ PORT: '70000' }).message).toBe('Invalid setting PORT: must be a whole number between 1 and 65535 (got "70000").');
    expect(settingError({ DATABASE_URL: 'mysql://x' }).message).toBe(
      'Invalid setting DATABASE_URL: must be sqlite:<path> or postgres://user:pass@host:port/db (got "mysql://x").',
    );
    expect(settingError({ ERROR_FORMAT: 'json' }).message).toBe('Invalid setting ERROR_FORMAT: must be envelope or drf (got "json").');
    expect(settingError({ PORT: '9464', METRICS_PORT: '9464' }).message).toBe(
      'Invalid setting METRICS_PORT: must differ from PORT: metrics have a listener of their own (got "9464").',
    );
    expect(settingError({ METRICS_PORT: '8000' }).variable).toBe('METRICS_PORT');
  });

  it('names the first bad variable in the order of the table when several are bad', () => {
    const error = settingError({ ERROR_FORMAT: 'json', PORT: 'abc' });

    expect(error.variable).toBe('PORT');
    expect(error.message.split('\n')).toHaveLength(1);
  });
});

describe('describeDatabase', () => {
  it('masks the password of a PostgreSQL URL', () => {
    const shown = describeDatabase({ type: 'postgres', url: 'postgres://lead:s3cr3t@db.internal:5432/leads' });

    expect(shown).toBe('postgres://lead:***@db.internal:5432/leads');
    expect(shown).not.toContain('s3cr3t');
  });

  it('leaves a PostgreSQL URL without a password as it is', () => {
    expect(describeDatabase({ type: 'postgres', url: 'postgres://lead@db:5432/leads' })).toBe('postgres://lead@db:5432/leads');
  });

  it('drops a query string, which may carry a password', () => {
    expect(describeDatabase({ type: 'postgres', url: 'postgres://lead@db/leads?password=s3cr3t&sslmode=require' })).toBe(
      'postgres://lead@db/leads',
    );
  });

  it('never prints the password of a refused EMAIL_URL', () => {
    expect(settingError({ EMAIL_URL: 'smtp://mailer:hunter2@' }).message).not.toContain('hunter2');
  });

  it('masks a Redis password the same way', () => {
    expect(printableUrl('redis://:s3cr3t@cache:6379/2')).toBe('redis://:***@cache:6379/2');
  });

  it('shows a SQLite database as its sqlite: URL', () => {
    expect(describeDatabase({ type: 'sqlite', path: './db.sqlite3' })).toBe('sqlite:./db.sqlite3');
  });
});

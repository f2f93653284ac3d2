import { Logger, type LoggerService } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { freePort } from '../../../test/support/server-process.js';
import { RedisService, RedisUnavailableError } from './redis.service.js';

/** Collects the errors RedisService logs. */
function captureErrors(): string[] {
  const errors: string[] = [];
  const capture: LoggerService = {
    log: () => undefined,
    error: (message: string) => errors.push(message),
    warn: () => undefined,
  };
  Logger.overrideLogger(capture);
  return errors;
}

describe('RedisService logging', () => {
  afterEach(() => Logger.overrideLogger(false));

  it('never prints the password of REDIS_URL', async () => {
    const errors = captureErrors();
    // Nothing listens on a port just found free: the connection is refused, and the refusal logged.
    const port = await freePort();
    const redis = new RedisService(new ConfigService({ redisUrl: `redis://:hunter2@127.0.0.1:${port}/3` }));
    await redis.onModuleInit();
    await redis.onApplicationShutdown();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`redis://:***@127.0.0.1:${port}/3 is not answering`);
    expect(errors[0]).not.toContain('hunter2');
  });
});

describe('RedisService without REDIS_URL', () => {
  it('has no client and refuses commands', async () => {
    const redis = new RedisService(new ConfigService({ redisUrl: null }));
    expect(redis.client).toBeNull();
    await redis.onModuleInit();
    await expect(redis.run((client) => client.ping())).rejects.toBeInstanceOf(RedisUnavailableError);
    await redis.onApplicationShutdown();
  });
});

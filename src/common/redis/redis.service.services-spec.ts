import { Logger, type LoggerService } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { startRedisServer, type RedisServer } from '../../../test/support/redis-server.js';
import { RedisService, RedisUnavailableError } from './redis.service.js';

/** Collects what RedisService logs. */
function captureLogs(): { errors: string[]; infos: string[] } {
  const lines = { errors: [] as string[], infos: [] as string[] };
  const capture: LoggerService = {
    log: (message: string) => lines.infos.push(message),
    error: (message: string) => lines.errors.push(message),
    warn: () => undefined,
  };
  Logger.overrideLogger(capture);
  return lines;
}

async function until(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('RedisService on a real redis-server', () => {
  let server: RedisServer;
  let redis: RedisService;

  beforeEach(async () => {
    server = await startRedisServer();
    redis = new RedisService(new ConfigService({ redisUrl: server.url }));
  });

  afterEach(async () => {
    await redis.onApplicationShutdown();
    await server.kill();
    Logger.overrideLogger(false);
  });

  it('logs an outage once however many commands fail, and its end once', async () => {
    const logs = captureLogs();
    await redis.onModuleInit();
    expect(await redis.isAnswering()).toBe(true);

    await server.kill();
    for (let i = 0; i < 20; i++) {
      await expect(redis.run((client) => client.ping())).rejects.toBeInstanceOf(RedisUnavailableError);
    }
    expect(await redis.isAnswering()).toBe(false);
    expect(logs.errors).toHaveLength(1);
    expect(logs.errors[0]).toMatch(/^Redis at redis:\/\/127\.0\.0\.1:\d+ is not answering \(.+\)/);

    await server.restart();
    await until(() => redis.isAnswering());
    expect(logs.infos.filter((line) => /answers again/.test(line))).toHaveLength(1);

    await server.kill();
    await until(async () => !(await redis.isAnswering()));
    expect(logs.errors).toHaveLength(2);
  });

  it('gives up on a frozen Redis after the command timeout instead of waiting', async () => {
    captureLogs();
    await redis.onModuleInit();
    server.pause();
    // A command waiting on the frozen server would outlast the test: it is refused after COMMAND_TIMEOUT_MS instead.
    await expect(redis.run((client) => client.ping())).rejects.toBeInstanceOf(RedisUnavailableError);
    server.resume();
    await until(() => redis.isAnswering());
  });

  it('starts while Redis is away and connects when it comes', async () => {
    captureLogs();
    await server.kill();
    await redis.onModuleInit();
    expect(await redis.isAnswering()).toBe(false);
    await server.restart();
    await until(() => redis.isAnswering());
  });

  it('lets the process exit once closed', async () => {
    await redis.onModuleInit();
    await redis.onApplicationShutdown();
    expect(redis.client?.status).toBe('end');
  });
});

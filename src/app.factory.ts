import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module.js';
import type { Settings } from './config/settings.js';

export const BODY_LIMIT = '1mb';

/**
 * Builds the app as production runs it; `main.ts`, the e2e tests and the
 * benchmark all start here. Only what Express itself must be told lives here;
 * everything else is a provider in AppModule.
 */
export async function createApp(settings: Settings, options: { logger?: false } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(settings), {
    bodyParser: false,
    logger: options.logger,
  });
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.useBodyParser('urlencoded', { limit: BODY_LIMIT, extended: false });
  app.disable('x-powered-by');
  app.set('trust proxy', settings.trustProxy);
  app.enableShutdownHooks();
  return app;
}

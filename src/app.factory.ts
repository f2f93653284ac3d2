import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module.js';
import { parseBody } from './common/http/body.middleware.js';
import { answerUnparsableRequests } from './common/http/client-errors.js';
import { answerOptions } from './common/http/options.middleware.js';
import { securityHeaders } from './common/http/security-headers.js';
import { createLogger, PinoNestLogger } from './common/logging/logger.js';
import { requestLogger } from './common/logging/request-logger.js';
import { setupOpenApi } from './common/openapi/openapi.js';
import { IMPORT_ROUTE } from './imports/imports.controller.js';
import type { Settings } from './config/settings.js';
import { httpMetrics } from './metrics/http-metrics.middleware.js';
import { Metrics } from './metrics/metrics.service.js';
import { serveWebClient } from './web/web-client.js';

export interface CreateAppOptions {
  /** Where log lines go (tests read them); stdout by default. */
  logDestination?: DestinationStream;
  /** A root module wrapping `AppModule.forRoot(settings)` with more routes (the benchmark's). */
  rootModule?: DynamicModule;
}

/**
 * Builds the app as production runs it; `main.ts`, the e2e tests and the
 * benchmark all start here. Every middleware is registered here, in the order
 * a request meets it; guards, pipes and the filter are providers in AppModule.
 */
export async function createApp(settings: Settings, options: CreateAppOptions = {}): Promise<INestApplication> {
  const logger = createLogger(settings.logLevel, options.logDestination);
  const app = await NestFactory.create<NestExpressApplication>(options.rootModule ?? AppModule.forRoot(settings), {
    bodyParser: false,
    logger: new PinoNestLogger(logger),
    // Let start-up errors reach the caller (main.ts prints them; tests see them) instead of exiting here.
    abortOnError: false,
  });
  app.disable('x-powered-by');
  // DRF sends no ETags either; hashing every body is work no client uses.
  app.set('etag', false);
  app.set('trust proxy', settings.trustProxy);
  const metrics = app.get(Metrics);
  if (metrics.enabled) app.use(httpMetrics(metrics.httpDuration, app.getHttpAdapter().getInstance()));
  app.use(requestLogger(logger));
  app.use(
    securityHeaders({
      contentSecurityPolicy: {
        directives: {
          // Swagger UI loads its own scripts and styles, and shows data: images; nothing else is needed.
          'img-src': ["'self'", 'data:'],
          // The service may be reached over plain HTTP on a private network: do not force https.
          'upgrade-insecure-requests': null,
        },
      },
    }),
  );
  if (settings.corsOrigins.length > 0) {
    app.enableCors({
      origin: settings.corsOrigins.includes('*') ? true : settings.corsOrigins,
      exposedHeaders: [
        'Link',
        'Retry-After',
        'RateLimit-Limit',
        'RateLimit-Remaining',
        'RateLimit-Reset',
        'X-Request-Id',
        'WWW-Authenticate',
      ],
      maxAge: 600,
    });
  }
  app.use(answerOptions(app.getHttpAdapter().getInstance()));
  app.use(parseBody({ csvRoutes: [IMPORT_ROUTE] }));
  setupOpenApi(app);
  serveWebClient(app);
  answerUnparsableRequests(app.getHttpServer(), settings.errorFormat);
  return app;
}

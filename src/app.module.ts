import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { ClockModule } from './common/clock/clock.module.js';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { AccountsModule } from './accounts/accounts.module.js';
import { BearerAuthGuard } from './accounts/auth/bearer-auth.guard.js';
import { ApiExceptionFilter } from './common/filters/api-exception.filter.js';
import { RedisModule } from './common/redis/redis.module.js';
import { ThrottleGuard } from './common/throttling/throttle.guard.js';
import { ApiValidationPipe } from './common/validation/api-validation.pipe.js';
import type { Settings } from './config/settings.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthModule } from './health/health.module.js';
import { ImportsModule } from './imports/imports.module.js';
import { LeadsModule } from './leads/leads.module.js';
import { MailModule } from './mail/mail.module.js';
import { MetricsModule } from './metrics/metrics.module.js';

/**
 * The whole service. Built from already-validated settings so that tests and
 * the benchmark get exactly the app production runs, with their own settings.
 */
@Module({})
export class AppModule {
  static forRoot(settings: Settings): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => settings] }),
        ClockModule,
        DatabaseModule.forRoot(),
        RedisModule,
        MetricsModule,
        MailModule,
        AccountsModule,
        // Before LeadsModule: its routes (/api/leads/export, /api/leads/imports) come before /api/leads/:id.
        ImportsModule,
        LeadsModule,
        HealthModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
        { provide: APP_PIPE, useClass: ApiValidationPipe },
        // Global guards run in this order: a route that needs a token refuses a
        // request without one before it can spend the client's throttle budget.
        { provide: APP_GUARD, useClass: BearerAuthGuard },
        { provide: APP_GUARD, useClass: ThrottleGuard },
      ],
    };
  }
}

import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { ClockModule } from '../common/clock/clock.module.js';
import { AccountsModule } from '../accounts/accounts.module.js';
import type { Settings } from '../config/settings.js';
import { DatabaseModule } from '../database/database.module.js';
import { ImportsModule } from '../imports/imports.module.js';
import { MailModule } from '../mail/mail.module.js';
import { MetricsModule } from '../metrics/metrics.module.js';

/** The app's accounts and lead import services over its database, without HTTP: what `npm run manage` runs on. */
@Module({})
export class CliModule {
  static forRoot(settings: Settings): DynamicModule {
    return {
      module: CliModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => settings] }),
        ClockModule,
        DatabaseModule.forRoot({ quiet: true }),
        // The login route's counter is built with its module, though no request ever reaches it here.
        MetricsModule,
        // Password resets are made here too (resetlink), though the CLI sends nothing.
        MailModule,
        AccountsModule,
        ImportsModule,
      ],
    };
  }
}

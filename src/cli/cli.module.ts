import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AccountsModule } from '../accounts/accounts.module.js';
import type { Settings } from '../config/settings.js';
import { DatabaseModule } from '../database/database.module.js';
import { MetricsModule } from '../metrics/metrics.module.js';

/** The app's accounts services over its database, without HTTP: what `npm run manage` runs on. */
@Module({})
export class CliModule {
  static forRoot(settings: Settings): DynamicModule {
    return {
      module: CliModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => settings] }),
        DatabaseModule.forRoot({ quiet: true }),
        // The login route's counter is built with its module, though no request ever reaches it here.
        MetricsModule,
        AccountsModule,
      ],
    };
  }
}

import { type DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/accounts.module.js';
import type { Settings } from '../config/settings.js';
import { buildDataSourceOptions } from '../database/data-source-options.js';
import { DbWriter } from '../database/db-writer.service.js';

/**
 * The server's database module with TypeORM's console logging off (a pending
 * migration would otherwise print to the CLI's stdout) and no connection
 * retries: an unreachable database is one error line at once.
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Settings, true>) => ({
        ...buildDataSourceOptions(config.get('database', { infer: true })),
        logging: false,
        retryAttempts: 0,
      }),
    }),
  ],
  providers: [DbWriter],
  exports: [DbWriter],
})
class QuietDatabaseModule {}

/** The app's accounts services over its database, without HTTP: what `npm run manage` runs on. */
@Module({})
export class CliModule {
  static forRoot(settings: Settings): DynamicModule {
    return {
      module: CliModule,
      imports: [ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => settings] }), QuietDatabaseModule, AccountsModule],
    };
  }
}

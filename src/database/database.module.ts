import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Settings } from '../config/settings.js';
import { buildDataSourceOptions } from './data-source-options.js';
import { DbWriter } from './db-writer.service.js';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Settings, true>) => ({
        ...buildDataSourceOptions(config.get('database', { infer: true })),
        // Fail start-up within seconds, not half a minute, when the database is unreachable.
        retryAttempts: 2,
        retryDelay: 1000,
      }),
    }),
  ],
  providers: [DbWriter],
  exports: [DbWriter],
})
export class DatabaseModule {}

import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { DatabaseHealthIndicator } from './database.health.js';
import { ShutdownState } from './shutdown.state.js';
import { HealthController } from './health.controller.js';
import { RedisHealth } from './redis.health.js';

@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [DatabaseHealthIndicator, RedisHealth, ShutdownState],
  exports: [ShutdownState],
})
export class HealthModule {}

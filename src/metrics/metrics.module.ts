import { Global, Module } from '@nestjs/common';
import { Metrics } from './metrics.service.js';

/** The process's Prometheus registry and its metrics, for any module to record into. */
@Global()
@Module({
  providers: [Metrics],
  exports: [Metrics],
})
export class MetricsModule {}

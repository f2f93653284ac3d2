import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { setTimeout as delay } from 'node:timers/promises';
import { DataSource } from 'typeorm';

const PING_TIMEOUT_MS = 1500;

/**
 * A terminus health indicator that runs `SELECT 1` on the app's DataSource.
 * Written instead of terminus's TypeOrmHealthIndicator, which finds its peer
 * packages with `import.meta.resolve`, something Jest 29's ESM runtime lacks:
 * with it, no Jest suite could load AppModule.
 */
@Injectable()
export class DatabaseHealthIndicator {
  constructor(
    private readonly dataSource: DataSource,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async ping(key: string) {
    const indicator = this.indicators.check(key);
    try {
      await Promise.race([
        this.dataSource.query('SELECT 1'),
        delay(PING_TIMEOUT_MS, undefined, { ref: false }).then(() => Promise.reject(new Error('timed out'))),
      ]);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}

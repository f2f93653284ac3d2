import { type INestApplication, Logger } from '@nestjs/common';
import type { Server } from 'node:http';
import { ShutdownState } from '../health/shutdown.state.js';
import { HttpDrainer } from './http-drainer.js';

const logger = new Logger('Server');

/**
 * On SIGTERM or SIGINT: health turns 503, every request that reaches the
 * server is still answered in full (`Connection: close`), then the database
 * closes and the process exits 0; exit 1 if requests still run after
 * `timeoutMs`. Call before `listen`, so that no connection goes untracked.
 */
export function stopGracefully(app: INestApplication, timeoutMs: number): void {
  const drainer = new HttpDrainer(app.getHttpServer() as Server);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received: finishing in-flight requests`);
    setTimeout(() => {
      logger.error(`Requests still running after ${timeoutMs} ms: exiting without them`);
      process.exit(1);
    }, timeoutMs).unref();
    app.get(ShutdownState).draining = true;
    await drainer.drain(timeoutMs / 2);
    await app.close();
    logger.log('Stopped');
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void stop(signal));
}

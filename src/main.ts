import 'reflect-metadata';
import { type INestApplication, Logger } from '@nestjs/common';
import { createApp } from './app.factory.js';
import { InvalidSettingError } from './config/environment.js';
import { describeDatabase, loadSettings, type Settings } from './config/settings.js';

const logger = new Logger('Server');

function readSettings(): Settings {
  try {
    return loadSettings(process.env);
  } catch (error) {
    if (!(error instanceof InvalidSettingError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

/**
 * On SIGTERM or SIGINT: stop accepting connections, let in-flight requests
 * finish (at most `timeoutMs`), close the database, exit 0.
 */
function stopGracefully(app: INestApplication, timeoutMs: number): void {
  const stop = async (signal: string) => {
    logger.log(`${signal} received: finishing in-flight requests`);
    setTimeout(() => {
      logger.error(`Requests still running after ${timeoutMs} ms: exiting without them`);
      process.exit(1);
    }, timeoutMs).unref();
    await app.close();
    logger.log('Stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

async function bootstrap(): Promise<void> {
  const settings = readSettings();
  const app = await createApp(settings);
  await app.listen(settings.port, settings.host);
  stopGracefully(app, settings.shutdownTimeoutMs);
  const url = `http://${settings.host.includes(':') ? `[${settings.host}]` : settings.host}:${settings.port}`;
  logger.log(`Serving ${url}/api with ${describeDatabase(settings.database)}; docs at ${url}/api/docs`);
}

bootstrap().catch((error: unknown) => {
  logger.error(`Could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

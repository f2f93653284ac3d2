import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import cluster from 'node:cluster';
import { createApp } from './app.factory.js';
import { createLogger, PinoNestLogger } from './common/logging/logger.js';
import { describeDatabase, InvalidSettingError, listenUrl, loadSettings, type Settings } from './config/settings.js';
import { answerPrimaryScrapes, processExposition } from './metrics/cluster-metrics.js';
import { listenForScrapes } from './metrics/metrics-listener.js';
import { Metrics } from './metrics/metrics.service.js';
import { runPrimary } from './server/cluster-primary.js';
import { stopGracefully } from './server/graceful-shutdown.js';

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

function announce(settings: Settings): void {
  const url = listenUrl(settings);
  const workers = settings.webConcurrency > 1 ? ` (${settings.webConcurrency} workers)` : '';
  logger.log(`Serving ${url}/ and ${url}/api with ${describeDatabase(settings.database)}${workers}; docs at ${url}/api/docs`);
}

async function serve(settings: Settings): Promise<void> {
  const app = await createApp(settings);
  stopGracefully(app, settings.shutdownTimeoutMs);
  await app.listen(settings.port, settings.host);
  // In a cluster the primary serves the metrics of all its workers.
  if (settings.metricsPort !== null && cluster.isPrimary) {
    const scrapes = await listenForScrapes(processExposition(app.get(Metrics).registry), settings.host, settings.metricsPort);
    scrapes.unref();
  }
  // In a cluster the primary announces, once every worker listens.
  if (cluster.isPrimary) announce(settings);
}

async function bootstrap(): Promise<void> {
  const settings = readSettings();
  if (settings.metricsPort !== null && cluster.isWorker) answerPrimaryScrapes();
  if (settings.webConcurrency > 1 && cluster.isPrimary) {
    // The primary builds no app: give its messages the same JSON lines as the workers'.
    Logger.overrideLogger(new PinoNestLogger(createLogger(settings.logLevel)));
    await runPrimary(settings, () => announce(settings));
  } else {
    await serve(settings);
  }
}

bootstrap().catch((error: unknown) => {
  logger.error(`Could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

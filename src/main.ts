import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory.js';
import { InvalidSettingError } from './config/environment.js';
import { describeDatabase, loadSettings, type Settings } from './config/settings.js';

function readSettings(): Settings {
  try {
    return loadSettings(process.env);
  } catch (error) {
    if (!(error instanceof InvalidSettingError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

async function bootstrap(): Promise<void> {
  const settings = readSettings();
  const app = await createApp(settings);
  await app.listen(settings.port, settings.host);
  const url = `http://${settings.host}:${settings.port}`;
  new Logger('Bootstrap').log(
    `Serving ${url}/api on ${describeDatabase(settings.database)}; docs at ${url}/api/docs`,
  );
}

await bootstrap();

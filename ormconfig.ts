import { DataSource } from 'typeorm';
import { loadSettings } from './src/config/settings.js';
import { buildDataSourceOptions } from './src/database/data-source-options.js';

/**
 * The DataSource for the TypeORM CLI (`npm run migration:*`), built from the
 * same settings and options as the running app.
 */
export default new DataSource(buildDataSourceOptions(loadSettings(process.env).database));

// Before `npm run test:services`: the services its suites need, or one line naming what is missing.
import { spawnSync } from 'node:child_process';
import pg from 'pg';

const databaseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const missing = [];

const redis = spawnSync('redis-server', ['--version'], { stdio: 'ignore' });
if (redis.error || redis.status !== 0) missing.push('redis-server (not on PATH; the suites start their own)');

const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3000 });
try {
  await client.connect();
} catch (error) {
  const shown = new URL(databaseUrl);
  if (shown.password) shown.password = '***';
  missing.push(
    `PostgreSQL at ${shown.toString()} (${error instanceof Error ? error.message || error.name : String(error)}; TEST_DATABASE_URL names another)`,
  );
} finally {
  await client.end().catch(() => undefined);
}

if (missing.length > 0) {
  process.stderr.write(`test:services needs ${missing.join(' and ')}; npm test runs every other suite without them.\n`);
  process.exit(1);
}

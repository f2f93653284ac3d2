import { freePort, runServer, type ServerProcess, waitUntilServing } from './server-process.js';
import type { TestDatabase } from './test-app.js';

/** The built server on `database` with `env` (METRICS_PORT among it), serving; and the URL of its metrics. */
export async function serve(env: Record<string, string>, database: TestDatabase): Promise<{ server: ServerProcess; metricsUrl: string }> {
  const server = runServer({
    BCRYPT_ROUNDS: '4',
    THROTTLE_AUTH_PER_MINUTE: '0',
    LOG_LEVEL: 'warn',
    DATABASE_URL: database.url,
    PORT: String(await freePort()),
    ...env,
  });
  await waitUntilServing(server, 30_000);
  return { server, metricsUrl: `http://127.0.0.1:${env.METRICS_PORT ?? ''}` };
}

/** SIGTERM, and its exit. */
export async function stop(server: ServerProcess): Promise<void> {
  server.child.kill('SIGTERM');
  await server.exited;
}

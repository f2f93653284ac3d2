import type { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp, type CreateAppOptions } from '../../src/app.factory.js';
import { servedOpenApiDocument } from '../../src/common/openapi/openapi.js';
import { loadSettings } from '../../src/config/settings.js';
import { checkingResponses, responseCheckerFor } from './openapi-responses.js';

export interface TestApp {
  app: INestApplication;
  /** supertest bound to the running app; every response is also checked against the served OpenAPI document. */
  http: () => ReturnType<typeof request>;
  dataSource: DataSource;
  /** The DATABASE_URL it runs on, for another app or process to share. */
  databaseUrl: string;
  close(): Promise<void>;
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * The real app over a database of its own: a fresh SQLite file, or, when
 * TEST_DATABASE_URL names a PostgreSQL server, a fresh database on it.
 * `env` overrides settings as the environment would (`{ TOKEN_TTL: '1' }`);
 * with a DATABASE_URL, the app runs on that database instead (and leaves it).
 */
export async function startTestApp(env: Record<string, string> = {}, options: CreateAppOptions = {}): Promise<TestApp> {
  // A DATABASE_URL given in `env` is the caller's to keep: it is used, not dropped.
  const database = env.DATABASE_URL ? { url: env.DATABASE_URL, drop: async () => undefined } : await createTestDatabase();
  const settings = loadSettings({
    BCRYPT_ROUNDS: '4',
    THROTTLE_AUTH_PER_MINUTE: '0',
    LOG_LEVEL: 'silent',
    ...env,
    DATABASE_URL: database.url,
  });
  const app = await createApp(settings, options);
  await app.init();
  const server = app.getHttpServer();
  const checker = responseCheckerFor(servedOpenApiDocument(app)!, settings.errorFormat);
  return {
    app,
    http: () => checkingResponses(request(server), checker),
    dataSource: app.get(DataSource),
    databaseUrl: database.url,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

export const isPostgres = (): boolean => Boolean(process.env.TEST_DATABASE_URL);

/** A fresh, empty database: a SQLite file, or a database on the TEST_DATABASE_URL server. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `lead_manager_e2e_${randomBytes(6).toString('hex')}`;
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const file = join(tmpdir(), `${name}.sqlite3`);
    return {
      url: `sqlite:${file}`,
      drop: async () => {
        for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
      },
    };
  }
  await withServer(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withServer(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)),
  };
}

async function withServer(url: string, work: (client: Client) => Promise<unknown>): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

/** Drops the leads table under a running app (with what depends on it, on PostgreSQL), so its next lead query fails as a broken database would. */
export async function dropLeadsTable(testApp: TestApp): Promise<void> {
  await testApp.dataSource.query(isPostgres() ? 'DROP TABLE leads CASCADE' : 'DROP TABLE leads');
}

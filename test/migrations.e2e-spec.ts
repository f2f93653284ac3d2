import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { loadSettings } from '../src/config/settings.js';
import { buildDataSourceOptions, migrations } from '../src/database/data-source-options.js';
import { InitialSchema1764000000000 } from '../src/database/migrations/1764000000000-initial-schema.js';
import { createTestDatabase, startTestApp, type TestDatabase } from './support/test-app.js';

const HOUR_MS = 3600_000;

describe('Migrating a database made before sessions', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database.drop();
  });

  it('gives every existing token its own session id and keeps it working', async () => {
    const options = buildDataSourceOptions(loadSettings({ DATABASE_URL: database.url }).database);
    const before = new DataSource({ ...options, migrations: [InitialSchema1764000000000], migrationsRun: false, logging: false });
    await before.initialize();
    await before.runMigrations();
    const token = 'a'.repeat(64);
    await before.query(
      `INSERT INTO "users" ("username", "username_key", "email", "password", "is_active", "date_joined") VALUES ('old', 'old', '', 'x', TRUE, '2026-01-01T00:00:00.000Z')`,
    );
    const tokens = [token, 'b'.repeat(64), 'c'.repeat(64)];
    const expiry = new Date(Date.now() + HOUR_MS).toISOString();
    // Stored as knox stores them: the key and the SHA-512 digest of the token.
    for (const value of tokens) {
      await before.query(
        `INSERT INTO "auth_tokens" ("digest", "token_key", "user_id", "created", "expiry") VALUES ('${createHash('sha512').update(value).digest('hex')}', '${value.slice(0, 15)}', 1, '${new Date().toISOString()}', '${expiry}')`,
      );
    }
    await before.destroy();

    const testApp = await startTestApp({ DATABASE_URL: database.url });
    try {
      const rows: { session_id: string; user_agent: string; ip: string }[] = await testApp.dataSource.query(
        'SELECT "session_id", "user_agent", "ip" FROM "auth_tokens"',
      );
      expect(rows).toHaveLength(3);
      for (const row of rows) expect(row).toEqual({ session_id: expect.stringMatching(/^[0-9a-f]{32}$/), user_agent: '', ip: '' });
      expect(new Set(rows.map((row) => row.session_id)).size).toBe(3);

      const sessions = await testApp.http().get('/api/auth/sessions').set('Authorization', `Bearer ${token}`).expect(200);
      expect(sessions.body).toHaveLength(3);
      expect(sessions.body.filter((session: { current: boolean }) => session.current)).toHaveLength(1);
      expect(sessions.body.map((session: { id: string }) => session.id).sort()).toEqual(rows.map((row) => row.session_id).sort());
      expect(await testApp.dataSource.showMigrations()).toBe(false);
    } finally {
      await testApp.close();
    }
  });
});

describe('Migrating a database made before statuses, notes and activity', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database.drop();
  });

  it('makes existing leads new, with an empty source, updated when created, and their creation in the activity', async () => {
    const options = buildDataSourceOptions(loadSettings({ DATABASE_URL: database.url }).database);
    const before = new DataSource({ ...options, migrations: migrations.slice(0, 3), migrationsRun: false, logging: false });
    await before.initialize();
    await before.runMigrations();
    await before.query(
      `INSERT INTO "users" ("username", "username_key", "email", "password", "is_active", "date_joined") VALUES ('old', 'old', '', 'x', TRUE, '2026-01-01T00:00:00.000Z')`,
    );
    await before.query(
      `INSERT INTO "leads" ("name", "email", "message", "owner_id", "created_at") VALUES ('Élodie Grâce', 'elodie@example.com', 'Met at the fair', 1, '2026-01-02T03:04:05.678Z')`,
    );
    await before.destroy();

    const testApp = await startTestApp({ DATABASE_URL: database.url });
    try {
      const rows: { status: string; source: string; updated_at: string; name_key: string; search: string }[] =
        await testApp.dataSource.query('SELECT "status", "source", "updated_at", "name_key", "search" FROM "leads"');
      expect(rows).toEqual([
        {
          status: 'new',
          source: '',
          updated_at: '2026-01-02T03:04:05.678Z',
          name_key: 'elodie grace',
          search: 'elodie grace\nelodie@example.com\nmet at the fair\n',
        },
      ]);
      const activity: { lead_id: number; type: string; created_at: string }[] = await testApp.dataSource.query(
        'SELECT "lead_id", "type", "created_at" FROM "lead_activity"',
      );
      expect(activity).toEqual([{ lead_id: 1, type: 'created', created_at: '2026-01-02T03:04:05.678Z' }]);
      expect(await testApp.dataSource.showMigrations()).toBe(false);
    } finally {
      await testApp.close();
    }
  });
});

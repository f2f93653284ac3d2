import { AuthToken } from '../src/accounts/tokens/auth-token.entity.js';
import { User } from '../src/accounts/users/user.entity.js';
import { Lead } from '../src/leads/lead.entity.js';
import { registerAccount } from './support/accounts.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('Schema', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('is exactly what the entities describe once migrations have run', async () => {
    const pending = await testApp.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('records the applied migration', async () => {
    expect(await testApp.dataSource.showMigrations()).toBe(false);
  });

  it("deletes a user's leads and tokens with the user", async () => {
    const account = await registerAccount(testApp);
    await testApp.http().post('/api/leads').set('Authorization', account.auth).send({ name: 'A', email: 'a@b.io' }).expect(201);
    await testApp.dataSource.manager.delete(User, { id: account.id });
    expect(await testApp.dataSource.manager.countBy(Lead, { ownerId: account.id })).toBe(0);
    expect(await testApp.dataSource.manager.countBy(AuthToken, { userId: account.id })).toBe(0);
    await testApp.http().get('/api/auth/user').set('Authorization', account.auth).expect(401);
  });
});

import { AuthToken } from '../src/accounts/tokens/auth-token.entity.js';
import { User } from '../src/accounts/users/user.entity.js';
import { Lead } from '../src/leads/lead.entity.js';
import { registerAccount } from './support/accounts.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('Concurrent writes', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('keeps all of 100 concurrent lead creations by one user', async () => {
    const account = await registerAccount(testApp);
    const responses = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        testApp
          .http()
          .post('/api/leads')
          .set('Authorization', account.auth)
          .send({ name: `Lead ${i}`, email: `c${i}@example.com` }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(100).fill(201));
    const list = await testApp.http().get('/api/leads?limit=1000').set('Authorization', account.auth).expect(200);
    expect(list.body).toHaveLength(100);
  });

  it('gives one of 20 racing registrations of a username the account and the rest a 400', async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        testApp
          .http()
          .post('/api/auth/register')
          .send({ username: i % 2 ? 'Racer' : 'racer', password: `race-password-${i}` }),
      ),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([201, ...Array(19).fill(400)]);
    for (const response of responses.filter((r) => r.status === 400)) {
      expect(response.body).toEqual({ msg: { username: ['A user with that username already exists.'] }, status: 400 });
    }
    const users = await testApp.dataSource.manager.findBy(User, { usernameKey: 'racer' });
    expect(users).toHaveLength(1);
    expect(await testApp.dataSource.manager.countBy(AuthToken, { userId: users[0].id })).toBe(1);
  });

  it("gives one of 20 racing creations of one owner's lead email the lead and the rest a 400", async () => {
    const account = await registerAccount(testApp);
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        testApp
          .http()
          .post('/api/leads')
          .set('Authorization', account.auth)
          .send({ name: `Twin ${i}`, email: 'twin@example.com' }),
      ),
    );
    expect(responses.map((response) => response.status).sort()).toEqual([201, ...Array(19).fill(400)]);
    expect(await testApp.dataSource.manager.countBy(Lead, { ownerId: account.id })).toBe(1);
  });

  it('loses no lead written while registrations fail and roll back', async () => {
    const writer = await registerAccount(testApp);
    await registerAccount(testApp, 'taken');
    const leadWrites = Array.from({ length: 30 }, (_, i) =>
      testApp
        .http()
        .post('/api/leads')
        .set('Authorization', writer.auth)
        .send({ name: `Mixed ${i}`, email: `m${i}@example.com` }),
    );
    const failingRegistrations = Array.from({ length: 30 }, () =>
      testApp.http().post('/api/auth/register').send({ username: 'TAKEN', password: 'taken-password' }),
    );
    const [leads, registrations] = await Promise.all([Promise.all(leadWrites), Promise.all(failingRegistrations)]);
    expect(leads.every((response) => response.status === 201)).toBe(true);
    expect(registrations.every((response) => response.status === 400)).toBe(true);
    expect(await testApp.dataSource.manager.countBy(Lead, { ownerId: writer.id })).toBe(30);
  });
});

import type { EntityManager } from 'typeorm';
import { AccountsService } from '../src/accounts/accounts.service.js';
import { LoginFailure } from '../src/accounts/lockout/login-failure.entity.js';
import { LoginFailuresRepository } from '../src/accounts/lockout/login-failures.repository.js';
import { AuthToken } from '../src/accounts/tokens/auth-token.entity.js';
import { TokensService } from '../src/accounts/tokens/tokens.service.js';
import { User } from '../src/accounts/users/user.entity.js';
import { UsersRepository } from '../src/accounts/users/users.repository.js';
import { DbWriter } from '../src/database/db-writer.service.js';
import { Lead } from '../src/leads/lead.entity.js';
import { registerAccount, type Account } from './support/accounts.js';
import { startTestApp, type TestApp } from './support/test-app.js';

class RolledBack extends Error {}

/**
 * A change held open across an await, as a service's transaction is while it
 * waits for the database: every read made outside a transaction in the
 * meantime (the requests' and the services' alike) must see the last
 * committed state, neither the uncommitted change nor a wait for it to end.
 */
describe('Reads outside a transaction while one is open', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    // The lock off: a refused login then writes nothing, and can finish while the transaction is open.
    testApp = await startTestApp({ LOGIN_FAILURES_PER_ACCOUNT: '0' });
  });

  afterAll(async () => {
    await testApp.close();
  });

  async function accountWithLeads(): Promise<Account> {
    const account = await registerAccount(testApp);
    for (const name of ['First', 'Second']) {
      await testApp
        .http()
        .post('/api/leads')
        .set('Authorization', account.auth)
        .send({ name, email: `${name}@example.com` })
        .expect(201);
    }
    return account;
  }

  /** Runs `change` in a transaction, then `meanwhile` while it is still open, then rolls it back. */
  async function whileUncommitted(change: (manager: EntityManager) => Promise<unknown>, meanwhile: () => Promise<void>) {
    const transaction = testApp.app.get(DbWriter).transaction(async (manager) => {
      await change(manager);
      await meanwhile();
      throw new RolledBack();
    });
    await expect(transaction).rejects.toBeInstanceOf(RolledBack);
  }

  const expectCommittedView = async (account: Account) => {
    const user = await testApp.http().get('/api/auth/user').set('Authorization', account.auth).expect(200);
    expect(user.body).toMatchObject({ id: account.id, username: account.username });
    const leads = await testApp.http().get('/api/leads').set('Authorization', account.auth).expect(200);
    const [first] = leads.body as { id: number; name: string }[];
    expect((leads.body as { name: string }[]).map((lead) => lead.name)).toEqual(['First', 'Second']);
    await testApp.http().get(`/api/leads/${first.id}`).set('Authorization', account.auth).expect(200);
    const sessions = await testApp.http().get('/api/auth/sessions').set('Authorization', account.auth).expect(200);
    expect(sessions.body).toHaveLength(1);
  };

  it('still accepts a token whose deletion (a password change, a logout of all sessions) is not committed', async () => {
    const account = await accountWithLeads();
    await whileUncommitted(
      (manager) => manager.delete(AuthToken, { userId: account.id }),
      () => expectCommittedView(account),
    );
    await expectCommittedView(account);
  });

  it('still serves a user whose deactivation is not committed', async () => {
    const account = await accountWithLeads();
    await whileUncommitted(
      (manager) => manager.update(User, { id: account.id }, { isActive: false }),
      () => expectCommittedView(account),
    );
    await expectCommittedView(account);
  });

  it('still lists the leads of an account whose deletion is not committed, and refuses its token once it is', async () => {
    const account = await accountWithLeads();
    await whileUncommitted(
      (manager) => manager.delete(User, { id: account.id }),
      () => expectCommittedView(account),
    );
    await expectCommittedView(account);

    await testApp.app.get(DbWriter).transaction((manager) => manager.delete(User, { id: account.id }));
    await testApp.http().get('/api/leads').set('Authorization', account.auth).expect(401);
  });

  it('does not show a lead whose insertion is not committed', async () => {
    const account = await accountWithLeads();
    await whileUncommitted(
      (manager) =>
        manager.insert(Lead, {
          name: 'Ghost',
          email: 'ghost@example.com',
          message: '',
          ownerId: account.id,
          createdAt: new Date().toISOString(),
          updatedAt: new Date().toISOString(),
        }),
      () => expectCommittedView(account),
    );
  });

  it('logs no one in as a user whose registration is not committed, and sees no such username', async () => {
    const account = await registerAccount(testApp);
    const users = testApp.app.get(UsersRepository);
    const ghost = await users.findById(account.id);
    await whileUncommitted(
      (manager) => manager.insert(User, { ...ghost!, id: undefined, username: 'ghost', usernameKey: 'ghost' }),
      async () => {
        await testApp.http().post('/api/auth/login').send({ username: 'ghost', password: account.password }).expect(400);
        await expect(users.existsWithUsername('ghost')).resolves.toBe(false);
        await expect(testApp.app.get(AccountsService).findUser('ghost')).resolves.toBeNull();
        const listed = await testApp.app.get(AccountsService).listUsers();
        expect(listed.map((user) => user.username)).not.toContain('ghost');
      },
    );
  });

  it('counts only committed failed logins and sessions', async () => {
    const account = await registerAccount(testApp);
    const failedAt = new Date().toISOString();
    await whileUncommitted(
      async (manager) => {
        await manager.insert(LoginFailure, { usernameKey: account.username, failedAt });
        await manager.update(AuthToken, { userId: account.id }, { expiry: failedAt });
      },
      async () => {
        const since = new Date(Date.parse(failedAt) - 60_000).toISOString();
        await expect(testApp.app.get(LoginFailuresRepository).newestSince(account.username, since, 10)).resolves.toEqual([]);
        await expect(testApp.app.get(TokensService).sessions(account.id)).resolves.toHaveLength(1);
      },
    );
  });
});

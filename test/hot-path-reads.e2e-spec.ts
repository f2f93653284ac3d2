import { AuthToken } from '../src/accounts/tokens/auth-token.entity.js';
import { User } from '../src/accounts/users/user.entity.js';
import { DbWriter } from '../src/database/db-writer.service.js';
import { registerAccount, type Account } from './support/accounts.js';
import { startTestApp, type TestApp } from './support/test-app.js';

class RolledBack extends Error {}

/**
 * An account change held open across an await, as a service's transaction is
 * while it waits for the database: the requests that authenticate and list
 * leads in the meantime must see the last committed state, neither the
 * uncommitted change nor a wait for it to end.
 */
describe('Hot-path reads while a transaction is open', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
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
  async function whileUncommitted(
    change: (writer: Parameters<Parameters<DbWriter['transaction']>[0]>[0]) => Promise<unknown>,
    meanwhile: () => Promise<void>,
  ) {
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
    expect((leads.body as { name: string }[]).map((lead) => lead.name)).toEqual(['First', 'Second']);
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
});

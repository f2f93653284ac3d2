import { AuthToken } from '../src/accounts/tokens/auth-token.entity.js';
import { User } from '../src/accounts/users/user.entity.js';
import { Lead } from '../src/leads/lead.entity.js';
import { type Account, registerAccount } from './support/accounts.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const OLD_WRONG = 'Your old password was entered incorrectly. Please enter it again.';
const TOO_SHORT = 'This password is too short. It must contain at least 8 characters.';
const NUMERIC = 'This password is entirely numeric.';
const LIKE_USERNAME = 'The password is too similar to the username.';
const REQUIRED = 'This field is required.';

describe('Password change and account deletion', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });

  afterAll(async () => {
    await testApp.close();
  });

  const login = (username: string, password: string) => testApp.http().post('/api/auth/login').send({ username, password });
  const whoAmI = (token: string) => testApp.http().get('/api/auth/user').set('Authorization', `Bearer ${token}`);
  const changePassword = (account: Account, body: object, path = '/api/auth/password') =>
    testApp.http().post(path).set('Authorization', account.auth).send(body);
  const deleteAccount = (account: Account, body: object, path = '/api/auth/user') =>
    testApp.http().delete(path).set('Authorization', account.auth).send(body);

  describe('POST /api/auth/password', () => {
    it('changes the password: every other token stops working, this one keeps working', async () => {
      const account = await registerAccount(testApp);
      const other = (await login(account.username, account.password).expect(200)).body.token;

      await changePassword(account, { old_password: account.password, new_password: 'a brand new secret' }).expect(204);

      await whoAmI(account.token).expect(200);
      await whoAmI(other).expect(401);
      await login(account.username, account.password).expect(400);
      await login(account.username, 'a brand new secret').expect(200);
    });

    it('answers with a trailing slash and takes a URL-encoded form', async () => {
      const account = await registerAccount(testApp);
      await testApp
        .http()
        .post('/api/auth/password/')
        .set('Authorization', account.auth)
        .type('form')
        .send(`old_password=${account.password}&new_password=form-new-secret`)
        .expect(204);
      await login(account.username, 'form-new-secret').expect(200);
    });

    it('refuses a wrong old password with Django’s message and changes nothing', async () => {
      const account = await registerAccount(testApp);
      const other = (await login(account.username, account.password).expect(200)).body.token;

      const response = await changePassword(account, { old_password: 'not-the-password', new_password: 'a brand new secret' }).expect(400);

      expect(response.body).toEqual({ msg: { old_password: [OLD_WRONG] }, status: 400 });
      await whoAmI(other).expect(200);
      await login(account.username, account.password).expect(200);
      await login(account.username, 'a brand new secret').expect(400);
    });

    it.each([
      ['too short', 'short', [TOO_SHORT]],
      ['entirely numeric', '1234567890', [NUMERIC]],
      ['short and numeric', '1234', [TOO_SHORT, NUMERIC]],
    ])('refuses a new password that is %s with the register messages under new_password', async (_case, newPassword, messages) => {
      const account = await registerAccount(testApp);

      const response = await changePassword(account, { old_password: account.password, new_password: newPassword }).expect(400);

      const atRegister = await testApp
        .http()
        .post('/api/auth/register')
        .send({ username: `${account.username}x`, password: newPassword })
        .expect(400);
      expect(response.body).toEqual({ msg: { new_password: atRegister.body.msg.password }, status: 400 });
      expect([...response.body.msg.new_password].sort()).toEqual([...messages].sort());
      await login(account.username, account.password).expect(200);
    });

    it('refuses the username as the new password, ignoring case', async () => {
      const account = await registerAccount(testApp, 'similar-name');
      const response = await changePassword(account, { old_password: account.password, new_password: 'Similar-Name' }).expect(400);
      expect(response.body).toEqual({ msg: { new_password: [LIKE_USERNAME] }, status: 400 });
    });

    it('reports a wrong old password and a bad new one together', async () => {
      const account = await registerAccount(testApp);
      const response = await changePassword(account, { old_password: 'wrong-wrong', new_password: '123' }).expect(400);
      expect(response.body).toEqual({
        msg: { old_password: [OLD_WRONG], new_password: expect.arrayContaining([TOO_SHORT, NUMERIC]) },
        status: 400,
      });
    });

    it('asks for both fields and refuses unknown ones', async () => {
      const account = await registerAccount(testApp);
      expect((await changePassword(account, {}).expect(400)).body).toEqual({
        msg: { old_password: [REQUIRED], new_password: [REQUIRED] },
        status: 400,
      });
      expect((await changePassword(account, { old_password: account.password, new_password: '', username: 'x' }).expect(400)).body).toEqual(
        {
          msg: { new_password: ['This field may not be blank.'], username: ['This field is not allowed.'] },
          status: 400,
        },
      );
      await login(account.username, account.password).expect(200);
    });

    it('needs a token', async () => {
      await testApp.http().post('/api/auth/password').send({ old_password: 'x', new_password: 'y' }).expect(401);
    });
  });

  describe('DELETE /api/auth/user', () => {
    it('deletes the user, their leads and all their tokens, and frees the username', async () => {
      const account = await registerAccount(testApp);
      const other = (await login(account.username, account.password).expect(200)).body.token;
      const bystander = await registerAccount(testApp);
      for (const email of ['a@example.com', 'b@example.com']) {
        await testApp.http().post('/api/leads').set('Authorization', account.auth).send({ name: 'Lead', email }).expect(201);
      }
      await testApp
        .http()
        .post('/api/leads')
        .set('Authorization', bystander.auth)
        .send({ name: 'Kept', email: 'a@example.com' })
        .expect(201);

      await deleteAccount(account, { password: account.password }).expect(204);

      await whoAmI(account.token).expect(401);
      await whoAmI(other).expect(401);
      const manager = testApp.dataSource.manager;
      expect(await manager.countBy(User, { id: account.id })).toBe(0);
      expect(await manager.countBy(Lead, { ownerId: account.id })).toBe(0);
      expect(await manager.countBy(AuthToken, { userId: account.id })).toBe(0);
      expect((await testApp.http().get('/api/leads').set('Authorization', bystander.auth).expect(200)).body).toHaveLength(1);
      await login(account.username, account.password).expect(400);

      const again = await testApp
        .http()
        .post('/api/auth/register')
        .send({ username: account.username.toUpperCase(), password: 'starting over' })
        .expect(201);
      expect(again.body.user.id).not.toBe(account.id);
      expect((await testApp.http().get('/api/leads').set('Authorization', `Bearer ${again.body.token}`).expect(200)).body).toEqual([]);
    });

    it('answers with a trailing slash', async () => {
      const account = await registerAccount(testApp);
      await deleteAccount(account, { password: account.password }, '/api/auth/user/').expect(204);
      await whoAmI(account.token).expect(401);
    });

    it('refuses a wrong password with "Incorrect password." and deletes nothing', async () => {
      const account = await registerAccount(testApp);
      await testApp
        .http()
        .post('/api/leads')
        .set('Authorization', account.auth)
        .send({ name: 'Lead', email: 'kept@example.com' })
        .expect(201);

      const response = await deleteAccount(account, { password: 'not-the-password' }).expect(400);

      expect(response.body).toEqual({ msg: { password: ['Incorrect password.'] }, status: 400 });
      await whoAmI(account.token).expect(200);
      expect((await testApp.http().get('/api/leads').set('Authorization', account.auth).expect(200)).body).toHaveLength(1);
    });

    it('asks for the password', async () => {
      const account = await registerAccount(testApp);
      expect((await deleteAccount(account, {}).expect(400)).body).toEqual({ msg: { password: [REQUIRED] }, status: 400 });
      await whoAmI(account.token).expect(200);
    });

    it('needs a token', async () => {
      await testApp.http().delete('/api/auth/user').send({ password: 'x' }).expect(401);
    });
  });
});

describe('Password change and account deletion with ERROR_FORMAT=drf', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ ERROR_FORMAT: 'drf' });
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('answers the bare DRF bodies', async () => {
    const account = await registerAccount(testApp, 'drf-format-user');

    const wrongOld = await testApp
      .http()
      .post('/api/auth/password')
      .set('Authorization', account.auth)
      .send({ old_password: 'nope-nope', new_password: 'a brand new secret' })
      .expect(400);
    expect(wrongOld.body).toEqual({ old_password: [OLD_WRONG] });

    const badNew = await testApp
      .http()
      .post('/api/auth/password')
      .set('Authorization', account.auth)
      .send({ old_password: account.password, new_password: account.username })
      .expect(400);
    expect(badNew.body).toEqual({ new_password: [LIKE_USERNAME] });

    const wrongPassword = await testApp
      .http()
      .delete('/api/auth/user')
      .set('Authorization', account.auth)
      .send({ password: 'nope' })
      .expect(400);
    expect(wrongPassword.body).toEqual({ password: ['Incorrect password.'] });

    const unknownSession = await testApp.http().delete('/api/auth/sessions/nope').set('Authorization', account.auth).expect(404);
    expect(unknownSession.body).toEqual({ detail: 'Not found.' });
  });
});

describe('Password change and account deletion count in the register/login budget', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ THROTTLE_AUTH_PER_MINUTE: '4', TRUST_PROXY: '1' });
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('refuses the fifth attempt of any of the four from one client with 429', async () => {
    const ip = '203.0.113.50';
    const registered = await testApp
      .http()
      .post('/api/auth/register')
      .set('X-Forwarded-For', ip)
      .send({ username: 'budget', password: 'budget-password' })
      .expect(201);
    const auth = `Bearer ${registered.body.token}`;
    const password = await testApp
      .http()
      .post('/api/auth/password')
      .set('X-Forwarded-For', ip)
      .set('Authorization', auth)
      .send({ old_password: 'wrong-guess', new_password: 'budget-password-2' })
      .expect(400);
    expect(password.headers['ratelimit-remaining']).toBe('2');
    await testApp
      .http()
      .delete('/api/auth/user')
      .set('X-Forwarded-For', ip)
      .set('Authorization', auth)
      .send({ password: 'wrong-guess' })
      .expect(400);
    await testApp
      .http()
      .post('/api/auth/login')
      .set('X-Forwarded-For', ip)
      .send({ username: 'budget', password: 'wrong-guess' })
      .expect(400);

    const refused = await testApp
      .http()
      .delete('/api/auth/user')
      .set('X-Forwarded-For', ip)
      .set('Authorization', auth)
      .send({ password: 'budget-password' })
      .expect(429);
    expect(refused.body.msg.detail).toMatch(/^Request was throttled\. Expected available in \d+ seconds\.$/);
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    await testApp
      .http()
      .post('/api/auth/password')
      .set('X-Forwarded-For', ip)
      .set('Authorization', auth)
      .send({ old_password: 'budget-password', new_password: 'budget-password-2' })
      .expect(429);
    await testApp.http().get('/api/auth/user').set('X-Forwarded-For', ip).set('Authorization', auth).expect(200);
  });
});

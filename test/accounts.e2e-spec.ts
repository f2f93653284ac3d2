import bcrypt from 'bcrypt';
import { User } from '../src/accounts/users/user.entity.js';
import { Metrics } from '../src/metrics/metrics.service.js';
import { registerAccount } from './support/accounts.js';
import { stopClock } from './support/clock.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('Accounts', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });

  afterAll(async () => {
    await testApp.close();
  });

  const register = (body: object | string) => testApp.http().post('/api/auth/register').send(body);
  const login = (body: object | string) => testApp.http().post('/api/auth/login').send(body);

  describe('POST /api/auth/register', () => {
    it('creates the user and answers 201 with the user, a 64-hex token and its expiry', async () => {
      const clock = stopClock(testApp.app);
      let response: Awaited<ReturnType<typeof register>>;
      try {
        response = await register({ username: 'alice', email: 'alice@example.com', password: 'wonderland42' }).expect(201);
      } finally {
        clock.restore();
      }

      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(response.body).toEqual({
        user: { id: expect.any(Number), username: 'alice', email: 'alice@example.com' },
        token: expect.stringMatching(/^[0-9a-f]{64}$/),
        expiry: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      });
      expect(response.body.expiry).toBe(new Date(clock.now() + 36000 * 1000).toISOString());
    });

    it('stores the password only as a bcrypt hash', async () => {
      await register({ username: 'hasher', password: 'plain-text-secret' }).expect(201);
      const user = await testApp.dataSource.manager.findOneByOrFail(User, { username: 'hasher' });
      expect(user.passwordHash).toMatch(/^\$2[aby]\$04\$/);
      expect(user.passwordHash).not.toContain('plain-text-secret');
    });

    it('accepts a URL-encoded form, as DRF does', async () => {
      const response = await testApp
        .http()
        .post('/api/auth/register/')
        .type('form')
        .send('username=formuser&password=formpass99&email=')
        .expect(201);
      expect(response.body.user).toEqual({ id: expect.any(Number), username: 'formuser', email: '' });
    });

    it('lets email be left out or blank', async () => {
      const response = await register({ username: 'noemail', password: 'no-email-here' }).expect(201);
      expect(response.body.user.email).toBe('');
    });

    it('ignores a stale Authorization header', async () => {
      await testApp
        .http()
        .post('/api/auth/register')
        .set('Authorization', 'Token 0000000000000000000000000000000000000000000000000000000000000000')
        .send({ username: 'stale', password: 'stale-token-ok' })
        .expect(201);
    });

    it('folds compatibility characters (NFKC) before checking and storing the username', async () => {
      const response = await register({ username: '\uFB01ona', password: 'ligature-pass' }).expect(201);
      expect(response.body.user.username).toBe('fiona');
      await login({ username: 'FIONA', password: 'ligature-pass' }).expect(200);
      const tooLong = await register({ username: '\uFDFA'.repeat(10), password: 'long enough' }).expect(400);
      expect(Object.keys(tooLong.body.msg)).toEqual(['username']);
    });

    it('takes the longest username whose lower-cased form is longer still', async () => {
      // 'İ' lower-cases to two characters: the folded key is 300 long.
      const response = await register({ username: '\u0130'.repeat(150), password: 'dotted-capital-i' }).expect(201);
      expect(response.body.user.username).toBe('\u0130'.repeat(150));
    });

    it('refuses NUL characters with a field error, never a 500', async () => {
      const response = await register({ username: 'nul\u0000user', password: 'pass\u0000word', email: '' }).expect(400);
      expect(response.body.msg).toEqual({
        username: expect.arrayContaining(['Null characters are not allowed.']),
        password: ['Null characters are not allowed.'],
      });
      const loginResponse = await login({ username: 'al\u0000ice', password: 'whatever-pass' }).expect(400);
      expect(loginResponse.body.msg).toEqual({ username: ['Null characters are not allowed.'] });
    });

    it('refuses a username taken in another case', async () => {
      await register({ username: 'Carol', password: 'carol-password' }).expect(201);
      const response = await register({ username: 'cAROL', password: 'carol-password' }).expect(400);
      expect(response.body).toEqual({
        msg: { username: ['A user with that username already exists.'] },
        status: 400,
      });
    });

    it.each([
      [{ password: 'long enough' }, { username: ['This field is required.'] }],
      [{ username: 'x' }, { password: ['This field is required.'] }],
      [{}, { username: ['This field is required.'], password: ['This field is required.'] }],
      [{ username: '   ', password: 'long enough' }, { username: ['This field may not be blank.'] }],
      [{ username: 'a'.repeat(151), password: 'long enough' }, { username: ['Ensure this field has no more than 150 characters.'] }],
      [
        { username: 'bad name!', password: 'long enough' },
        { username: ['Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.'] },
      ],
      [{ username: 'dave', email: 'not-an-email', password: 'long enough' }, { email: ['Enter a valid email address.'] }],
      [
        { username: 'dave', email: `${'a'.repeat(20)}@${Array(4).fill('d'.repeat(60)).join('.')}.io`, password: 'long enough' },
        // Over 254 characters is also not a valid address (RFC 5321): both messages, as the contract asks.
        { email: ['Ensure this field has no more than 254 characters.', 'Enter a valid email address.'] },
      ],
      [{ username: 'dave', password: 'short' }, { password: ['This password is too short. It must contain at least 8 characters.'] }],
      [{ username: 'dave', password: '1234567890' }, { password: ['This password is entirely numeric.'] }],
      [{ username: 'davepassword', password: 'DAVEPASSWORD' }, { password: ['The password is too similar to the username.'] }],
      [
        { username: 'dave', password: '1234' },
        { password: ['This password is too short. It must contain at least 8 characters.', 'This password is entirely numeric.'] },
      ],
      [{ username: 'dave', password: 'long enough', is_staff: true }, { is_staff: ['This field is not allowed.'] }],
      [{ username: null, password: 'long enough' }, { username: ['This field may not be null.'] }],
      [{ username: ['dave'], password: 'long enough' }, { username: ['Not a valid string.'] }],
    ])('refuses %j with DRF field errors', async (body, errors) => {
      const response = await register(body).expect(400);
      expect(response.body.status).toBe(400);
      expect(Object.keys(response.body.msg).sort()).toEqual(Object.keys(errors).sort());
      for (const [field, messages] of Object.entries(errors)) {
        expect([...response.body.msg[field]].sort()).toEqual([...messages].sort());
      }
    });

    it('writes nothing when the body is refused', async () => {
      const users = await testApp.dataSource.manager.count(User);
      await register({ username: 'nobody', password: '123' }).expect(400);
      expect(await testApp.dataSource.manager.count(User)).toBe(users);
    });

    it('refuses a body that is not an object', async () => {
      const response = await register([1, 2]).expect(400);
      expect(response.body.msg).toEqual({ non_field_errors: ['Invalid data. Expected a dictionary, but got list.'] });
    });
  });

  describe('POST /api/auth/login', () => {
    it('answers 200 with the user and a new token each time', async () => {
      const account = await registerAccount(testApp, 'erin');
      const first = await login({ username: 'erin', password: account.password }).expect(200);
      const second = await login({ username: 'erin', password: account.password }).expect(200);

      expect(first.body).toEqual({
        user: { id: account.id, username: 'erin', email: 'erin@example.com' },
        token: expect.stringMatching(/^[0-9a-f]{64}$/),
        expiry: expect.any(String),
      });
      expect(new Set([account.token, first.body.token, second.body.token]).size).toBe(3);
      for (const token of [account.token, first.body.token, second.body.token]) {
        await testApp.http().get('/api/auth/user').set('Authorization', `Bearer ${token}`).expect(200);
      }
    });

    it('matches the username ignoring case', async () => {
      const account = await registerAccount(testApp, 'Frank');
      const response = await login({ username: 'fRANK', password: account.password }).expect(200);
      expect(response.body.user.username).toBe('Frank');
    });

    it('gives the same answer for a wrong password, an unknown user and an inactive user', async () => {
      const account = await registerAccount(testApp, 'grace');
      const inactive = await registerAccount(testApp, 'heidi');
      await testApp.dataSource.manager.update(User, { id: inactive.id }, { isActive: false });

      const answers = await Promise.all([
        login({ username: 'grace', password: 'wrong-password' }),
        login({ username: 'nobody-at-all', password: account.password }),
        login({ username: 'heidi', password: inactive.password }),
      ]);
      for (const answer of answers) {
        expect(answer.status).toBe(400);
        expect(answer.body).toEqual({ msg: { non_field_errors: ['Incorrect Credentials'] }, status: 400 });
      }
    });

    it('runs a bcrypt comparison for an unknown user as for a wrong password', async () => {
      await registerAccount(testApp, 'ivan');
      // Without the comparison an unknown user would be answered far faster, telling which usernames exist.
      const comparisons = async () =>
        (await testApp.app.get(Metrics).hashSeconds.get()).values.find(
          (value) => value.metricName === 'lead_manager_password_hash_seconds_count',
        )?.value ?? 0;
      const before = await comparisons();
      await login({ username: 'ivan', password: 'wrong-password' }).expect(400);
      const afterKnown = await comparisons();
      await login({ username: 'not-a-user', password: 'wrong-password' }).expect(400);
      expect(afterKnown - before).toBe(1);
      expect((await comparisons()) - afterKnown).toBe(1);
    });

    it('refuses an inactive user even with the right password', async () => {
      const account = await registerAccount(testApp, 'judy');
      await testApp.dataSource.manager.update(User, { id: account.id }, { isActive: false });
      await login({ username: 'judy', password: account.password }).expect(400);
      // Tokens issued before the user was deactivated stop working too.
      await testApp.http().get('/api/auth/user').set('Authorization', account.auth).expect(401);
    });

    it('ignores a stale Authorization header', async () => {
      const account = await registerAccount(testApp, 'kim');
      await testApp.http().post('/api/auth/logout').set('Authorization', account.auth).expect(204);
      await testApp
        .http()
        .post('/api/auth/login')
        .set('Authorization', account.auth)
        .send({ username: 'kim', password: account.password })
        .expect(200);
    });

    it('needs both fields', async () => {
      const response = await login({ username: '' }).expect(400);
      expect(response.body.msg).toEqual({
        username: ['This field may not be blank.'],
        password: ['This field is required.'],
      });
    });
  });

  describe('GET /api/auth/user', () => {
    it('answers the caller, without password or token material', async () => {
      const account = await registerAccount(testApp, 'leo');
      const response = await testApp.http().get('/api/auth/user/').set('Authorization', account.auth).expect(200);
      expect(response.body).toEqual({ id: account.id, username: 'leo', email: 'leo@example.com' });
    });
  });

  describe('POST /api/auth/logout and /api/auth/logoutall', () => {
    it('logout stops this token at once and leaves the others working', async () => {
      const account = await registerAccount(testApp, 'mallory');
      const other = await login({ username: 'mallory', password: account.password }).expect(200);

      await testApp.http().post('/api/auth/logout/').set('Authorization', `Token ${account.token}`).expect(204, '');
      const refused = await testApp.http().get('/api/auth/user').set('Authorization', account.auth).expect(401);
      expect(refused.body).toEqual({ msg: { detail: 'Invalid token.' }, status: 401 });
      await testApp.http().get('/api/auth/user').set('Authorization', `Bearer ${other.body.token}`).expect(200);
    });

    it("logoutall stops every token of this user and no one else's", async () => {
      const account = await registerAccount(testApp, 'niaj');
      const second = await login({ username: 'niaj', password: account.password }).expect(200);
      const bystander = await registerAccount(testApp, 'olivia');

      await testApp.http().post('/api/auth/logoutall').set('Authorization', account.auth).expect(204);
      await testApp.http().get('/api/auth/user').set('Authorization', account.auth).expect(401);
      await testApp.http().get('/api/auth/user').set('Authorization', `Bearer ${second.body.token}`).expect(401);
      await testApp.http().get('/api/auth/user').set('Authorization', bystander.auth).expect(200);
    });

    it('needs a token', async () => {
      await testApp.http().post('/api/auth/logout').expect(401);
      await testApp.http().post('/api/auth/logoutall/').expect(401);
    });
  });

  it('hashes with the configured cost', async () => {
    const user = await testApp.dataSource.manager.findOneByOrFail(User, { username: 'alice' });
    expect(bcrypt.getRounds(user.passwordHash)).toBe(4);
  });
});

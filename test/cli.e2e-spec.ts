import { jest } from '@jest/globals';
import { runCliInProcess } from './support/cli-in-process.js';
import { type CliResult, runCli } from './support/cli-process.js';
import { createTestDatabase, startTestApp, type TestApp, type TestDatabase } from './support/test-app.js';

interface SessionJson {
  id: string;
  created: string;
  expiry: string | null;
  user_agent: string;
  ip: string;
}

// Each CLI run starts the accounts services on the database (hashing threads, migrations check); some tests make several.
jest.setTimeout(60_000);

/** The admin CLI's commands, run in this process on the database of a running app whose HTTP API shows the effects. */
describe('Admin CLI (npm run manage)', () => {
  let database: TestDatabase;
  let testApp: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase();
    testApp = await startTestApp({ DATABASE_URL: database.url });
  }, 30_000);

  afterAll(async () => {
    await testApp.close();
    await database.drop();
  });

  const manage = (args: string[], input = '') => runCliInProcess(database.url, args, input);
  const login = (username: string, password: string) => testApp.http().post('/api/auth/login').send({ username, password });
  const whoAmI = (token: string) => testApp.http().get('/api/auth/user').set('Authorization', `Bearer ${token}`);

  /** Registers `username` through the API and logs in again: answers both tokens (the second from "second-device"). */
  async function userWithTwoSessions(username: string): Promise<[string, string]> {
    const password = `${username}-password`;
    const first = (await testApp.http().post('/api/auth/register').send({ username, password }).expect(201)).body.token;
    const second = (await login(username, password).set('User-Agent', 'second-device').expect(200)).body.token;
    return [first, second];
  }

  /** A refusal: exit code 1, nothing on stdout, one line on stderr. */
  function expectRefusal(result: CliResult, line: RegExp): void {
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')).toEqual([expect.stringMatching(line), '']);
  }

  describe('createuser', () => {
    it('creates an active user who can log in through the API, with the password from standard input', async () => {
      const result = await manage(['createuser', 'carol', '--email', 'carol@example.com'], 'carol password\n');

      expect(result).toEqual({ code: 0, stdout: expect.stringMatching(/^Created user carol \(id \d+\)\.\n$/), stderr: '' });
      const session = await login('CAROL', 'carol password').expect(200);
      expect(session.body.user).toEqual({ id: expect.any(Number), username: 'carol', email: 'carol@example.com' });
    });

    it('reads only the first line of standard input', async () => {
      expect((await manage(['createuser', 'edgar'], 'first-line-password\r\nsecond line\n')).code).toBe(0);
      await login('edgar', 'first-line-password').expect(200);
    });

    it('refuses passwords, usernames and emails as register does, with its messages, and creates nothing', async () => {
      await userWithTwoSessions('frank');
      const [short, likeUsername, taken, badUsername, badEmail, noInput] = await Promise.all([
        manage(['createuser', 'gina'], '1234\n'),
        manage(['createuser', 'gina'], 'GINA\n'),
        manage(['createuser', 'FRANK'], 'other-password\n'),
        manage(['createuser', 'bad name!'], 'good-password\n'),
        manage(['createuser', 'gina', '--email', 'not-an-email'], 'good-password\n'),
        manage(['createuser', 'gina']),
      ]);
      const atRegister = await testApp.http().post('/api/auth/register').send({ username: 'register-check', password: '1234' }).expect(400);

      expectRefusal(short, new RegExp(`^error: password: ${atRegister.body.msg.password.join(' ').replace(/[.()]/g, '\\$&')}$`));
      expect(short.stderr).toContain('This password is too short. It must contain at least 8 characters.');
      expect(short.stderr).toContain('This password is entirely numeric.');
      expectRefusal(likeUsername, /^error: password: .*The password is too similar to the username\./);
      expectRefusal(taken, /^error: username: A user with that username already exists\.$/);
      expectRefusal(badUsername, /^error: username: Enter a valid username\./);
      expectRefusal(badEmail, /^error: email: Enter a valid email address\.$/);
      expectRefusal(noInput, /^error: No password on standard input/);
      await login('gina', 'good-password').expect(400);
      await login('frank', 'other-password').expect(400);
    });

    it('never takes the password from an argument', async () => {
      const result = await manage(['createuser', 'hank', 'hank-password']);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(/^error: too many arguments/);
      await login('hank', 'hank-password').expect(400);
    });
  });

  describe('setpassword', () => {
    it('sets a new password and ends every session of the user at once', async () => {
      const [first, second] = await userWithTwoSessions('irene');

      const result = await manage(['setpassword', 'Irene'], 'irene-new-password\n');

      expect(result).toEqual({ code: 0, stdout: 'Changed the password of irene; every session of theirs has ended.\n', stderr: '' });
      await whoAmI(first).expect(401);
      await whoAmI(second).expect(401);
      await login('irene', 'irene-password').expect(400);
      await login('irene', 'irene-new-password').expect(200);
    });

    it('refuses a password the register rules refuse, or an unknown user, and changes nothing', async () => {
      const [token] = await userWithTwoSessions('jack');
      const [refused, unknown] = await Promise.all([
        manage(['setpassword', 'jack'], 'jack\n'),
        manage(['setpassword', 'nobody'], 'some-password\n'),
      ]);
      expectRefusal(refused, /^error: password: .*The password is too similar to the username\./);
      expectRefusal(unknown, /^error: no user named "nobody"\.$/);
      await whoAmI(token).expect(200);
      await login('jack', 'jack-password').expect(200);
    });
  });

  describe('deactivate and activate', () => {
    it('stops the user logging in and their tokens working at once; activate lets them log in again', async () => {
      const [token] = await userWithTwoSessions('kate');

      expect(await manage(['deactivate', 'kate'])).toEqual({
        code: 0,
        stdout: 'Deactivated kate; every session of theirs has ended.\n',
        stderr: '',
      });
      await whoAmI(token).expect(401);
      expect((await login('kate', 'kate-password').expect(400)).body).toEqual({
        msg: { non_field_errors: ['Incorrect Credentials'] },
        status: 400,
      });

      expect(await manage(['activate', 'kate'])).toEqual({ code: 0, stdout: 'Activated kate.\n', stderr: '' });
      await login('kate', 'kate-password').expect(200);
    });
  });

  describe('deleteuser', () => {
    it('asks for --yes, then deletes the user with their leads and tokens and frees the username', async () => {
      const [token] = await userWithTwoSessions('liam');
      await testApp
        .http()
        .post('/api/leads')
        .set('Authorization', `Bearer ${token}`)
        .send({ name: 'L', email: 'l@example.com' })
        .expect(201);

      expectRefusal(
        await manage(['deleteuser', 'liam']),
        /^error: deleting liam removes their leads and sessions too: add --yes to go ahead\.$/,
      );
      await whoAmI(token).expect(200);

      expect(await manage(['deleteuser', 'liam', '--yes'])).toEqual({
        code: 0,
        stdout: 'Deleted user liam with their leads and sessions.\n',
        stderr: '',
      });
      await whoAmI(token).expect(401);
      const rows = await testApp.dataSource.query(`SELECT COUNT(*) AS "count" FROM "leads" WHERE "email" = 'l@example.com'`);
      expect(Number(rows[0].count)).toBe(0);
      await testApp.http().post('/api/auth/register').send({ username: 'liam', password: 'a fresh start' }).expect(201);
    });

    it('refuses an unknown user', async () => {
      expectRefusal(await manage(['deleteuser', 'nobody', '--yes']), /^error: no user named "nobody"\.$/);
    });
  });

  describe('listusers', () => {
    it('prints a table, or JSON with --json, with live sessions and leads counted', async () => {
      const [token] = await userWithTwoSessions('mia');
      await testApp
        .http()
        .post('/api/leads')
        .set('Authorization', `Bearer ${token}`)
        .send({ name: 'M', email: 'm@example.com' })
        .expect(201);

      const [json, table] = await Promise.all([manage(['listusers', '--json']), manage(['listusers'])]);

      expect(json).toMatchObject({ code: 0, stderr: '' });
      const mia = (JSON.parse(json.stdout) as { id: number; username: string }[]).find((user) => user.username === 'mia');
      expect(mia).toEqual({
        id: expect.any(Number),
        username: 'mia',
        email: '',
        active: true,
        sessions: 2,
        leads: 1,
        joined: expect.stringMatching(/Z$/),
      });
      const lines = table.stdout.trimEnd().split('\n');
      expect(lines[0].split(/\s+/)).toEqual(['ID', 'USERNAME', 'EMAIL', 'ACTIVE', 'SESSIONS', 'LEADS', 'JOINED']);
      expect(lines.find((line) => /^\d+\s+mia\s/.test(line))?.split(/\s+/)).toEqual([
        String(mia?.id),
        'mia',
        'yes',
        '2',
        '1',
        mia && expect.any(String),
      ]);
    });
  });

  describe('sessions and revoke', () => {
    it('lists the live sessions the API lists, and ends one as DELETE /api/auth/sessions/:id does', async () => {
      const [first, second] = await userWithTwoSessions('noah');
      const fromApi = (await testApp.http().get('/api/auth/sessions').set('Authorization', `Bearer ${first}`).expect(200)).body;

      const [json, table] = await Promise.all([manage(['sessions', 'noah', '--json']), manage(['sessions', 'noah'])]);

      const sessions = JSON.parse(json.stdout) as SessionJson[];
      expect(sessions).toEqual(fromApi.map(({ current: _current, ...session }: SessionJson & { current: boolean }) => session));
      expect(json.stdout).not.toContain(first.slice(0, 15));
      expect(table.stdout.split('\n')[0].split(/\s{2,}/)).toEqual(['ID', 'CREATED', 'EXPIRY', 'IP', 'USER AGENT']);
      expect(table.stdout).toContain('second-device');

      const secondId = sessions.find((session) => session.user_agent === 'second-device')!.id;
      expect(await manage(['revoke', 'noah', secondId])).toEqual({ code: 0, stdout: `Ended session ${secondId} of noah.\n`, stderr: '' });
      await whoAmI(second).expect(401);
      await whoAmI(first).expect(200);
    });

    it('ends every session with --all', async () => {
      const [first, second] = await userWithTwoSessions('olga');
      expect(await manage(['revoke', 'olga', '--all'])).toEqual({ code: 0, stdout: 'Ended every session of olga.\n', stderr: '' });
      await whoAmI(first).expect(401);
      await whoAmI(second).expect(401);
    });

    it("refuses another user's session id, an unknown one, an unknown user, and neither or both of an id and --all", async () => {
      const [token] = await userWithTwoSessions('pete');
      const [quinnToken] = await userWithTwoSessions('quinn');
      const [quinnSession] = (await testApp.http().get('/api/auth/sessions').set('Authorization', `Bearer ${quinnToken}`).expect(200)).body;

      const [others, unknown, nobody, neither, both] = await Promise.all([
        manage(['revoke', 'pete', quinnSession.id]),
        manage(['revoke', 'pete', 'no-such-session']),
        manage(['sessions', 'nobody']),
        manage(['revoke', 'pete']),
        manage(['revoke', 'pete', quinnSession.id, '--all']),
      ]);

      expectRefusal(others, new RegExp(`^error: pete has no session ${quinnSession.id}\\.$`));
      expectRefusal(unknown, /^error: pete has no session no-such-session\.$/);
      expectRefusal(nobody, /^error: no user named "nobody"\.$/);
      expectRefusal(neither, /^error: give either a session id or --all\.$/);
      expectRefusal(both, /^error: give either a session id or --all\.$/);
      await whoAmI(token).expect(200);
      await whoAmI(quinnToken).expect(200);
    });
  });

  describe('prunetokens', () => {
    it('deletes the expired tokens and prints how many', async () => {
      const [expired, live] = await userWithTwoSessions('rita');
      await testApp.dataSource.query(
        `UPDATE "auth_tokens" SET "expiry" = '2000-01-01T00:00:00.000Z' WHERE "token_key" = '${expired.slice(0, 15)}'`,
      );

      expect(await manage(['prunetokens'])).toEqual({ code: 0, stdout: 'Deleted 1 expired token.\n', stderr: '' });
      await whoAmI(live).expect(200);
    });
  });

  describe('unlock', () => {
    it("clears a locked username's failed logins at once on the running server, in any case", async () => {
      await testApp.http().post('/api/auth/register').send({ username: 'ursula', password: 'ursula-password' }).expect(201);
      for (let i = 0; i < 10; i++) await login('ursula', 'wrong-password').expect(400);
      await login('ursula', 'ursula-password').expect(429);

      expect(await manage(['unlock', 'URSULA'])).toEqual({ code: 0, stdout: 'Cleared 10 failed logins of URSULA.\n', stderr: '' });
      await login('ursula', 'ursula-password').expect(200);
    });

    it('takes a username no user has, and says so no differently', async () => {
      for (let i = 0; i < 10; i++) await login('nobody-here', 'wrong-password').expect(400);
      await login('nobody-here', 'wrong-password').expect(429);

      expect(await manage(['unlock', 'nobody-here'])).toEqual({
        code: 0,
        stdout: 'Cleared 10 failed logins of nobody-here.\n',
        stderr: '',
      });
      await login('nobody-here', 'wrong-password').expect(400);
      expect(await manage(['unlock', 'never-seen'])).toEqual({ code: 0, stdout: 'Cleared 0 failed logins of never-seen.\n', stderr: '' });
    });
  });

  describe('resetlink', () => {
    const RESET_LINK = /^http:\/\/127\.0\.0\.1:8000\/password-reset\/confirm#token=([0-9a-f]{64})\n$/;
    const confirm = (token: string, newPassword: string) =>
      testApp.http().post('/api/auth/password/reset/confirm').send({ token, new_password: newPassword });

    it('prints a fresh link, and only the link, that resets the password on the running server once', async () => {
      const [session] = await userWithTwoSessions('vera');
      const result = await manage(['resetlink', 'VERA']);

      expect([result.code, result.stderr]).toEqual([0, '']);
      expect(result.stdout).toMatch(RESET_LINK);
      const token = RESET_LINK.exec(result.stdout)![1];
      await confirm(token, 'vera-new-password').expect(204);
      await whoAmI(session).expect(401);
      await login('vera', 'vera-new-password').expect(200);
      await confirm(token, 'vera-other-password').expect(400);
    });

    it('ends the older links of the user, as a new request does', async () => {
      await userWithTwoSessions('walt');
      const older = RESET_LINK.exec((await manage(['resetlink', 'walt'])).stdout)![1];
      const newer = RESET_LINK.exec((await manage(['resetlink', 'walt'])).stdout)![1];

      await confirm(older, 'walt-new-password').expect(400);
      await confirm(newer, 'walt-new-password').expect(204);
    });

    it('refuses an unknown or deactivated user with one line', async () => {
      await userWithTwoSessions('xena');
      expect((await manage(['deactivate', 'xena'])).code).toBe(0);

      expectRefusal(await manage(['resetlink', 'nobody-at-all']), /^error: no user named "nobody-at-all"\.$/);
      expectRefusal(await manage(['resetlink', 'xena']), /^error: xena is deactivated: activate them first, or the link will not work\.$/);
    });
  });

  it('refuses an unknown command or option with one line and a non-zero exit code', async () => {
    for (const args of [['frobnicate'], ['listusers', '--yaml'], ['createuser']]) {
      const result = await manage(args);
      expect(result.code).not.toBe(0);
      expect(result.stdout).toBe('');
      expect(result.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^error: /)]);
    }
  });
});

/** The built CLI as a process, as an operator runs it: two smoke tests of what only a process shows. */
describe('Admin CLI process on a database no server has touched', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database.drop();
  });

  it('applies the migrations without a word on its output, then works', async () => {
    expect(await runCli(database.url, ['listusers'])).toEqual({ code: 0, stdout: 'No users.\n', stderr: '' });
    expect(await runCli(database.url, ['createuser', 'first'], 'first-password\n')).toMatchObject({ code: 0, stderr: '' });
  });

  it('names a bad DATABASE_URL in one line', async () => {
    const result = await runCli('mysql://nowhere', ['listusers']);
    expect(result).toEqual({ code: 1, stdout: '', stderr: expect.stringMatching(/^error: Invalid setting DATABASE_URL: [^\n]*\n$/) });
  });
});

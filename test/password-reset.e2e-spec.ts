import { jest } from '@jest/globals';
import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { Outbox } from '../src/mail/outbox.js';
import { Metrics } from '../src/metrics/metrics.service.js';
import { parseExposition, valueOf } from './support/metrics.js';
import { type ReceivedEmail, SmtpPeer } from './support/smtp-peer.js';
import { freePort, logLines, runServer, waitUntilServing } from './support/server-process.js';
import { createTestDatabase, startTestApp, type TestApp, type TestDatabase } from './support/test-app.js';

// Failed sends are retried with pauses (half a second, then two) before they count as failed.
jest.setTimeout(30_000);

const ACCEPTED = { detail: 'If an account uses this address, a reset link is on its way.' };
const INVALID_LINK = { token: ['This reset link is invalid or has expired.'] };
const PUBLIC_URL = 'https://leads.example.com';
const LINK = new RegExp(`${PUBLIC_URL.replace(/\./g, '\\.')}/password-reset/confirm#token=([0-9a-f]{64})`);

/** Log lines written by an app, for the tests to read. */
function logSink(): { lines: string[]; destination: Writable } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, destination };
}

/** The token of the reset link in an email. */
function tokenIn(email: ReceivedEmail): string {
  const match = LINK.exec(email.text);
  if (!match) throw new Error(`no reset link in: ${email.text}`);
  return match[1];
}

/** Every background lookup and send of the app has ended. */
const settled = (testApp: TestApp) => testApp.app.get(Outbox).drain();

async function emailsCounted(testApp: TestApp, kind: string, result: string): Promise<number> {
  return valueOf(parseExposition(await testApp.app.get(Metrics).registry.metrics()), 'lead_manager_emails_total', { kind, result });
}

describe('Password reset by email, on a real SMTP server', () => {
  let peer: SmtpPeer;
  let testApp: TestApp;
  const logs = logSink();
  let counter = 0;

  beforeAll(async () => {
    peer = await SmtpPeer.start();
    testApp = await startTestApp(
      {
        EMAIL_URL: peer.url,
        EMAIL_FROM: 'Lead Manager <leads@example.com>',
        PUBLIC_URL,
        LOGIN_FAILURES_PER_ACCOUNT: '3',
        LOG_LEVEL: 'info',
      },
      { logDestination: logs.destination },
    );
  });

  afterAll(async () => {
    await testApp.close();
    await peer.close();
  });

  /** A fresh user with its own address (or the one given) and a token from registering. */
  async function newUser(email?: string): Promise<{ username: string; email: string; password: string; token: string }> {
    const username = `reset${++counter}`;
    const address = email ?? `${username}@example.com`;
    const password = `${username}-old-password`;
    const registered = await testApp.http().post('/api/auth/register').send({ username, email: address, password }).expect(201);
    return { username, email: address, password, token: (registered.body as { token: string }).token };
  }

  const requestReset = (email: unknown) => testApp.http().post('/api/auth/password/reset').send({ email });
  const confirm = (token: unknown, newPassword: unknown) =>
    testApp.http().post('/api/auth/password/reset/confirm').send({ token, new_password: newPassword });
  const login = (username: string, password: string) => testApp.http().post('/api/auth/login').send({ username, password });

  /** Asks for a link for `email` and answers the token of the newest email that arrives for it. */
  async function resetToken(email: string): Promise<string> {
    const before = peer.to(email).length;
    await requestReset(email).expect(202, ACCEPTED);
    const emails = await peer.waitFor(email, before + 1);
    return tokenIn(emails[emails.length - 1]);
  }

  describe('the request', () => {
    it('answers the same 202 for a real, an unknown and an inactive address, before anything is sent', async () => {
      const real = await newUser();
      const inactive = await newUser();
      await testApp.dataSource.query(`UPDATE users SET is_active = FALSE WHERE username = '${inactive.username}'`);

      // The mail server takes the connection but says nothing: the answers come all the same.
      const release = peer.hold();
      const answers = await Promise.all([requestReset(real.email), requestReset('nobody-here@example.com'), requestReset(inactive.email)]);
      await peer.holding();
      expect(peer.to(real.email)).toEqual([]);
      for (const answer of answers) {
        expect(answer.status).toBe(202);
        expect(answer.body).toEqual(ACCEPTED);
        expect(answer.headers['content-type']).toBe(answers[0].headers['content-type']);
        expect(answer.headers['content-length']).toBe(answers[0].headers['content-length']);
      }
      release();

      expect(await peer.waitFor(real.email)).toHaveLength(1);
      await settled(testApp);
      expect(peer.to('nobody-here@example.com')).toEqual([]);
      expect(peer.to(inactive.email)).toEqual([]);
    });

    it('sends a plain-text email naming the user, with the link under PUBLIC_URL and the token in its fragment', async () => {
      const user = await newUser();
      await requestReset(user.email).expect(202, ACCEPTED);

      const [email] = await peer.waitFor(user.email);
      expect(email.subject).toBe('Reset your Lead Manager password');
      expect(email.from).toBe('"Lead Manager" <leads@example.com>');
      expect(email.text).toContain(user.username);
      const token = tokenIn(email);
      // Only the SHA-256 digest is stored.
      const stored = JSON.stringify(await testApp.dataSource.query('SELECT * FROM password_reset_tokens'));
      expect(stored).not.toContain(token);
      expect(stored).toContain(createHash('sha256').update(token).digest('hex'));
    });

    it('matches the address ignoring case', async () => {
      const user = await newUser();
      await requestReset(user.email.toUpperCase()).expect(202, ACCEPTED);
      expect(await peer.waitFor(user.email)).toHaveLength(1);
    });

    it('sends each account sharing an address its own link, which resets that account only', async () => {
      const shared = `shared${++counter}@example.com`;
      const first = await newUser(shared);
      const second = await newUser(shared);

      await requestReset(shared).expect(202, ACCEPTED);
      const emails = await peer.waitFor(shared, 2);
      const forFirst = emails.find((email) => email.text.includes(`"${first.username}"`))!;
      const forSecond = emails.find((email) => email.text.includes(`"${second.username}"`))!;
      expect(tokenIn(forFirst)).not.toBe(tokenIn(forSecond));

      await confirm(tokenIn(forSecond), 'second-new-password').expect(204);
      await login(second.username, 'second-new-password').expect(200);
      await login(first.username, first.password).expect(200);
      await confirm(tokenIn(forFirst), 'first-new-password').expect(204);
      await login(first.username, 'first-new-password').expect(200);
    });

    it('refuses a malformed or missing address with a field error', async () => {
      const malformed = await requestReset('not-an-address').expect(400);
      expect(malformed.body).toEqual({ msg: { email: ['Enter a valid email address.'] }, status: 400 });
      const missing = await testApp.http().post('/api/auth/password/reset').send({}).expect(400);
      expect(missing.body).toEqual({ msg: { email: ['This field is required.'] }, status: 400 });
    });

    it('sends at most 3 emails to one address an hour; later requests answer 202, send nothing and make no token', async () => {
      const user = await newUser();
      for (let i = 0; i < 3; i++) await resetToken(user.email);
      const tokensBefore: unknown = await testApp.dataSource.query('SELECT digest FROM password_reset_tokens');

      await requestReset(user.email.toUpperCase()).expect(202, ACCEPTED);
      await settled(testApp);

      expect(peer.to(user.email)).toHaveLength(3);
      expect(await testApp.dataSource.query('SELECT digest FROM password_reset_tokens')).toEqual(tokensBefore);
    });
  });

  describe('the confirmation', () => {
    it('sets the password, ends every session, clears the failed-login count, sends the notice and does not log in', async () => {
      const user = await newUser();
      const second = (await login(user.username, user.password).expect(200)).body as { token: string };
      // Three failures lock the username (LOGIN_FAILURES_PER_ACCOUNT=3).
      for (let i = 0; i < 3; i++) await login(user.username, 'wrong-password').expect(400);
      await login(user.username, user.password).expect(429);

      const token = await resetToken(user.email);
      const answer = await confirm(token, 'brand-new-password').expect(204);

      expect(answer.text).toBe('');
      for (const sessionToken of [user.token, second.token]) {
        await testApp.http().get('/api/auth/user').set('Authorization', `Bearer ${sessionToken}`).expect(401);
      }
      await login(user.username, user.password).expect(400);
      await login(user.username, 'brand-new-password').expect(200);
      const [, notice] = await peer.waitFor(user.email, 2);
      expect(notice.subject).toBe('Your Lead Manager password was changed');
      expect(notice.text).toContain(user.username);
      expect(notice.text).not.toMatch(LINK);
    });

    it('works once: the same link again is refused', async () => {
      const user = await newUser();
      const token = await resetToken(user.email);
      await confirm(token, 'first-choice-password').expect(204);

      const again = await confirm(token, 'second-choice-password').expect(400);
      expect(again.body).toEqual({ msg: INVALID_LINK, status: 400 });
      await login(user.username, 'first-choice-password').expect(200);
    });

    it('refuses a password the register rules refuse, and the link keeps working', async () => {
      const user = await newUser();
      const token = await resetToken(user.email);

      const refused = await confirm(token, '1234').expect(400);
      expect(refused.body).toEqual({
        msg: { new_password: ['This password is too short. It must contain at least 8 characters.', 'This password is entirely numeric.'] },
        status: 400,
      });
      const likeUsername = await confirm(token, user.username.toUpperCase()).expect(400);
      expect((likeUsername.body as { msg: { new_password: string[] } }).msg.new_password).toContain(
        'The password is too similar to the username.',
      );

      await confirm(token, 'acceptable-password').expect(204);
    });

    it('refuses an expired link, and expired links are pruned after a later request', async () => {
      const user = await newUser();
      const token = await resetToken(user.email);
      const digest = createHash('sha256').update(token).digest('hex');
      // The link's hour has passed.
      await testApp.dataSource.query(`UPDATE password_reset_tokens SET expires_at = '2000-01-01T00:00:00.000Z' WHERE digest = '${digest}'`);

      expect((await confirm(token, 'too-late-password').expect(400)).body).toEqual({ msg: INVALID_LINK, status: 400 });
      await login(user.username, user.password).expect(200);

      await requestReset((await newUser()).email).expect(202);
      await settled(testApp);
      expect(await testApp.dataSource.query(`SELECT digest FROM password_reset_tokens WHERE digest = '${digest}'`)).toEqual([]);
    });

    it('ends an older link when a newer one is asked for', async () => {
      const user = await newUser();
      const older = await resetToken(user.email);
      const newer = await resetToken(user.email);

      expect((await confirm(older, 'from-the-older-link').expect(400)).body).toEqual({ msg: INVALID_LINK, status: 400 });
      await confirm(newer, 'from-the-newer-link').expect(204);
    });

    it('refuses unknown and malformed tokens alike', async () => {
      for (const token of ['0'.repeat(64), 'not-a-token', 'x'.repeat(1000)]) {
        expect((await confirm(token, 'whatever-password').expect(400)).body).toEqual({ msg: INVALID_LINK, status: 400 });
      }
      const missing = await testApp.http().post('/api/auth/password/reset/confirm').send({}).expect(400);
      expect(missing.body).toEqual({ msg: { token: ['This field is required.'], new_password: ['This field is required.'] }, status: 400 });
    });
  });

  it('sends the notice after a password change too, and a change ends any reset link still out', async () => {
    const user = await newUser();
    const token = await resetToken(user.email);
    await testApp
      .http()
      .post('/api/auth/password')
      .set('Authorization', `Bearer ${user.token}`)
      .send({ old_password: user.password, new_password: 'changed-by-hand' })
      .expect(204);

    const [, notice] = await peer.waitFor(user.email, 2);
    expect(notice.subject).toBe('Your Lead Manager password was changed');
    expect(notice.text).toContain(user.username);
    await confirm(token, 'from-a-stale-link').expect(400);
  });

  it('counts every email in lead_manager_emails_total by kind and result', async () => {
    await settled(testApp);
    const [resetsBefore, noticesBefore] = [
      await emailsCounted(testApp, 'password_reset', 'sent'),
      await emailsCounted(testApp, 'password_changed', 'sent'),
    ];
    const user = await newUser();
    await confirm(await resetToken(user.email), 'counted-password').expect(204);
    await peer.waitFor(user.email, 2);
    await settled(testApp);

    expect(await emailsCounted(testApp, 'password_reset', 'sent')).toBe(resetsBefore + 1);
    expect(await emailsCounted(testApp, 'password_changed', 'sent')).toBe(noticesBefore + 1);
    expect(await emailsCounted(testApp, 'password_reset', 'failed')).toBe(0);
  });

  it('retries a send the mail server refused, and the email arrives', async () => {
    const user = await newUser();
    peer.refuseNext(1);
    await requestReset(user.email).expect(202, ACCEPTED);

    expect(await peer.waitFor(user.email)).toHaveLength(1);
    expect(logs.lines.some((line) => line.includes('attempt 1 of 3') && line.includes(user.email))).toBe(true);
  });

  it('never writes a reset token to the log: the confirm request carries it in its body', async () => {
    const user = await newUser();
    const token = await resetToken(user.email);
    await confirm(token, 'unlogged-password').expect(204);
    await settled(testApp);

    expect(logs.lines.some((line) => line.includes('/api/auth/password/reset/confirm'))).toBe(true);
    expect(logs.lines.filter((line) => line.includes(token))).toEqual([]);
  });

  it('holds the per-address limit across two instances on one database', async () => {
    const other = await startTestApp({ DATABASE_URL: testApp.databaseUrl, EMAIL_URL: peer.url, PUBLIC_URL });
    try {
      const user = await newUser();
      const apps = [testApp, other, testApp, other, other];
      await Promise.all(apps.map((app) => app.http().post('/api/auth/password/reset').send({ email: user.email }).expect(202, ACCEPTED)));
      await Promise.all([settled(testApp), settled(other)]);

      expect(peer.to(user.email)).toHaveLength(3);
    } finally {
      await other.close();
    }
  });
});

describe('Password reset with a mail server that is down', () => {
  let testApp: TestApp;
  const logs = logSink();

  beforeAll(async () => {
    testApp = await startTestApp({ EMAIL_URL: await SmtpPeer.deadUrl(), LOG_LEVEL: 'info' }, { logDestination: logs.destination });
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('answers the same 202, then logs and counts the failure after 3 attempts', async () => {
    await testApp
      .http()
      .post('/api/auth/register')
      .send({ username: 'offline', email: 'offline@example.com', password: 'offline-password' });

    await testApp.http().post('/api/auth/password/reset').send({ email: 'offline@example.com' }).expect(202, ACCEPTED);
    await settled(testApp);

    expect(await emailsCounted(testApp, 'password_reset', 'failed')).toBe(1);
    expect(await emailsCounted(testApp, 'password_reset', 'sent')).toBe(0);
    const failure = logs.lines.map((line) => JSON.parse(line) as { level: number; msg: string }).find((line) => line.level === 50);
    expect(failure?.msg).toMatch(/^Could not send "Reset your Lead Manager password" to offline@example\.com after 3 attempts: /);
    // The server went on answering meanwhile.
    await testApp.http().get('/api/health').expect(200);
  });
});

describe('Password reset with EMAIL_URL=console (the default)', () => {
  let testApp: TestApp;
  const logs = logSink();

  beforeAll(async () => {
    testApp = await startTestApp({ LOG_LEVEL: 'info' }, { logDestination: logs.destination });
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('writes the email to the log as one line at info level, with a link that works', async () => {
    await testApp
      .http()
      .post('/api/auth/register')
      .send({ username: 'newcomer', email: 'newcomer@example.com', password: 'newcomer-password' });
    await testApp.http().post('/api/auth/password/reset').send({ email: 'newcomer@example.com' }).expect(202, ACCEPTED);
    await settled(testApp);

    const mailLines = logs.lines
      .map((line) => JSON.parse(line) as { level: number; msg: string; context?: string })
      .filter((line) => line.context === 'Mail');
    expect(mailLines).toHaveLength(1);
    expect(mailLines[0].level).toBe(30);
    const token = /http:\/\/127\.0\.0\.1:8000\/password-reset\/confirm#token=([0-9a-f]{64})/.exec(mailLines[0].msg)![1];
    expect(mailLines[0].msg).toMatch(
      /^Email to newcomer@example\.com from Lead Manager <no-reply@localhost>: "Reset your Lead Manager password" Hello newcomer,/,
    );
    // That line is the only one that holds the token.
    expect(logs.lines.filter((line) => line.includes(token))).toHaveLength(1);

    await testApp.http().post('/api/auth/password/reset/confirm').send({ token, new_password: 'from-the-log-line' }).expect(204);
    await testApp.http().post('/api/auth/login').send({ username: 'newcomer', password: 'from-the-log-line' }).expect(200);
  });
});

describe('Password reset and the per-IP budget (THROTTLE_AUTH_PER_MINUTE=3)', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ THROTTLE_AUTH_PER_MINUTE: '3' });
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('counts both routes against the budget login shares', async () => {
    await testApp.http().post('/api/auth/password/reset').send({ email: 'a@example.com' }).expect(202);
    await testApp.http().post('/api/auth/password/reset/confirm').send({ token: 'x', new_password: 'whatever-password' }).expect(400);
    await testApp.http().post('/api/auth/login').send({ username: 'a', password: 'b' }).expect(400);

    const refused = await testApp.http().post('/api/auth/password/reset').send({ email: 'a@example.com' }).expect(429);
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    await testApp.http().post('/api/auth/password/reset/confirm').send({ token: 'x', new_password: 'whatever-password' }).expect(429);
  });
});

describe('Shutdown while an email is being sent', () => {
  let peer: SmtpPeer;
  let database: TestDatabase;

  beforeAll(async () => {
    peer = await SmtpPeer.start();
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await peer.close();
    await database.drop();
  });

  /** Resolves once `condition` holds, looking again every 50 ms (the test's timeout bounds the wait). */
  async function until(condition: () => boolean): Promise<void> {
    while (!condition()) await new Promise((resolve) => setTimeout(resolve, 50));
  }

  it('waits for it after SIGTERM, then exits 0 with the email delivered', async () => {
    const port = await freePort();
    const server = runServer({ PORT: String(port), DATABASE_URL: database.url, EMAIL_URL: peer.url, BCRYPT_ROUNDS: '4' });
    try {
      await waitUntilServing(server);
      const post = (path: string, body: object) =>
        fetch(`${server.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      expect((await post('/api/auth/register', { username: 'late', email: 'late@example.com', password: 'late-password' })).status).toBe(
        201,
      );

      const release = peer.hold();
      expect((await post('/api/auth/password/reset', { email: 'late@example.com' })).status).toBe(202);
      await peer.holding();
      server.child.kill('SIGTERM');
      await until(() => logLines(server).some((line) => line.msg.startsWith('SIGTERM received')));
      expect(server.child.exitCode).toBeNull();
      release();

      expect(await server.exited).toBe(0);
      expect(await peer.waitFor('late@example.com')).toHaveLength(1);
    } finally {
      server.child.kill('SIGKILL');
    }
  });
});

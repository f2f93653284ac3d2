import { jest } from '@jest/globals';
import type { Locator, Page } from 'playwright-core';
import { apiLogin, apiStatus, axeViolations, type ClientSession, openClient, screenshot, storedToken } from './client-browser.js';

/**
 * The Lead Manager as a person uses it, in Chromium over the real server and
 * a SQLite database: one user's day from registering to deleting the account.
 * The steps run in order and share the page.
 */
jest.setTimeout(30_000);

describe('The web client in a real browser', () => {
  let client: ClientSession;
  let page: Page;
  let url: (path: string) => string;
  const username = 'alice';
  let password = 'correct horse battery';

  const nav = () => page.getByRole('navigation');
  const status = () => page.getByRole('main').getByRole('status');
  const alert = () => page.getByRole('main').getByRole('alert');
  const heading = (name: string) => page.getByRole('heading', { name, exact: true });
  const row = (text: string) => page.getByRole('row').filter({ hasText: text });
  const token = () => storedToken(page);
  const atPath = (path: string) => page.waitForURL((current) => current.pathname === path);
  const expectNoAxeViolation = async () => expect(await axeViolations(page)).toEqual([]);

  /** The field is marked invalid (waiting for it: the same message may still be shown from an earlier error) and described by `message`. */
  async function expectMarked(field: Locator, message: string): Promise<void> {
    await field.and(page.locator('[aria-invalid="true"]')).waitFor();
    const described = await field.getAttribute('aria-describedby');
    expect(await page.locator(`#${described}`).innerText()).toBe(message);
  }

  const apiRequests = (path: string, method = 'POST') => {
    const seen: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === path && request.method() === method) seen.push(request.url());
    });
    return seen;
  };

  beforeAll(async () => {
    client = await openClient();
    page = client.page;
    // The page's timers run on a clock the test can move forward (it keeps time on its own meanwhile).
    await page.clock.install();
    // A step that cannot happen fails with what it waited for, well before the test's own timeout.
    page.setDefaultTimeout(8_000);
    url = (path) => `${client.baseUrl}${path}`;
  }, 60_000);

  afterAll(async () => {
    await client?.close();
  });

  it('sends a logged-out visitor to the login page, with a favicon and nothing blocked or broken', async () => {
    const favicon = page.waitForResponse((response) => /\/assets\/favicon-[\w-]+\.svg$/.test(response.url()));
    const script = page.waitForResponse((response) => /\/assets\/index-[\w-]+\.js$/.test(response.url()));
    const html = await page.goto(url('/'));
    expect(html!.headers()['cache-control']).toBe('no-cache');
    await atPath('/login');
    await heading('Login').waitFor();
    expect((await favicon).status()).toBe(200);
    const scriptHeaders = (await script).headers();
    expect(scriptHeaders['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(scriptHeaders['content-encoding']).toBe('br');
    expect((await page.request.get(url('/api/nothing'))).status()).toBe(404);
    expect(await nav().getByRole('link').allInnerTexts()).toEqual(['Lead Manager', 'Register', 'Login']);
    expect(await page.title()).toBe('Login · Lead Manager');
    await expectNoAxeViolation();
    await screenshot(page, 'web-login');
  });

  it('registers: "Passwords do not match" sends nothing; a server error names and marks the field; success opens the leads', async () => {
    const registrations = apiRequests('/api/auth/register');
    await nav().getByRole('link', { name: 'Register' }).click();
    await atPath('/register');
    await heading('Register').waitFor();
    await expectNoAxeViolation();

    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Email').fill('not-an-email');
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByLabel('Confirm Password').fill('something else');
    await page.getByRole('button', { name: 'Register' }).click();
    await alert().getByText('Passwords do not match').waitFor();
    await expectMarked(page.getByLabel('Confirm Password'), 'Passwords do not match');
    expect(registrations).toEqual([]);

    await page.getByLabel('Confirm Password').fill(password);
    expect(await page.getByLabel('Confirm Password').getAttribute('aria-invalid')).toBeNull();
    await page.getByRole('button', { name: 'Register' }).click();
    await alert().getByText('Email: Enter a valid email address.').waitFor();
    await expectMarked(page.getByLabel('Email'), 'Email: Enter a valid email address.');
    expect(registrations).toHaveLength(1);
    await screenshot(page, 'web-register-errors');
    await expectNoAxeViolation();

    await page.getByLabel('Email').fill('alice@example.com');
    expect(await page.getByLabel('Email').getAttribute('aria-invalid')).toBeNull();
    await page.getByRole('button', { name: 'Register' }).click();
    await atPath('/');
    await nav().getByText(`Welcome ${username}`).waitFor();
    expect(await nav().getByRole('link').allInnerTexts()).toEqual(['Lead Manager', 'Leads', 'Import', 'Account']);
    await nav().getByRole('button', { name: 'Logout' }).waitFor();
    expect(await token()).toMatch(/^[0-9a-f]{64}$/);
  });

  it('adds, edits and deletes leads, with a message for each that stays at least 3 seconds', async () => {
    await heading('Add Lead').waitFor();
    await heading('Leads').waitFor();
    const table = page.getByRole('table');
    expect(await table.getByRole('columnheader').allInnerTexts()).toEqual([
      'ID',
      'Name',
      'Email',
      'Message',
      'Status',
      'Updated',
      'Actions',
    ]);
    expect(await table.getByRole('row').count()).toBe(1);
    await expectNoAxeViolation();

    await page.getByLabel('Name').fill('Jane Doe');
    await page.getByLabel('Email').fill('jane');
    await page.getByRole('button', { name: 'Submit' }).click();
    await alert().getByText('Email: Enter a valid email address.').waitFor();
    await expectMarked(page.getByLabel('Email'), 'Email: Enter a valid email address.');

    await page.getByLabel('Email').fill('jane@example.com');
    await page.getByLabel('Message').fill('Met at the fair.');
    await page.getByRole('button', { name: 'Submit' }).click();
    await status().getByText('Lead Added').waitFor();
    await row('jane@example.com').waitFor();
    expect((await row('jane@example.com').getByRole('cell').allInnerTexts()).slice(0, 4)).toEqual([
      '1',
      'Jane Doe',
      'jane@example.com',
      'Met at the fair.',
    ]);
    expect(await row('jane@example.com').getByRole('cell').nth(4).innerText()).toBe('New');
    expect(await row('jane@example.com').getByRole('cell').last().getByRole('button').allInnerTexts()).toEqual(['Edit', 'Delete']);
    for (const label of ['Name', 'Email', 'Message']) expect(await page.getByLabel(label).inputValue()).toBe('');
    // The page's clock jumps 3 seconds ahead, firing every timer due by then: the message is still shown.
    await page.clock.fastForward(3000);
    expect(await status().getByText('Lead Added').isVisible()).toBe(true);

    await row('jane@example.com').getByRole('button', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit Lead' });
    await dialog.waitFor();
    // The add form's earlier error is not the dialog's.
    expect(await dialog.getByRole('alert').innerText()).toBe('');
    expect(await dialog.getByLabel('Name').inputValue()).toBe('Jane Doe');
    expect(await dialog.getByLabel('Message').inputValue()).toBe('Met at the fair.');
    await expectNoAxeViolation();
    await screenshot(page, 'web-edit-dialog');
    await dialog.getByLabel('Email').fill('still not an email');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByRole('alert').getByText('Email: Enter a valid email address.').waitFor();
    await expectMarked(dialog.getByLabel('Email'), 'Email: Enter a valid email address.');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    await row('jane@example.com').waitFor();

    await row('jane@example.com').getByRole('button', { name: 'Edit' }).click();
    await dialog.getByLabel('Name').fill('Jane Roe');
    await dialog.getByLabel('Email').fill('jane.roe@example.com');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await status().getByText('Lead Saved').waitFor();
    await dialog.waitFor({ state: 'detached' });
    expect(await row('jane.roe@example.com').getByRole('cell').nth(1).innerText()).toBe('Jane Roe');

    await page.getByLabel('Name').fill('Second Lead');
    await page.getByLabel('Email').fill('second@example.com');
    await page.getByRole('button', { name: 'Submit' }).click();
    await row('second@example.com').waitFor();
    await row('jane.roe@example.com').getByRole('button', { name: 'Delete' }).click();
    await status().getByText('Lead Deleted').waitFor();
    await row('jane.roe@example.com').waitFor({ state: 'detached' });
    expect(await table.getByRole('row').count()).toBe(2);
    await screenshot(page, 'web-leads');
  });

  it('shows 25 leads at a time, oldest first, and "Load more" appends the next page', async () => {
    const userToken = (await token())!;
    for (let index = 1; index <= 30; index += 1) {
      await fetch(url('/api/leads'), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${userToken}` },
        body: JSON.stringify({ name: `Lead ${index}`, email: `lead${index}@example.com` }),
      });
    }
    await page.reload();
    const bodyRows = page.getByRole('table').locator('tbody tr');
    await row('lead24@example.com').waitFor();
    expect(await bodyRows.count()).toBe(25);
    expect(await bodyRows.first().getByRole('cell').nth(2).innerText()).toBe('second@example.com');
    await page.getByRole('button', { name: 'Load more' }).click();
    await row('lead30@example.com').waitFor();
    expect(await bodyRows.count()).toBe(31);
    const ids = (await bodyRows.locator('td:first-child').allInnerTexts()).map(Number);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);
  });

  it('on the account page, lists the sessions, revokes one and logs out the others', async () => {
    await nav().getByRole('link', { name: 'Account' }).click();
    await atPath('/account');
    await heading('Account').waitFor();
    expect(await page.title()).toBe('Account · Lead Manager');
    const otherDevice = await apiLogin(client.baseUrl, username, password);
    await page.reload();
    await heading('Sessions').waitFor();
    const sessions = page.getByRole('table');
    expect(await sessions.getByRole('columnheader').allInnerTexts()).toEqual(['Created', 'Expires', 'Device', 'IP', 'Actions']);
    await sessions.getByText('This session').waitFor();
    expect(await sessions.locator('tbody tr').count()).toBe(2);
    const other = sessions.locator('tbody tr').filter({ hasText: 'curl' });
    expect(await other.getByRole('cell').nth(3).innerText()).toBe('127.0.0.1');
    await expectNoAxeViolation();
    await screenshot(page, 'web-account');

    await other.getByRole('button', { name: 'Revoke' }).click();
    await other.waitFor({ state: 'detached' });
    expect(await apiStatus(client.baseUrl, '/api/auth/user', otherDevice)).toBe(401);

    const more = [await apiLogin(client.baseUrl, username, password), await apiLogin(client.baseUrl, username, password)];
    await page.reload();
    await sessions.getByRole('button', { name: 'Revoke' }).first().waitFor();
    expect(await sessions.locator('tbody tr').count()).toBe(3);
    await page.getByRole('button', { name: 'Log out other sessions' }).click();
    await status().getByText('Other sessions logged out').waitFor();
    expect(await sessions.locator('tbody tr').count()).toBe(1);
    for (const gone of more) expect(await apiStatus(client.baseUrl, '/api/auth/user', gone)).toBe(401);
    expect(await apiStatus(client.baseUrl, '/api/auth/user', (await token())!)).toBe(200);
  });

  it('changes the password: mismatch sends nothing, a wrong current one is marked, success keeps this session', async () => {
    const changes = apiRequests('/api/auth/password');
    await heading('Change password').waitFor();
    await page.getByLabel('Current password').fill('wrong password');
    await page.getByLabel('New password', { exact: true }).fill('staple battery horse');
    await page.getByLabel('Confirm new password').fill('staple battery house');
    await page.getByRole('button', { name: 'Change password' }).click();
    await alert().getByText('Passwords do not match').waitFor();
    await expectMarked(page.getByLabel('Confirm new password'), 'Passwords do not match');
    expect(changes).toEqual([]);

    await page.getByLabel('Confirm new password').fill('staple battery horse');
    await page.getByRole('button', { name: 'Change password' }).click();
    const wrong = 'Current password: Your old password was entered incorrectly. Please enter it again.';
    await alert().getByText(wrong).waitFor();
    await expectMarked(page.getByLabel('Current password'), wrong);

    await page.getByLabel('Current password').fill(password);
    await page.getByRole('button', { name: 'Change password' }).click();
    await status().getByText('Password changed').waitFor();
    password = 'staple battery horse';
    await page.reload();
    await nav().getByText(`Welcome ${username}`).waitFor();
    await heading('Account').waitFor();
  });

  it('logs out (even when the server cannot be reached) onto the login page, and back in where the user was going', async () => {
    const logouts = apiRequests('/api/auth/logout');
    const before = (await token())!;
    await nav().getByRole('button', { name: 'Logout' }).click();
    await atPath('/login');
    await heading('Login').waitFor();
    expect(logouts).toHaveLength(1);
    expect(await token()).toBeNull();
    expect(await apiStatus(client.baseUrl, '/api/auth/user', before)).toBe(401);

    await page.goto(url('/account'));
    await atPath('/login');
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Login' }).click();
    await alert().getByText('Incorrect Credentials').waitFor();
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Login' }).click();
    await atPath('/account');
    await heading('Account').waitFor();

    await page.route('**/api/auth/logout', (route) => route.abort('connectionrefused'));
    await nav().getByRole('button', { name: 'Logout' }).click();
    await atPath('/login');
    expect(await token()).toBeNull();
    await page.unroute('**/api/auth/logout');
  });

  it('works from the keyboard: Tab follows the page, Enter submits, Escape closes the dialog', async () => {
    await page.goto(url('/login'));
    await heading('Login').waitFor();
    await page.locator('body').focus();
    // The label of the focused field, or the text of the focused link or button (the test has no DOM types).
    type Focusable = { innerText: string; labels?: { innerText: string }[] | null };
    const focused = () =>
      page.evaluate(() => {
        const element = (globalThis as unknown as { document: { activeElement: Focusable | null } }).document.activeElement;
        return element?.labels?.[0]?.innerText ?? element?.innerText ?? '';
      });
    const order: string[] = [];
    for (let index = 0; index < 6; index += 1) {
      await page.keyboard.press('Tab');
      order.push(await focused());
    }
    expect(order).toEqual(['Lead Manager', 'Register', 'Login', 'Username', 'Password', 'Login']);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.type(username);
    await page.keyboard.press('Tab');
    await page.keyboard.type(password);
    await page.keyboard.press('Enter');
    await atPath('/');
    await heading('Add Lead').waitFor();

    await page.getByLabel('Name').focus();
    await page.keyboard.type('Keyboard Lead');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Email');
    await page.keyboard.type('keys@example.com');
    await page.keyboard.press('Enter');
    await status().getByText('Lead Added').waitFor();
    await row('keys@example.com').waitFor();

    await row('keys@example.com').getByRole('button', { name: 'Edit' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Edit Lead' });
    await dialog.waitFor();
    expect(await focused()).toBe('Name');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await focused()).toBe('Edit');
  });

  it('ends the session cleanly on a 401: token forgotten, login page, one message; logging in returns to the page', async () => {
    await nav().getByRole('link', { name: 'Account' }).click();
    await heading('Sessions').waitFor();
    // Another device ends every session of the user.
    const elsewhere = await apiLogin(client.baseUrl, username, password);
    await fetch(url('/api/auth/logoutall'), { method: 'POST', headers: { Authorization: `Bearer ${elsewhere}` } });

    await page.getByRole('button', { name: 'Log out other sessions' }).click();
    await atPath('/login');
    await alert().getByText('Your session has ended. Please log in again.').waitFor();
    expect(await alert().locator('.alert').allInnerTexts()).toEqual(['Your session has ended. Please log in again.']);
    expect(await token()).toBeNull();
    await nav().getByRole('link', { name: 'Login' }).waitFor();
    await screenshot(page, 'web-session-ended');

    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Login' }).click();
    await atPath('/account');
  });

  it('deletes the account with the password as confirmation, then shows "Account deleted" on the login page', async () => {
    await heading('Delete account').waitFor();
    await page.getByLabel('Password to confirm').fill('not it');
    await page.getByRole('button', { name: 'Delete account' }).click();
    await alert().getByText('Password to confirm: Incorrect password.').waitFor();
    await expectMarked(page.getByLabel('Password to confirm'), 'Password to confirm: Incorrect password.');

    await page.getByLabel('Password to confirm').fill(password);
    await page.getByRole('button', { name: 'Delete account' }).click();
    await atPath('/login');
    await status().getByText('Account deleted').waitFor();
    expect(await token()).toBeNull();
    const login = await fetch(url('/api/auth/login'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    expect(login.status).toBe(400);
  });

  it('answers an unknown client route with a page of its own', async () => {
    await page.goto(url('/no/such/page'));
    await heading('Page not found').waitFor();
    await expectNoAxeViolation();
  });

  it('made no request to another origin and hit no CSP or script error on the way', () => {
    const origin = new URL(client.baseUrl).origin;
    expect(client.requests.filter((request) => !request.startsWith(`${origin}/`) && !request.startsWith('data:'))).toEqual([]);
    expect(client.browserErrors).toEqual([]);
  });
});

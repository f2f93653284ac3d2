import { jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import { apiLogin, axeViolations, type ClientSession, openClient, screenshot, storedToken } from './client-browser.js';

jest.setTimeout(30_000);

/** With ERROR_FORMAT=drf the server sends DRF's bare bodies; the client shows the same messages. */
describe('The web client with ERROR_FORMAT=drf', () => {
  let client: ClientSession;
  let page: Page;
  const alert = () => page.getByRole('main').getByRole('alert');
  const status = () => page.getByRole('main').getByRole('status');
  const atPath = (path: string) => page.waitForURL((current) => current.pathname === path);

  beforeAll(async () => {
    client = await openClient({ ERROR_FORMAT: 'drf' });
    page = client.page;
    page.setDefaultTimeout(8_000);
  }, 60_000);

  afterAll(async () => {
    await client?.close();
  });

  it('shows field errors, login refusals and detail messages, and ends the session on a 401', async () => {
    const bare = await fetch(`${client.baseUrl}/api/leads`);
    expect(await bare.json()).toEqual({ detail: 'Authentication credentials were not provided.' });

    await page.goto(`${client.baseUrl}/register`);
    await page.getByLabel('Username').fill('bob');
    await page.getByLabel('Email').fill('bob@');
    await page.getByLabel('Password', { exact: true }).fill('12345678');
    await page.getByLabel('Confirm Password').fill('12345678');
    await page.getByRole('button', { name: 'Register' }).click();
    await alert().getByText('Email: Enter a valid email address.').waitFor();
    await alert()
      .getByText(/^Password: /)
      .waitFor();
    expect(await page.getByLabel('Password', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'web-drf-register-errors');

    await page.getByLabel('Email').fill('bob@example.com');
    await page.getByLabel('Password', { exact: true }).fill('a good passphrase');
    await page.getByLabel('Confirm Password').fill('a good passphrase');
    await page.getByRole('button', { name: 'Register' }).click();
    await atPath('/');

    await page.getByLabel('Name').fill('');
    await page.getByLabel('Email').fill('lead@example.com');
    await page.getByRole('button', { name: 'Submit' }).click();
    await alert().getByText('Name: This field may not be blank.').waitFor();
    await page.getByLabel('Name').fill('A Lead');
    await page.getByRole('button', { name: 'Submit' }).click();
    await status().getByText('Lead Added').waitFor();

    // The session ends elsewhere: the next request answers 401 with a bare body.
    const elsewhere = await apiLogin(client.baseUrl, 'bob', 'a good passphrase');
    await fetch(`${client.baseUrl}/api/auth/logoutall`, { method: 'POST', headers: { Authorization: `Bearer ${elsewhere}` } });
    await page.getByRole('row').filter({ hasText: 'lead@example.com' }).getByRole('button', { name: 'Delete' }).click();
    await atPath('/login');
    await alert().getByText('Your session has ended. Please log in again.').waitFor();
    expect(await storedToken(page)).toBeNull();

    await page.getByLabel('Username').fill('bob');
    await page.getByLabel('Password').fill('wrong');
    await page.getByRole('button', { name: 'Login' }).click();
    await alert().getByText('Incorrect Credentials').waitFor();
    await page.getByLabel('Password').fill('a good passphrase');
    await page.getByRole('button', { name: 'Login' }).click();
    await atPath('/');
    await page.getByRole('row').filter({ hasText: 'lead@example.com' }).waitFor();

    await page.getByRole('navigation').getByRole('link', { name: 'Account' }).click();
    await page.getByLabel('Password to confirm').fill('nope');
    await page.getByRole('button', { name: 'Delete account' }).click();
    await alert().getByText('Password to confirm: Incorrect password.').waitFor();
    expect(client.browserErrors).toEqual([]);
  });
});

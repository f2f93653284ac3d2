import { jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import { SmtpPeer } from '../support/smtp-peer.js';
import { axeViolations, type ClientSession, openClient, screenshot } from './client-browser.js';

/**
 * A forgotten password, as a person gets back in: "Forgot password?" on the
 * login page, the email from a real SMTP server, the link opened in the
 * browser, a new password, and the login page again. The steps run in order
 * and share the page.
 */
jest.setTimeout(30_000);

const PUBLIC_URL = 'https://leads.example.com';

describe('Password reset in a real browser', () => {
  let peer: SmtpPeer;
  let client: ClientSession;
  let page: Page;
  let link: URL;

  const heading = (name: string) => page.getByRole('heading', { name, exact: true });
  const status = () => page.getByRole('main').getByRole('status');
  const alert = () => page.getByRole('main').getByRole('alert');
  const atPath = (path: string) => page.waitForURL((current) => current.pathname === path);
  const expectNoAxeViolation = async () => expect(await axeViolations(page)).toEqual([]);
  /** The emailed link, opened on the server under test (PUBLIC_URL names where people would open it). */
  const openLink = () => page.goto(`${client.baseUrl}${link.pathname}${link.hash}`);

  beforeAll(async () => {
    peer = await SmtpPeer.start();
    client = await openClient({ EMAIL_URL: peer.url, PUBLIC_URL });
    page = client.page;
    page.setDefaultTimeout(8_000);
    await client.testApp
      .http()
      .post('/api/auth/register')
      .send({ username: 'dora', email: 'dora@example.com', password: 'forgotten password' })
      .expect(201);
  }, 60_000);

  afterAll(async () => {
    await client?.close();
    await peer?.close();
  });

  it('leads from "Forgot password?" to a form that sends the link and shows the server’s sentence', async () => {
    await page.goto(`${client.baseUrl}/login`);
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await atPath('/password-reset');
    await heading('Reset password').waitFor();
    expect(await page.title()).toBe('Reset password · Lead Manager');
    await expectNoAxeViolation();

    await page.getByLabel('Email').fill('not-an-email');
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await alert().getByText('Email: Enter a valid email address.').waitFor();

    await page.getByLabel('Email').fill('DORA@example.com');
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await status().getByText('If an account uses this address, a reset link is on its way.').waitFor();
    await expectNoAxeViolation();

    const [email] = await peer.waitFor('dora@example.com');
    expect(email.subject).toBe('Reset your Lead Manager password');
    link = new URL(/https:\/\/\S+#token=[0-9a-f]{64}/.exec(email.text)![0]);
    expect(`${link.origin}${link.pathname}`).toBe(`${PUBLIC_URL}/password-reset/confirm`);
  });

  it('opens the emailed link on "Choose a new password" and takes the token out of the address bar', async () => {
    await openLink();
    await heading('Choose a new password').waitFor();
    await page.waitForURL((current) => current.pathname === '/password-reset/confirm' && current.hash === '');
    expect(page.url()).toBe(`${client.baseUrl}/password-reset/confirm`);
    expect(await page.title()).toBe('Choose a new password · Lead Manager');
    await expectNoAxeViolation();
    await screenshot(page, 'password-reset-confirm');
  });

  it('says "Passwords do not match" and sends nothing when the two differ', async () => {
    const confirmations: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/auth/password/reset/confirm') confirmations.push(request.url());
    });
    await page.getByLabel('New password', { exact: true }).fill('a brand new password');
    await page.getByLabel('Confirm new password').fill('a different password');
    await page.getByRole('button', { name: 'Set password' }).click();
    await alert().getByText('Passwords do not match').waitFor();
    expect(confirmations).toEqual([]);
    await expectNoAxeViolation();
  });

  it('sets the password and opens the login page, where the new password works', async () => {
    await page.getByLabel('Confirm new password').fill('a brand new password');
    await page.getByRole('button', { name: 'Set password' }).click();
    await atPath('/login');
    await status().getByText('Password reset. Please log in.').waitFor();

    await page.getByLabel('Username').fill('dora');
    await page.getByLabel('Password').fill('a brand new password');
    await page.getByRole('button', { name: 'Login' }).click();
    await atPath('/');
    await page.getByRole('navigation').getByText('Welcome dora').waitFor();
    const [notice] = (await peer.waitFor('dora@example.com', 2)).slice(1);
    expect(notice.subject).toBe('Your Lead Manager password was changed');
  });

  it('resets from a browser that is logged in too, and logs that browser out: its session ended with the others', async () => {
    const usedLink = link;
    await client.testApp.http().post('/api/auth/password/reset').send({ email: 'dora@example.com' }).expect(202);
    const emails = await peer.waitFor('dora@example.com', 3);
    link = new URL(/https:\/\/\S+#token=[0-9a-f]{64}/.exec(emails[2].text)![0]);

    await openLink();
    await heading('Choose a new password').waitFor();
    await page.getByLabel('New password', { exact: true }).fill('the third password');
    await page.getByLabel('Confirm new password').fill('the third password');
    await page.getByRole('button', { name: 'Set password' }).click();
    await atPath('/login');
    await status().getByText('Password reset. Please log in.').waitFor();
    expect(await page.getByRole('navigation').getByRole('link').allInnerTexts()).toEqual(['Lead Manager', 'Register', 'Login']);
    link = usedLink;
  });

  it('shows the server’s message when the link was used already', async () => {
    await openLink();
    await heading('Choose a new password').waitFor();
    await page.getByLabel('New password', { exact: true }).fill('yet another password');
    await page.getByLabel('Confirm new password').fill('yet another password');
    await page.getByRole('button', { name: 'Set password' }).click();
    await alert().getByText('This reset link is invalid or has expired.', { exact: true }).waitFor();
    await expectNoAxeViolation();
    expect(client.browserErrors).toEqual([]);
  });
});

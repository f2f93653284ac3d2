import { jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import { apiLogin, axeViolations, type ClientSession, openClient, screenshot } from './client-browser.js';

jest.setTimeout(60_000);

/** The Import page and the Export CSV link, in Chromium over the real server. */
describe('Import and export in a real browser', () => {
  let client: ClientSession;
  let page: Page;

  beforeAll(async () => {
    client = await openClient();
    page = client.page;
    page.setDefaultTimeout(10_000);
    const token = await apiLogin(client.baseUrl, 'importer', 'correct horse battery', '/api/auth/register');
    await page.goto(`${client.baseUrl}/login`);
    await page.evaluate(
      (value) =>
        (globalThis as unknown as { localStorage: { setItem(key: string, value: string): void } }).localStorage.setItem('token', value),
      token,
    );
  }, 60_000);

  afterAll(async () => {
    await client?.close();
  });

  it('checks a file, shows its failed rows, imports it, lists it and undoes it; axe finds nothing', async () => {
    await page.goto(`${client.baseUrl}/import`);
    await page.getByRole('heading', { name: 'Import leads', exact: true }).waitFor();
    const file = 'name,email,status\r\nAda,ada@example.com,won\r\nBad,not an address,\r\nGrace,grace@example.com,hot\r\n';
    await page.getByLabel('CSV file').setInputFiles({ name: 'leads.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
    await page.getByLabel('Existing leads').selectOption({ label: 'Update' });
    await page.getByRole('button', { name: 'Check file' }).click();
    await page.getByText('1 to create, 0 to update, 0 unchanged, 0 skipped, 2 with errors').waitFor();
    const rows = page.getByRole('table', { name: 'Rows with errors' }).getByRole('row');
    expect(await rows.allInnerTexts()).toEqual([
      'Row\tProblem',
      '3\tEmail: Enter a valid email address.',
      '4\tStatus: "hot" is not a valid choice.',
    ]);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'import-page-dry-run');

    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('status').getByText('Imported: 1 created, 0 updated').waitFor();
    const past = page.getByRole('region', { name: 'Past imports' }).getByRole('row');
    await past.nth(1).getByRole('button', { name: 'Undo' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await past.nth(1).getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('status').getByText('Import undone').waitFor();
    await past.nth(1).getByText('Undone').waitFor();
  });

  it('downloads the view shown from the leads page’s Export CSV link', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Leads', exact: true }).click();
    const link = page.getByRole('link', { name: 'Export CSV' });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^leads-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(client.browserErrors).toEqual([]);
  });

  it('shows what an import wrote, and what its undo took back, on the leads page seen before', async () => {
    const nav = page.getByRole('navigation');
    const table = page.getByRole('table');
    await nav.getByRole('link', { name: 'Leads', exact: true }).click();
    await page.getByRole('link', { name: 'Export CSV' }).waitFor();
    await nav.getByRole('link', { name: 'Import', exact: true }).click();
    const file = 'name,email\r\nZed Imported,zed@example.com\r\n';
    await page.getByLabel('CSV file').setInputFiles({ name: 'zed.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
    await page.getByRole('button', { name: 'Check file' }).click();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('status').getByText('Imported: 1 created, 0 updated').waitFor();

    await nav.getByRole('link', { name: 'Leads', exact: true }).click();
    await table.getByText('zed@example.com').waitFor();

    await nav.getByRole('link', { name: 'Import', exact: true }).click();
    await page.getByRole('region', { name: 'Past imports' }).getByRole('row').nth(1).getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('status').getByText('Import undone').waitFor();
    await nav.getByRole('link', { name: 'Leads', exact: true }).click();
    await page.getByRole('link', { name: 'Export CSV' }).waitFor();
    await table.getByText('zed@example.com').waitFor({ state: 'detached' });
    expect(client.browserErrors).toEqual([]);
  });
});

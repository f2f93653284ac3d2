import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Debian's Chromium (`.ci/run` installs it); Playwright never downloads a browser here. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = join(process.cwd(), 'test', 'artifacts');

describe('Swagger UI in a real browser', () => {
  let testApp: TestApp;
  let baseUrl: string;
  let profile: string;
  let context: BrowserContext;
  let page: Page;
  const browserErrors: string[] = [];

  beforeAll(async () => {
    testApp = await startTestApp();
    await testApp.app.listen(0, '127.0.0.1');
    baseUrl = (await testApp.app.getUrl()).replace('[::1]', '127.0.0.1');

    profile = mkdtempSync(join(tmpdir(), 'lead-manager-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (message) => {
      if (message.type() === 'error') browserErrors.push(message.text());
    });
    page.on('pageerror', (error) => browserErrors.push(error.message));
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await testApp.close();
  });

  it('lists every operation, authorizes with a real token and runs GET /api/leads', async () => {
    const register = await fetch(`${baseUrl}/api/auth/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'browser', password: 'browser-password' }),
    });
    const { token } = (await register.json()) as { token: string };
    await fetch(`${baseUrl}/api/leads`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ name: 'Seen In Browser', email: 'seen@example.com' }),
    });

    await page.goto(`${baseUrl}/api/docs`);
    await page.locator('.opblock').first().waitFor();
    // Every operation the served document describes gets its block (openapi.e2e-spec checks the document's routes).
    const document = (await (await fetch(`${baseUrl}/api/docs-json`)).json()) as { paths: Record<string, object> };
    const operations = Object.values(document.paths)
      .flatMap((item) => Object.keys(item))
      .filter((key) => key !== 'parameters');
    expect(operations.length).toBeGreaterThan(20);
    expect(await page.locator('.opblock').count()).toBe(operations.length);
    await expect(page.locator('.opblock-summary-path').allInnerTexts()).resolves.toEqual(
      expect.arrayContaining([
        '/api/auth/register',
        '/api/auth/login',
        '/api/auth/sessions',
        '/api/auth/sessions/{id}',
        '/api/auth/password',
        '/api/leads',
        '/api/leads/{id}',
        '/api/health',
      ]),
    );

    await page.locator('button.authorize').first().click();
    const dialog = page.locator('.dialog-ux');
    await dialog.locator('input').first().fill(token);
    await dialog.locator('button.authorize').click();
    await dialog.locator('button.btn-done').click();

    const listLeads = page.locator('#operations-leads-LeadsController_list');
    await listLeads.locator('.opblock-summary').click();
    await listLeads.locator('button.try-out__btn').click();
    await listLeads.locator('button.execute').click();

    const status = listLeads.locator('.live-responses-table tbody .response-col_status').first();
    await status.waitFor();
    expect((await status.innerText()).trim()).toBe('200');
    const body = await listLeads.locator('.live-responses-table tbody .response-col_description pre').first().innerText();
    expect(JSON.parse(body)).toEqual([expect.objectContaining({ name: 'Seen In Browser', email: 'seen@example.com' })]);

    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'swagger-ui.png'), fullPage: true });
    // Nothing was blocked by the Content-Security-Policy or broke in the page.
    expect(browserErrors).toEqual([]);
  }, 60_000);
});

import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Debian's Chromium (`.ci/run` installs it); Playwright never downloads a browser here. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(process.cwd(), 'test', 'artifacts');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface ClientSession {
  testApp: TestApp;
  baseUrl: string;
  page: Page;
  context: BrowserContext;
  /** Console errors and page errors, less the browser's note on each 4xx answer or refused connection the tests provoke on purpose. */
  browserErrors: string[];
  /** Every URL the page requested. */
  requests: string[];
  close(): Promise<void>;
}

/** The real app on a fresh SQLite database, listening on a free port, and one headless Chromium page on it. */
export async function openClient(env: Record<string, string> = {}): Promise<ClientSession> {
  const testApp = await startTestApp(env);
  await testApp.app.listen(0, '127.0.0.1');
  const baseUrl = (await testApp.app.getUrl()).replace('[::1]', '127.0.0.1');
  const profile = mkdtempSync(join(tmpdir(), 'lead-manager-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 800 },
    // axe reads colours as they are: a toggle pressed just before it runs is caught mid-transition
    // and can fail contrast. Bootstrap drops its transitions for people who ask for reduced motion.
    reducedMotion: 'reduce',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const browserErrors: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (
      message.type() === 'error' &&
      !/^Failed to load resource: (the server responded with a status of 4\d\d|net::ERR_CONNECTION_REFUSED)/.test(message.text())
    ) {
      browserErrors.push(message.text());
    }
  });
  page.on('pageerror', (error) => browserErrors.push(error.message));
  page.on('request', (request) => requests.push(request.url()));
  return {
    testApp,
    baseUrl,
    page,
    context,
    browserErrors,
    requests,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
      await testApp.close();
    },
  };
}

/** axe-core's default rules (WCAG 2.x A and AA, best practices) on the page as it is: the violations, summarised. */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated over the DevTools protocol: the page's CSP (rightly) allows no injected script tag.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: { id: string; nodes: { target: unknown[] }[] }[] }> } })
      .axe;
    return (await axe.run()).violations;
  });
  return violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => JSON.stringify(node.target)).join(', ')}`);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Logs in (or registers) through the API, as another device would. */
export async function apiLogin(baseUrl: string, username: string, password: string, path = '/api/auth/login'): Promise<string> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'User-Agent': 'curl/8.5.0' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

export async function apiStatus(baseUrl: string, path: string, token: string): Promise<number> {
  return (await fetch(`${baseUrl}${path}`, { headers: { Authorization: `Bearer ${token}` } })).status;
}

/** The token the client keeps in the page's localStorage (null once it forgot it). */
export function storedToken(page: Page): Promise<string | null> {
  return page.evaluate(() =>
    (globalThis as unknown as { localStorage: { getItem(key: string): string | null } }).localStorage.getItem('token'),
  );
}

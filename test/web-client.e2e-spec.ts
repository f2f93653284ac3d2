import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { apiTypesFrom, SCHEMA_FILE } from '../web/scripts/api-types.mjs';
import { builtClientFolder, WEB_CLIENT_CSP } from '../src/web/web-client.js';
import { freePort, runServer, waitUntilServing } from './support/server-process.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const CLIENT = builtClientFolder();
const indexHtml = () => readFileSync(join(CLIENT, 'index.html'), 'utf8');
/** What index.html makes the browser load before the page shows: scripts, preloaded chunks, stylesheets, icon. */
const firstLoad = () => [...indexHtml().matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1]);
const gzipKb = (files: string[]) => files.reduce((sum, file) => sum + gzipSync(readFileSync(join(CLIENT, file))).length, 0) / 1000;

describe('The web client, served at /', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });

  afterAll(async () => {
    await testApp.close();
  });

  it.each(['/', '/login', '/register', '/account', '/some/client/route'])(
    'answers index.html for %s (no-cache, strict CSP)',
    async (path) => {
      const response = await testApp.http().get(path).expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.text).toBe(indexHtml());
      const csp = response.headers['content-security-policy'];
      expect(csp).toBe(WEB_CLIENT_CSP);
      const scriptSources = /script-src ([^;]*)/.exec(csp)![1];
      expect(scriptSources).toBe("'self'");
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*|https:/);
    },
  );

  it('serves hashed assets for a year, immutable, gzip or brotli as the request accepts', async () => {
    const assets = firstLoad();
    expect(assets.some((file) => file.endsWith('.js'))).toBe(true);
    expect(assets.some((file) => file.endsWith('.css'))).toBe(true);
    for (const asset of assets) {
      expect(asset).toMatch(/-[A-Za-z0-9_-]{8}\.\w+$/);
      const plain = await testApp.http().get(asset).set('Accept-Encoding', 'identity').expect(200);
      expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(plain.headers['content-encoding']).toBeUndefined();
      const gzip = await testApp.http().get(asset).set('Accept-Encoding', 'gzip').expect(200);
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(gzip.headers.vary).toMatch(/Accept-Encoding/);
      // The compressed copy is the same file (supertest decodes it).
      if (/\.(js|css)$/.test(asset)) expect(gzip.text).toBe(plain.text);
      const brotli = await testApp.http().get(asset).set('Accept-Encoding', 'gzip, deflate, br').expect(200);
      expect(brotli.headers['content-encoding']).toBe('br');
    }
    const page = await testApp.http().get('/').set('Accept-Encoding', 'gzip').expect(200);
    expect(page.headers['content-encoding']).toBe('gzip');
  });

  it('ships a favicon', async () => {
    const icon = /<link rel="icon"[^>]*href="([^"]+)"/.exec(indexHtml())![1];
    const response = await testApp.http().get(icon).expect(200);
    expect(response.headers['content-type']).toMatch(/^image\/svg\+xml/);
  });

  it('leaves /api to the API: unknown routes are JSON 404s, /api/docs is Swagger UI', async () => {
    for (const path of ['/api/nothing-here', '/api', '/api/leads/1/2']) {
      const response = await testApp.http().get(path).expect(404);
      expect(response.body).toEqual({ msg: { detail: 'Not found.' }, status: 404 });
    }
    const docs = await testApp.http().get('/api/docs').expect(200);
    expect(docs.text).toContain('swagger-ui');
    expect(docs.headers['content-security-policy']).not.toBe(WEB_CLIENT_CSP);
    // Other methods outside /api are not the client's either.
    await testApp.http().post('/login').expect(404);
  });

  it('keeps the first load within budget: 120 kB of JavaScript and 40 kB of CSS, gzip-compressed', () => {
    const assets = firstLoad();
    const js = gzipKb(assets.filter((file) => file.endsWith('.js')));
    const css = gzipKb(assets.filter((file) => file.endsWith('.css')));
    expect(js).toBeGreaterThan(0);
    expect(js).toBeLessThanOrEqual(120);
    expect(css).toBeLessThanOrEqual(40);
    // Every file of the build is in dist/web/assets: nothing to load from elsewhere.
    expect(indexHtml()).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
  });

  it('has types that are what the served OpenAPI document gives (run `npm run web:types` after an API change)', async () => {
    const document = (await testApp.http().get('/api/docs-json').expect(200)).body as unknown;
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(await apiTypesFrom(document));
  });
});

describe('A server without a built client', () => {
  it('serves the API and says in one line that the client is missing', async () => {
    // The compiled server alone, in a folder where no client was built.
    const root = mkdtempSync(join(tmpdir(), 'lead-manager-noclient-'));
    cpSync(join(process.cwd(), 'dist', 'src'), join(root, 'dist', 'src'), { recursive: true });
    writeFileSync(join(root, 'package.json'), JSON.stringify({ type: 'module' }));
    symlinkSync(join(process.cwd(), 'node_modules'), join(root, 'node_modules'));
    const port = String(await freePort());
    const server = runServer({ PORT: port, DATABASE_URL: `sqlite:${join(root, 'db.sqlite3')}` }, join(root, 'dist', 'src', 'main.js'));
    try {
      expect(readdirSync(join(root, 'dist'))).toEqual(['src']);
      await waitUntilServing(server);
      const lines = server
        .output()
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { msg: string });
      expect(lines.map((line) => line.msg)).toEqual([
        'The web client is not built (npm run build builds it): serving the API only',
        expect.stringMatching(/^Serving /),
      ]);
      const page = await fetch(`${server.url}/`);
      expect(page.status).toBe(404);
      expect(await page.json()).toEqual({ msg: { detail: 'Not found.' }, status: 404 });
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
      rmSync(root, { recursive: true, force: true });
    }
  });
});

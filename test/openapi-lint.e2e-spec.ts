import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startTestApp, type TestApp } from './support/test-app.js';

const SPECTRAL = join(process.cwd(), 'node_modules', '.bin', 'spectral');

interface SpectralResult {
  code: string;
  message: string;
  path: string[];
  severity: number;
}

/**
 * The served document passes the linters its users run: Spectral's OpenAPI
 * rules and the OWASP API Security ruleset, as .spectral.yaml configures them
 * (each waiver there says why). Any result, warnings included, fails.
 */
describe('OpenAPI document under Spectral (spectral:oas + OWASP)', () => {
  let testApp: TestApp;
  let directory: string;

  beforeAll(async () => {
    testApp = await startTestApp();
    directory = mkdtempSync(join(tmpdir(), 'openapi-lint-'));
  });

  afterAll(async () => {
    await testApp.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('has no result of any severity', async () => {
    const document = (await testApp.http().get('/api/docs-json').expect(200)).text;
    const file = join(directory, 'openapi.json');
    writeFileSync(file, document);
    const { stdout } = await promisify(execFile)(
      SPECTRAL,
      ['lint', '--ruleset', '.spectral.yaml', '--format', 'json', '--fail-severity', 'warn', '--quiet', file],
      { maxBuffer: 16 * 1024 * 1024 },
    ).catch((failure: Error & { stdout?: string }) => ({ stdout: failure.stdout ?? failure.message }));
    const results = JSON.parse(stdout.trim() || '[]') as SpectralResult[];
    expect(results.map(({ code, message, path }) => `${code} at ${path.join('.')}: ${message}`)).toEqual([]);
  }, 60_000);
});

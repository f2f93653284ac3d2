import { startTestApp, type TestApp } from './support/test-app.js';

describe('HTTP hardening', () => {
  describe('by default', () => {
    let testApp: TestApp;

    beforeAll(async () => {
      testApp = await startTestApp();
    });

    afterAll(async () => {
      await testApp.close();
    });

    it('sends security headers, with a CSP that keeps scripts to this origin', async () => {
      const response = await testApp.http().get('/api/health').expect(200);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(response.headers['content-security-policy']).toContain("script-src 'self'");
      expect(response.headers['x-powered-by']).toBeUndefined();
    });

    it('sends the same complete set of security headers on every answer', async () => {
      const expected = {
        'content-security-policy':
          "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'self';" +
          "img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' https: 'unsafe-inline'",
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-resource-policy': 'same-origin',
        'origin-agent-cluster': '?1',
        'referrer-policy': 'no-referrer',
        'strict-transport-security': 'max-age=31536000; includeSubDomains',
        'x-content-type-options': 'nosniff',
        'x-dns-prefetch-control': 'off',
        'x-download-options': 'noopen',
        'x-frame-options': 'SAMEORIGIN',
        'x-permitted-cross-domain-policies': 'none',
        'x-xss-protection': '0',
      };
      const answers = [
        await testApp.http().get('/api/health').expect(200),
        await testApp.http().get('/api/leads').expect(401),
        await testApp.http().get('/api/no-such-route').expect(404),
      ];
      for (const response of answers) {
        const sent = Object.fromEntries(Object.keys(expected).map((name) => [name, response.headers[name]]));
        expect(sent).toEqual(expected);
        expect(response.headers['cross-origin-embedder-policy']).toBeUndefined();
        expect(response.headers['x-powered-by']).toBeUndefined();
      }
    });

    it('allows no cross-origin browser calls', async () => {
      const response = await testApp
        .http()
        .options('/api/leads')
        .set('Origin', 'https://evil.example.com')
        .set('Access-Control-Request-Method', 'GET');
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  describe('with CORS_ORIGINS', () => {
    let testApp: TestApp;

    beforeAll(async () => {
      testApp = await startTestApp({ CORS_ORIGINS: 'https://app.example.com' });
    });

    afterAll(async () => {
      await testApp.close();
    });

    it('lets the listed origin call the API and read the Link header', async () => {
      const preflight = await testApp
        .http()
        .options('/api/leads')
        .set('Origin', 'https://app.example.com')
        .set('Access-Control-Request-Method', 'GET')
        .set('Access-Control-Request-Headers', 'authorization')
        .expect(204);
      expect(preflight.headers['access-control-allow-origin']).toBe('https://app.example.com');

      const response = await testApp.http().get('/api/health').set('Origin', 'https://app.example.com').expect(200);
      expect(response.headers['access-control-expose-headers']).toContain('Link');
    });

    it('still refuses other origins', async () => {
      const response = await testApp.http().get('/api/health').set('Origin', 'https://evil.example.com').expect(200);
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    });
  });
});

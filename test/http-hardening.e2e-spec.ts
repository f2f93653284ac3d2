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

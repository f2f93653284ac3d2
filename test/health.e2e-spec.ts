import { startTestApp, type TestApp } from './support/test-app.js';

describe('GET /api/health', () => {
  let testApp: TestApp;

  beforeEach(async () => {
    testApp = await startTestApp();
  });

  afterEach(async () => {
    if (testApp.dataSource.isInitialized) await testApp.close();
  });

  it('answers 200 with the database up, without a token', async () => {
    const response = await testApp.http().get('/api/health').expect(200);
    expect(response.body).toEqual({ status: 'ok', db: 'up' });
  });

  it('answers 503 in the envelope when the database does not answer', async () => {
    await testApp.dataSource.destroy();
    const response = await testApp.http().get('/api/health/').expect(503);
    expect(response.body).toEqual({ msg: { detail: 'The database is not answering.' }, status: 503 });
    await testApp.app.close();
  });
});

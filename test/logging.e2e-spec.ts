import { Writable } from 'node:stream';
import { dropLeadsTable, startTestApp, type TestApp } from './support/test-app.js';

interface LogLine {
  level: number;
  msg: string;
  requestId?: string;
  durationMs?: number;
  req?: { id: string; method: string; path: string };
  res?: { status: number };
}

describe('Request logs', () => {
  let testApp: TestApp;
  const output: string[] = [];

  beforeAll(async () => {
    const destination = new Writable({
      write(chunk, _encoding, done) {
        output.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    testApp = await startTestApp({ LOG_LEVEL: 'info' }, { logDestination: destination });
  });

  afterAll(async () => {
    await testApp.close();
  });

  const lines = (): LogLine[] => output.map((line) => JSON.parse(line) as LogLine);
  const requestLine = (id: string) => lines().find((line) => line.req?.id === id);

  it('writes one JSON line per request with method, path, status, duration and request id', async () => {
    const response = await testApp.http().get('/api/leads?limit=5').expect(401);
    const id = response.headers['x-request-id'];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestLine(id)).toMatchObject({
      req: { id, method: 'GET', path: '/api/leads' },
      res: { status: 401 },
      durationMs: expect.any(Number),
    });
  });

  it('keeps a caller-given X-Request-Id and echoes it back', async () => {
    const response = await testApp.http().get('/api/health').set('X-Request-Id', 'trace-42.a').expect(200);
    expect(response.headers['x-request-id']).toBe('trace-42.a');
    expect(requestLine('trace-42.a')).toMatchObject({ res: { status: 200 } });
  });

  it('replaces a request id that could forge log content', async () => {
    const response = await testApp.http().get('/api/health').set('X-Request-Id', 'x"} {"level":60').expect(200);
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('never logs a password, a token or the Authorization header', async () => {
    const password = 'very-secret-password-123';
    const registered = await testApp.http().post('/api/auth/register').send({ username: 'logged', password }).expect(201);
    const token: string = registered.body.token;
    await testApp.http().post('/api/auth/login').send({ username: 'logged', password }).expect(200);
    await testApp.http().get('/api/auth/user').set('Authorization', `Token ${token}`).expect(200);
    await testApp.http().get(`/api/leads?access_token=${token}`).expect(401);
    await testApp.http().post('/api/leads').set('Authorization', `Bearer ${token}`).send('{"broken').type('json').expect(400);

    const everything = output.join('\n');
    expect(everything).toContain('/api/auth/user');
    expect(everything).not.toContain(password);
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(token.slice(0, 15));
    expect(everything.toLowerCase()).not.toContain('authorization');
  });

  it('logs an unexpected error with its detail while the client gets a bare 500', async () => {
    const registered = await testApp.http().post('/api/auth/register').send({ username: 'crash', password: 'crash-password' }).expect(201);
    await dropLeadsTable(testApp);
    const response = await testApp.http().get('/api/leads').set('Authorization', `Bearer ${registered.body.token}`).expect(500);
    expect(response.body.msg).toEqual({ detail: 'Internal server error.' });
    const errorLine = lines().find((line) => line.level >= 50 && /Unhandled error on GET \/api\/leads/.test(line.msg));
    expect(errorLine).toBeDefined();
    expect(JSON.stringify(errorLine)).toMatch(/leads/);
  });
});

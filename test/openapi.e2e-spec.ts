import { compileErrors, validate } from '@readme/openapi-parser';
import { startTestApp, type TestApp } from './support/test-app.js';

type Operation = { security?: Record<string, string[]>[]; responses: Record<string, { content?: object; headers?: object }> };
type Document = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, { properties?: Record<string, Record<string, unknown>>; required?: string[] }>;
    securitySchemes: object;
  };
};

/** Every route of the contract, and whether it needs the token. */
const CONTRACT: [method: string, path: string, authenticated: boolean][] = [
  ['post', '/api/auth/register', false],
  ['post', '/api/auth/login', false],
  ['get', '/api/auth/user', true],
  ['post', '/api/auth/logout', true],
  ['post', '/api/auth/logoutall', true],
  ['post', '/api/auth/logoutothers', true],
  ['get', '/api/auth/sessions', true],
  ['delete', '/api/auth/sessions/{id}', true],
  ['post', '/api/auth/password', true],
  ['post', '/api/auth/password/reset', false],
  ['post', '/api/auth/password/reset/confirm', false],
  ['delete', '/api/auth/user', true],
  ['get', '/api/leads', true],
  ['post', '/api/leads', true],
  ['get', '/api/leads/{id}', true],
  ['put', '/api/leads/{id}', true],
  ['patch', '/api/leads/{id}', true],
  ['delete', '/api/leads/{id}', true],
  ['get', '/api/leads/export', true],
  ['post', '/api/leads/import', true],
  ['get', '/api/leads/imports', true],
  ['post', '/api/leads/imports/{id}/undo', true],
  ['get', '/api/leads/stats', true],
  ['get', '/api/leads/{id}/activity', true],
  ['post', '/api/leads/{id}/notes', true],
  ['delete', '/api/leads/{id}/notes/{note_id}', true],
  ['get', '/api/health', false],
];

describe('OpenAPI document and Swagger UI', () => {
  let testApp: TestApp;
  let document: Document;

  beforeAll(async () => {
    testApp = await startTestApp();
    document = (await testApp.http().get('/api/docs-json').expect(200)).body;
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('serves Swagger UI at /api/docs without a token', async () => {
    const response = await testApp.http().get('/api/docs').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.text).toContain('swagger-ui');
  });

  it('is a valid OpenAPI 3 document', async () => {
    expect(document.openapi).toMatch(/^3\./);
    const result = await validate(structuredClone(document) as never);
    expect(result.valid ? '' : compileErrors(result)).toBe('');
  });

  it('lists exactly the routes of the contract', () => {
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method} ${path}`),
    );
    expect(documented.sort()).toEqual(CONTRACT.map(([method, path]) => `${method} ${path}`).sort());
  });

  it.each(CONTRACT)('documents %s %s with the right security and the error envelope', (method, path, authenticated) => {
    const operation = document.paths[path][method];
    if (authenticated) {
      expect(operation.security).toEqual([{ token: [] }]);
      expect(operation.responses['401']).toBeDefined();
    } else {
      expect(operation.security ?? []).toEqual([]);
    }
    const errors = Object.entries(operation.responses).filter(([status]) => Number(status) >= 400);
    expect(errors.length).toBeGreaterThan(0);
    for (const [status, response] of errors) {
      expect(response.content).toEqual({
        'application/json': {
          schema: { $ref: '#/components/schemas/ErrorEnvelope' },
          example: { msg: expect.any(Object), status: Number(status) },
        },
      });
    }
  });

  it('lists 413 and 415 on exactly the methods whose body is read: not on GET, on DELETE and on a bodiless POST alike', async () => {
    for (const [method, path] of CONTRACT) {
      const statuses = Object.keys(document.paths[path][method].responses);
      const readsBody = method !== 'get';
      expect([`${method} ${path}`, statuses.includes('413'), statuses.includes('415')]).toEqual([
        `${method} ${path}`,
        readsBody,
        readsBody,
      ]);
    }
    const oversized = JSON.stringify({ padding: 'x'.repeat(1024 * 1024) });
    const answers = await Promise.all([
      testApp.http().post('/api/auth/logout').set('Content-Type', 'text/plain').send('bye'),
      testApp.http().delete('/api/leads/1').set('Content-Type', 'application/json; charset=latin1').send('{}'),
      testApp.http().delete('/api/auth/sessions/1').set('Content-Type', 'application/json').send(oversized),
      testApp.http().get('/api/leads').set('Content-Type', 'text/plain').send('x'),
      testApp.http().get('/api/auth/user').set('Content-Type', 'application/json').send(oversized),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([415, 415, 413, 401, 401]);
  });

  it('documents the 503 of a shutting-down server on health', () => {
    expect(document.paths['/api/health'].get.responses['503']).toMatchObject({ description: expect.stringContaining('shutting down') });
  });

  it('declares one bearer scheme for the token', () => {
    expect(document.components.securitySchemes).toEqual({
      token: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    });
  });

  it('carries the validation rules of the bodies', () => {
    const { RegisterDto, LoginDto, CreateLeadDto, UpdateLeadDto } = document.components.schemas;
    expect(RegisterDto.required?.sort()).toEqual(['password', 'username']);
    expect(RegisterDto.properties?.username).toMatchObject({ maxLength: 150, minLength: 1 });
    expect(RegisterDto.properties?.email).toMatchObject({
      maxLength: 254,
      anyOf: [
        { type: 'string', format: 'email', maxLength: 254 },
        { type: 'string', maxLength: 0 },
      ],
    });
    expect(RegisterDto.properties?.password).toMatchObject({ minLength: 8, maxLength: 4096 });
    expect(LoginDto.required?.sort()).toEqual(['password', 'username']);
    expect(LoginDto.properties?.password).toMatchObject({ maxLength: 4096 });
    expect(CreateLeadDto.required?.sort()).toEqual(['email', 'name']);
    expect(CreateLeadDto.properties?.message).toMatchObject({ maxLength: 500 });
    expect(Object.keys(CreateLeadDto.properties ?? {}).sort()).toEqual(['email', 'message', 'name', 'source', 'status']);
    expect(CreateLeadDto.properties?.status).toMatchObject({ enum: ['new', 'contacted', 'qualified', 'won', 'lost'] });
    expect(UpdateLeadDto.required ?? []).toEqual([]);
  });

  it('describes the success bodies and the Link header of the list', () => {
    const list = document.paths['/api/leads'].get.responses['200'] as { content: object; headers: object };
    expect(list.headers).toHaveProperty('Link');
    expect(list.content).toEqual({
      'application/json': { schema: { type: 'array', maxItems: 1000, items: { $ref: '#/components/schemas/LeadResponseDto' } } },
    });
    expect(Object.keys(document.components.schemas.LoginResponseDto.properties ?? {}).sort()).toEqual(['expiry', 'token', 'user']);
    expect(Object.keys(document.components.schemas.LeadResponseDto.properties ?? {}).sort()).toEqual([
      'created_at',
      'email',
      'id',
      'message',
      'name',
      'owner',
      'source',
      'status',
      'updated_at',
    ]);
  });
});

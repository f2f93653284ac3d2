import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Account, registerAccount } from './support/accounts.js';
import { startTestApp, type TestApp } from './support/test-app.js';

type Schema = {
  properties?: Record<string, { maxLength?: number; anyOf?: unknown[]; format?: string; enum?: string[] }>;
  required?: string[];
};
type Operation = { requestBody?: { content: Record<string, { schema: { $ref: string } }> } };

/** A valid body for each request schema, so that only the field under test can fail. */
const VALID: Record<string, Record<string, string>> = {
  RegisterDto: { username: 'limits', email: 'limits@example.com', password: 'long enough secret' },
  LoginDto: { username: 'limits', password: 'long enough secret' },
  CreateLeadDto: { name: 'Jane', email: 'limits-lead@example.com', message: '' },
  UpdateLeadDto: {},
  ChangePasswordDto: { old_password: 'not the password', new_password: 'a new long secret' },
  DeleteAccountDto: {},
};

/** Text of exactly `length` characters fit for the field (an address for email fields). */
const textOf = (length: number, email: boolean) =>
  email ? `${'a'.repeat(Math.max(1, length - '@example.com'.length))}@example.com`.slice(-length) : 'b'.repeat(length);

/**
 * Every maxLength the served document states for a request body is the limit
 * the server enforces, with DRF's message: one character more is refused,
 * the limit itself is not refused for its length.
 */
describe('The limits the OpenAPI document states', () => {
  let testApp: TestApp;
  let account: Account;
  let leadId: number;
  let document: { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };

  beforeAll(async () => {
    testApp = await startTestApp();
    account = await registerAccount(testApp);
    leadId = (await testApp.http().post('/api/leads').set('Authorization', account.auth).send({ name: 'L', email: 'l@example.com' })).body
      .id;
    document = (await testApp.http().get('/api/docs-json').expect(200)).body;
  });

  afterAll(async () => {
    await testApp.close();
  });

  const bodies = () =>
    Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations).flatMap(([method, operation]) => {
        const ref = operation.requestBody?.content['application/json']?.schema.$ref;
        return ref ? [{ method, path: path.replace('{id}', String(leadId)), name: ref.split('/').pop()! }] : [];
      }),
    );

  it('are the ones the server enforces, field by field', async () => {
    const checked: string[] = [];
    for (const { method, path, name } of bodies()) {
      for (const [field, property] of Object.entries(document.components.schemas[name].properties ?? {})) {
        const send = (value: string) =>
          testApp
            .http()
            [method as 'post'](path)
            .set('Authorization', account.auth)
            .send({ ...VALID[name], [field]: value });
        if (property.enum) {
          // A choice has no length: anything not listed is refused with DRF's message, each listed value is taken.
          const outside = await send(`${property.enum[0]}x`);
          expect({ name, field, errors: outside.body.msg?.[field] }).toEqual({
            name,
            field,
            errors: [`"${property.enum[0]}x" is not a valid choice.`],
          });
          for (const choice of property.enum) {
            const listed = await send(choice);
            expect({ name, field, errors: listed.body.msg?.[field] }).toEqual({ name, field, errors: undefined });
          }
          checked.push(`${name}.${field}`);
          continue;
        }
        if (property.maxLength === undefined) continue;
        const email = property.format === 'email' || property.anyOf !== undefined;
        const tooLong = `Ensure this field has no more than ${property.maxLength} characters.`;
        const over = await send(textOf(property.maxLength + 1, email));
        expect({ name, field, status: over.status, errors: over.body.msg?.[field] }).toEqual({
          name,
          field,
          status: 400,
          errors: expect.arrayContaining([tooLong]),
        });
        const at = await send(textOf(property.maxLength, email));
        expect({ name, field, errors: at.body.msg?.[field] ?? [] }).toEqual({ name, field, errors: expect.not.arrayContaining([tooLong]) });
        checked.push(`${name}.${field}`);
      }
    }
    expect(checked).toEqual(
      expect.arrayContaining([
        'RegisterDto.password',
        'LoginDto.username',
        'LoginDto.password',
        'CreateLeadDto.message',
        'UpdateLeadDto.email',
      ]),
    );
    expect(checked).toHaveLength(
      bodies().reduce((count, { name }) => count + Object.keys(document.components.schemas[name].properties ?? {}).length, 0),
    );
  });
});

import type { ArgumentMetadata } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { LoginDto } from '../../accounts/dto/login.dto.js';
import { RegisterDto } from '../../accounts/dto/register.dto.js';
import { CreateLeadDto } from '../../leads/dto/create-lead.dto.js';
import { ListLeadsQueryDto } from '../../leads/dto/list-leads-query.dto.js';
import { UpdateLeadDto } from '../../leads/dto/update-lead.dto.js';
import { ApiException } from '../errors/api.exception.js';
import { ApiValidationPipe, toFieldErrors } from './api-validation.pipe.js';

const REQUIRED = 'This field is required.';
const BLANK = 'This field may not be blank.';
const NOT_NULL = 'This field may not be null.';
const NOT_ALLOWED = 'This field is not allowed.';
const TOO_SHORT = 'This password is too short. It must contain at least 8 characters.';
const NUMERIC = 'This password is entirely numeric.';
const SIMILAR = 'The password is too similar to the username.';

const body = (metatype: ArgumentMetadata['metatype']): ArgumentMetadata => ({ type: 'body', metatype });

describe('ApiValidationPipe', () => {
  const pipe = new ApiValidationPipe();

  /** The pipe's result, as a promise even when it throws synchronously. */
  const validate = async (value: unknown, metadata: ArgumentMetadata): Promise<unknown> => pipe.transform(value, metadata);

  /** The field errors the pipe answers for `value`, failing the test when it accepts it. */
  async function fieldErrors(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const error = await validate(value, metadata).then(
      (result) => {
        throw new Error(`accepted ${JSON.stringify(value)} as ${JSON.stringify(result)}`);
      },
      (rejection: unknown) => rejection,
    );
    expect(error).toBeInstanceOf(ApiException);
    expect((error as ApiException).getStatus()).toBe(400);
    return (error as ApiException).msg;
  }

  describe('RegisterDto', () => {
    const register = body(RegisterDto);
    const valid = { username: 'alice', email: 'alice@example.com', password: 'correct horse battery' };

    it('accepts a valid body and returns a RegisterDto', async () => {
      const dto = await validate(valid, register);

      expect(dto).toBeInstanceOf(RegisterDto);
      expect(dto).toEqual(valid);
    });

    it('accepts a body without email, or with a blank one', async () => {
      await expect(validate({ username: 'alice', password: 'correct horse battery' }, register)).resolves.toBeInstanceOf(RegisterDto);
      await expect(validate({ ...valid, email: '' }, register)).resolves.toBeInstanceOf(RegisterDto);
    });

    it('reports only "This field is required." for each missing field', async () => {
      await expect(fieldErrors({}, register)).resolves.toEqual({ username: [REQUIRED], password: [REQUIRED] });
    });

    it('treats a missing body like an empty one', async () => {
      await expect(fieldErrors(undefined, register)).resolves.toEqual({ username: [REQUIRED], password: [REQUIRED] });
    });

    it('reports only "This field may not be blank." for blank fields', async () => {
      await expect(fieldErrors({ ...valid, username: '', password: '' }, register)).resolves.toEqual({
        username: [BLANK],
        password: [BLANK],
      });
    });

    it('trims the username, so white space alone is blank', async () => {
      await expect(fieldErrors({ ...valid, username: '   ' }, register)).resolves.toEqual({ username: [BLANK] });
    });

    it('reports only "This field may not be null." for null', async () => {
      await expect(fieldErrors({ ...valid, username: null, email: null }, register)).resolves.toEqual({
        username: [NOT_NULL],
        email: [NOT_NULL],
      });
    });

    it('refuses an unknown field with "This field is not allowed."', async () => {
      await expect(fieldErrors({ ...valid, is_staff: true }, register)).resolves.toEqual({ is_staff: [NOT_ALLOWED] });
    });

    it('reports unknown and invalid fields together', async () => {
      await expect(fieldErrors({ username: 'alice', is_superuser: true }, register)).resolves.toEqual({
        password: [REQUIRED],
        is_superuser: [NOT_ALLOWED],
      });
    });

    it('refuses a username with characters outside letters, digits and @.+-_', async () => {
      await expect(fieldErrors({ ...valid, username: 'alice smith' }, register)).resolves.toEqual({
        username: ['Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.'],
      });
    });

    it('refuses a username over 150 characters', async () => {
      await expect(fieldErrors({ ...valid, username: 'a'.repeat(151) }, register)).resolves.toEqual({
        username: ['Ensure this field has no more than 150 characters.'],
      });
    });

    it('refuses a bad email', async () => {
      await expect(fieldErrors({ ...valid, email: 'not-an-email' }, register)).resolves.toEqual({
        email: ['Enter a valid email address.'],
      });
    });

    it('refuses a password under 8 characters', async () => {
      await expect(fieldErrors({ ...valid, password: 'short1x' }, register)).resolves.toEqual({ password: [TOO_SHORT] });
    });

    it('refuses an entirely numeric password', async () => {
      await expect(fieldErrors({ ...valid, password: '1234567890' }, register)).resolves.toEqual({ password: [NUMERIC] });
    });

    it('refuses the username as password, ignoring case', async () => {
      await expect(fieldErrors({ ...valid, username: 'Alice2026', password: 'aLICE2026' }, register)).resolves.toEqual({
        password: [SIMILAR],
      });
    });

    it('reports every password rule that fails at once', async () => {
      const msg = (await fieldErrors({ username: '1234567', password: '1234567' }, register)) as Record<string, string[]>;

      expect(Object.keys(msg)).toEqual(['password']);
      expect(msg.password).toHaveLength(3);
      expect(msg.password).toEqual(expect.arrayContaining([TOO_SHORT, NUMERIC, SIMILAR]));
    });

    it('refuses a password over 4096 characters, the limit the OpenAPI document states', async () => {
      await expect(fieldErrors({ ...valid, password: 'p'.repeat(4097) }, register)).resolves.toEqual({
        password: ['Ensure this field has no more than 4096 characters.'],
      });
      await expect(validate({ ...valid, password: 'p'.repeat(4096) }, register)).resolves.toBeInstanceOf(RegisterDto);
    });

    it('does not trim the password', async () => {
      const dto = (await validate({ ...valid, password: '  spaced password  ' }, register)) as RegisterDto;

      expect(dto.password).toBe('  spaced password  ');
    });
  });

  describe('LoginDto', () => {
    it('refuses a username or password longer than register accepts', async () => {
      await expect(fieldErrors({ username: 'a'.repeat(151), password: 'p'.repeat(4097) }, body(LoginDto))).resolves.toEqual({
        username: ['Ensure this field has no more than 150 characters.'],
        password: ['Ensure this field has no more than 4096 characters.'],
      });
    });
  });

  describe('CreateLeadDto', () => {
    const createLead = body(CreateLeadDto);
    const valid = { name: 'Jane Doe', email: 'jane@example.com', message: 'Met at the fair.' };

    it('accepts a valid lead', async () => {
      await expect(validate(valid, createLead)).resolves.toEqual(valid);
    });

    it('accepts the read-only fields id, owner and created_at that clients echo back', async () => {
      const echoed = { ...valid, id: 7, owner: 99, created_at: '2026-11-24T04:41:14.123Z' };

      await expect(validate(echoed, createLead)).resolves.toBeInstanceOf(CreateLeadDto);
    });

    it('reports only "This field is required." for missing name and email', async () => {
      await expect(fieldErrors({ message: 'hi' }, createLead)).resolves.toEqual({ name: [REQUIRED], email: [REQUIRED] });
    });

    it('reports only "This field may not be blank." for a blank email, not the format error', async () => {
      await expect(fieldErrors({ ...valid, email: '' }, createLead)).resolves.toEqual({ email: [BLANK] });
    });

    it('refuses an unknown field with "This field is not allowed."', async () => {
      await expect(fieldErrors({ ...valid, phone: '555-0100' }, createLead)).resolves.toEqual({ phone: [NOT_ALLOWED] });
    });

    it('refuses a name over 100 characters and a message over 500, with the limits in the message', async () => {
      await expect(fieldErrors({ ...valid, name: 'x'.repeat(101), message: 'y'.repeat(501) }, createLead)).resolves.toEqual({
        name: ['Ensure this field has no more than 100 characters.'],
        message: ['Ensure this field has no more than 500 characters.'],
      });
    });

    it('reads a number sent as a name as text, as DRF does', async () => {
      await expect(validate({ ...valid, name: 42 }, createLead)).resolves.toMatchObject({ name: '42' });
    });

    it('refuses a name that is neither text nor a number', async () => {
      await expect(fieldErrors({ ...valid, name: { first: 'Jane' } }, createLead)).resolves.toEqual({
        name: ['Not a valid string.'],
      });
    });

    it('answers an array body with non_field_errors', async () => {
      await expect(fieldErrors([valid], createLead)).resolves.toEqual({
        non_field_errors: ['Invalid data. Expected a dictionary, but got list.'],
      });
    });

    it.each([
      ['"x"', 'x', 'Invalid data. Expected a dictionary, but got str.'],
      ['7', 7, 'Invalid data. Expected a dictionary, but got int.'],
      ['7.5', 7.5, 'Invalid data. Expected a dictionary, but got float.'],
      ['true', true, 'Invalid data. Expected a dictionary, but got bool.'],
      ['null', null, 'No data provided'],
    ])('answers the JSON body %s with non_field_errors, as DRF does', async (_json, value, message) => {
      await expect(fieldErrors(value, createLead)).resolves.toEqual({ non_field_errors: [message] });
    });

    it('refuses an unpaired surrogate in any field before the field rules see it, with the code point', async () => {
      await expect(fieldErrors({ name: 'Jane\ud800', email: 'x\udfffy@example.com' }, createLead)).resolves.toEqual({
        name: ['Surrogate characters are not allowed: U+D800.'],
        email: ['Surrogate characters are not allowed: U+DFFF.'],
      });
    });

    it('refuses an unpaired surrogate nested in any value or key, even of a field it would ignore', async () => {
      await expect(fieldErrors({ ...valid, owner: { deep: [['\udbff']] } }, createLead)).resolves.toEqual({
        owner: ['Surrogate characters are not allowed: U+DBFF.'],
      });
      await expect(fieldErrors({ ...valid, owner: { 'k\udc00': 1 } }, createLead)).resolves.toEqual({
        owner: ['Surrogate characters are not allowed: U+DC00.'],
      });
    });

    it('accepts paired surrogates: an emoji is text like any other', async () => {
      await expect(validate({ ...valid, name: 'Jane \ud83d\ude00' }, createLead)).resolves.toMatchObject({ name: 'Jane 😀' });
    });

    it('refuses a body nested deeper than 32 levels as JSON it cannot read, at any depth, without exhausting the stack', async () => {
      const nest = (depth: number) => {
        let deep: unknown = 'x';
        for (let level = 1; level < depth; level++) deep = [deep];
        return deep;
      };
      await expect(validate({ ...valid, id: nest(31) }, createLead)).resolves.toBeInstanceOf(CreateLeadDto);
      for (const depth of [32, 200_000]) {
        await expect(fieldErrors({ ...valid, id: nest(depth) }, createLead)).resolves.toEqual({
          detail: 'JSON parse error - nested deeper than 32 levels',
        });
      }
    });
  });

  describe('UpdateLeadDto', () => {
    it('accepts an empty partial update', async () => {
      await expect(validate({}, body(UpdateLeadDto))).resolves.toBeInstanceOf(UpdateLeadDto);
    });

    it('still refuses null and blank for the fields that are sent', async () => {
      await expect(fieldErrors({ name: null, email: '' }, body(UpdateLeadDto))).resolves.toEqual({
        name: [NOT_NULL],
        email: [BLANK],
      });
    });
  });

  describe('query strings', () => {
    const query: ArgumentMetadata = { type: 'query', metatype: ListLeadsQueryDto };

    it('ignores unknown parameters instead of refusing them', async () => {
      await expect(validate({ limit: '10', utm_source: 'mail' }, query)).resolves.toEqual({ limit: 10 });
    });

    it('refuses an unpaired surrogate in a parameter', async () => {
      await expect(fieldErrors({ limit: '\ud800' }, query)).resolves.toEqual({
        limit: ['Surrogate characters are not allowed: U+D800.'],
      });
    });

    it('answers a bad value with a field error', async () => {
      await expect(fieldErrors({ limit: '0' }, query)).resolves.toEqual({
        limit: ['Ensure this value is greater than or equal to 1.'],
      });
    });
  });
});

describe('toFieldErrors', () => {
  const error = (property: string, constraints: Record<string, string>): ValidationError => ({
    property,
    constraints,
    children: [],
  });

  it('keeps only the gate message when a gate fails', () => {
    expect(toFieldErrors([error('name', { notBlank: 'This field may not be blank.', maxLength: 'too long' })])).toEqual({
      name: ['This field may not be blank.'],
    });
  });

  it('prefers the first gate in order: required before the rest', () => {
    expect(toFieldErrors([error('name', { text: 'Not a valid string.', isPresent: 'This field is required.' })])).toEqual({
      name: ['This field is required.'],
    });
  });

  it('keeps every message when no gate fails', () => {
    expect(toFieldErrors([error('password', { minLength: 'short', notNumeric: 'numeric' })])).toEqual({
      password: ['short', 'numeric'],
    });
  });

  it("replaces class-validator's whitelist message with DRF's", () => {
    expect(toFieldErrors([error('is_staff', { whitelistValidation: 'property is_staff should not exist' })])).toEqual({
      is_staff: ['This field is not allowed.'],
    });
  });

  it('gives one key per field', () => {
    expect(toFieldErrors([error('a', { isPresent: 'r' }), error('b', { notNull: 'n' })])).toEqual({ a: ['r'], b: ['n'] });
  });
});

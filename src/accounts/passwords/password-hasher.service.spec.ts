import { jest } from '@jest/globals';
import bcrypt from 'bcrypt';
import { ApiException } from '../../common/errors/api.exception.js';
import { HashThreads } from './hash-threads.js';
import { PasswordHasher } from './password-hasher.service.js';

describe('PasswordHasher', () => {
  const config = { get: () => 4 } as never;
  let hasher: PasswordHasher;

  beforeEach(async () => {
    hasher = new PasswordHasher(config);
    await hasher.onModuleInit();
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    await hasher.onApplicationShutdown();
  });

  it('stores bcrypt hashes that verify only the right password', async () => {
    const hash = await hasher.hash('correct horse');
    expect(hash).toMatch(/^\$2[aby]\$04\$/);
    await expect(hasher.verify('correct horse', hash)).resolves.toBe(true);
    await expect(hasher.verify('correct horsE', hash)).resolves.toBe(false);
  });

  it('tells apart passwords that share their first 72 bytes (bcrypt alone would not)', async () => {
    const prefix = 'x'.repeat(72);
    const hash = await hasher.hash(`${prefix}-one`);
    await expect(hasher.verify(`${prefix}-two`, hash)).resolves.toBe(false);
  });

  it('still runs a full bcrypt comparison when there is no user, and fails', async () => {
    const compare = jest.spyOn(HashThreads.prototype, 'compare');
    await expect(hasher.verify('anything at all', undefined)).resolves.toBe(false);
    expect(compare).toHaveBeenCalledTimes(1);
    const [, against] = compare.mock.calls[0];
    expect(bcrypt.getRounds(against)).toBe(4);
  });

  it('refuses a place with 503, the busy message and Retry-After in whole seconds (at least 1) once the queue is too long', () => {
    // The config gives 4 for every setting: 4 ms is the longest wait allowed.
    let refused: unknown;
    for (let i = 0; i < 1000 && !refused; i++) {
      try {
        hasher.admit();
      } catch (error) {
        refused = error;
      }
    }
    expect(refused).toBeInstanceOf(ApiException);
    const error = refused as ApiException;
    expect(error.getStatus()).toBe(503);
    expect(error.msg).toEqual({ detail: 'The server is busy. Try again in 1 seconds.' });
    expect(error.headers).toEqual({ 'Retry-After': '1' });
  });
});

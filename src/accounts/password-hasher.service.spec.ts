import { jest } from '@jest/globals';
import bcrypt from 'bcrypt';
import { PasswordHasher } from './password-hasher.service.js';

describe('PasswordHasher', () => {
  const config = { get: () => 4 } as never;
  let hasher: PasswordHasher;

  beforeEach(async () => {
    hasher = new PasswordHasher(config);
    await hasher.onModuleInit();
  });

  afterEach(() => {
    jest.restoreAllMocks();
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
    const compare = jest.spyOn(bcrypt, 'compare');
    await expect(hasher.verify('anything at all', undefined)).resolves.toBe(false);
    expect(compare).toHaveBeenCalledTimes(1);
    const [, against] = compare.mock.calls[0] as unknown as [string, string];
    expect(bcrypt.getRounds(against)).toBe(4);
  });
});

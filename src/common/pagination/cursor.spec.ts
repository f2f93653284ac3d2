import { createHash } from 'node:crypto';
import { ApiException } from '../errors/api.exception.js';
import { decodeCursor, encodeCursor, nextPageUrl } from './cursor.js';

const invalid = (cursor: string, query = 'q') => {
  try {
    decodeCursor(cursor, query, 1000);
  } catch (error) {
    return error instanceof ApiException ? [error.getStatus(), error.msg] : error;
  }
  return 'accepted';
};

describe('cursor', () => {
  it('gives back the position it was made with, for the same query', () => {
    expect(decodeCursor(encodeCursor(['grace', 7], 'q'), 'q', 1000)).toEqual(['grace', 7]);
    expect(decodeCursor(encodeCursor([null, 7], 'q'), 'q', 1000)).toEqual([null, 7]);
  });

  it('is 404 Invalid cursor when altered, for another query, or of another shape', () => {
    const cursor = encodeCursor(['grace', 7], 'q');
    const refused = [404, { detail: 'Invalid cursor' }];
    expect(invalid(cursor, 'other')).toEqual(refused);
    expect(invalid(`x${cursor}`)).toEqual(refused);
    expect(invalid('garbage')).toEqual(refused);
    expect(invalid('')).toEqual(refused);
    for (const position of [[1, 7], ['a', -1], ['a', 1.5], ['a', 1001], ['a\u0000', 1], ['a'], {}]) {
      const payload = Buffer.from(JSON.stringify(position)).toString('base64url');
      // Forged with a right checksum: the shape is checked as any input is.
      const forged = `${payload}.${createHash('sha256').update(`${payload}\nq`).digest('base64url').slice(0, 22)}`;
      expect(invalid(forged)).toEqual(refused);
    }
  });

  it('links the next page keeping every parameter but the old cursor', () => {
    expect(nextPageUrl('/api/leads', '/api/leads/?search=a+b&cursor=old&_=1', 'new')).toBe('/api/leads?search=a+b&_=1&cursor=new');
  });
});

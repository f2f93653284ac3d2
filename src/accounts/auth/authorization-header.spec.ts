import { parseAuthorizationHeader } from './authorization-header.js';

const TOKEN = 'a'.repeat(64);
const NO_CREDENTIALS = 'Invalid token header. No credentials provided.';
const HAS_SPACES = 'Invalid token header. Token string should not contain spaces.';

describe('parseAuthorizationHeader', () => {
  it('reads the token after the Bearer scheme', () => {
    expect(parseAuthorizationHeader(`Bearer ${TOKEN}`)).toEqual({ kind: 'token', token: TOKEN });
  });

  it('reads the token after the Token scheme the original DRF client sends', () => {
    expect(parseAuthorizationHeader(`Token ${TOKEN}`)).toEqual({ kind: 'token', token: TOKEN });
  });

  it.each(['bearer', 'BEARER', 'bEaReR', 'token', 'TOKEN', 'tOkEn'])('accepts the scheme word %s in any case', (scheme) => {
    expect(parseAuthorizationHeader(`${scheme} ${TOKEN}`)).toEqual({ kind: 'token', token: TOKEN });
  });

  it('keeps the token exactly as sent, without changing its case', () => {
    expect(parseAuthorizationHeader('Bearer AbCdEf')).toEqual({ kind: 'token', token: 'AbCdEf' });
  });

  it('ignores white space around and between the two words', () => {
    expect(parseAuthorizationHeader(`  Bearer   ${TOKEN}  `)).toEqual({ kind: 'token', token: TOKEN });
    expect(parseAuthorizationHeader(`Token\t${TOKEN}`)).toEqual({ kind: 'token', token: TOKEN });
  });

  it('treats another scheme (Basic) as no credentials at all', () => {
    expect(parseAuthorizationHeader('Basic dXNlcjpwYXNz')).toEqual({ kind: 'missing' });
  });

  it('treats a scheme that merely starts like Bearer as another scheme', () => {
    expect(parseAuthorizationHeader(`Bearerx ${TOKEN}`)).toEqual({ kind: 'missing' });
    expect(parseAuthorizationHeader(`Bearer:${TOKEN}`)).toEqual({ kind: 'missing' });
  });

  it('treats an absent header as no credentials', () => {
    expect(parseAuthorizationHeader(undefined)).toEqual({ kind: 'missing' });
  });

  it('treats an empty or blank header as no credentials', () => {
    expect(parseAuthorizationHeader('')).toEqual({ kind: 'missing' });
    expect(parseAuthorizationHeader('   ')).toEqual({ kind: 'missing' });
  });

  it.each(['Bearer', 'Token', 'bearer   ', '  TOKEN'])('refuses the scheme word alone (%j) as "No credentials provided."', (header) => {
    expect(parseAuthorizationHeader(header)).toEqual({ kind: 'invalid', reason: NO_CREDENTIALS });
  });

  it.each([`Bearer ${TOKEN} extra`, 'Token a b', 'Bearer a b c d'])(
    'refuses three or more words (%j) as "should not contain spaces."',
    (header) => {
      expect(parseAuthorizationHeader(header)).toEqual({ kind: 'invalid', reason: HAS_SPACES });
    },
  );

  it('does not complain about spaces when the scheme is another one', () => {
    expect(parseAuthorizationHeader('Basic a b c')).toEqual({ kind: 'missing' });
  });
});

import { tokenFromFragment } from './fragment';

describe('tokenFromFragment', () => {
  it('reads the token of a reset link’s fragment', () => {
    expect(tokenFromFragment(`#token=${'ab'.repeat(32)}`)).toBe('ab'.repeat(32));
  });

  it('answers null when the fragment has no token', () => {
    expect(tokenFromFragment('')).toBeNull();
    expect(tokenFromFragment('#')).toBeNull();
    expect(tokenFromFragment('#token=')).toBeNull();
    expect(tokenFromFragment('#other=1')).toBeNull();
  });
});

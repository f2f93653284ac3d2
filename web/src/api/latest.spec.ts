import { jest } from '@jest/globals';
import { supersede } from './latest';

describe('supersede', () => {
  it('aborts a request still running on the channel for another key, and nothing else', () => {
    const first = jest.fn();
    const second = jest.fn();
    const other = jest.fn();
    supersede('list', '?search=ad', first);
    supersede('stats', '?search=ad', other);
    const done = supersede('list', '?search=ada', second);
    expect(first).toHaveBeenCalledTimes(1);
    expect(other).not.toHaveBeenCalled();
    done();
    supersede('list', '?search=adam', jest.fn());
    expect(second).not.toHaveBeenCalled();
  });

  it('leaves a request alone when the next one is for the same key (another page of the same list)', () => {
    const first = jest.fn();
    supersede('same', '?status=new', first);
    supersede('same', '?status=new', jest.fn());
    expect(first).not.toHaveBeenCalled();
  });
});

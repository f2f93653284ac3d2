import { describeDevice } from './device';

describe('describeDevice', () => {
  it('names the browser and the system of common user agents', () => {
    const chrome = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
    const edge =
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0';
    const safari =
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
    expect(describeDevice(chrome)).toBe('Chrome on Linux');
    expect(describeDevice(edge)).toBe('Edge on Windows');
    expect(describeDevice(safari)).toBe('Safari on iOS');
    expect(describeDevice('curl/8.5.0')).toBe('curl');
  });

  it('shows an unknown agent as it is, cut to a readable length, and an empty one as Unknown', () => {
    expect(describeDevice('lead-importer/1.0')).toBe('lead-importer/1.0');
    expect(describeDevice('x'.repeat(80))).toBe(`${'x'.repeat(57)}…`);
    expect(describeDevice('')).toBe('Unknown');
  });
});

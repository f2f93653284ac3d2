import { foldText, leadKeys } from './lead-keys.js';

describe('foldText', () => {
  it('lowers case and drops accents and other marks', () => {
    expect(foldText('ÉLODIE Dupré')).toBe('elodie dupre');
    expect(foldText('Ångström')).toBe('angstrom');
    expect(foldText('ﬁne')).toBe('fine');
  });

  it('keeps what it cannot fold', () => {
    expect(foldText('50%_off "now"')).toBe('50%_off "now"');
    expect(foldText('山田')).toBe('山田');
  });
});

describe('leadKeys', () => {
  it('folds the name for ordering and every searched field, one line each', () => {
    expect(leadKeys({ name: 'Grace HOPPER', email: 'Grace@Navy.example', message: 'Café', source: 'Fair' })).toEqual({
      nameKey: 'grace hopper',
      search: 'grace hopper\ngrace@navy.example\ncafe\nfair',
    });
  });

  it('keeps the name key within the name column’s length', () => {
    expect(Array.from(leadKeys({ name: 'ﷺ'.repeat(100), email: '', message: '', source: '' }).nameKey)).toHaveLength(100);
  });
});

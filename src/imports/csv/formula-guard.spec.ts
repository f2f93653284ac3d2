import fc from 'fast-check';
import { guardFormula, unguardFormula } from './formula-guard.js';

describe('guardFormula', () => {
  it.each(['=SUM(A1)', '+1', '-5', '@cmd', '\tx', '\rx'])('puts a quote before %j', (value) => {
    expect(guardFormula(value)).toBe(`'${value}`);
  });

  it.each(['Jane', '', "O'Hara", "'quoted", 'a=b', ' =x'])('leaves %j as it is', (value) => {
    expect(guardFormula(value)).toBe(value);
  });

  it('adds one more quote to a value that already looks guarded, so it comes back as it was', () => {
    expect(guardFormula("'=x")).toBe("''=x");
    expect(unguardFormula("''=x")).toBe("'=x");
  });

  it('is undone by unguardFormula for every text', () => {
    const unit = fc.constantFrom("'", '=', '+', '-', '@', '\t', '\r', 'a', ' ');
    fc.assert(fc.property(fc.string({ unit }), (value) => unguardFormula(guardFormula(value)) === value));
  });
});

describe('unguardFormula', () => {
  it('removes the quote before a formula character and leaves other quotes', () => {
    expect(unguardFormula("'=SUM(A1)")).toBe('=SUM(A1)');
    expect(unguardFormula("'-5")).toBe('-5');
    expect(unguardFormula("'quoted")).toBe("'quoted");
    expect(unguardFormula("O'Hara")).toBe("O'Hara");
  });
});

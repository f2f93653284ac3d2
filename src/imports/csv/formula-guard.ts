/**
 * OWASP's CSV injection advice: a field that begins with `=`, `+`, `-`, `@`,
 * a tab or a carriage return is written with a leading `'`, so that no
 * spreadsheet runs it as a formula; an import removes that `'` again.
 *
 * So that every value comes back as it left, a value that already begins
 * with quotes followed by one of those characters (`'=x`) gets one more
 * (`''=x`), and the import removes exactly one: the two functions are inverse.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;
const GUARDED = /^'+[=+\-@\t\r]/;

export const guardFormula = (value: string): string => (FORMULA_START.test(value) ? `'${value}` : value);

export const unguardFormula = (value: string): string => (GUARDED.test(value) ? value.slice(1) : value);

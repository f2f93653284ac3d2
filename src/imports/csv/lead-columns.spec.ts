import { ApiException } from '../../common/errors/api.exception.js';
import { importRow, isBlankRecord, leadColumns } from './lead-columns.js';

describe('leadColumns', () => {
  it('matches headings ignoring case, spaces, _ and -, with their aliases', () => {
    expect(leadColumns(['Full Name', 'E-mail', 'MESSAGE', ' status ', 'Source']).indexes).toEqual({
      name: 0,
      email: 1,
      message: 2,
      status: 3,
      source: 4,
    });
    expect(leadColumns(['NAME', 'Email_Address']).indexes).toEqual({ name: 0, email: 1 });
  });

  it("leaves out an export's own columns without a word and lists the others", () => {
    expect(leadColumns(['id', 'name', 'email', 'owner', 'created_at', 'Updated At', 'Phone', '', 'e-mail'])).toEqual({
      indexes: { name: 1, email: 2 },
      ignored: ['Phone', 'e-mail'],
    });
  });

  it('refuses a file without a name or an email column', () => {
    for (const header of [['name'], ['email', 'message'], ['']]) {
      expect(() => leadColumns(header)).toThrow(ApiException);
      try {
        leadColumns(header);
      } catch (error) {
        expect((error as ApiException).msg).toEqual({ detail: 'The file needs a name column and an email column.' });
      }
    }
  });
});

describe('importRow', () => {
  const columns = leadColumns(['email', 'x', 'name', 'message']);

  it('reads each field from its column, a missing cell as empty, formula guards removed', () => {
    expect(importRow({ row: 2, fields: ['a@x.io', 'y', "'=SUM(A1)"] }, columns)).toEqual({
      email: 'a@x.io',
      name: '=SUM(A1)',
      message: '',
    });
  });
});

describe('isBlankRecord', () => {
  it('is true for a blank line and a row of empty cells only', () => {
    expect(isBlankRecord({ row: 3, fields: [''] })).toBe(true);
    expect(isBlankRecord({ row: 3, fields: ['', ' ', ''] })).toBe(true);
    expect(isBlankRecord({ row: 3, fields: ['', 'x'] })).toBe(false);
  });
});

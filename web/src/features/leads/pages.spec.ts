import { leadRows, nextPageAfter } from './pages';

const lead = (id: number, name = `Lead ${id}`) => ({ id, name, email: `lead${id}@example.com`, message: '', owner: 1, created_at: '' });

describe('nextPageAfter', () => {
  it('reads the next page from the Link header, relative or absolute', () => {
    expect(nextPageAfter('</api/leads?limit=25&after=25>; rel="next"')).toBe(25);
    expect(nextPageAfter('<http://127.0.0.1:8000/api/leads?after=7&limit=25>; rel="next"')).toBe(7);
  });

  it('offers no next page without a header, for another relation, or for an odd cursor', () => {
    expect(nextPageAfter(null)).toBeNull();
    expect(nextPageAfter('</api/leads?limit=25&after=25>; rel="prev"')).toBeNull();
    expect(nextPageAfter('</api/leads?after=abc>; rel="next"')).toBeNull();
  });
});

describe('leadRows', () => {
  it('shows a lead added here once, where the page that holds it puts it', () => {
    const added = lead(30);
    const first = { leads: [lead(1), lead(2), added], next: 2 };
    expect(leadRows([first]).map((row) => row.id)).toEqual([1, 2, 30]);
    const second = { leads: [lead(3), lead(30, 'Renamed')], next: null };
    expect(leadRows([first, second]).map((row) => [row.id, row.name])).toEqual([
      [1, 'Lead 1'],
      [2, 'Lead 2'],
      [3, 'Lead 3'],
      [30, 'Renamed'],
    ]);
  });

  it('has no rows before the first page arrives', () => {
    expect(leadRows(undefined)).toEqual([]);
  });
});

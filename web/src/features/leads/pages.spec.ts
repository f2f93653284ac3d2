import { leadRows, nextLink } from './pages';
import type { Lead } from './types';

const lead = (id: number, name = `Lead ${id}`): Lead => ({
  id,
  name,
  email: `lead${id}@example.com`,
  message: '',
  owner: 1,
  created_at: '',
  status: 'new',
  source: '',
  updated_at: '',
});

describe('nextLink', () => {
  it('follows the Link header as it is: path and query kept, whatever they carry', () => {
    expect(nextLink('</api/leads?limit=25&after=25>; rel="next"')).toBe('/api/leads?limit=25&after=25');
    expect(nextLink('</api/leads?search=gra%20hop&status=new&ordering=-updated_at&limit=25&cursor=eyJ2Ijo>; rel="next"')).toBe(
      '/api/leads?search=gra%20hop&status=new&ordering=-updated_at&limit=25&cursor=eyJ2Ijo',
    );
    expect(nextLink('<http://127.0.0.1:8000/api/leads?cursor=abc>; rel="next"', 'http://127.0.0.1:8000')).toBe('/api/leads?cursor=abc');
  });

  it('offers no next page without a header, for another relation, or on another origin', () => {
    expect(nextLink(null)).toBeNull();
    expect(nextLink('</api/leads?cursor=abc>; rel="prev"')).toBeNull();
    expect(nextLink('<https://elsewhere.example/api/leads?cursor=abc>; rel="next"', 'http://127.0.0.1:8000')).toBeNull();
  });
});

describe('leadRows', () => {
  it('shows a lead added here once, where the page that holds it puts it', () => {
    const added = lead(30);
    const first = { items: [lead(1), lead(2), added], next: '/api/leads?cursor=a' };
    expect(leadRows([first]).map((row) => row.id)).toEqual([1, 2, 30]);
    const second = { items: [lead(3), lead(30, 'Renamed')], next: null };
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

import {
  DEFAULT_VIEW,
  type LeadsView,
  normalSearch,
  sortOf,
  viewFrom,
  viewParams,
  viewQuery,
  withAllStatuses,
  withSortBy,
  withStatusToggled,
} from './view';

const view = (overrides: Partial<LeadsView>): LeadsView => ({ ...DEFAULT_VIEW, ...overrides });

describe('the view in the address', () => {
  it('reads search, status and ordering as the address gives them', () => {
    expect(viewFrom('?search=ada&status=new&ordering=-updated_at')).toEqual({ search: 'ada', status: ['new'], ordering: '-updated_at' });
    expect(viewFrom('search=gra+hop&status=won,new')).toEqual({ search: 'gra hop', status: ['new', 'won'], ordering: 'id' });
    expect(viewFrom('')).toEqual(DEFAULT_VIEW);
  });

  it('reads a hand-made or old address kindly: unknown statuses and orders are left out, spaces and case mean nothing', () => {
    expect(viewFrom('?status=NEW,,x,new, Lost&ordering=price&search=%20%20')).toEqual({
      search: '',
      status: ['new', 'lost'],
      ordering: 'id',
    });
    expect(viewFrom(`?search=${'a'.repeat(150)}`).search).toHaveLength(100);
    expect(viewFrom('?status=lost,won,qualified,contacted,new').status).toEqual([]);
  });

  it('writes the default view as no query at all, and every other view so that reading it back gives the same view', () => {
    expect(viewQuery(DEFAULT_VIEW)).toBe('');
    const views = [
      view({ search: 'ada' }),
      view({ status: ['new', 'contacted'], ordering: '-updated_at' }),
      view({ search: 'é & = ?', status: ['lost'], ordering: 'name' }),
    ];
    for (const each of views) expect(viewFrom(viewQuery(each))).toEqual(each);
    expect(viewQuery(views[1])).toBe('?status=new%2Ccontacted&ordering=-updated_at');
  });

  it('gives the API the parameters that narrow or order the list, none at their default', () => {
    expect(viewParams(DEFAULT_VIEW)).toEqual({});
    expect(viewParams(view({ search: 'ada', status: ['won'], ordering: 'name' }))).toEqual({
      search: 'ada',
      status: 'won',
      ordering: 'name',
    });
  });

  it('sends a search as it means: ends trimmed, runs of spaces as one', () => {
    expect(normalSearch('  gra   hop ')).toBe('gra hop');
    expect(normalSearch('   ')).toBe('');
  });
});

describe('the status toggles', () => {
  it('turn a status on and off, keep the statuses in their order, and "All" clears them', () => {
    let current = withStatusToggled(DEFAULT_VIEW, 'won');
    current = withStatusToggled(current, 'new');
    expect(current.status).toEqual(['new', 'won']);
    expect(withStatusToggled(current, 'won').status).toEqual(['new']);
    expect(withAllStatuses(current).status).toEqual([]);
  });

  it('come back to "All" when every status is on', () => {
    let current = DEFAULT_VIEW;
    for (const status of ['new', 'contacted', 'qualified', 'won'] as const) current = withStatusToggled(current, status);
    expect(current.status).toHaveLength(4);
    expect(withStatusToggled(current, 'lost').status).toEqual([]);
  });
});

describe('the sortable headers', () => {
  it('say how the table is sorted, by id ascending when nothing else is asked', () => {
    expect(sortOf(DEFAULT_VIEW, 'id')).toBe('ascending');
    expect(sortOf(DEFAULT_VIEW, 'name')).toBeUndefined();
    expect(sortOf(view({ ordering: '-updated_at' }), 'updated')).toBe('descending');
  });

  it('sort by a new column ascending ("Updated" latest first), and reverse on a second press', () => {
    expect(withSortBy(DEFAULT_VIEW, 'name').ordering).toBe('name');
    expect(withSortBy(view({ ordering: 'name' }), 'name').ordering).toBe('-name');
    expect(withSortBy(view({ ordering: '-name' }), 'name').ordering).toBe('name');
    expect(withSortBy(DEFAULT_VIEW, 'id').ordering).toBe('-id');
    expect(withSortBy(DEFAULT_VIEW, 'updated').ordering).toBe('-updated_at');
    expect(withSortBy(view({ ordering: '-updated_at' }), 'updated').ordering).toBe('updated_at');
  });

  it('keep the search and statuses when the order changes', () => {
    const current = view({ search: 'ada', status: ['new'] });
    expect(withSortBy(current, 'name')).toEqual({ ...current, ordering: 'name' });
  });
});

/** A lead's place in the team's work, in the order a lead moves along. */
export const STATUSES = ['new', 'contacted', 'qualified', 'won', 'lost'] as const;
export type LeadStatus = (typeof STATUSES)[number];

/** Each status as the page names it. */
export const STATUS_LABELS: Readonly<Record<LeadStatus, string>> = {
  new: 'New',
  contacted: 'Contacted',
  qualified: 'Qualified',
  won: 'Won',
  lost: 'Lost',
};

export const isStatus = (value: unknown): value is LeadStatus => (STATUSES as readonly unknown[]).includes(value);

/** The columns the table sorts by, each with the `ordering` key of the API. */
export const SORT_KEYS = { id: 'id', name: 'name', updated: 'updated_at' } as const;
export type SortColumn = keyof typeof SORT_KEYS;
type SortKey = (typeof SORT_KEYS)[SortColumn] | 'created_at';
export type Ordering = SortKey | `-${SortKey}`;

const ORDERINGS: readonly string[] = ['id', 'created_at', 'updated_at', 'name'].flatMap((key) => [key, `-${key}`]);
export const DEFAULT_ORDERING: Ordering = 'id';

/** The longest search the API takes. */
export const SEARCH_MAX_LENGTH = 100;

/** What the leads page shows: a search, the statuses chosen (none: all) and the order. It lives in the address. */
export interface LeadsView {
  search: string;
  status: LeadStatus[];
  ordering: Ordering;
}

export const DEFAULT_VIEW: LeadsView = { search: '', status: [], ordering: DEFAULT_ORDERING };

/** The search as the API takes it: spaces at the ends and runs of spaces mean nothing. */
export const normalSearch = (text: string): string => text.trim().replace(/\s+/g, ' ').slice(0, SEARCH_MAX_LENGTH).trim();

/**
 * The view an address's query string names. What a person may have typed or
 * kept from an older address is read kindly: unknown statuses and orders are
 * left out, statuses come once and in their order (all of them: no narrowing).
 */
export function viewFrom(query: string): LeadsView {
  const params = new URLSearchParams(query);
  const named = new Set((params.get('status') ?? '').split(',').map((part) => part.trim().toLowerCase()));
  const ordering = params.get('ordering') ?? '';
  const status = STATUSES.filter((each) => named.has(each));
  return {
    search: normalSearch(params.get('search') ?? ''),
    status: status.length === STATUSES.length ? [] : status,
    ordering: ORDERINGS.includes(ordering) ? (ordering as Ordering) : DEFAULT_ORDERING,
  };
}

/** The view's parameters, those at their default left out (so `/` is the default view), in the API's names. */
export function viewParams(view: LeadsView): { search?: string; status?: string; ordering?: Ordering } {
  return {
    ...(view.search ? { search: view.search } : {}),
    ...(view.status.length > 0 ? { status: view.status.join(',') } : {}),
    ...(view.ordering !== DEFAULT_ORDERING ? { ordering: view.ordering } : {}),
  };
}

/** The query string of the view's address (`?search=ada&status=new`), `''` for the default view. */
export function viewQuery(view: LeadsView): string {
  const query = new URLSearchParams(viewParams(view)).toString();
  return query ? `?${query}` : '';
}

/** "All" chosen: no status narrows the list. */
export const withAllStatuses = (view: LeadsView): LeadsView => ({ ...view, status: [] });

/** A status toggled on or off; with every status on, the list is all of them again, so "All" is pressed. */
export function withStatusToggled(view: LeadsView, status: LeadStatus): LeadsView {
  const chosen = view.status.includes(status) ? view.status.filter((each) => each !== status) : [...view.status, status];
  const ordered = STATUSES.filter((each) => chosen.includes(each));
  return { ...view, status: ordered.length === STATUSES.length ? [] : ordered };
}

/** How the table is sorted by `column`, as `aria-sort` says it (undefined: not by this column). */
export function sortOf(view: LeadsView, column: SortColumn): 'ascending' | 'descending' | undefined {
  const key = SORT_KEYS[column];
  if (view.ordering === key) return 'ascending';
  if (view.ordering === `-${key}`) return 'descending';
  return undefined;
}

/**
 * The view after pressing a column's sort button: the same column again
 * reverses the order; another column starts ascending, except "Updated",
 * which starts with the latest change, as a person working leads looks for it.
 */
export function withSortBy(view: LeadsView, column: SortColumn): LeadsView {
  const key = SORT_KEYS[column];
  const now = sortOf(view, column);
  const ordering: Ordering = now === 'ascending' ? `-${key}` : now === 'descending' ? key : column === 'updated' ? `-${key}` : key;
  return { ...view, ordering };
}

import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { fieldEdited, selectFieldError } from '../messages';
import { navigated, selectSearch } from '../router';
import { leadsViewForm, useLeadStatsQuery } from './leadsApi';
import {
  type LeadsView,
  normalSearch,
  SEARCH_MAX_LENGTH,
  STATUS_LABELS,
  STATUSES,
  viewQuery,
  withAllStatuses,
  withStatusToggled,
} from './view';

/** How long typing must pause before the list follows it. */
export const SEARCH_PAUSE_MS = 300;

/** Shows another view of the leads: a new entry in the browser's history, or (`replace`) in place of the current one. */
export function useShowView() {
  const dispatch = useAppDispatch();
  return (view: LeadsView, replace = false) => dispatch(navigated({ path: '/', search: viewQuery(view), replace }));
}

/**
 * The search field. The list follows the typing once it pauses (no request
 * per keystroke), or at once on Enter. A run of searches is one step of the
 * browser's history: each replaces the entry the one before it made.
 */
function SearchField({ view }: { view: LeadsView }) {
  const dispatch = useAppDispatch();
  const showView = useShowView();
  const address = useAppSelector(selectSearch);
  const error = useAppSelector((state) => selectFieldError(state, leadsViewForm, 'search'));
  const [text, setText] = useState(view.search);
  /** The search this field last put in the address, and the query it wrote (null: the address is not this field's doing). */
  const written = useRef<{ search: string; query: string | null }>({ search: view.search, query: null });

  // The address changed some other way (back, forward, a link): the field shows its search.
  useEffect(() => {
    if (view.search === written.current.search) return;
    written.current = { search: view.search, query: null };
    setText(view.search);
  }, [view.search]);

  const show = (search: string) => {
    const next = { ...view, search };
    showView(next, address === written.current.query);
    written.current = { search, query: viewQuery(next) };
  };

  useEffect(() => {
    const search = normalSearch(text);
    if (search === view.search) return;
    const timer = setTimeout(() => show(search), SEARCH_PAUSE_MS);
    return () => clearTimeout(timer);
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const search = normalSearch(text);
    if (search !== view.search) show(search);
  };

  return (
    <form role="search" className="col-md-5 mb-3" noValidate onSubmit={submit}>
      <label htmlFor="lead-search" className="form-label">
        Search leads
      </label>
      <input
        id="lead-search"
        type="search"
        className={`form-control${error ? ' is-invalid' : ''}`}
        value={text}
        maxLength={SEARCH_MAX_LENGTH}
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'lead-search-error' : undefined}
        onChange={(event) => {
          if (error) dispatch(fieldEdited({ form: leadsViewForm, field: 'search' }));
          setText(event.target.value);
        }}
      />
      {error && (
        <div id="lead-search-error" className="invalid-feedback">
          {error}
        </div>
      )}
    </form>
  );
}

function Toggle({ label, count, pressed, onClick }: { label: string; count: number | undefined; pressed: boolean; onClick: () => void }) {
  return (
    <button type="button" className={`btn ${pressed ? 'btn-primary' : 'btn-outline-primary'}`} aria-pressed={pressed} onClick={onClick}>
      {label}
      {count !== undefined && (
        <>
          {' '}
          <span className={`badge ${pressed ? 'text-bg-light' : 'text-bg-secondary'}`}>{count}</span>
        </>
      )}
    </button>
  );
}

/** The status toggles, each with its count among the leads the search finds. */
function StatusToggles({ view }: { view: LeadsView }) {
  const showView = useShowView();
  // The counts of the previous search stay until the new ones come, so the buttons do not jump.
  const { data: stats } = useLeadStatsQuery(view.search);
  return (
    <fieldset className="col-md-7 mb-3">
      <legend className="form-label fs-6">Status</legend>
      <div className="d-flex flex-wrap gap-1">
        <Toggle label="All" count={stats?.total} pressed={view.status.length === 0} onClick={() => showView(withAllStatuses(view))} />
        {STATUSES.map((status) => (
          <Toggle
            key={status}
            label={STATUS_LABELS[status]}
            count={stats?.by_status[status]}
            pressed={view.status.includes(status)}
            onClick={() => showView(withStatusToggled(view, status))}
          />
        ))}
      </div>
    </fieldset>
  );
}

/** Above the table: the search field and the status toggles. */
export function LeadsViewControls({ view }: { view: LeadsView }) {
  return (
    <div className="row align-items-end">
      <SearchField view={view} />
      <StatusToggles view={view} />
    </div>
  );
}

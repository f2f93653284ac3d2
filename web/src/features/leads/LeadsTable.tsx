import { useState } from 'react';
import { Link } from '../router';
import { EditLeadDialog } from './EditLeadDialog';
import { useDeleteLeadMutation, useListLeadsInfiniteQuery } from './leadsApi';
import { useShowView } from './LeadsView';
import { leadRows } from './pages';
import { StatusBadge, Time } from './StatusBadge';
import { DEFAULT_VIEW, type LeadsView, type SortColumn, sortOf, viewQuery, withSortBy } from './view';

/** A column header that sorts: a button in it, the order on it as `aria-sort`. */
function SortHeader({ view, column, label }: { view: LeadsView; column: SortColumn; label: string }) {
  const showView = useShowView();
  return (
    <th scope="col" className="text-nowrap" aria-sort={sortOf(view, column)}>
      <button type="button" className="sort-button" onClick={() => showView(withSortBy(view, column))}>
        {label}
      </button>
    </th>
  );
}

export function LeadsTable({ view }: { view: LeadsView }) {
  const { currentData, isSuccess, isError, error, isFetching, hasNextPage, fetchNextPage, refetch } = useListLeadsInfiniteQuery(view);
  const [deleteLead] = useDeleteLeadMutation();
  const [editing, setEditing] = useState<number | null>(null);
  const leads = leadRows(currentData?.pages);
  const edited = leads.find((lead) => lead.id === editing);
  const narrowed = viewQuery({ ...view, ordering: DEFAULT_VIEW.ordering }) !== '';
  const failed = isError && !isFetching && (error as { status?: number } | undefined)?.status !== 400;

  return (
    <>
      <div className="table-responsive">
        <table className="table table-striped align-middle" aria-busy={isFetching}>
          <thead>
            <tr>
              <SortHeader view={view} column="id" label="ID" />
              <SortHeader view={view} column="name" label="Name" />
              <th scope="col">Email</th>
              <th scope="col">Message</th>
              <th scope="col">Status</th>
              <SortHeader view={view} column="updated" label="Updated" />
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {leads.map((lead) => (
              <tr key={lead.id}>
                <td>{lead.id}</td>
                <td>
                  <Link to={`/leads/${lead.id}`}>{lead.name}</Link>
                </td>
                <td>{lead.email}</td>
                <td className="text-break">{lead.message}</td>
                <td>
                  <StatusBadge status={lead.status} />
                </td>
                <td className="text-nowrap">
                  <Time iso={lead.updated_at} />
                </td>
                <td className="text-nowrap text-end">
                  <button type="button" className="btn btn-outline-primary btn-sm me-2" onClick={() => setEditing(lead.id)}>
                    Edit
                  </button>
                  <button type="button" className="btn btn-danger btn-sm" onClick={() => void deleteLead(lead.id)}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {isSuccess && leads.length === 0 && (
        <p className="text-body-secondary">{narrowed ? 'No leads match this search and status.' : 'No leads yet.'}</p>
      )}
      {isFetching && <p className="text-body-secondary">Loading…</p>}
      {failed && (
        <p>
          The leads could not be loaded.{' '}
          <button type="button" className="btn btn-outline-secondary btn-sm" onClick={() => void refetch()}>
            Try again
          </button>
        </p>
      )}
      {hasNextPage && !isFetching && (
        <button type="button" className="btn btn-secondary" onClick={() => void fetchNextPage()}>
          Load more
        </button>
      )}
      {edited && <EditLeadDialog lead={edited} onClose={() => setEditing(null)} />}
    </>
  );
}

import { useState } from 'react';
import { EditLeadDialog } from './EditLeadDialog';
import { useDeleteLeadMutation, useListLeadsInfiniteQuery } from './leadsApi';
import { leadRows } from './pages';

export function LeadsTable() {
  const { data, isSuccess, isFetching, hasNextPage, fetchNextPage } = useListLeadsInfiniteQuery();
  const [deleteLead] = useDeleteLeadMutation();
  const [editing, setEditing] = useState<number | null>(null);
  const leads = leadRows(data?.pages);
  const edited = leads.find((lead) => lead.id === editing);

  return (
    <section aria-labelledby="leads-heading">
      <h2 id="leads-heading">Leads</h2>
      <div className="table-responsive">
        <table className="table table-striped align-middle">
          <thead>
            <tr>
              <th scope="col">ID</th>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Message</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {leads.map((lead) => (
              <tr key={lead.id}>
                <td>{lead.id}</td>
                <td>{lead.name}</td>
                <td>{lead.email}</td>
                <td className="text-break">{lead.message}</td>
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
      {isSuccess && leads.length === 0 && <p className="text-body-secondary">No leads yet.</p>}
      {isFetching && <p className="text-body-secondary">Loading…</p>}
      {hasNextPage && !isFetching && (
        <button type="button" className="btn btn-secondary" onClick={() => void fetchNextPage()}>
          Load more
        </button>
      )}
      {edited && <EditLeadDialog lead={edited} onClose={() => setEditing(null)} />}
    </section>
  );
}

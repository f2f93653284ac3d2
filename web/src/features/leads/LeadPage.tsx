import { type FormEvent, useEffect, useState } from 'react';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { Field, formSubmitted } from '../messages';
import { leadPageId, Link, selectPath, selectReturnTo } from '../router';
import {
  leadStatusForm,
  noteForm,
  useAddNoteMutation,
  useChangeStatusMutation,
  useDeleteNoteMutation,
  useGetLeadQuery,
  useListActivityInfiniteQuery,
} from './leadsApi';
import { STATUS_OPTIONS, Time } from './StatusBadge';
import type { ActivityEntry, Lead } from './types';
import { type LeadStatus, STATUS_LABELS } from './view';

/** The id `/leads/:id` names, or null when it cannot be a lead's (the page then says "Not found." without asking). */
function useLeadId(): number | null {
  const written = leadPageId(useAppSelector(selectPath)) ?? '';
  const id = /^[1-9]\d{0,15}$/.test(written) ? Number(written) : NaN;
  return Number.isSafeInteger(id) ? id : null;
}

/** The leads page as the user left it (search, statuses, order). */
const useLeadsAddress = () => useAppSelector((state) => selectReturnTo(state, '/'));

function NotFound() {
  return (
    <>
      <h1 tabIndex={-1}>Not found.</h1>
      <p>
        <Link to={useLeadsAddress()}>Back to the leads</Link>
      </p>
    </>
  );
}

function StatusSelect({ lead }: { lead: Lead }) {
  const dispatch = useAppDispatch();
  const [changeStatus, { isLoading }] = useChangeStatusMutation();
  // The status chosen shows at once; a refused change puts back the lead's own.
  const [chosen, setChosen] = useState<LeadStatus | null>(null);
  const change = async (status: LeadStatus) => {
    dispatch(formSubmitted(leadStatusForm));
    setChosen(status);
    await changeStatus({ id: lead.id, status });
    setChosen(null);
  };
  return (
    <div className="col-sm-6 col-lg-4">
      <Field
        form={leadStatusForm}
        name="status"
        value={chosen ?? lead.status}
        onChange={(value) => void change(value as LeadStatus)}
        options={STATUS_OPTIONS}
      />
      {isLoading && <span className="visually-hidden">Saving…</span>}
    </div>
  );
}

function ActivityItem({ leadId, entry }: { leadId: number; entry: ActivityEntry }) {
  const [deleteNote, { isLoading }] = useDeleteNoteMutation();
  return (
    <li className="list-group-item">
      <div className="d-flex justify-content-between align-items-start gap-3">
        <div className="flex-grow-1">
          {entry.type === 'note' && <p className="mb-1 note-text">{entry.text}</p>}
          {entry.type === 'status' && (
            <p className="mb-1">
              Status: {STATUS_LABELS[entry.from]} → {STATUS_LABELS[entry.to]}
            </p>
          )}
          {entry.type === 'created' && <p className="mb-1">Lead created</p>}
          <small className="text-body-secondary">
            <Time iso={entry.created_at} />
          </small>
        </div>
        {entry.type === 'note' && (
          <button
            type="button"
            className="btn btn-outline-danger btn-sm"
            disabled={isLoading}
            onClick={() => void deleteNote({ id: leadId, noteId: entry.id })}
          >
            Delete
          </button>
        )}
      </div>
    </li>
  );
}

function AddNote({ leadId }: { leadId: number }) {
  const dispatch = useAppDispatch();
  const [addNote, { isLoading }] = useAddNoteMutation();
  const [text, setText] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    dispatch(formSubmitted(noteForm));
    const { error } = await addNote({ id: leadId, text });
    if (!error) setText('');
  };
  return (
    <form noValidate className="mb-4" onSubmit={(event) => void submit(event)}>
      <Field form={noteForm} name="text" value={text} onChange={setText} multiline />
      <button type="submit" className="btn btn-primary" disabled={isLoading}>
        Add note
      </button>
    </form>
  );
}

function Activity({ leadId }: { leadId: number }) {
  const { data, isSuccess, isFetching, hasNextPage, fetchNextPage } = useListActivityInfiniteQuery(leadId);
  const entries = data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section aria-labelledby="activity-heading">
      <h2 id="activity-heading">Activity</h2>
      <AddNote leadId={leadId} />
      {entries.length > 0 && (
        <ol className="list-group mb-3" aria-label="Activity, newest first">
          {entries.map((entry) => (
            <ActivityItem
              key={entry.type === 'note' ? `note-${entry.id}` : `${entry.type}-${entry.created_at}`}
              leadId={leadId}
              entry={entry}
            />
          ))}
        </ol>
      )}
      {isSuccess && entries.length === 0 && <p className="text-body-secondary">No activity yet.</p>}
      {isFetching && <p className="text-body-secondary">Loading…</p>}
      {hasNextPage && !isFetching && (
        <button type="button" className="btn btn-secondary" onClick={() => void fetchNextPage()}>
          Load more
        </button>
      )}
    </section>
  );
}

function LeadDetails({ lead }: { lead: Lead }) {
  return (
    <>
      <p className="mb-1">
        <Link to={useLeadsAddress()}>← Leads</Link>
      </p>
      <h1 tabIndex={-1} className="text-break">
        {lead.name}
      </h1>
      <dl className="row mb-3">
        <dt className="col-sm-3 col-lg-2">Email</dt>
        <dd className="col-sm-9 col-lg-10 text-break">
          <a href={`mailto:${lead.email}`}>{lead.email}</a>
        </dd>
        <dt className="col-sm-3 col-lg-2">Source</dt>
        <dd className="col-sm-9 col-lg-10">{lead.source || <span className="text-body-secondary">Not given</span>}</dd>
        <dt className="col-sm-3 col-lg-2">Created</dt>
        <dd className="col-sm-9 col-lg-10">
          <Time iso={lead.created_at} />
        </dd>
        <dt className="col-sm-3 col-lg-2">Updated</dt>
        <dd className="col-sm-9 col-lg-10">
          <Time iso={lead.updated_at} />
        </dd>
        {lead.message && (
          <>
            <dt className="col-sm-3 col-lg-2">Message</dt>
            <dd className="col-sm-9 col-lg-10 note-text">{lead.message}</dd>
          </>
        )}
      </dl>
      <div className="row mb-4">
        <StatusSelect lead={lead} />
      </div>
    </>
  );
}

/** `/leads/:id`: one lead, its status to change, and what happened to it. */
export function LeadPage() {
  const id = useLeadId();
  if (id === null) return <NotFound />;
  return <LeadOf id={id} />;
}

function LeadOf({ id }: { id: number }) {
  const { data: lead, error, isLoading, refetch } = useGetLeadQuery(id);
  // The lead's heading takes the focus from the "Loading…" one, as a new page's would.
  const shownId = lead?.id;
  useEffect(() => {
    const focused = document.activeElement;
    if (shownId !== undefined && (focused === document.body || focused?.matches('main h1'))) {
      document.querySelector<HTMLElement>('main h1')?.focus();
    }
  }, [shownId]);

  if (lead) {
    return (
      <>
        <LeadDetails lead={lead} />
        <Activity leadId={lead.id} />
      </>
    );
  }
  if (isLoading) {
    return (
      <h1 tabIndex={-1} className="text-body-secondary">
        Loading…
      </h1>
    );
  }
  const status = (error as { status?: number } | undefined)?.status;
  if (status === 404) return <NotFound />;
  return (
    <>
      <h1 tabIndex={-1}>Lead</h1>
      <p role="alert">
        The lead could not be loaded.{' '}
        <button type="button" className="btn btn-outline-secondary btn-sm" onClick={() => void refetch()}>
          Try again
        </button>
      </p>
    </>
  );
}

import { type FormEvent, useEffect, useState } from 'react';
import { useAppDispatch, useAppSelector } from '../../app/store';
import { Field } from '../messages/Field';
import { formSubmitted } from '../messages/messagesSlice';
import { EditLeadDialog } from './EditLeadDialog';
import { addLead, deleteLead, editStarted, fetchLeads, leadsSelectors } from './leadsSlice';

function AddLeadForm() {
  const dispatch = useAppDispatch();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    dispatch(formSubmitted('addLead'));
    setBusy(true);
    const result = await dispatch(addLead({ name, email, message }));
    setBusy(false);
    if (addLead.fulfilled.match(result)) {
      setName('');
      setEmail('');
      setMessage('');
    }
  };

  return (
    <section className="card card-body mb-4" aria-labelledby="add-lead-heading">
      <h2 id="add-lead-heading">Add Lead</h2>
      <form noValidate onSubmit={submit}>
        <Field form="addLead" name="name" value={name} onChange={setName} autoComplete="off" />
        <Field form="addLead" name="email" type="email" value={email} onChange={setEmail} autoComplete="off" />
        <Field form="addLead" name="message" value={message} onChange={setMessage} multiline />
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Submit
        </button>
      </form>
    </section>
  );
}

function LeadsTable() {
  const dispatch = useAppDispatch();
  const leads = useAppSelector((state) => leadsSelectors.selectAll(state.leads));
  const { status, next, editing } = useAppSelector((state) => state.leads);

  useEffect(() => {
    if (status === 'idle') void dispatch(fetchLeads());
  }, [dispatch, status]);

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
                  <button type="button" className="btn btn-outline-primary btn-sm me-2" onClick={() => dispatch(editStarted(lead.id))}>
                    Edit
                  </button>
                  <button type="button" className="btn btn-danger btn-sm" onClick={() => void dispatch(deleteLead(lead.id))}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {status === 'loaded' && leads.length === 0 && <p className="text-body-secondary">No leads yet.</p>}
      {status === 'loading' && <p className="text-body-secondary">Loading…</p>}
      {next !== null && status !== 'loading' && (
        <button type="button" className="btn btn-secondary" onClick={() => void dispatch(fetchLeads({ after: next }))}>
          Load more
        </button>
      )}
      {editing !== null && <EditLeadDialog id={editing} />}
    </section>
  );
}

export function LeadsPage() {
  return (
    <>
      <h1 className="visually-hidden" tabIndex={-1}>
        Lead Manager
      </h1>
      <AddLeadForm />
      <LeadsTable />
    </>
  );
}

import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { ErrorAlerts, Field, formSubmitted, selectLastMessageId } from '../messages';
import { editLeadForm, useUpdateLeadMutation } from './leadsApi';
import { STATUS_OPTIONS } from './StatusBadge';
import type { Lead } from './types';
import type { LeadStatus } from './view';

/** A modal `<dialog>`: the browser keeps focus inside, closes it on Escape and gives focus back to "Edit". */
export function EditLeadDialog({ lead, onClose }: { lead: Lead; onClose: () => void }) {
  const dispatch = useAppDispatch();
  const [updateLead, { isLoading }] = useUpdateLeadMutation();
  const dialog = useRef<HTMLDialogElement>(null);
  const [name, setName] = useState(lead.name);
  const [email, setEmail] = useState(lead.email);
  const [message, setMessage] = useState(lead.message);
  const [source, setSource] = useState(lead.source);
  const [status, setStatus] = useState<LeadStatus>(lead.status);
  // Errors shown before the dialog opened are the page's, not the dialog's.
  const lastMessage = useAppSelector(selectLastMessageId);
  const [openedAfter] = useState(lastMessage);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    dispatch(formSubmitted(editLeadForm));
    const { error } = await updateLead({ id: lead.id, name, email, message, source, status });
    if (!error) onClose();
  };

  return (
    <dialog ref={dialog} className="edit-dialog" aria-labelledby="edit-lead-heading" onClose={onClose}>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <h2 id="edit-lead-heading" className="h4 mb-3">
          Edit Lead
        </h2>
        <ErrorAlerts after={openedAfter} />
        <Field form={editLeadForm} name="name" value={name} onChange={setName} autoComplete="off" />
        <Field form={editLeadForm} name="email" type="email" value={email} onChange={setEmail} autoComplete="off" />
        <Field form={editLeadForm} name="message" value={message} onChange={setMessage} multiline />
        <Field form={editLeadForm} name="source" value={source} onChange={setSource} autoComplete="off" />
        <Field
          form={editLeadForm}
          name="status"
          value={status}
          onChange={(value) => setStatus(value as LeadStatus)}
          options={STATUS_OPTIONS}
        />
        <div className="d-flex justify-content-end gap-2">
          <button type="button" className="btn btn-secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={isLoading}>
            Save
          </button>
        </div>
      </form>
    </dialog>
  );
}

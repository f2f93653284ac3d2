import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useAppDispatch, useAppSelector } from '../../app/store';
import { Field } from '../messages/Field';
import { ErrorAlerts } from '../messages/Alerts';
import { formSubmitted } from '../messages/messagesSlice';
import { editEnded, leadsSelectors, updateLead } from './leadsSlice';

/** A modal `<dialog>`: the browser keeps focus inside, closes it on Escape and gives focus back to "Edit". */
export function EditLeadDialog({ id }: { id: number }) {
  const dispatch = useAppDispatch();
  const lead = useAppSelector((state) => leadsSelectors.selectById(state.leads, id));
  const dialog = useRef<HTMLDialogElement>(null);
  const [name, setName] = useState(lead?.name ?? '');
  const [email, setEmail] = useState(lead?.email ?? '');
  const [message, setMessage] = useState(lead?.message ?? '');
  const [busy, setBusy] = useState(false);
  const lastMessage = useAppSelector((state) => state.messages.lastId);
  const [openedAfter] = useState(lastMessage);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    dispatch(formSubmitted('editLead'));
    setBusy(true);
    await dispatch(updateLead({ id, name, email, message }));
    setBusy(false);
  };

  return (
    <dialog ref={dialog} className="edit-dialog" aria-labelledby="edit-lead-heading" onClose={() => dispatch(editEnded())}>
      <form noValidate onSubmit={submit}>
        <h2 id="edit-lead-heading" className="h4 mb-3">
          Edit Lead
        </h2>
        <ErrorAlerts after={openedAfter} />
        <Field form="editLead" name="name" value={name} onChange={setName} autoComplete="off" />
        <Field form="editLead" name="email" type="email" value={email} onChange={setEmail} autoComplete="off" />
        <Field form="editLead" name="message" value={message} onChange={setMessage} multiline />
        <div className="d-flex justify-content-end gap-2">
          <button type="button" className="btn btn-secondary" onClick={() => dispatch(editEnded())}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            Save
          </button>
        </div>
      </form>
    </dialog>
  );
}

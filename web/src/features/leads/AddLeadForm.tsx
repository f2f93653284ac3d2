import { type FormEvent, useState } from 'react';
import { useAppDispatch } from '../../app/hooks';
import { Field, formSubmitted } from '../messages';
import { addLeadForm, useAddLeadMutation } from './leadsApi';
import { STATUS_OPTIONS } from './StatusBadge';
import { type LeadStatus } from './view';

export function AddLeadForm() {
  const dispatch = useAppDispatch();
  const [addLead, { isLoading }] = useAddLeadMutation();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [message, setMessage] = useState('');
  const [source, setSource] = useState('');
  const [status, setStatus] = useState<LeadStatus>('new');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    dispatch(formSubmitted(addLeadForm));
    const { error } = await addLead({ name, email, message, source, status });
    if (!error) {
      setName('');
      setEmail('');
      setMessage('');
      setSource('');
      setStatus('new');
    }
  };

  return (
    <section className="card card-body mb-4" aria-labelledby="add-lead-heading">
      <h2 id="add-lead-heading">Add Lead</h2>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <div className="row">
          <div className="col-md-6">
            <Field form={addLeadForm} name="name" value={name} onChange={setName} autoComplete="off" />
          </div>
          <div className="col-md-6">
            <Field form={addLeadForm} name="email" type="email" value={email} onChange={setEmail} autoComplete="off" />
          </div>
        </div>
        <Field form={addLeadForm} name="message" value={message} onChange={setMessage} multiline rows={2} />
        <div className="row">
          <div className="col-md-6">
            <Field form={addLeadForm} name="source" value={source} onChange={setSource} autoComplete="off" />
          </div>
          <div className="col-md-6">
            <Field
              form={addLeadForm}
              name="status"
              value={status}
              onChange={(value) => setStatus(value as LeadStatus)}
              options={STATUS_OPTIONS}
            />
          </div>
        </div>
        <button type="submit" className="btn btn-primary" disabled={isLoading}>
          Submit
        </button>
      </form>
    </section>
  );
}

import { type FormEvent, useState } from 'react';
import { useAppDispatch } from '../../app/hooks';
import { Field, formSubmitted } from '../messages';
import { addLeadForm, useAddLeadMutation } from './leadsApi';

export function AddLeadForm() {
  const dispatch = useAppDispatch();
  const [addLead, { isLoading }] = useAddLeadMutation();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [message, setMessage] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    dispatch(formSubmitted(addLeadForm));
    const { error } = await addLead({ name, email, message });
    if (!error) {
      setName('');
      setEmail('');
      setMessage('');
    }
  };

  return (
    <section className="card card-body mb-4" aria-labelledby="add-lead-heading">
      <h2 id="add-lead-heading">Add Lead</h2>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <Field form={addLeadForm} name="name" value={name} onChange={setName} autoComplete="off" />
        <Field form={addLeadForm} name="email" type="email" value={email} onChange={setEmail} autoComplete="off" />
        <Field form={addLeadForm} name="message" value={message} onChange={setMessage} multiline />
        <button type="submit" className="btn btn-primary" disabled={isLoading}>
          Submit
        </button>
      </form>
    </section>
  );
}

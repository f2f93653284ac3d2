import { type FormEvent, useState } from 'react';
import { useAppDispatch } from '../../app/hooks';
import { deleteAccount, deleteAccountForm } from '../auth';
import { Field, formSubmitted } from '../messages';

export function DeleteAccount() {
  const dispatch = useAppDispatch();
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    dispatch(formSubmitted(deleteAccountForm));
    setBusy(true);
    await dispatch(deleteAccount({ password }));
    setBusy(false);
  };

  return (
    <section aria-labelledby="delete-heading">
      <h2 id="delete-heading">Delete account</h2>
      <p>This deletes your account, your leads and every session at once. It cannot be undone.</p>
      <form noValidate onSubmit={(event) => void submit(event)} className="col-md-6">
        <Field
          form={deleteAccountForm}
          name="password"
          type="password"
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
        />
        <button type="submit" className="btn btn-danger" disabled={busy}>
          Delete account
        </button>
      </form>
    </section>
  );
}

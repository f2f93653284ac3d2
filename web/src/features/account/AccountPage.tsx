import { type FormEvent, useEffect, useState } from 'react';
import { useAppDispatch, useAppSelector } from '../../app/store';
import { deleteAccount } from '../auth/authSlice';
import { Field } from '../messages/Field';
import { formRefused, formSubmitted } from '../messages/messagesSlice';
import { Texts } from '../../texts';
import { describeDevice } from './device';
import { changePassword, fetchSessions, logoutOthers, revokeSession } from './sessionsSlice';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : 'Never');

function Sessions() {
  const dispatch = useAppDispatch();
  const { list, status } = useAppSelector((state) => state.sessions);
  useEffect(() => {
    if (status === 'idle') void dispatch(fetchSessions());
  }, [dispatch, status]);

  return (
    <section className="mb-5" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Sessions</h2>
      <div className="table-responsive">
        <table className="table align-middle">
          <thead>
            <tr>
              <th scope="col">Created</th>
              <th scope="col">Expires</th>
              <th scope="col">Device</th>
              <th scope="col">IP</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((session) => (
              <tr key={session.id}>
                <td>{when(session.created)}</td>
                <td>{when(session.expiry)}</td>
                <td title={session.user_agent}>{describeDevice(session.user_agent)}</td>
                <td>{session.ip || 'Unknown'}</td>
                <td className="text-end">
                  {session.current ? (
                    <span className="badge text-bg-success">This session</span>
                  ) : (
                    <button
                      type="button"
                      className="btn btn-outline-danger btn-sm"
                      onClick={() => void dispatch(revokeSession(session.id))}
                    >
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <button type="button" className="btn btn-outline-danger" onClick={() => void dispatch(logoutOthers())}>
        Log out other sessions
      </button>
    </section>
  );
}

function ChangePassword() {
  const dispatch = useAppDispatch();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    dispatch(formSubmitted('changePassword'));
    if (next !== confirm) {
      dispatch(formRefused({ form: 'changePassword', field: 'confirm', text: Texts.passwordsDoNotMatch }));
      return;
    }
    setBusy(true);
    const result = await dispatch(changePassword({ old_password: current, new_password: next }));
    setBusy(false);
    if (changePassword.fulfilled.match(result)) {
      setCurrent('');
      setNext('');
      setConfirm('');
    }
  };

  return (
    <section className="mb-5" aria-labelledby="password-heading">
      <h2 id="password-heading">Change password</h2>
      <form noValidate onSubmit={submit} className="col-md-6">
        <Field
          form="changePassword"
          name="old_password"
          type="password"
          value={current}
          onChange={setCurrent}
          autoComplete="current-password"
        />
        <Field form="changePassword" name="new_password" type="password" value={next} onChange={setNext} autoComplete="new-password" />
        <Field form="changePassword" name="confirm" type="password" value={confirm} onChange={setConfirm} autoComplete="new-password" />
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Change password
        </button>
      </form>
    </section>
  );
}

function DeleteAccount() {
  const dispatch = useAppDispatch();
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    dispatch(formSubmitted('deleteAccount'));
    setBusy(true);
    await dispatch(deleteAccount({ password }));
    setBusy(false);
  };

  return (
    <section aria-labelledby="delete-heading">
      <h2 id="delete-heading">Delete account</h2>
      <p>This deletes your account, your leads and every session at once. It cannot be undone.</p>
      <form noValidate onSubmit={submit} className="col-md-6">
        <Field
          form="deleteAccount"
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

export function AccountPage() {
  return (
    <>
      <h1 className="mb-4" tabIndex={-1}>
        Account
      </h1>
      <Sessions />
      <ChangePassword />
      <DeleteAccount />
    </>
  );
}

import { type FormEvent, useState } from 'react';
import { useAppDispatch } from '../../app/store';
import { Field } from '../messages/Field';
import { Link } from '../router/Link';
import { formRefused, formSubmitted } from '../messages/messagesSlice';
import { Texts } from '../../texts';
import { register } from './authSlice';

export function RegisterPage() {
  const dispatch = useAppDispatch();
  const [username, setUsername] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    dispatch(formSubmitted('register'));
    if (password !== confirm) {
      dispatch(formRefused({ form: 'register', field: 'confirm', text: Texts.passwordsDoNotMatch }));
      return;
    }
    setBusy(true);
    await dispatch(register({ username, email, password }));
    setBusy(false);
  };

  return (
    <div className="col-md-6 mx-auto">
      <div className="card card-body mt-4">
        <h1 className="h2 text-center" tabIndex={-1}>
          Register
        </h1>
        <form noValidate onSubmit={submit}>
          <Field form="register" name="username" value={username} onChange={setUsername} autoComplete="username" />
          <Field form="register" name="email" type="email" value={email} onChange={setEmail} autoComplete="email" />
          <Field form="register" name="password" type="password" value={password} onChange={setPassword} autoComplete="new-password" />
          <Field form="register" name="confirm" type="password" value={confirm} onChange={setConfirm} autoComplete="new-password" />
          <button type="submit" className="btn btn-primary" disabled={busy}>
            Register
          </button>
        </form>
        <p className="mt-3 mb-0">
          Already have an account? <Link to="/login">Login</Link>
        </p>
      </div>
    </div>
  );
}

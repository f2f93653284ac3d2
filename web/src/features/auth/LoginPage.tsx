import { type FormEvent, useState } from 'react';
import { useAppDispatch } from '../../app/hooks';
import { Field, formSubmitted } from '../messages';
import { Link } from '../router';
import { login, loginForm } from './authSlice';

export function LoginPage() {
  const dispatch = useAppDispatch();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    dispatch(formSubmitted(loginForm));
    setBusy(true);
    await dispatch(login({ username, password }));
    setBusy(false);
  };

  return (
    <div className="col-md-6 mx-auto">
      <div className="card card-body mt-4">
        <h1 className="h2 text-center" tabIndex={-1}>
          Login
        </h1>
        <form noValidate onSubmit={(event) => void submit(event)}>
          <Field form={loginForm} name="username" value={username} onChange={setUsername} autoComplete="username" />
          <Field form={loginForm} name="password" type="password" value={password} onChange={setPassword} autoComplete="current-password" />
          <button type="submit" className="btn btn-primary" disabled={busy}>
            Login
          </button>
        </form>
        <p className="mt-3 mb-0">
          <Link to="/password-reset">Forgot password?</Link>
        </p>
        <p className="mt-2 mb-0">
          Don’t have an account? <Link to="/register">Register</Link>
        </p>
      </div>
    </div>
  );
}

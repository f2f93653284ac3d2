import { type FormEvent, useState } from 'react';
import { useAppDispatch } from '../../app/hooks';
import { Field, formRefused, formSubmitted, PASSWORDS_DO_NOT_MATCH } from '../messages';
import { Link } from '../router';
import { register, registerForm } from './authSlice';

export function RegisterPage() {
  const dispatch = useAppDispatch();
  const [username, setUsername] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    dispatch(formSubmitted(registerForm));
    if (password !== confirm) {
      dispatch(formRefused({ form: registerForm, field: 'confirm', text: PASSWORDS_DO_NOT_MATCH }));
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
        <form noValidate onSubmit={(event) => void submit(event)}>
          <Field form={registerForm} name="username" value={username} onChange={setUsername} autoComplete="username" />
          <Field form={registerForm} name="email" type="email" value={email} onChange={setEmail} autoComplete="email" />
          <Field form={registerForm} name="password" type="password" value={password} onChange={setPassword} autoComplete="new-password" />
          <Field form={registerForm} name="confirm" type="password" value={confirm} onChange={setConfirm} autoComplete="new-password" />
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

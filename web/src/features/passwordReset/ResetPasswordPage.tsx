import { type FormEvent, useState } from 'react';
import { useAppDispatch } from '../../app/hooks';
import { Field, formSubmitted } from '../messages';
import { Link } from '../router';
import { resetPasswordForm, useRequestPasswordResetMutation } from './passwordResetApi';

export function ResetPasswordPage() {
  const dispatch = useAppDispatch();
  const [requestReset, { isLoading }] = useRequestPasswordResetMutation();
  const [email, setEmail] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    dispatch(formSubmitted(resetPasswordForm));
    await requestReset({ email });
  };

  return (
    <div className="col-md-6 mx-auto">
      <div className="card card-body mt-4">
        <h1 className="h2 text-center" tabIndex={-1}>
          Reset password
        </h1>
        <form noValidate onSubmit={(event) => void submit(event)}>
          <Field form={resetPasswordForm} name="email" type="email" value={email} onChange={setEmail} autoComplete="email" />
          <button type="submit" className="btn btn-primary" disabled={isLoading}>
            Send reset link
          </button>
        </form>
        <p className="mt-3 mb-0">
          Remembered it? <Link to="/login">Login</Link>
        </p>
      </div>
    </div>
  );
}

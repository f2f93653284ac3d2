import { type FormEvent, useEffect, useState } from 'react';
import { useAppDispatch } from '../../app/hooks';
import { Field, formRefused, formSubmitted, PASSWORDS_DO_NOT_MATCH } from '../messages';
import { dropFragment, tokenFromFragment } from './fragment';
import { chooseNewPasswordForm, useConfirmPasswordResetMutation } from './passwordResetApi';

export function ChooseNewPasswordPage() {
  const dispatch = useAppDispatch();
  const [confirmReset, { isLoading }] = useConfirmPasswordResetMutation();
  // Read once, kept in this page only: never in the store, storage or the address bar.
  const [token] = useState(() => tokenFromFragment(location.hash));
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');

  useEffect(dropFragment, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    dispatch(formSubmitted(chooseNewPasswordForm));
    if (password !== confirm) {
      dispatch(formRefused({ form: chooseNewPasswordForm, field: 'confirm', text: PASSWORDS_DO_NOT_MATCH }));
      return;
    }
    // A page opened without a token is refused by the server like a used link.
    await confirmReset({ token: token ?? '-', new_password: password });
  };

  return (
    <div className="col-md-6 mx-auto">
      <div className="card card-body mt-4">
        <h1 className="h2 text-center" tabIndex={-1}>
          Choose a new password
        </h1>
        <form noValidate onSubmit={(event) => void submit(event)}>
          <Field
            form={chooseNewPasswordForm}
            name="new_password"
            type="password"
            value={password}
            onChange={setPassword}
            autoComplete="new-password"
          />
          <Field
            form={chooseNewPasswordForm}
            name="confirm"
            type="password"
            value={confirm}
            onChange={setConfirm}
            autoComplete="new-password"
          />
          <button type="submit" className="btn btn-primary" disabled={isLoading}>
            Set password
          </button>
        </form>
      </div>
    </div>
  );
}

import { type FormEvent, useState } from 'react';
import { useAppDispatch } from '../../app/hooks';
import { Field, formRefused, formSubmitted, PASSWORDS_DO_NOT_MATCH } from '../messages';
import { changePasswordForm, useChangePasswordMutation } from './accountApi';

export function ChangePassword() {
  const dispatch = useAppDispatch();
  const [changePassword, { isLoading }] = useChangePasswordMutation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    dispatch(formSubmitted(changePasswordForm));
    if (next !== confirm) {
      dispatch(formRefused({ form: changePasswordForm, field: 'confirm', text: PASSWORDS_DO_NOT_MATCH }));
      return;
    }
    const { error } = await changePassword({ old_password: current, new_password: next });
    if (!error) {
      setCurrent('');
      setNext('');
      setConfirm('');
    }
  };

  return (
    <section className="mb-5" aria-labelledby="password-heading">
      <h2 id="password-heading">Change password</h2>
      <form noValidate onSubmit={(event) => void submit(event)} className="col-md-6">
        <Field
          form={changePasswordForm}
          name="old_password"
          type="password"
          value={current}
          onChange={setCurrent}
          autoComplete="current-password"
        />
        <Field form={changePasswordForm} name="new_password" type="password" value={next} onChange={setNext} autoComplete="new-password" />
        <Field form={changePasswordForm} name="confirm" type="password" value={confirm} onChange={setConfirm} autoComplete="new-password" />
        <button type="submit" className="btn btn-primary" disabled={isLoading}>
          Change password
        </button>
      </form>
    </section>
  );
}

import type { ChangeEvent } from 'react';
import { useAppDispatch, useAppSelector } from '../../app/store';
import { fieldEdited } from './messagesSlice';
import { FormLabels, type FormName } from '../../texts';

interface FieldProps<F extends FormName> {
  form: F;
  name: keyof (typeof FormLabels)[F] & string;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'email' | 'password';
  autoComplete?: string;
  multiline?: boolean;
}

/**
 * A labelled input. While the last error names this field, it is marked
 * invalid and described by that message, until the user edits it.
 */
export function Field<F extends FormName>({ form, name, value, onChange, type = 'text', autoComplete, multiline }: FieldProps<F>) {
  const dispatch = useAppDispatch();
  const error = useAppSelector((state) => (state.messages.invalid?.form === form ? state.messages.invalid.fields[name] : undefined));
  const id = `${form}-${name}`;
  const errorId = `${id}-error`;
  const label = (FormLabels[form] as Record<string, string>)[name];
  const props = {
    id,
    name,
    value,
    className: `form-control${error ? ' is-invalid' : ''}`,
    'aria-invalid': error ? (true as const) : undefined,
    'aria-describedby': error ? errorId : undefined,
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      if (error) dispatch(fieldEdited({ form, field: name }));
      onChange(event.target.value);
    },
  };
  return (
    <div className="mb-3">
      <label htmlFor={id} className="form-label">
        {label}
      </label>
      {multiline ? <textarea rows={3} {...props} /> : <input type={type} autoComplete={autoComplete} {...props} />}
      {error && (
        <div id={errorId} className="invalid-feedback">
          {error}
        </div>
      )}
    </div>
  );
}

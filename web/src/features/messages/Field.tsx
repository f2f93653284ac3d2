import type { ChangeEvent } from 'react';
import type { FormRef } from '../../api/errors';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { fieldEdited, selectFieldError } from './messagesSlice';

interface FieldProps<K extends string> {
  form: FormRef<K>;
  name: K;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'email' | 'password';
  autoComplete?: string;
  multiline?: boolean;
  /** The height of a multiline field, in lines. */
  rows?: number;
  /** A choice among these (a `<select>`) rather than text. */
  options?: readonly { value: string; label: string }[];
}

/**
 * A labelled input, its label the form's label for the field. While the last
 * error names this field, it is marked invalid and described by that message,
 * until the user edits it.
 */
export function Field<K extends string>({
  form,
  name,
  value,
  onChange,
  type = 'text',
  autoComplete,
  multiline,
  rows = 3,
  options,
}: FieldProps<K>) {
  const dispatch = useAppDispatch();
  const error = useAppSelector((state) => selectFieldError(state, form, name));
  const id = `${form.name}-${name}`;
  const errorId = `${id}-error`;
  const props = {
    id,
    name,
    value,
    className: `${options ? 'form-select' : 'form-control'}${error ? ' is-invalid' : ''}`,
    'aria-invalid': error ? (true as const) : undefined,
    'aria-describedby': error ? errorId : undefined,
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => {
      if (error) dispatch(fieldEdited({ form, field: name }));
      onChange(event.target.value);
    },
  };
  return (
    <div className="mb-3">
      <label htmlFor={id} className="form-label">
        {form.labels[name]}
      </label>
      {options ? (
        <select {...props}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      ) : multiline ? (
        <textarea rows={rows} {...props} />
      ) : (
        <input type={type} autoComplete={autoComplete} {...props} />
      )}
      {error && (
        <div id={errorId} className="invalid-feedback">
          {error}
        </div>
      )}
    </div>
  );
}

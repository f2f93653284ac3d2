import { configureStore, createAsyncThunk } from '@reduxjs/toolkit';
import type { ApiFailure, FormRef } from '../../api/errors';
import { errorLines, fieldEdited, formRefused, formSubmitted, messageExpired, messagesSlice, succeeded } from './messagesSlice';

const leadForm: FormRef = { name: 'addLead', labels: { name: 'Name', email: 'Email', message: 'Message' } };
const editForm: FormRef = { name: 'editLead', labels: leadForm.labels };
const passwordForm: FormRef = { name: 'changePassword', labels: { old_password: 'Current password' } };

/** A request of any feature that the server refuses with `failure`. */
const refused = createAsyncThunk<never, ApiFailure, { rejectValue: ApiFailure }>('any/request', (failure, { rejectWithValue }) =>
  rejectWithValue(failure),
);
const failure = (overrides: Partial<ApiFailure>): ApiFailure => ({ status: 400, msg: {}, form: null, authenticated: true, ...overrides });

function setup() {
  const store = configureStore({ reducer: { messages: messagesSlice.reducer } });
  const texts = (kind: 'success' | 'error') =>
    store
      .getState()
      .messages.items.filter((item) => item.kind === kind)
      .map((item) => item.text);
  return { store, texts, refuse: (overrides: Partial<ApiFailure>) => store.dispatch(refused(failure(overrides))) };
}

describe('errorLines (the original client’s returnErrors)', () => {
  it('names each field by its label on the form that sent it, as `{Field}: {messages}`', () => {
    expect(errorLines({ msg: { email: ['Enter a valid email address.'] }, form: leadForm })).toEqual([
      { field: 'email', text: 'Email: Enter a valid email address.' },
    ]);
    expect(
      errorLines({ msg: { old_password: ['Your old password was entered incorrectly. Please enter it again.'] }, form: passwordForm }),
    ).toEqual([{ field: 'old_password', text: 'Current password: Your old password was entered incorrectly. Please enter it again.' }]);
  });

  it('uses the key for a field the form does not have, and joins several messages', () => {
    expect(errorLines({ msg: { owner: ['A.', 'B.'] }, form: leadForm })).toEqual([{ field: 'owner', text: 'owner: A. B.' }]);
    expect(errorLines({ msg: { email: 'Taken.' }, form: null })).toEqual([{ field: 'email', text: 'email: Taken.' }]);
  });

  it('shows the text alone for a key the form labels with nothing (a value with no input, such as a reset token)', () => {
    const resetForm = { name: 'reset', labels: { token: '', new_password: 'New password' } };
    expect(errorLines({ msg: { token: ['This reset link is invalid or has expired.'] }, form: resetForm })).toEqual([
      { field: 'token', text: 'This reset link is invalid or has expired.' },
    ]);
  });

  it('shows non_field_errors and detail as their text', () => {
    expect(
      errorLines({ msg: { non_field_errors: ['Unable to log in with provided credentials.'], detail: 'Not found.' }, form: null }),
    ).toEqual([
      { field: null, text: 'Unable to log in with provided credentials.' },
      { field: null, text: 'Not found.' },
    ]);
  });
});

describe('the messages', () => {
  it('show a refused request of any feature as its lines, and mark the fields of its form until each is edited', async () => {
    const { store, texts, refuse } = setup();
    await refuse({ form: leadForm, msg: { name: ['This field may not be blank.'], email: ['Enter a valid email address.'] } });
    expect(texts('error')).toEqual(['Name: This field may not be blank.', 'Email: Enter a valid email address.']);
    expect(store.getState().messages.invalid).toEqual({
      form: 'addLead',
      fields: { name: 'Name: This field may not be blank.', email: 'Email: Enter a valid email address.' },
    });
    store.dispatch(fieldEdited({ form: editForm, field: 'email' }));
    expect(Object.keys(store.getState().messages.invalid!.fields)).toEqual(['name', 'email']);
    store.dispatch(fieldEdited({ form: leadForm, field: 'email' }));
    expect(Object.keys(store.getState().messages.invalid!.fields)).toEqual(['name']);
    store.dispatch(formSubmitted(leadForm));
    expect(store.getState().messages.invalid).toBeNull();
  });

  it('show the same sentence once, as a new message: the older copy gives way to it', async () => {
    const { store, refuse } = setup();
    await refuse({ form: leadForm, msg: { email: ['Enter a valid email address.'] } });
    const [first] = store.getState().messages.items;
    await refuse({ form: editForm, msg: { email: ['Enter a valid email address.'] } });
    const items = store.getState().messages.items;
    expect(items.map((item) => item.text)).toEqual(['Email: Enter a valid email address.']);
    expect(items[0].id).toBeGreaterThan(first.id);
    expect(store.getState().messages.invalid?.form).toBe('editLead');
  });

  it('say "Your session has ended" once for any number of 401s to requests with the token, and nothing else of them', async () => {
    const { store, texts, refuse } = setup();
    store.dispatch(formRefused({ form: passwordForm, field: 'confirm', text: 'Passwords do not match' }));
    await refuse({ status: 401, msg: { detail: 'Invalid token.' } });
    await refuse({ status: 401, msg: { detail: 'Invalid token.' } });
    expect(texts('error')).toEqual(['Passwords do not match', 'Your session has ended. Please log in again.']);
    expect(store.getState().messages.invalid).toBeNull();
  });

  it('show a 401 to a request without a token (a login refused) as the server says it', async () => {
    const { texts, refuse } = setup();
    await refuse({ status: 401, authenticated: false, msg: { detail: 'Authentication credentials were not provided.' } });
    expect(texts('error')).toEqual(['Authentication credentials were not provided.']);
  });

  it('say nothing of a refusal the page shows itself, unless it ends the session', async () => {
    const { texts, refuse } = setup();
    await refuse({ status: 404, msg: { detail: 'Not found.' }, quiet: true });
    expect(texts('error')).toEqual([]);
    await refuse({ status: 401, msg: { detail: 'Invalid token.' }, quiet: true });
    expect(texts('error')).toEqual(['Your session has ended. Please log in again.']);
  });

  it('keep successes apart from errors, and let each expire on its own', () => {
    const { store, texts } = setup();
    store.dispatch(succeeded('Lead Added'));
    store.dispatch(formRefused({ form: passwordForm, field: 'confirm', text: 'Passwords do not match' }));
    expect(texts('success')).toEqual(['Lead Added']);
    expect(store.getState().messages.invalid).toEqual({ form: 'changePassword', fields: { confirm: 'Passwords do not match' } });
    store.dispatch(messageExpired(store.getState().messages.items[0].id));
    expect(texts('success')).toEqual([]);
    expect(texts('error')).toEqual(['Passwords do not match']);
  });
});

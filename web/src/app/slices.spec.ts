import { changePassword, logoutOthers } from '../features/account/sessionsSlice';
import type { ApiFailure } from '../api/errors';
import { deleteAccount, login, logout } from '../features/auth/authSlice';
import { addLead, deleteLead, fetchLeads, leadsSelectors, nextPageAfter, updateLead } from '../features/leads/leadsSlice';
import { fieldEdited, formRefused, formSubmitted, messageExpired } from '../features/messages/messagesSlice';
import { navigated } from '../features/router/routerSlice';
import { createStore } from './store';

const user = { id: 1, username: 'alice', email: 'alice@example.com' };
const lead = (id: number) => ({
  id,
  name: `Lead ${id}`,
  email: `lead${id}@example.com`,
  message: '',
  owner: 1,
  created_at: '2026-11-30T10:00:00.000Z',
});
const session = (id: string, current: boolean) => ({ id, current, created: '', expiry: null, ip: '127.0.0.1', user_agent: '' });

function loggedInStore(path = '/') {
  return createStore({
    auth: { token: 'a'.repeat(64), user },
    router: { path, from: null, replace: false },
  });
}

const failure = (overrides: Partial<ApiFailure>): ApiFailure => ({ status: 400, msg: {}, form: null, authenticated: true, ...overrides });
const texts = (store: ReturnType<typeof createStore>, kind: 'success' | 'error') =>
  store
    .getState()
    .messages.items.filter((item) => item.kind === kind)
    .map((item) => item.text);

describe('leads', () => {
  it('keeps leads oldest first across pages, one row per lead, and remembers the next page', () => {
    const store = loggedInStore();
    store.dispatch(fetchLeads.fulfilled({ leads: [lead(1), lead(2)], next: 2 }, 'r1'));
    store.dispatch(addLead.fulfilled(lead(30), 'r2', { name: '', email: '', message: '' }));
    store.dispatch(fetchLeads.fulfilled({ leads: [lead(3), lead(30)], next: null }, 'r3', { after: 2 }));
    expect(leadsSelectors.selectIds(store.getState().leads)).toEqual([1, 2, 3, 30]);
    expect(store.getState().leads.next).toBeNull();
  });

  it('says Lead Added, Lead Saved and Lead Deleted, and changes the table accordingly', () => {
    const store = loggedInStore();
    store.dispatch(addLead.fulfilled(lead(1), 'r1', { name: '', email: '', message: '' }));
    store.dispatch(updateLead.fulfilled({ ...lead(1), name: 'Renamed' }, 'r2', { id: 1, name: '', email: '', message: '' }));
    expect(leadsSelectors.selectById(store.getState().leads, 1)?.name).toBe('Renamed');
    store.dispatch(deleteLead.fulfilled(1, 'r3', 1));
    expect(leadsSelectors.selectTotal(store.getState().leads)).toBe(0);
    expect(texts(store, 'success')).toEqual(['Lead Added', 'Lead Saved', 'Lead Deleted']);
  });

  it('reads the next page from the Link header', () => {
    expect(nextPageAfter('</api/leads?limit=25&after=25>; rel="next"')).toBe(25);
    expect(nextPageAfter('<http://127.0.0.1:8000/api/leads?after=7&limit=25>; rel="next"')).toBe(7);
    expect(nextPageAfter(null)).toBeNull();
    expect(nextPageAfter('</api/leads?limit=25&after=25>; rel="prev"')).toBeNull();
  });
});

describe('a 401 to a request made with the token', () => {
  it('forgets the token and the user’s data, opens the login page and says the session has ended (once)', () => {
    const store = loggedInStore('/account');
    store.dispatch(fetchLeads.fulfilled({ leads: [lead(1)], next: null }, 'r1'));
    const ended = failure({ status: 401, msg: { detail: 'Invalid token.' } });
    store.dispatch(fetchLeads.rejected(null, 'r2', undefined, ended));
    store.dispatch(logoutOthers.rejected(null, 'r3', undefined, ended));
    const state = store.getState();
    expect(state.auth).toEqual({ token: null, user: null });
    expect(leadsSelectors.selectTotal(state.leads)).toBe(0);
    expect(state.router).toMatchObject({ path: '/login', from: '/account' });
    expect(texts(store, 'error')).toEqual(['Your session has ended. Please log in again.']);
  });

  it('after logging in again, goes back where the user was', () => {
    const store = loggedInStore('/account');
    store.dispatch(fetchLeads.rejected(null, 'r1', undefined, failure({ status: 401 })));
    store.dispatch(login.fulfilled({ token: 'b'.repeat(64), expiry: null, user }, 'r2', { username: 'alice', password: 'x' }));
    expect(store.getState().router.path).toBe('/account');
    expect(store.getState().auth.token).toBe('b'.repeat(64));
  });
});

describe('the same sentence again', () => {
  it('is shown once, as a new message: the older copy gives way to it', () => {
    const store = loggedInStore('/');
    const badEmail = (form: 'addLead' | 'editLead') => failure({ status: 400, form, msg: { email: ['Enter a valid email address.'] } });
    store.dispatch(addLead.rejected(null, 'r1', { name: 'x', email: 'x', message: '' }, badEmail('addLead')));
    const first = store.getState().messages.items.map((item) => item.id);
    store.dispatch(updateLead.rejected(null, 'r2', { id: 1, name: 'x', email: 'y', message: '' }, badEmail('editLead')));
    const items = store.getState().messages.items;
    expect(items.map((item) => item.text)).toEqual(['Email: Enter a valid email address.']);
    expect(items[0].id).toBeGreaterThan(Math.max(...first));
  });
});

describe('server errors', () => {
  it('show each line and mark the fields the form has, until each is edited', () => {
    const store = loggedInStore();
    const msg = { name: ['This field may not be blank.'], email: ['Enter a valid email address.'] };
    store.dispatch(addLead.rejected(null, 'r1', { name: '', email: 'x', message: '' }, failure({ form: 'addLead', msg })));
    expect(texts(store, 'error')).toEqual(['Name: This field may not be blank.', 'Email: Enter a valid email address.']);
    expect(store.getState().messages.invalid).toEqual({
      form: 'addLead',
      fields: { name: 'Name: This field may not be blank.', email: 'Email: Enter a valid email address.' },
    });
    store.dispatch(fieldEdited({ form: 'addLead', field: 'email' }));
    expect(Object.keys(store.getState().messages.invalid!.fields)).toEqual(['name']);
    store.dispatch(formSubmitted('addLead'));
    expect(store.getState().messages.invalid).toBeNull();
  });

  it('from a login refusal (no token) are shown, not taken for an ended session', () => {
    const store = createStore();
    const refused = failure({
      status: 400,
      form: 'login',
      authenticated: false,
      msg: { non_field_errors: ['Unable to log in with provided credentials.'] },
    });
    store.dispatch(login.rejected(null, 'r1', { username: 'a', password: 'b' }, refused));
    expect(texts(store, 'error')).toEqual(['Unable to log in with provided credentials.']);
  });

  it('expire one by one', () => {
    const store = createStore();
    store.dispatch(formRefused({ form: 'register', field: 'confirm', text: 'Passwords do not match' }));
    const [message] = store.getState().messages.items;
    expect(message.text).toBe('Passwords do not match');
    expect(store.getState().messages.invalid).toEqual({ form: 'register', fields: { confirm: 'Passwords do not match' } });
    store.dispatch(messageExpired(message.id));
    expect(store.getState().messages.items).toEqual([]);
  });
});

describe('account', () => {
  it('password change and "log out other sessions" keep only this session in the list', () => {
    const store = loggedInStore('/account');
    store.dispatch({ type: 'sessions/fetch/fulfilled', payload: [session('a', true), session('b', false)] });
    store.dispatch(changePassword.fulfilled(undefined, 'r1', { old_password: 'x', new_password: 'y' }));
    expect(store.getState().sessions.list.map((item) => item.id)).toEqual(['a']);
    store.dispatch(logoutOthers.fulfilled(undefined, 'r2'));
    expect(texts(store, 'success')).toEqual(['Password changed', 'Other sessions logged out']);
  });

  it('deleting the account or logging out forgets everything and opens the login page', () => {
    for (const action of [deleteAccount.fulfilled(undefined, 'r1', { password: 'x' }), logout.fulfilled(undefined, 'r2')]) {
      const store = loggedInStore('/account');
      store.dispatch(navigated({ path: '/account' }));
      store.dispatch(action);
      expect(store.getState().auth).toEqual({ token: null, user: null });
      expect(store.getState().router).toMatchObject({ path: '/login', from: null });
    }
  });
});

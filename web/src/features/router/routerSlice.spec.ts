import { configureStore, createAsyncThunk } from '@reduxjs/toolkit';
import type { ApiFailure } from '../../api/errors';
import { historyMoved, isForUsers, leadPageId, loggedIn, navigated, routerSlice } from './routerSlice';

const sessionEnded = createAsyncThunk<never, void, { rejectValue: ApiFailure }>('any/request', (_, { rejectWithValue }) =>
  rejectWithValue({ status: 401, msg: { detail: 'Invalid token.' }, form: null, authenticated: true }),
);

const setup = () => configureStore({ reducer: { router: routerSlice.reducer } });

describe('the router', () => {
  it('keeps the address’s query beside its path, and drops it on another page', () => {
    const store = setup();
    store.dispatch(navigated({ path: '/', search: 'search=ada&status=new' }));
    expect(store.getState().router).toMatchObject({ path: '/', search: '?search=ada&status=new', replace: false });
    store.dispatch(navigated({ path: '/account' }));
    expect(store.getState().router.search).toBe('');
    store.dispatch(historyMoved({ path: '/', search: '?ordering=name', from: null }));
    expect(store.getState().router).toMatchObject({ path: '/', search: '?ordering=name', replace: true });
  });

  it('brings a user whose session ended back to the same view after logging in', async () => {
    const store = setup();
    store.dispatch(navigated({ path: '/', search: '?search=ada' }));
    await store.dispatch(sessionEnded());
    expect(store.getState().router).toMatchObject({ path: '/login', search: '', from: '/?search=ada' });
    store.dispatch(loggedIn());
    expect(store.getState().router).toMatchObject({ path: '/', search: '?search=ada', from: null });
  });

  it('remembers the view a page was left in, for a link back to it', () => {
    const store = setup();
    store.dispatch(navigated({ path: '/', search: '?status=new' }));
    store.dispatch(navigated({ path: '/leads/3' }));
    expect(routerSlice.selectors.selectReturnTo({ router: store.getState().router }, '/')).toBe('/?status=new');
    expect(routerSlice.selectors.selectReturnTo({ router: store.getState().router }, '/account')).toBe('/account');
  });

  it('knows a lead’s page as one for users, and reads its id as written', () => {
    expect(isForUsers('/leads/12')).toBe(true);
    expect(isForUsers('/login')).toBe(false);
    expect(leadPageId('/leads/12')).toBe('12');
    expect(leadPageId('/leads/abc')).toBe('abc');
    expect(leadPageId('/leads/12/more')).toBeNull();
    expect(leadPageId('/leads/')).toBeNull();
  });
});

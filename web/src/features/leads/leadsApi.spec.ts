import { jest } from '@jest/globals';
import type { LeadsView } from './view';

/** A request the page made, answered when the test says so (or aborted by the page). */
interface Held {
  url: string;
  signal: AbortSignal;
  authorization: string | null;
  answer(status: number, body: unknown, headers?: Record<string, string>): void;
}

const held: Held[] = [];
// The client reads `fetch` when it is created: the stand-in is in place before the modules load.
globalThis.fetch = (input: Request | string | URL, init?: RequestInit) => {
  const request = input instanceof Request ? input : new Request(input, init);
  return new Promise<Response>((resolve, reject) => {
    request.signal.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')));
    held.push({
      url: request.url,
      signal: request.signal,
      authorization: request.headers.get('Authorization'),
      answer: (status, body, headers = {}) =>
        resolve(new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } })),
    });
  });
};

// The messages' components are JSX, which these specs do not compile: their slice stands in for the feature.
jest.unstable_mockModule('../messages', () => import('../messages/messagesSlice'));
jest.unstable_mockModule('../passwordReset', () => import('../passwordReset/passwordResetApi'));
const { configureStore } = await import('@reduxjs/toolkit');
const { apiSlice } = await import('../../api/apiSlice');
const { authorizeWith } = await import('../../api/client');
const { authSlice } = await import('../auth/authSlice');
const { messagesSlice } = await import('../messages/messagesSlice');
const { leadsApi } = await import('./leadsApi');

let stores: { dispatch(action: unknown): unknown }[] = [];
// Unused entries wait a minute before they go: a reset clears their timers so that the run can end.
afterEach(() => {
  for (const store of stores) store.dispatch(apiSlice.util.resetApiState());
  stores = [];
});

function createStore() {
  const store = configureStore({
    reducer: { [apiSlice.reducerPath]: apiSlice.reducer, auth: authSlice.reducer, messages: messagesSlice.reducer },
    preloadedState: { auth: { token: 'a'.repeat(64), user: null } },
    middleware: (getDefaultMiddleware) => getDefaultMiddleware().concat(apiSlice.middleware),
  });
  authorizeWith(() => store.getState().auth.token);
  stores.push(store);
  return store;
}

const view = (overrides: Partial<LeadsView>): LeadsView => ({ search: '', status: [], ordering: 'id', ...overrides });
const lead = (id: number) => ({
  id,
  name: `Lead ${id}`,
  email: `lead${id}@example.com`,
  message: '',
  owner: 1,
  created_at: '2026-12-05T07:00:00.000Z',
  status: 'new',
  source: '',
  updated_at: '2026-12-05T07:00:00.000Z',
});
/** Lets the client's promise chains run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup() {
  held.length = 0;
  const store = createStore();
  return {
    store,
    errors: () =>
      store
        .getState()
        .messages.items.filter((item) => item.kind === 'error')
        .map((item) => item.text),
  };
}

describe('the lead list', () => {
  it('aborts the request of a search the user typed past, and says nothing of it', async () => {
    const { store, errors } = setup();
    const stale = store.dispatch(leadsApi.endpoints.listLeads.initiate(view({ search: 'gra' })));
    await settle();
    const current = store.dispatch(leadsApi.endpoints.listLeads.initiate(view({ search: 'gra hop' })));
    await settle();
    expect(held.map((request) => new URL(request.url).searchParams.get('search'))).toEqual(['gra', 'gra hop']);
    expect(held[0].signal.aborted).toBe(true);
    expect(held[1].signal.aborted).toBe(false);
    held[1].answer(200, [lead(1)]);
    expect((await current).data?.pages[0].items.map((shown) => shown.id)).toEqual([1]);
    expect((await stale).isSuccess).toBe(false);
    expect(errors()).toEqual([]);
    stale.unsubscribe();
    current.unsubscribe();
  });

  it('asks for 25 leads with the view’s parameters, and follows the Link header as it is for "Load more"', async () => {
    const { store } = setup();
    const shown = view({ status: ['new', 'won'], ordering: '-updated_at' });
    const list = store.dispatch(leadsApi.endpoints.listLeads.initiate(shown));
    await settle();
    expect(new URL(held[0].url).search).toBe('?limit=25&status=new%2Cwon&ordering=-updated_at');
    expect(held[0].url.startsWith('http://localhost/api/leads?')).toBe(true);
    held[0].answer(200, [lead(3), lead(2)], {
      Link: '</api/leads?status=new%2Cwon&ordering=-updated_at&limit=25&cursor=b3BhcXVl>; rel="next"',
    });
    await list;
    const more = store.dispatch(leadsApi.endpoints.listLeads.initiate(shown, { direction: 'forward' }));
    await settle();
    expect(held[1].url).toBe('http://localhost/api/leads?status=new%2Cwon&ordering=-updated_at&limit=25&cursor=b3BhcXVl');
    expect(held[1].authorization).toBe(`Bearer ${'a'.repeat(64)}`);
    held[1].answer(200, [lead(1)]);
    const { data } = await more;
    expect(data?.pages.map((page) => page.items.map((item) => item.id))).toEqual([[3, 2], [1]]);
    expect(data?.pages[1].next).toBeNull();
    list.unsubscribe();
    more.unsubscribe();
  });

  it('shows a refused search as an error naming the search field', async () => {
    const { store, errors } = setup();
    const list = store.dispatch(leadsApi.endpoints.listLeads.initiate(view({ search: 'a b c d e f g h i j k' })));
    await settle();
    held[0].answer(400, { msg: { search: ['Ensure this field has no more than 10 terms.'] }, status: 400 });
    await list;
    expect(errors()).toEqual(['Search leads: Ensure this field has no more than 10 terms.']);
    list.unsubscribe();
  });
});

describe('a lead’s page', () => {
  it('says nothing of a lead that is not found (the page says "Not found."), but a 401 still ends the session', async () => {
    const { store, errors } = setup();
    const missing = store.dispatch(leadsApi.endpoints.getLead.initiate(999));
    await settle();
    held[0].answer(404, { msg: { detail: 'Not found.' }, status: 404 });
    expect((await missing).error).toMatchObject({ status: 404 });
    expect(errors()).toEqual([]);
    const ended = store.dispatch(leadsApi.endpoints.getLead.initiate(7));
    await settle();
    held[1].answer(401, { msg: { detail: 'Invalid token.' }, status: 401 });
    await ended;
    expect(errors()).toEqual(['Your session has ended. Please log in again.']);
    expect(store.getState().auth.token).toBeNull();
    missing.unsubscribe();
    ended.unsubscribe();
  });
});

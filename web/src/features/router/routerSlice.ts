import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import { isSessionEnd } from '../../api/errors';

/** The pages that need a logged-in user (a lead's page among them); the others are for anyone. */
export const PAGES_FOR_USERS = ['/', '/account', '/import'];
const LEAD_PAGE = /^\/leads\/([^/]+)$/;

export const isForUsers = (path: string): boolean => PAGES_FOR_USERS.includes(path) || LEAD_PAGE.test(path);

/** The id of the lead `/leads/:id` names, as written there (the page decides what it is worth). */
export const leadPageId = (path: string): string | null => LEAD_PAGE.exec(path)?.[1] ?? null;

/** The pages a logged-in user has no use for: they are sent on to their leads. */
export const PAGES_FOR_GUESTS = ['/login', '/register'];

export interface RouterState {
  path: string;
  /** The query string of the address (`?search=ada`), or `''`: the view a page shows, kept so that reload, back and forward keep it. */
  search: string;
  /** Where a user sent to the login page was going (path and query). */
  from: string | null;
  /** Whether the history entry is replaced (a redirect) rather than added. */
  replace: boolean;
  /** The query each page was last shown with: a link back to a page shows the view the user left. */
  left?: Record<string, string>;
}

const initialState: RouterState = { path: '/', search: '', from: null, replace: false };

/** Notes the view of the page being left. */
function leave(state: RouterState): void {
  state.left = { ...state.left, [state.path]: state.search };
}

/** `?a=b` for a query string with or without its `?`, `''` for none. */
const asSearch = (search: string | undefined): string => (!search || search === '?' ? '' : search.startsWith('?') ? search : `?${search}`);

function goTo(state: RouterState, address: string): void {
  const at = address.indexOf('?');
  state.path = at === -1 ? address : address.slice(0, at);
  state.search = at === -1 ? '' : asSearch(address.slice(at));
}

/**
 * The page shown, kept in the store so that a change of session and the page
 * it leads to happen in one step; `main.tsx` mirrors it into the browser's history.
 */
export const routerSlice = createSlice({
  name: 'router',
  initialState,
  reducers: {
    navigated(state, { payload }: PayloadAction<{ path: string; search?: string; from?: string | null; replace?: boolean }>) {
      leave(state);
      state.path = payload.path;
      state.search = asSearch(payload.search);
      state.from = payload.from ?? null;
      state.replace = payload.replace ?? false;
    },
    /** The browser moved through its history (back, forward): nothing to push. */
    historyMoved(state, { payload }: PayloadAction<{ path: string; search?: string; from: string | null }>) {
      leave(state);
      state.path = payload.path;
      state.search = asSearch(payload.search);
      state.from = payload.from;
      state.replace = true;
    },
    /** The user logged in: on to where they were going. */
    loggedIn(state) {
      goTo(state, state.from ?? '/');
      state.from = null;
      state.replace = false;
    },
    /** The user logged out or deleted the account. */
    loggedOut(state) {
      state.path = '/login';
      state.search = '';
      state.from = null;
      state.replace = false;
      delete state.left;
    },
  },
  extraReducers: (builder) => {
    builder.addMatcher(isSessionEnd, (state) => {
      // A second request failing alike keeps where the user was going.
      if (state.path === '/login') return;
      state.from = isForUsers(state.path) ? state.path + state.search : null;
      state.path = '/login';
      state.search = '';
      state.replace = false;
    });
  },
  selectors: {
    selectPath: (state) => state.path,
    selectSearch: (state) => state.search,
    /** The address of `path` with the view the user last left it in (`/?status=new`). */
    selectReturnTo: (state, path: string) => path + (state.left?.[path] ?? ''),
  },
});

export const { navigated, historyMoved, loggedIn, loggedOut } = routerSlice.actions;
export const { selectPath, selectSearch, selectReturnTo } = routerSlice.selectors;

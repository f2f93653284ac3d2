import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import { isSessionEnd } from '../../api/errors';

/** The pages that need a logged-in user; the others are for anyone. */
export const PAGES_FOR_USERS = ['/', '/account'];

export interface RouterState {
  path: string;
  /** Where a user sent to the login page was going. */
  from: string | null;
  /** Whether the history entry is replaced (a redirect) rather than added. */
  replace: boolean;
}

const initialState: RouterState = { path: '/', from: null, replace: false };

/**
 * The page shown, kept in the store so that a change of session and the page
 * it leads to happen in one step; `main.tsx` mirrors it into the browser's history.
 */
export const routerSlice = createSlice({
  name: 'router',
  initialState,
  reducers: {
    navigated(state, { payload }: PayloadAction<{ path: string; from?: string | null; replace?: boolean }>) {
      state.path = payload.path;
      state.from = payload.from ?? null;
      state.replace = payload.replace ?? false;
    },
    /** The browser moved through its history (back, forward): nothing to push. */
    historyMoved(state, { payload }: PayloadAction<{ path: string; from: string | null }>) {
      state.path = payload.path;
      state.from = payload.from;
      state.replace = true;
    },
    /** The user logged in: on to where they were going. */
    loggedIn(state) {
      state.path = state.from ?? '/';
      state.from = null;
      state.replace = false;
    },
    /** The user logged out or deleted the account. */
    loggedOut(state) {
      state.path = '/login';
      state.from = null;
      state.replace = false;
    },
  },
  extraReducers: (builder) => {
    builder.addMatcher(isSessionEnd, (state) => {
      // A second request failing alike keeps where the user was going.
      if (state.path === '/login') return;
      state.from = PAGES_FOR_USERS.includes(state.path) ? state.path : null;
      state.path = '/login';
      state.replace = false;
    });
  },
  selectors: {
    selectPath: (state) => state.path,
  },
});

export const { navigated, historyMoved, loggedIn, loggedOut } = routerSlice.actions;
export const { selectPath } = routerSlice.selectors;

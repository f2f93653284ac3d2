import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import { deleteAccount, isSessionEnd, login, logout, register } from '../auth/authSlice';

/**
 * The page shown, kept in the store so that a change of session and the page
 * it leads to happen in one step; `main.tsx` mirrors it into the browser's history.
 */
/** The pages that need a logged-in user; the others are for anyone. */
export const PAGES_FOR_USERS = ['/', '/account'];

export interface RouterState {
  path: string;
  /** Where a user sent to the login page was going. */
  from: string | null;
  /** Whether the history entry is replaced (a redirect) rather than added. */
  replace: boolean;
}

export const routerSlice = createSlice({
  name: 'router',
  initialState: { path: '/', from: null, replace: false } as RouterState,
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
  },
  extraReducers: (builder) => {
    const toLogin = (state: RouterState) => {
      state.path = '/login';
      state.from = null;
      state.replace = false;
    };
    const toWhereTheyWereGoing = (state: RouterState) => {
      state.path = state.from ?? '/';
      state.from = null;
      state.replace = false;
    };
    builder
      .addCase(login.fulfilled, toWhereTheyWereGoing)
      .addCase(register.fulfilled, toWhereTheyWereGoing)
      .addCase(logout.fulfilled, toLogin)
      .addCase(deleteAccount.fulfilled, toLogin)
      .addMatcher(isSessionEnd, (state) => {
        // A second request failing alike keeps where the user was going.
        if (state.path === '/login') return;
        state.from = PAGES_FOR_USERS.includes(state.path) ? state.path : null;
        state.path = '/login';
        state.replace = false;
      });
  },
});

export const { navigated, historyMoved } = routerSlice.actions;

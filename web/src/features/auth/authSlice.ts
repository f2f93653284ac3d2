import { createSlice, isAnyOf, type PayloadAction } from '@reduxjs/toolkit';
import { send } from '../../api/client';
import { type FormRef, isSessionEnd } from '../../api/errors';
import type { components } from '../../api/schema';
import { createAppAsyncThunk } from '../../app/withTypes';
import { succeeded } from '../messages';
import { isPasswordReset } from '../passwordReset';

export type User = components['schemas']['UserDto'];
type LoginAnswer = components['schemas']['LoginResponseDto'];

export const loginForm = { name: 'login', labels: { username: 'Username', password: 'Password' } } satisfies FormRef;
export const registerForm = {
  name: 'register',
  labels: { username: 'Username', email: 'Email', password: 'Password', confirm: 'Confirm Password' },
} satisfies FormRef;
export const deleteAccountForm = { name: 'deleteAccount', labels: { password: 'Password to confirm' } } satisfies FormRef;

export interface AuthState {
  token: string | null;
  user: User | null;
}

export const register = createAppAsyncThunk('auth/register', async (body: components['schemas']['RegisterDto'], { rejectWithValue }) => {
  const answer = await send(registerForm, (api) => api.POST('/api/auth/register', { body }));
  return answer.error ? rejectWithValue(answer.error) : answer.data;
});

export const login = createAppAsyncThunk('auth/login', async (body: components['schemas']['LoginDto'], { rejectWithValue }) => {
  const answer = await send(loginForm, (api) => api.POST('/api/auth/login', { body }));
  return answer.error ? rejectWithValue(answer.error) : answer.data;
});

/** Whose is the token kept from an earlier visit (a 401 says it no longer works). */
export const loadUser = createAppAsyncThunk('auth/loadUser', async (_: void, { rejectWithValue }) => {
  const answer = await send(null, (api) => api.GET('/api/auth/user'));
  return answer.error ? rejectWithValue(answer.error) : answer.data;
});

/** Ends the session on the server when it can be reached; the token is forgotten either way. */
export const logout = createAppAsyncThunk('auth/logout', async () => {
  await send(null, (api) => api.POST('/api/auth/logout'));
});

export const deleteAccount = createAppAsyncThunk(
  'auth/deleteAccount',
  async (body: components['schemas']['DeleteAccountDto'], { dispatch, rejectWithValue }) => {
    const answer = await send(deleteAccountForm, (api) => api.DELETE('/api/auth/user', { body }));
    if (answer.error) return rejectWithValue(answer.error);
    dispatch(succeeded('Account deleted'));
  },
);

/** The user is now logged in here. */
export const isLogin = isAnyOf(login.fulfilled, register.fulfilled);
/**
 * The user left: logged out, deleted the account, or reset the password
 * (which ends every session of the account). (A 401 ending the session is `isSessionEnd`.)
 */
export const isLogout = isAnyOf(logout.fulfilled, deleteAccount.fulfilled, isPasswordReset);

const initialState: AuthState = { token: null, user: null };

export const authSlice = createSlice({
  name: 'auth',
  initialState,
  reducers: {},
  extraReducers: (builder) => {
    builder
      .addCase(loadUser.fulfilled, (state, { payload }) => {
        state.user = payload;
      })
      .addMatcher(isLogin, (state, { payload }: PayloadAction<LoginAnswer>) => {
        state.token = payload.token;
        state.user = payload.user;
      })
      .addMatcher(isAnyOf(isLogout, isSessionEnd), () => initialState);
  },
  selectors: {
    selectToken: (state) => state.token,
    selectUser: (state) => state.user,
  },
});

export const { selectToken, selectUser } = authSlice.selectors;

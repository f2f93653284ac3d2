import { createAsyncThunk, createSlice, isRejectedWithValue, type UnknownAction } from '@reduxjs/toolkit';
import { api, send } from '../../api/client';
import type { ApiFailure } from '../../api/errors';
import type { components } from '../../api/schema';

export type User = components['schemas']['UserDto'];
type LoginAnswer = components['schemas']['LoginResponseDto'];
type Reject = { rejectValue: ApiFailure };

export interface AuthState {
  token: string | null;
  user: User | null;
}

/** A 401 to a request made with the user's token: it expired, was revoked elsewhere, or the account is gone. */
export function isSessionEnd(action: UnknownAction): boolean {
  if (!isRejectedWithValue(action)) return false;
  const failure = action.payload as ApiFailure | undefined;
  return failure?.status === 401 && failure.authenticated;
}

export const register = createAsyncThunk<LoginAnswer, components['schemas']['RegisterDto'], Reject>(
  'auth/register',
  async (body, { rejectWithValue }) => {
    const outcome = await send('register', () => api.POST('/api/auth/register', { body }));
    return outcome.ok ? outcome.data : rejectWithValue(outcome.failure);
  },
);

export const login = createAsyncThunk<LoginAnswer, components['schemas']['LoginDto'], Reject>(
  'auth/login',
  async (body, { rejectWithValue }) => {
    const outcome = await send('login', () => api.POST('/api/auth/login', { body }));
    return outcome.ok ? outcome.data : rejectWithValue(outcome.failure);
  },
);

export const loadUser = createAsyncThunk<User, void, Reject>('auth/loadUser', async (_, { rejectWithValue }) => {
  const outcome = await send(null, () => api.GET('/api/auth/user'));
  return outcome.ok ? outcome.data : rejectWithValue(outcome.failure);
});

/** Ends the session on the server when it can be reached; the token is forgotten either way. */
export const logout = createAsyncThunk('auth/logout', async () => {
  await send(null, () => api.POST('/api/auth/logout'));
});

export const deleteAccount = createAsyncThunk<void, components['schemas']['DeleteAccountDto'], Reject>(
  'auth/deleteAccount',
  async (body, { rejectWithValue }) => {
    const outcome = await send('deleteAccount', () => api.DELETE('/api/auth/user', { body }));
    return outcome.ok ? undefined : rejectWithValue(outcome.failure);
  },
);

const loggedOut = (state: AuthState) => {
  state.token = null;
  state.user = null;
};

const loggedIn = (state: AuthState, { payload }: { payload: LoginAnswer }) => {
  state.token = payload.token;
  state.user = payload.user;
};

export const authSlice = createSlice({
  name: 'auth',
  initialState: { token: null, user: null } as AuthState,
  reducers: {},
  extraReducers: (builder) => {
    builder
      .addCase(register.fulfilled, loggedIn)
      .addCase(login.fulfilled, loggedIn)
      .addCase(loadUser.fulfilled, (state, { payload }) => {
        state.user = payload;
      })
      .addCase(logout.fulfilled, loggedOut)
      .addCase(deleteAccount.fulfilled, loggedOut)
      .addMatcher(isSessionEnd, loggedOut);
  },
});

import { createAsyncThunk, createSlice } from '@reduxjs/toolkit';
import { api, send } from '../../api/client';
import type { ApiFailure } from '../../api/errors';
import type { components } from '../../api/schema';
import { deleteAccount, isSessionEnd, login, logout, register } from '../auth/authSlice';

export type UserSession = components['schemas']['SessionDto'];
type Reject = { rejectValue: ApiFailure };

export const fetchSessions = createAsyncThunk<UserSession[], void, Reject>('sessions/fetch', async (_, { rejectWithValue }) => {
  const outcome = await send(null, () => api.GET('/api/auth/sessions'));
  return outcome.ok ? outcome.data : rejectWithValue(outcome.failure);
});

export const revokeSession = createAsyncThunk<string, string, Reject>('sessions/revoke', async (id, { rejectWithValue }) => {
  const outcome = await send(null, () => api.DELETE('/api/auth/sessions/{id}', { params: { path: { id } } }));
  return outcome.ok ? id : rejectWithValue(outcome.failure);
});

export const logoutOthers = createAsyncThunk<void, void, Reject>('sessions/logoutOthers', async (_, { rejectWithValue }) => {
  const outcome = await send(null, () => api.POST('/api/auth/logoutothers'));
  return outcome.ok ? undefined : rejectWithValue(outcome.failure);
});

export const changePassword = createAsyncThunk<void, components['schemas']['ChangePasswordDto'], Reject>(
  'sessions/changePassword',
  async (body, { rejectWithValue }) => {
    const outcome = await send('changePassword', () => api.POST('/api/auth/password', { body }));
    return outcome.ok ? undefined : rejectWithValue(outcome.failure);
  },
);

export interface SessionsState {
  list: UserSession[];
  status: 'idle' | 'loading' | 'loaded' | 'failed';
}

const initialState: SessionsState = { list: [], status: 'idle' };

const keepCurrentOnly = (state: SessionsState) => {
  state.list = state.list.filter((session) => session.current);
};

export const sessionsSlice = createSlice({
  name: 'sessions',
  initialState,
  reducers: {},
  extraReducers: (builder) => {
    const forget = () => initialState;
    builder
      .addCase(fetchSessions.pending, (state) => {
        state.status = 'loading';
      })
      .addCase(fetchSessions.fulfilled, (state, { payload }) => {
        state.list = payload;
        state.status = 'loaded';
      })
      .addCase(fetchSessions.rejected, (state) => {
        state.status = 'failed';
      })
      .addCase(revokeSession.fulfilled, (state, { payload }) => {
        state.list = state.list.filter((session) => session.id !== payload);
      })
      // Both end every other session of the user on the server.
      .addCase(logoutOthers.fulfilled, keepCurrentOnly)
      .addCase(changePassword.fulfilled, keepCurrentOnly)
      .addCase(login.fulfilled, forget)
      .addCase(register.fulfilled, forget)
      .addCase(logout.fulfilled, forget)
      .addCase(deleteAccount.fulfilled, forget)
      .addMatcher(isSessionEnd, forget);
  },
});

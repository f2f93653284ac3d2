import { createAsyncThunk, createEntityAdapter, createSlice } from '@reduxjs/toolkit';
import { api, send } from '../../api/client';
import type { ApiFailure } from '../../api/errors';
import type { components } from '../../api/schema';
import { deleteAccount, isSessionEnd, login, logout, register } from '../auth/authSlice';

export type Lead = components['schemas']['LeadResponseDto'];
export type LeadInput = components['schemas']['CreateLeadDto'];
type Reject = { rejectValue: ApiFailure };

export const PAGE_SIZE = 25;

/** The `after` of the next page the server's `Link` header offers, if any. */
export function nextPageAfter(link: string | null): number | null {
  const target = link?.match(/<([^>]+)>\s*;\s*rel="?next"?/)?.[1];
  if (!target) return null;
  const after = Number(new URL(target, 'http://link.invalid').searchParams.get('after'));
  return Number.isSafeInteger(after) && after > 0 ? after : null;
}

export const fetchLeads = createAsyncThunk<{ leads: Lead[]; next: number | null }, { after?: number } | void, Reject>(
  'leads/fetch',
  async (page, { rejectWithValue }) => {
    const query = { limit: PAGE_SIZE, ...(page?.after ? { after: page.after } : {}) };
    const outcome = await send(null, () => api.GET('/api/leads', { params: { query } }));
    if (!outcome.ok) return rejectWithValue(outcome.failure);
    return { leads: outcome.data, next: nextPageAfter(outcome.response.headers.get('Link')) };
  },
);

export const addLead = createAsyncThunk<Lead, LeadInput, Reject>('leads/add', async (body, { rejectWithValue }) => {
  const outcome = await send('addLead', () => api.POST('/api/leads', { body }));
  return outcome.ok ? outcome.data : rejectWithValue(outcome.failure);
});

export const updateLead = createAsyncThunk<Lead, { id: number } & LeadInput, Reject>(
  'leads/update',
  async ({ id, ...body }, { rejectWithValue }) => {
    const outcome = await send('editLead', () => api.PUT('/api/leads/{id}', { params: { path: { id } }, body }));
    return outcome.ok ? outcome.data : rejectWithValue(outcome.failure);
  },
);

export const deleteLead = createAsyncThunk<number, number, Reject>('leads/delete', async (id, { rejectWithValue }) => {
  const outcome = await send(null, () => api.DELETE('/api/leads/{id}', { params: { path: { id } } }));
  return outcome.ok ? id : rejectWithValue(outcome.failure);
});

// Oldest first, as the server pages them: a lead added here and met again on a later page stays one row.
const adapter = createEntityAdapter<Lead>({ sortComparer: (a, b) => a.id - b.id });

const initialState = adapter.getInitialState({
  status: 'idle' as 'idle' | 'loading' | 'loaded' | 'failed',
  next: null as number | null,
  editing: null as number | null,
});

export const leadsSlice = createSlice({
  name: 'leads',
  initialState,
  reducers: {
    editStarted(state, { payload }: { payload: number }) {
      state.editing = payload;
    },
    editEnded(state) {
      state.editing = null;
    },
  },
  extraReducers: (builder) => {
    const forget = () => initialState;
    builder
      .addCase(fetchLeads.pending, (state) => {
        state.status = 'loading';
      })
      .addCase(fetchLeads.fulfilled, (state, { payload }) => {
        adapter.upsertMany(state, payload.leads);
        state.next = payload.next;
        state.status = 'loaded';
      })
      .addCase(fetchLeads.rejected, (state) => {
        state.status = 'failed';
      })
      .addCase(addLead.fulfilled, (state, { payload }) => {
        adapter.addOne(state, payload);
      })
      .addCase(updateLead.fulfilled, (state, { payload }) => {
        adapter.setOne(state, payload);
        state.editing = null;
      })
      .addCase(deleteLead.fulfilled, (state, { payload }) => {
        adapter.removeOne(state, payload);
        if (state.editing === payload) state.editing = null;
      })
      // Another user's session must never see this one's leads.
      .addCase(login.fulfilled, forget)
      .addCase(register.fulfilled, forget)
      .addCase(logout.fulfilled, forget)
      .addCase(deleteAccount.fulfilled, forget)
      .addMatcher(isSessionEnd, forget);
  },
});

export const { editStarted, editEnded } = leadsSlice.actions;
export const leadsSelectors = adapter.getSelectors();

import { apiSlice, onceSucceeded } from '../../api/apiSlice';
import { type Answer, followLink, send } from '../../api/client';
import type { ApiFailure, FormRef } from '../../api/errors';
import { supersede } from '../../api/latest';
import type { RootState } from '../../app/store';
import { succeeded } from '../messages';
import { type LeadsPage, nextLink, PAGE_SIZE, type Page } from './pages';
import type { ActivityEntry, Lead, LeadChange, LeadInput, LeadStats } from './types';
import { type LeadsView, type LeadStatus, STATUSES, viewParams, viewQuery } from './view';

const labels = { name: 'Name', email: 'Email', message: 'Message', source: 'Source', status: 'Status' };
export const addLeadForm = { name: 'addLead', labels } satisfies FormRef;
export const editLeadForm = { name: 'editLead', labels } satisfies FormRef;
/** The search field and toggles above the table: a refused search names its field. */
export const leadsViewForm = {
  name: 'leadsView',
  labels: { search: 'Search leads', status: 'Status', ordering: 'Order' },
} satisfies FormRef;
export const leadStatusForm = { name: 'leadStatus', labels: { status: 'Status' } } satisfies FormRef;
export const noteForm = { name: 'addNote', labels: { text: 'Note' } } satisfies FormRef;

/** A lead that is not found: the page says so in its own words rather than as a message. */
const quietWhenMissing = <T>(answer: Answer<T>): Answer<T> =>
  answer.error?.status === 404 ? { error: { ...answer.error, quiet: true } } : answer;

const NO_COUNTS = Object.fromEntries(STATUSES.map((status) => [status, 0])) as Record<LeadStatus, number>;

/** A page of a list from an answer, with the next page its `Link` header offers. */
function pageOf<T>(answer: Answer<T[]>): { data: Page<T> } | { error: ApiFailure } {
  if (answer.error) return answer;
  return { data: { items: answer.data, next: nextLink(answer.response.headers.get('Link'), globalThis.location?.origin) } };
}

/**
 * The leads, through RTK Query. The list is an infinite query for each view
 * ("Load more" follows the `Link` header); a new view's request aborts the
 * stale one still running. A mutation changes the cached pages with the
 * server's answer, as the original's reducers did, rather than fetching them
 * all again; counts and a lead's activity are fetched again.
 */
export const leadsApi = apiSlice.injectEndpoints({
  endpoints: (build) => ({
    listLeads: build.infiniteQuery<LeadsPage, LeadsView, string | null>({
      infiniteQueryOptions: { initialPageParam: null, getNextPageParam: (lastPage) => lastPage.next },
      queryFn: async ({ queryArg: view, pageParam }, { signal, abort }) => {
        const done = supersede('listLeads', viewQuery(view), abort);
        const query = { limit: PAGE_SIZE, ...viewParams(view) };
        const answer = pageParam
          ? await followLink<Lead[]>(leadsViewForm, pageParam, signal)
          : await send(leadsViewForm, (api) => api.GET('/api/leads', { params: { query }, signal }));
        done();
        return pageOf(answer);
      },
      providesTags: ['Leads'],
    }),
    leadStats: build.query<LeadStats, string>({
      queryFn: async (search, { signal, abort }) => {
        const done = supersede('leadStats', search, abort);
        const query = search ? { search } : {};
        const answer = await send(leadsViewForm, (api) => api.GET('/api/leads/stats', { params: { query }, signal }));
        done();
        // A refused search is said once, by the list.
        if (answer.error) return { error: { ...answer.error, quiet: answer.error.status === 400 } };
        return { data: { total: answer.data.total, by_status: { ...NO_COUNTS, ...answer.data.by_status } } };
      },
      providesTags: ['LeadStats'],
    }),
    getLead: build.query<Lead, number>({
      queryFn: async (id) => quietWhenMissing(await send(null, (api) => api.GET('/api/leads/{id}', { params: { path: { id } } }))),
      providesTags: ['Leads'],
    }),
    listActivity: build.infiniteQuery<Page<ActivityEntry>, number, string | null>({
      infiniteQueryOptions: { initialPageParam: null, getNextPageParam: (lastPage) => lastPage.next },
      queryFn: async ({ queryArg: id, pageParam }, { signal }) =>
        pageOf(
          pageParam
            ? await followLink<ActivityEntry[]>(null, pageParam, signal)
            : await send<ActivityEntry[]>(null, async (api) => {
                const { data, error, response } = await api.GET('/api/leads/{id}/activity', {
                  params: { path: { id }, query: { limit: PAGE_SIZE } },
                  signal,
                });
                // The generated union names each entry's `type` after its schema (the document's discriminator
                // has no mapping); what the server sends is `note`, `status` and `created`, as ActivityEntry says.
                return { data: data as unknown as ActivityEntry[] | undefined, error, response };
              }),
        ),
      providesTags: (_result, _error, id) => [{ type: 'Activity', id }],
    }),
    addLead: build.mutation<Lead, LeadInput>({
      queryFn: (body) => send(addLeadForm, (api) => api.POST('/api/leads', { body })),
      onQueryStarted: (_, { dispatch, queryFulfilled, ...api }) =>
        onceSucceeded(queryFulfilled, (lead) => {
          // At the end of the rows shown, as the newest lead; a later page that brings it again keeps it once.
          for (const patch of listsChanged(api.getState(), (pages) => void pages.at(-1)?.items.push(lead))) dispatch(patch);
          dispatch(succeeded('Lead Added'));
        }),
      invalidatesTags: (lead) => (lead ? ['LeadStats'] : []),
    }),
    updateLead: build.mutation<Lead, { id: number } & LeadInput>({
      queryFn: ({ id, ...body }) => send(editLeadForm, (api) => api.PUT('/api/leads/{id}', { params: { path: { id } }, body })),
      onQueryStarted: (_, { dispatch, queryFulfilled, ...api }) =>
        onceSucceeded(queryFulfilled, (lead) => {
          for (const patch of leadChanged(api.getState(), lead)) dispatch(patch);
          void dispatch(leadsApi.util.upsertQueryData('getLead', lead.id, lead));
          dispatch(succeeded('Lead Saved'));
        }),
      invalidatesTags: (lead) => (lead ? ['LeadStats', { type: 'Activity', id: lead.id }] : []),
    }),
    changeStatus: build.mutation<Lead, { id: number; status: LeadStatus }>({
      queryFn: ({ id, status }) =>
        send(leadStatusForm, (api) => {
          const body: LeadChange = { status };
          return api.PATCH('/api/leads/{id}', { params: { path: { id } }, body: body as Required<LeadChange> });
        }),
      onQueryStarted: (_, { dispatch, queryFulfilled, ...api }) =>
        onceSucceeded(queryFulfilled, (lead) => {
          for (const patch of leadChanged(api.getState(), lead)) dispatch(patch);
          void dispatch(leadsApi.util.upsertQueryData('getLead', lead.id, lead));
          dispatch(succeeded('Status changed'));
        }),
      invalidatesTags: (lead) => (lead ? ['LeadStats', { type: 'Activity', id: lead.id }] : []),
    }),
    deleteLead: build.mutation<void, number>({
      queryFn: (id) => send(null, (api) => api.DELETE('/api/leads/{id}', { params: { path: { id } } })),
      onQueryStarted: (id, { dispatch, queryFulfilled, ...api }) =>
        onceSucceeded(queryFulfilled, () => {
          const patches = listsChanged(api.getState(), (pages) => {
            for (const page of pages) page.items = page.items.filter((shown) => shown.id !== id);
          });
          for (const patch of patches) dispatch(patch);
          dispatch(succeeded('Lead Deleted'));
        }),
      invalidatesTags: (_result, error) => (error ? [] : ['LeadStats']),
    }),
    addNote: build.mutation<void, { id: number; text: string }>({
      queryFn: async ({ id, text }) => {
        const answer = await send(noteForm, (api) => api.POST('/api/leads/{id}/notes', { params: { path: { id } }, body: { text } }));
        return answer.error ? answer : { data: undefined };
      },
      onQueryStarted: (_, { dispatch, queryFulfilled }) => onceSucceeded(queryFulfilled, () => dispatch(succeeded('Note added'))),
      invalidatesTags: (_result, error, { id }) => (error ? [] : [{ type: 'Activity', id }]),
    }),
    deleteNote: build.mutation<void, { id: number; noteId: number }>({
      queryFn: ({ id, noteId }) =>
        send(null, (api) => api.DELETE('/api/leads/{id}/notes/{note_id}', { params: { path: { id, note_id: noteId } } })),
      onQueryStarted: (_, { dispatch, queryFulfilled }) => onceSucceeded(queryFulfilled, () => dispatch(succeeded('Note deleted'))),
      invalidatesTags: (_result, error, { id }) => (error ? [] : [{ type: 'Activity', id }]),
    }),
  }),
});

/** Changes the cached pages of every list (each view kept) with `recipe`. */
function listsChanged(state: unknown, recipe: (pages: LeadsPage[]) => void) {
  return leadsApi.util
    .selectCachedArgsForQuery(state as RootState, 'listLeads')
    .map((view) => leadsApi.util.updateQueryData('listLeads', view, (data) => recipe(data.pages)));
}

/** A lead the server answered with, in every list showing it. */
const leadChanged = (state: unknown, lead: Lead) =>
  listsChanged(state, (pages) => {
    for (const page of pages) page.items = page.items.map((shown) => (shown.id === lead.id ? lead : shown));
  });

/** The name of the lead `/leads/:id` shows, once it is known (the page's title). */
export const selectLeadName = (state: RootState, id: number): string | undefined => leadsApi.endpoints.getLead.select(id)(state).data?.name;

export const {
  useListLeadsInfiniteQuery,
  useLeadStatsQuery,
  useGetLeadQuery,
  useListActivityInfiniteQuery,
  useAddLeadMutation,
  useUpdateLeadMutation,
  useChangeStatusMutation,
  useDeleteLeadMutation,
  useAddNoteMutation,
  useDeleteNoteMutation,
} = leadsApi;

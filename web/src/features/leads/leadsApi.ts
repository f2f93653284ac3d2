import { apiSlice, onceSucceeded } from '../../api/apiSlice';
import { send } from '../../api/client';
import type { FormRef } from '../../api/errors';
import type { components } from '../../api/schema';
import { succeeded } from '../messages';
import { type Lead, type LeadsPage, nextPageAfter, PAGE_SIZE } from './pages';

type LeadInput = components['schemas']['CreateLeadDto'];

const labels = { name: 'Name', email: 'Email', message: 'Message' };
export const addLeadForm = { name: 'addLead', labels } satisfies FormRef;
export const editLeadForm = { name: 'editLead', labels } satisfies FormRef;

/**
 * The leads, through RTK Query. The list is an infinite query ("Load more"
 * fetches the page the `Link` header offers); a mutation changes the cached
 * pages with the server's answer, as the original's reducers did, rather than
 * fetching them all again.
 */
export const leadsApi = apiSlice.injectEndpoints({
  endpoints: (build) => ({
    listLeads: build.infiniteQuery<LeadsPage, void, number | null>({
      infiniteQueryOptions: { initialPageParam: null, getNextPageParam: (lastPage) => lastPage.next },
      queryFn: async ({ pageParam }) => {
        const query = { limit: PAGE_SIZE, ...(pageParam ? { after: pageParam } : {}) };
        const answer = await send(null, (api) => api.GET('/api/leads', { params: { query } }));
        if (answer.error) return answer;
        return { data: { leads: answer.data, next: nextPageAfter(answer.response.headers.get('Link')) } };
      },
    }),
    addLead: build.mutation<Lead, LeadInput>({
      queryFn: (body) => send(addLeadForm, (api) => api.POST('/api/leads', { body })),
      onQueryStarted: (_, { dispatch, queryFulfilled }) =>
        onceSucceeded(queryFulfilled, (lead) => {
          // At the end of the rows shown, as the newest lead; a later page that brings it again keeps it once.
          dispatch(listChanged((pages) => void pages.at(-1)?.leads.push(lead)));
          dispatch(succeeded('Lead Added'));
        }),
    }),
    updateLead: build.mutation<Lead, { id: number } & LeadInput>({
      queryFn: ({ id, ...body }) => send(editLeadForm, (api) => api.PUT('/api/leads/{id}', { params: { path: { id } }, body })),
      onQueryStarted: (_, { dispatch, queryFulfilled }) =>
        onceSucceeded(queryFulfilled, (lead) => {
          dispatch(
            listChanged((pages) => {
              for (const page of pages) page.leads = page.leads.map((shown) => (shown.id === lead.id ? lead : shown));
            }),
          );
          dispatch(succeeded('Lead Saved'));
        }),
    }),
    deleteLead: build.mutation<void, number>({
      queryFn: (id) => send(null, (api) => api.DELETE('/api/leads/{id}', { params: { path: { id } } })),
      onQueryStarted: (id, { dispatch, queryFulfilled }) =>
        onceSucceeded(queryFulfilled, () => {
          dispatch(
            listChanged((pages) => {
              for (const page of pages) page.leads = page.leads.filter((shown) => shown.id !== id);
            }),
          );
          dispatch(succeeded('Lead Deleted'));
        }),
    }),
  }),
});

/** Changes the cached pages of the list with `recipe`. */
const listChanged = (recipe: (pages: LeadsPage[]) => void) =>
  leadsApi.util.updateQueryData('listLeads', undefined, (data) => recipe(data.pages));

export const { useListLeadsInfiniteQuery, useAddLeadMutation, useUpdateLeadMutation, useDeleteLeadMutation } = leadsApi;

import { createApi, fakeBaseQuery } from '@reduxjs/toolkit/query/react';
import type { ApiFailure } from './errors';

/**
 * The one RTK Query API of the client. It starts empty: each feature injects
 * its endpoints (`apiSlice.injectEndpoints`), whose `queryFn` calls the typed
 * client through `send`, so every result and refusal is typed from schema.d.ts.
 */
export const apiSlice = createApi({
  reducerPath: 'api',
  baseQuery: fakeBaseQuery<ApiFailure>(),
  // What a change elsewhere makes stale: the lists of leads, a search's counts, a lead's activity.
  tagTypes: ['Leads', 'LeadStats', 'Activity'],
  endpoints: () => ({}),
});

/**
 * For a mutation's `onQueryStarted`: runs `then` with the answer once the
 * request succeeded. A refusal needs nothing here: the messages show it.
 */
export async function onceSucceeded<T>(queryFulfilled: Promise<{ data: T }>, then: (data: T) => void): Promise<void> {
  let data: T;
  try {
    ({ data } = await queryFulfilled);
  } catch {
    return;
  }
  then(data);
}

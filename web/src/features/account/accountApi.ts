import { apiSlice, onceSucceeded } from '../../api/apiSlice';
import { send } from '../../api/client';
import type { FormRef } from '../../api/errors';
import type { components } from '../../api/schema';
import { succeeded } from '../messages';

export type UserSession = components['schemas']['SessionDto'];

export const changePasswordForm = {
  name: 'changePassword',
  labels: { old_password: 'Current password', new_password: 'New password', confirm: 'Confirm new password' },
} satisfies FormRef;

/** The user's sessions and password, through RTK Query; the list changes with each answer, as the original's reducers did. */
export const accountApi = apiSlice.injectEndpoints({
  endpoints: (build) => ({
    listSessions: build.query<UserSession[], void>({
      queryFn: () => send(null, (api) => api.GET('/api/auth/sessions')),
    }),
    revokeSession: build.mutation<void, string>({
      queryFn: (id) => send(null, (api) => api.DELETE('/api/auth/sessions/{id}', { params: { path: { id } } })),
      onQueryStarted: (id, { dispatch, queryFulfilled }) =>
        onceSucceeded(queryFulfilled, () => {
          dispatch(accountApi.util.updateQueryData('listSessions', undefined, (list) => list.filter((session) => session.id !== id)));
          dispatch(succeeded('Session revoked'));
        }),
    }),
    // Both end every other session of the user on the server.
    logoutOthers: build.mutation<void, void>({
      queryFn: () => send(null, (api) => api.POST('/api/auth/logoutothers')),
      onQueryStarted: (_, { dispatch, queryFulfilled }) =>
        onceSucceeded(queryFulfilled, () => {
          dispatch(keepThisSessionOnly());
          dispatch(succeeded('Other sessions logged out'));
        }),
    }),
    changePassword: build.mutation<void, components['schemas']['ChangePasswordDto']>({
      queryFn: (body) => send(changePasswordForm, (api) => api.POST('/api/auth/password', { body })),
      onQueryStarted: (_, { dispatch, queryFulfilled }) =>
        onceSucceeded(queryFulfilled, () => {
          dispatch(keepThisSessionOnly());
          dispatch(succeeded('Password changed'));
        }),
    }),
  }),
});

const keepThisSessionOnly = () =>
  accountApi.util.updateQueryData('listSessions', undefined, (list) => list.filter((session) => session.current));

export const { useListSessionsQuery, useRevokeSessionMutation, useLogoutOthersMutation, useChangePasswordMutation } = accountApi;

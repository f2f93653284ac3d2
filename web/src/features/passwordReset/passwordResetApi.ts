import { apiSlice, onceSucceeded } from '../../api/apiSlice';
import { send } from '../../api/client';
import type { FormRef } from '../../api/errors';
import type { components } from '../../api/schema';
import { succeeded } from '../messages';

export const PASSWORD_RESET_DONE = 'Password reset. Please log in.';

export const resetPasswordForm = { name: 'resetPassword', labels: { email: 'Email' } } satisfies FormRef;

/** The token has no field of its own: its refusal is shown as the server words it. */
export const chooseNewPasswordForm = {
  name: 'chooseNewPassword',
  labels: { token: '', new_password: 'New password', confirm: 'Confirm new password' },
} satisfies FormRef;

/** Asking for a reset link, and setting a new password with one. */
export const passwordResetApi = apiSlice.injectEndpoints({
  endpoints: (build) => ({
    requestPasswordReset: build.mutation<
      components['schemas']['PasswordResetRequestedDto'],
      components['schemas']['RequestPasswordResetDto']
    >({
      queryFn: (body) => send(resetPasswordForm, (api) => api.POST('/api/auth/password/reset', { body })),
      // The server's sentence, the same whoever the address belongs to.
      onQueryStarted: (_, { dispatch, queryFulfilled }) => onceSucceeded(queryFulfilled, ({ detail }) => dispatch(succeeded(detail))),
    }),
    confirmPasswordReset: build.mutation<void, components['schemas']['ConfirmPasswordResetDto']>({
      queryFn: (body) => send(chooseNewPasswordForm, (api) => api.POST('/api/auth/password/reset/confirm', { body })),
      // Every session of the account has ended, this browser's too if it had one: the auth feature logs out, to the login page.
      onQueryStarted: (_, { dispatch, queryFulfilled }) => onceSucceeded(queryFulfilled, () => dispatch(succeeded(PASSWORD_RESET_DONE))),
    }),
  }),
});

export const { useRequestPasswordResetMutation, useConfirmPasswordResetMutation } = passwordResetApi;

/** A password was reset: matches the confirmation's success. */
export const isPasswordReset = passwordResetApi.endpoints.confirmPasswordReset.matchFulfilled;

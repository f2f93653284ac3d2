import { createSlice, isRejectedWithValue, type PayloadAction } from '@reduxjs/toolkit';
import { changePassword, logoutOthers, revokeSession } from '../account/sessionsSlice';
import { type ApiFailure, errorLines } from '../../api/errors';
import { deleteAccount, isSessionEnd } from '../auth/authSlice';
import { addLead, deleteLead, updateLead } from '../leads/leadsSlice';
import { type FormName, Texts } from '../../texts';

/** How long a message stays on screen (WEB.md: at least 3 s). */
export const MESSAGE_MS = 6000;

export interface Message {
  id: number;
  kind: 'success' | 'error';
  text: string;
}

export interface MessagesState {
  items: Message[];
  lastId: number;
  /** The fields of one form that the last error names: field → the message shown for it. */
  invalid: { form: FormName; fields: Record<string, string> } | null;
}

const initialState: MessagesState = { items: [], lastId: 0, invalid: null };

function show(state: MessagesState, kind: Message['kind'], text: string): void {
  // The same sentence twice at once (two requests failing alike) is shown
  // once: the newer replaces the older, so it counts as new (a dialog opened
  // in between shows it) and stays its full time.
  state.items = state.items.filter((item) => !(item.kind === kind && item.text === text));
  state.items.push({ id: ++state.lastId, kind, text });
}

function showError(state: MessagesState, form: FormName | null, lines: { field: string | null; text: string }[]): void {
  state.invalid = null;
  const fields: Record<string, string> = {};
  for (const line of lines) {
    show(state, 'error', line.text);
    if (line.field) fields[line.field] = line.text;
  }
  if (form && Object.keys(fields).length > 0) state.invalid = { form, fields };
}

export const messagesSlice = createSlice({
  name: 'messages',
  initialState,
  reducers: {
    messageExpired(state, { payload }: PayloadAction<number>) {
      state.items = state.items.filter((item) => item.id !== payload);
    },
    /** An error found before sending anything, such as two passwords that differ. */
    formRefused(state, { payload }: PayloadAction<{ form: FormName; field: string; text: string }>) {
      showError(state, payload.form, [{ field: payload.field, text: payload.text }]);
    },
    /** A form is sent again: its fields are no longer marked. */
    formSubmitted(state, { payload }: PayloadAction<FormName>) {
      if (state.invalid?.form === payload) state.invalid = null;
    },
    /** A marked field is edited: it is no longer marked. */
    fieldEdited(state, { payload }: PayloadAction<{ form: FormName; field: string }>) {
      if (state.invalid?.form !== payload.form) return;
      delete state.invalid.fields[payload.field];
      if (Object.keys(state.invalid.fields).length === 0) state.invalid = null;
    },
  },
  extraReducers: (builder) => {
    const success = (text: string) => (state: MessagesState) => show(state, 'success', text);
    builder
      .addCase(addLead.fulfilled, success(Texts.leadAdded))
      .addCase(updateLead.fulfilled, success(Texts.leadSaved))
      .addCase(deleteLead.fulfilled, success(Texts.leadDeleted))
      .addCase(changePassword.fulfilled, success(Texts.passwordChanged))
      .addCase(revokeSession.fulfilled, success(Texts.sessionRevoked))
      .addCase(logoutOthers.fulfilled, success(Texts.otherSessionsEnded))
      .addCase(deleteAccount.fulfilled, success(Texts.accountDeleted))
      .addMatcher(isSessionEnd, (state) => {
        state.invalid = null;
        show(state, 'error', Texts.sessionEnded);
      })
      .addMatcher(isRejectedWithValue, (state, action) => {
        const failure = action.payload as ApiFailure;
        if (failure.status === 401 && failure.authenticated) return;
        showError(state, failure.form, errorLines(failure.msg, failure.form));
      });
  },
});

export const { messageExpired, formRefused, formSubmitted, fieldEdited } = messagesSlice.actions;

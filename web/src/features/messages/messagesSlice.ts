import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import { type ApiFailure, endsSession, type FormRef, isFailedRequest, isSessionEnd } from '../../api/errors';

/** How long a message stays on screen (WEB.md: at least 3 s). */
export const MESSAGE_MS = 6000;

export const SESSION_ENDED = 'Your session has ended. Please log in again.';
export const PASSWORDS_DO_NOT_MATCH = 'Passwords do not match';

export interface Message {
  id: number;
  kind: 'success' | 'error';
  text: string;
}

export interface MessagesState {
  items: Message[];
  lastId: number;
  /** The fields of one form that the last error names: field → the message shown for it. */
  invalid: { form: string; fields: Record<string, string> } | null;
}

export interface ErrorLine {
  /** The field the line is about, or null for `non_field_errors` and `detail`. */
  field: string | null;
  text: string;
}

const asText = (entry: string | string[]): string => (Array.isArray(entry) ? entry.join(' ') : entry);

/**
 * The original client's `returnErrors`: what a refused request shows. Each
 * field error reads `{Field}: {messages}`, `{Field}` being the label of that
 * field on the form that sent it (or the key when the form has no such field;
 * the text alone when the form labels it '', a value with no input of its own);
 * `non_field_errors` and `detail` read as their text.
 */
export function errorLines({ msg, form }: Pick<ApiFailure, 'msg' | 'form'>): ErrorLine[] {
  const labels: Record<string, string> = form?.labels ?? {};
  return Object.entries(msg).map(([key, entry]) =>
    key === 'non_field_errors' || key === 'detail'
      ? { field: null, text: asText(entry) }
      : { field: key, text: labels[key] === '' ? asText(entry) : `${labels[key] ?? key}: ${asText(entry)}` },
  );
}

const initialState: MessagesState = { items: [], lastId: 0, invalid: null };

function show(state: MessagesState, kind: Message['kind'], text: string): void {
  // The same sentence twice at once (two requests failing alike) is shown
  // once: the newer replaces the older, so it counts as new (a dialog opened
  // in between shows it) and stays its full time.
  state.items = state.items.filter((item) => !(item.kind === kind && item.text === text));
  state.items.push({ id: ++state.lastId, kind, text });
}

function showErrors(state: MessagesState, form: string | null, lines: ErrorLine[]): void {
  state.invalid = null;
  const fields: Record<string, string> = {};
  for (const line of lines) {
    show(state, 'error', line.text);
    if (line.field) fields[line.field] = line.text;
  }
  if (form && Object.keys(fields).length > 0) state.invalid = { form, fields };
}

/**
 * Every message the user sees. Features say their own successes (`succeeded`);
 * every refused request, a thunk's or an RTK Query endpoint's, becomes error
 * messages here through `errorLines`, without this slice knowing the features.
 */
export const messagesSlice = createSlice({
  name: 'messages',
  initialState,
  reducers: {
    /** A request went through: the feature that made it says so ("Lead Added"). */
    succeeded(state, { payload }: PayloadAction<string>) {
      show(state, 'success', payload);
    },
    messageExpired(state, { payload }: PayloadAction<number>) {
      state.items = state.items.filter((item) => item.id !== payload);
    },
    /** An error found before sending anything, such as two passwords that differ. */
    formRefused(state, { payload }: PayloadAction<{ form: FormRef; field: string; text: string }>) {
      showErrors(state, payload.form.name, [{ field: payload.field, text: payload.text }]);
    },
    /** A form is sent again: its fields are no longer marked. */
    formSubmitted(state, { payload }: PayloadAction<FormRef>) {
      if (state.invalid?.form === payload.name) state.invalid = null;
    },
    /** A marked field is edited: it is no longer marked. */
    fieldEdited(state, { payload }: PayloadAction<{ form: FormRef; field: string }>) {
      if (state.invalid?.form !== payload.form.name) return;
      delete state.invalid.fields[payload.field];
      if (Object.keys(state.invalid.fields).length === 0) state.invalid = null;
    },
  },
  extraReducers: (builder) => {
    builder
      .addMatcher(isSessionEnd, (state) => {
        state.invalid = null;
        show(state, 'error', SESSION_ENDED);
      })
      .addMatcher(isFailedRequest, (state, { payload }) => {
        if (!endsSession(payload) && !payload.quiet) showErrors(state, payload.form?.name ?? null, errorLines(payload));
      });
  },
  selectors: {
    selectMessages: (state) => state.items,
    selectLastMessageId: (state) => state.lastId,
    /** The message a field of a form is marked with, if the last error named it. */
    selectFieldError: (state, form: FormRef, field: string): string | undefined =>
      state.invalid?.form === form.name ? state.invalid.fields[field] : undefined,
  },
});

export const { succeeded, messageExpired, formRefused, formSubmitted, fieldEdited } = messagesSlice.actions;
export const { selectMessages, selectLastMessageId, selectFieldError } = messagesSlice.selectors;

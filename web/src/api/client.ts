import createClient from 'openapi-fetch';
import type { FormName } from '../texts';
import { Texts } from '../texts';
import { type ApiFailure, readErrorBody } from './errors';
import type { paths } from './schema';

let currentToken: () => string | null = () => null;

/** Where requests read the user's token (the store, once it exists). */
export function useTokenFrom(source: () => string | null): void {
  currentToken = source;
}

/** The API, typed from the OpenAPI document; same origin, so no base URL. */
export const api = createClient<paths>({ baseUrl: globalThis.location?.origin ?? 'http://localhost' });

api.use({
  onRequest({ request }) {
    const token = currentToken();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
});

type Outcome<T> = { ok: true; data: T; response: Response } | { ok: false; failure: ApiFailure };

/** Runs one request and turns every kind of failure (refusal, network, odd body) into an ApiFailure. */
export async function send<T>(
  form: FormName | null,
  run: () => Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<Outcome<T>> {
  const authenticated = currentToken() !== null;
  try {
    const { data, error, response } = await run();
    if (response.ok) return { ok: true, data: data as T, response };
    return { ok: false, failure: { status: response.status, msg: readErrorBody(response.status, error), form, authenticated } };
  } catch {
    return { ok: false, failure: { status: 0, msg: { detail: Texts.unreachable }, form, authenticated } };
  }
}

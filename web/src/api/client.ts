import createClient from 'openapi-fetch';
import { type ApiFailure, type FormRef, readErrorBody, UNREACHABLE } from './errors';
import type { paths } from './schema';

let currentToken: () => string | null = () => null;

/** Where requests read the user's token (the store, once it exists). */
export function authorizeWith(source: () => string | null): void {
  currentToken = source;
}

/** The API, typed from the OpenAPI document (schema.d.ts); same origin, so no base URL of its own. */
export const client = createClient<paths>({ baseUrl: globalThis.location?.origin ?? 'http://localhost' });

client.use({
  onRequest({ request }) {
    const token = currentToken();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
});

/** What a request came to: the body of a 2xx answer, or the failure (the shape RTK Query's `queryFn` returns). */
export type Answer<T> = { data: T; response: Response; error?: undefined } | { error: ApiFailure; data?: undefined };

/**
 * Runs one request of the typed client and turns every kind of failure
 * (refusal, network, odd body) into an ApiFailure naming the form it came from.
 */
export async function send<T>(
  form: FormRef | null,
  run: (api: typeof client) => Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<Answer<T>> {
  const authenticated = currentToken() !== null;
  try {
    const { data, error, response } = await run(client);
    if (response.ok) return { data: data as T, response };
    return { error: { status: response.status, msg: readErrorBody(response.status, error), form, authenticated } };
  } catch {
    return { error: { status: 0, msg: { detail: UNREACHABLE }, form, authenticated } };
  }
}

import createClient from 'openapi-fetch';
import { type ApiFailure, type FormRef, readErrorBody, UNREACHABLE } from './errors';
import type { paths } from './schema';

let currentToken: () => string | null = () => null;

/** Where requests read the user's token (the store, once it exists). */
export function authorizeWith(source: () => string | null): void {
  currentToken = source;
}

/** The API, typed from the OpenAPI document (schema.d.ts); same origin, so no base URL of its own. */
const ORIGIN = globalThis.location?.origin ?? 'http://localhost';
export const client = createClient<paths>({ baseUrl: ORIGIN });

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

/**
 * A GET of an address the server gave (the next page a `Link` header offers),
 * followed as it is, with the user's token; only on this origin.
 */
export function followLink<T>(form: FormRef | null, address: string, signal?: AbortSignal): Promise<Answer<T>> {
  return send<T>(form, async () => {
    const url = new URL(address, ORIGIN);
    if (url.origin !== ORIGIN) throw new Error('A link to another origin');
    const headers = new Headers({ Accept: 'application/json' });
    const token = currentToken();
    if (token) headers.set('Authorization', `Bearer ${token}`);
    const response = await fetch(url, { headers, signal });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: the text itself (an error page of a proxy, say).
    }
    return response.ok ? { data: body as T, response } : { error: body, response };
  });
}

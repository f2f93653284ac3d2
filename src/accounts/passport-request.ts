import type { Express } from 'express';
import { createRequire } from 'node:module';
import passport from 'passport';

type PassportRequestHelpers = Record<'logIn' | 'logOut' | 'isAuthenticated' | 'isUnauthenticated', unknown>;

/** What Passport's authenticate middleware copies onto the requests it sees. */
const helpers = createRequire(import.meta.url)('passport/lib/http/request.js') as PassportRequestHelpers;

/**
 * The values Passport (and @nestjs/passport's guard, `authInfo`) write onto
 * every request they authenticate, the same for every request. Our bearer
 * strategy passes no info, so `authInfo` is always undefined.
 */
const SHARED: Readonly<Record<string, unknown>> = {
  login: helpers.logIn,
  logIn: helpers.logIn,
  logout: helpers.logOut,
  logOut: helpers.logOut,
  isAuthenticated: helpers.isAuthenticated,
  isUnauthenticated: helpers.isUnauthenticated,
  _sessionManager: (passport as unknown as { _sm: unknown })._sm,
  authInfo: undefined,
};

/**
 * Gives this app's requests Passport's per-request properties once, on the
 * request prototype, as accessors. Passport writes eight properties onto
 * every request it authenticates; each grows an object that already holds
 * about thirty, and the authenticated routes' requests end up with a shape of
 * their own that every later function must also handle. Measured: about a
 * seventh of `GET /api/auth/user`'s CPU. Here, writing the shared value
 * again changes nothing; a different value still becomes the request's own,
 * so nothing Passport or a route does behaves differently.
 */
export function sharePassportRequestProperties(app: Express): void {
  const prototype = app.request as object;
  for (const [name, shared] of Object.entries(SHARED)) {
    Object.defineProperty(prototype, name, {
      configurable: true,
      get: () => shared,
      set(this: object, value: unknown) {
        if (value !== shared) Object.defineProperty(this, name, { value, writable: true, enumerable: true, configurable: true });
      },
    });
  }
}

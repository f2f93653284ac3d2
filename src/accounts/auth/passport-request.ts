import type { Express } from 'express';
import { createRequire } from 'node:module';
import passport from 'passport';

/** Passport's request helpers, which its authenticate middleware copies onto every request. */
const helpers = createRequire(import.meta.url)('passport/lib/http/request.js') as Record<string, unknown>;

/** What Passport and @nestjs/passport's guard write onto every request; our strategy passes no `authInfo`. */
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
 * Gives this app's requests those properties once, as accessors on its request
 * prototype. Written onto each request, eight properties grow an object of
 * about thirty and give authenticated requests a shape of their own: measured,
 * a seventh of `GET /api/auth/user`'s CPU. Writing the shared value again now
 * changes nothing; any other value still becomes the request's own.
 */
export function sharePassportRequestProperties(app: Express): void {
  for (const [name, shared] of Object.entries(SHARED)) {
    Object.defineProperty(app.request, name, {
      configurable: true,
      get: () => shared,
      set(this: object, value: unknown) {
        if (value !== shared) Object.defineProperty(this, name, { value, writable: true, enumerable: true, configurable: true });
      },
    });
  }
}

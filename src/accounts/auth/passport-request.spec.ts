import express, { type Request } from 'express';
import passport from 'passport';
import request from 'supertest';
import { BearerStrategy } from './bearer.strategy.js';
import { sharePassportRequestProperties } from './passport-request.js';
import type { Principal } from './principal.js';
import type { TokensService } from '../tokens/tokens.service.js';

const TOKEN = '0123456789abcdef'.repeat(4);
const PRINCIPAL: Principal = { user: { id: 7, username: 'alice', email: 'alice@example.com' }, tokenDigest: 'd'.repeat(128) };

/** An app whose one route runs Passport with our strategy, as the guard does, and reports what the request gained. */
function appReportingOwnProperties(share: boolean): express.Express {
  const app = express();
  if (share) sharePassportRequestProperties(app);
  const strategy = new BearerStrategy({ authenticate: async () => PRINCIPAL } as unknown as TokensService);
  app.get('/', (req, res, next) => {
    const before = new Set(Object.keys(req));
    passport.authenticate(strategy as unknown as string, { session: false }, (error: unknown, user: Principal) => {
      if (error) return next(error);
      const authenticated = req as Request & { user?: Principal; authInfo?: unknown };
      authenticated.user = user;
      authenticated.authInfo = undefined;
      res.json({
        gained: Object.keys(req).filter((key) => !before.has(key)),
        isAuthenticated: req.isAuthenticated(),
        logInIsPassports: typeof req.logIn === 'function' && req.logIn === req.login,
      });
    })(req, res, next);
  });
  app.get('/own-info', (req, res) => {
    (req as Request & { authInfo?: unknown }).authInfo = { scope: 'read' };
    res.json({ own: Object.keys(req).includes('authInfo'), authInfo: (req as Request & { authInfo?: unknown }).authInfo });
  });
  return app;
}

describe('sharePassportRequestProperties', () => {
  it('an authenticated request gains only `user`; Passport’s helpers still answer from the prototype', async () => {
    const answer = await request(appReportingOwnProperties(true)).get('/').set('Authorization', `Token ${TOKEN}`).expect(200);
    expect(answer.body).toEqual({ gained: ['user'], isAuthenticated: true, logInIsPassports: true });
  });

  it('without it, Passport copies its helpers onto every request (what the sharing saves)', async () => {
    const answer = await request(appReportingOwnProperties(false)).get('/').set('Authorization', `Token ${TOKEN}`).expect(200);
    expect(answer.body.gained).toEqual(
      expect.arrayContaining(['logIn', 'logOut', 'isAuthenticated', '_sessionManager', 'user', 'authInfo']),
    );
  });

  it('a value other than the shared one becomes the request’s own', async () => {
    const answer = await request(appReportingOwnProperties(true)).get('/own-info').expect(200);
    expect(answer.body).toEqual({ own: true, authInfo: { scope: 'read' } });
  });
});

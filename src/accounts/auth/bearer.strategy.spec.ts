import { jest } from '@jest/globals';
import { type ExecutionContext, HttpStatus } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiException } from '../../common/errors/api.exception.js';
import { Public } from '../../common/decorators/public.decorator.js';
import { BearerAuthGuard } from './bearer-auth.guard.js';
import { BearerStrategy } from './bearer.strategy.js';
import type { AuthenticatedRequest, Principal } from './principal.js';
import type { TokensService } from '../tokens/tokens.service.js';

const TOKEN = '0123456789abcdef'.repeat(4);
const PRINCIPAL: Principal = { user: { id: 7, username: 'alice', email: 'alice@example.com' }, tokenDigest: 'd'.repeat(128) };

class Routes {
  guarded(): void {}
  @Public()
  open(): void {}
}

function contextFor(request: Partial<AuthenticatedRequest>, handler: () => void = Routes.prototype.guarded): ExecutionContext {
  return {
    getHandler: () => handler,
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => ({}) }),
  } as unknown as ExecutionContext;
}

describe('BearerStrategy through BearerAuthGuard (Passport)', () => {
  let authenticateToken: jest.Mock<(token: string) => Promise<Principal | null>>;
  let guard: BearerAuthGuard;

  beforeEach(() => {
    authenticateToken = jest.fn<(token: string) => Promise<Principal | null>>().mockResolvedValue(PRINCIPAL);
    guard = new BearerAuthGuard(new Reflector(), new BearerStrategy({ authenticate: authenticateToken } as unknown as TokensService));
  });

  /** The guard's answer for `request`: the principal it set, or the error it threw. */
  async function outcome(request: Partial<AuthenticatedRequest>): Promise<Principal | ApiException> {
    const target = { headers: {}, ...request } as AuthenticatedRequest;
    try {
      await guard.canActivate(contextFor(target));
      return target.user;
    } catch (error) {
      return error as ApiException;
    }
  }

  async function expect401(request: Partial<AuthenticatedRequest>, detail: string): Promise<void> {
    const result = (await outcome(request)) as ApiException;
    expect(result).toBeInstanceOf(ApiException);
    expect(result.getStatus()).toBe(HttpStatus.UNAUTHORIZED);
    expect(result.msg).toEqual({ detail });
  }

  it('lets a @Public() route through without looking at any token', async () => {
    await expect(Promise.resolve(guard.canActivate(contextFor({ headers: {} }, Routes.prototype.open)))).resolves.toBe(true);
    expect(authenticateToken).not.toHaveBeenCalled();
  });

  it('passes a Bearer token from the Authorization header to TokensService.authenticate and sets request.user', async () => {
    await expect(outcome({ headers: { authorization: `Bearer ${TOKEN}` } })).resolves.toEqual(PRINCIPAL);
    expect(authenticateToken).toHaveBeenCalledTimes(1);
    expect(authenticateToken).toHaveBeenCalledWith(TOKEN);
  });

  it('accepts the Token scheme of the original client, in any case, with extra white space', async () => {
    await expect(outcome({ headers: { authorization: `  tOKEN   ${TOKEN} ` } })).resolves.toEqual(PRINCIPAL);
    expect(authenticateToken).toHaveBeenCalledWith(TOKEN);
  });

  it('answers a token TokensService does not know with "Invalid token."', async () => {
    authenticateToken.mockResolvedValue(null);
    await expect401({ headers: { authorization: `Bearer ${TOKEN}` } }, 'Invalid token.');
  });

  it('lets a failing token lookup through as the error it is, not as a 401', async () => {
    const failure = new Error('database is locked');
    authenticateToken.mockRejectedValue(failure);
    await expect(guard.canActivate(contextFor({ headers: { authorization: `Bearer ${TOKEN}` } }))).rejects.toBe(failure);
  });

  it('keeps concurrent requests apart: each gets the principal of its own token', async () => {
    const principalOf = (token: string): Principal => ({ ...PRINCIPAL, tokenDigest: token });
    authenticateToken.mockImplementation(async (token) => {
      // The first lookup answers last, so its request's Passport callbacks are rebound meanwhile.
      await new Promise((resolve) => setTimeout(resolve, token === TOKEN ? 20 : 1));
      return principalOf(token);
    });
    const other = 'f'.repeat(64);
    const [first, second] = await Promise.all([
      outcome({ headers: { authorization: `Bearer ${TOKEN}` } }),
      outcome({ headers: { authorization: `Bearer ${other}` } }),
    ]);
    expect(first).toEqual(principalOf(TOKEN));
    expect(second).toEqual(principalOf(other));
  });

  it('ignores a token in the query string or the body', async () => {
    await expect401({ query: { access_token: TOKEN }, body: { access_token: TOKEN } }, 'Authentication credentials were not provided.');
    expect(authenticateToken).not.toHaveBeenCalled();
  });

  it('uses only the header token when the query string and body carry another one', async () => {
    const other = 'f'.repeat(64);
    await outcome({ headers: { authorization: `Bearer ${TOKEN}` }, query: { access_token: other }, body: { access_token: other } });
    expect(authenticateToken).toHaveBeenCalledTimes(1);
    expect(authenticateToken).toHaveBeenCalledWith(TOKEN);
  });

  it('answers another scheme (Basic) with "Authentication credentials were not provided."', async () => {
    await expect401({ headers: { authorization: 'Basic dXNlcjpwYXNz' } }, 'Authentication credentials were not provided.');
    expect(authenticateToken).not.toHaveBeenCalled();
  });

  it('answers the scheme word alone with "Invalid token header. No credentials provided."', async () => {
    await expect401({ headers: { authorization: 'Bearer' } }, 'Invalid token header. No credentials provided.');
  });

  it('answers more than two words with "Invalid token header. Token string should not contain spaces."', async () => {
    await expect401(
      { headers: { authorization: `Bearer ${TOKEN} extra` } },
      'Invalid token header. Token string should not contain spaces.',
    );
    expect(authenticateToken).not.toHaveBeenCalled();
  });
});

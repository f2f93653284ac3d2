import { jest } from '@jest/globals';
import { HttpStatus } from '@nestjs/common';
import type { Request } from 'express';
import { ApiException } from '../common/errors/api.exception.js';
import { BearerStrategy } from './bearer.strategy.js';
import type { Principal } from './principal.js';
import type { TokensService } from './tokens.service.js';

const TOKEN = '0123456789abcdef'.repeat(4);
const PRINCIPAL: Principal = { user: { id: 7, username: 'alice', email: 'alice@example.com' }, tokenDigest: 'd'.repeat(128) };

type Outcome =
  | { kind: 'success'; user: unknown }
  | { kind: 'fail'; challenge: unknown }
  | { kind: 'error'; error: unknown };

/** Runs the strategy as Passport does, with success/fail/error spies, until it settles. */
function authenticate(strategy: BearerStrategy, request: Partial<Request>): Promise<Outcome> {
  return new Promise<Outcome>((resolve) => {
    const attempt = Object.create(strategy) as BearerStrategy & {
      success: (user: unknown) => void;
      fail: (challenge: unknown) => void;
    };
    attempt.success = jest.fn((user: unknown) => resolve({ kind: 'success', user }));
    attempt.fail = jest.fn((challenge: unknown) => resolve({ kind: 'fail', challenge }));
    attempt.error = jest.fn((error: Error) => resolve({ kind: 'error', error }));
    attempt.authenticate({ headers: {}, ...request } as Request);
  });
}

function expect401(outcome: Outcome, detail: string): void {
  expect(outcome.kind).toBe('error');
  const error = (outcome as { error: unknown }).error;
  expect(error).toBeInstanceOf(ApiException);
  expect((error as ApiException).getStatus()).toBe(HttpStatus.UNAUTHORIZED);
  expect((error as ApiException).msg).toEqual({ detail });
}

describe('BearerStrategy', () => {
  let authenticateToken: jest.Mock<(token: string) => Promise<Principal | null>>;
  let strategy: BearerStrategy;

  beforeEach(() => {
    authenticateToken = jest.fn<(token: string) => Promise<Principal | null>>().mockResolvedValue(PRINCIPAL);
    strategy = new BearerStrategy({ authenticate: authenticateToken } as unknown as TokensService);
  });

  it('passes a Bearer token from the Authorization header to TokensService.authenticate', async () => {
    const outcome = await authenticate(strategy, { headers: { authorization: `Bearer ${TOKEN}` } });

    expect(authenticateToken).toHaveBeenCalledTimes(1);
    expect(authenticateToken).toHaveBeenCalledWith(TOKEN);
    expect(outcome).toEqual({ kind: 'success', user: PRINCIPAL });
  });

  it('accepts the Token scheme of the original client, in any case, with extra white space', async () => {
    const outcome = await authenticate(strategy, { headers: { authorization: `  tOKEN   ${TOKEN} ` } });

    expect(authenticateToken).toHaveBeenCalledWith(TOKEN);
    expect(outcome).toEqual({ kind: 'success', user: PRINCIPAL });
  });

  it('fails (no user) when TokensService does not know the token', async () => {
    authenticateToken.mockResolvedValue(null);

    const outcome = await authenticate(strategy, { headers: { authorization: `Bearer ${TOKEN}` } });

    expect(authenticateToken).toHaveBeenCalledWith(TOKEN);
    expect(outcome.kind).toBe('fail');
  });

  it('reports a failing token lookup as an error, not as a missing user', async () => {
    const failure = new Error('database is locked');
    authenticateToken.mockRejectedValue(failure);

    const outcome = await authenticate(strategy, { headers: { authorization: `Bearer ${TOKEN}` } });

    expect(outcome).toEqual({ kind: 'error', error: failure });
  });

  it('refuses a token taken from the query string', async () => {
    const outcome = await authenticate(strategy, { headers: {}, query: { access_token: TOKEN } });

    expect(authenticateToken).not.toHaveBeenCalled();
    expect401(outcome, 'Authentication credentials were not provided.');
  });

  it('refuses a token taken from the body', async () => {
    const outcome = await authenticate(strategy, { headers: {}, body: { access_token: TOKEN } });

    expect(authenticateToken).not.toHaveBeenCalled();
    expect401(outcome, 'Authentication credentials were not provided.');
  });

  it('uses only the header token when the query string and body carry another one', async () => {
    const other = 'f'.repeat(64);
    const outcome = await authenticate(strategy, {
      headers: { authorization: `Bearer ${TOKEN}` },
      query: { access_token: other },
      body: { access_token: other },
    });

    expect(authenticateToken).toHaveBeenCalledTimes(1);
    expect(authenticateToken).toHaveBeenCalledWith(TOKEN);
    expect(outcome).toEqual({ kind: 'success', user: PRINCIPAL });
  });

  it('answers a request with no Authorization header with "Authentication credentials were not provided."', async () => {
    const outcome = await authenticate(strategy, { headers: {} });

    expect(authenticateToken).not.toHaveBeenCalled();
    expect401(outcome, 'Authentication credentials were not provided.');
  });

  it('answers another scheme (Basic) with "Authentication credentials were not provided."', async () => {
    const outcome = await authenticate(strategy, {
      headers: { authorization: 'Basic dXNlcjpwYXNz' },
      query: { access_token: TOKEN },
    });

    expect(authenticateToken).not.toHaveBeenCalled();
    expect401(outcome, 'Authentication credentials were not provided.');
  });

  it('answers the scheme word alone with "Invalid token header. No credentials provided."', async () => {
    const outcome = await authenticate(strategy, { headers: { authorization: 'Bearer' } });

    expect(authenticateToken).not.toHaveBeenCalled();
    expect401(outcome, 'Invalid token header. No credentials provided.');
  });

  it('answers more than two words with "Invalid token header. Token string should not contain spaces."', async () => {
    const outcome = await authenticate(strategy, { headers: { authorization: `Bearer ${TOKEN} extra` } });

    expect(authenticateToken).not.toHaveBeenCalled();
    expect401(outcome, 'Invalid token header. Token string should not contain spaces.');
  });
});

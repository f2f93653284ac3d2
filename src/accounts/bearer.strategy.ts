import { HttpStatus, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-http-bearer';
import { ApiException } from '../common/errors/api.exception.js';
import { parseAuthorizationHeader } from './authorization-header.js';
import type { Principal } from './principal.js';
import { TokensService } from './tokens.service.js';

export const BEARER_STRATEGY = 'bearer';

export const notAuthenticated = (detail: string) => new ApiException({ detail }, HttpStatus.UNAUTHORIZED);

/**
 * passport-http-bearer, narrowed to the contract: the token comes from the
 * `Authorization` header only (`Bearer` or `Token`), never from an
 * `access_token` query parameter or body field, so it stays out of URLs and
 * access logs; malformed headers get DRF's messages.
 */
@Injectable()
export class BearerStrategy extends PassportStrategy(Strategy, BEARER_STRATEGY) {
  /** Added by Passport to the strategy while it authenticates a request. */
  declare error: (error: Error) => void;

  constructor(private readonly tokens: TokensService) {
    super();
  }

  override authenticate(request: Request, options?: object): void {
    const header = parseAuthorizationHeader(request.headers.authorization);
    if (header.kind === 'missing') return this.error(notAuthenticated('Authentication credentials were not provided.'));
    if (header.kind === 'invalid') return this.error(notAuthenticated(header.reason));
    // Only the header reaches passport-http-bearer: the query string and body stay out of reach.
    const headerOnly = { headers: { authorization: `Bearer ${header.token}` } };
    super.authenticate(headerOnly as unknown as Request, options);
  }

  async validate(token: string): Promise<Principal | false> {
    return (await this.tokens.authenticate(token)) ?? false;
  }
}

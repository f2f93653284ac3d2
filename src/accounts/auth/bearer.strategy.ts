import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-http-bearer';
import { notAuthenticated } from '../../common/errors/api.exception.js';
import { DetailMessages } from '../../common/errors/messages.js';
import { parseAuthorizationHeader } from './authorization-header.js';
import type { Principal } from './principal.js';
import { TokensService } from '../tokens/tokens.service.js';

export const BEARER_STRATEGY = 'bearer';

/**
 * passport-http-bearer with the contract's header rules. Its own parsing
 * knows only the `Bearer` word, answers malformed headers with a bare 400 and
 * also takes `access_token` from the query string or body (which would put
 * tokens in URLs and access logs). So the header is parsed here, once, with
 * DRF's messages, and the token goes straight to `validate`.
 */
@Injectable()
export class BearerStrategy extends PassportStrategy(Strategy, BEARER_STRATEGY) {
  // Passport adds these to the per-request copy of the strategy it authenticates with.
  declare success: (principal: Principal) => void;
  declare fail: () => void;
  declare error: (error: unknown) => void;

  constructor(private readonly tokens: TokensService) {
    super();
  }

  override authenticate(request: Request): void {
    // Passport binds these to this request just before the call; when it is
    // handed this instance itself (BearerAuthGuard does), the next request
    // binds them again, so they are taken before anything is awaited.
    const { success, fail, error } = this;
    const header = parseAuthorizationHeader(request.headers.authorization);
    if (header.kind === 'missing') return error(notAuthenticated(DetailMessages.notAuthenticated));
    if (header.kind === 'invalid') return error(notAuthenticated(header.reason));
    this.validate(header.token).then((principal) => (principal ? success(principal) : fail()), error);
  }

  validate(token: string): Promise<Principal | null> {
    return this.tokens.authenticate(token);
  }
}

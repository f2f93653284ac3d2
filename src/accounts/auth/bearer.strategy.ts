import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import passport from 'passport';
import { Strategy } from 'passport-http-bearer';
import { notAuthenticated } from '../../common/errors/api.exception.js';
import { DetailMessages } from '../../common/errors/messages.js';
import { TokensService } from '../tokens/tokens.service.js';
import { parseAuthorizationHeader } from './authorization-header.js';
import type { Principal } from './principal.js';

type Verify = (token: string, done: (error: unknown, principal?: Principal | false) => void) => void;

/** Apps made so far in this process: each names its strategy after its place. */
let apps = 0;

/**
 * passport-http-bearer's strategy under a name of this app's own. Passport
 * keeps strategies in one registry per process; two apps in one process (a
 * test suite that runs two instances) must each check their own database.
 * The mixin registers the strategy by this name, with Passport's `use`.
 */
class AppBearerStrategy extends Strategy<Verify> {
  constructor(options: { realm: string }, verify: Verify) {
    super(options, verify);
    apps += 1;
    this.name = apps === 1 ? 'bearer' : `bearer-${apps}`;
  }
}

/**
 * The bearer-token strategy, with the contract's header rules.
 * passport-http-bearer's own parsing knows only the `Bearer` word, answers
 * malformed headers with a bare 400 and also takes `access_token` from the
 * query string or body (which would put tokens in URLs and access logs). So
 * the header is parsed here, once, with DRF's messages, and the token goes
 * straight to `validate`, which always looks it up.
 */
@Injectable()
export class BearerStrategy extends PassportStrategy(AppBearerStrategy) implements OnModuleDestroy {
  // Passport adds these to the per-request copy of the strategy it authenticates with.
  declare success: (principal: Principal) => void;
  declare fail: () => void;
  declare error: (error: unknown) => void;

  constructor(private readonly tokens: TokensService) {
    super({ realm: 'api' });
  }

  override authenticate(request: Request): void {
    const header = parseAuthorizationHeader(request.headers.authorization);
    if (header.kind === 'missing') return this.error(notAuthenticated(DetailMessages.notAuthenticated));
    if (header.kind === 'invalid') return this.error(notAuthenticated(header.reason));
    this.validate(header.token).then(
      (principal) => (principal ? this.success(principal) : this.fail()),
      (error: unknown) => this.error(error),
    );
  }

  validate(token: string): Promise<Principal | null> {
    return this.tokens.authenticate(token);
  }

  /** The app is closing: Passport forgets its strategy. */
  onModuleDestroy(): void {
    passport.unuse(this.name);
  }
}

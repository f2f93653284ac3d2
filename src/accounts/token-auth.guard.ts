import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { notAuthenticated } from '../common/errors/api.exception.js';
import { DetailMessages } from '../common/errors/messages.js';
import { IS_PUBLIC } from '../common/decorators/public.decorator.js';
import { parseAuthorizationHeader } from './authorization-header.js';
import type { Principal } from './principal.js';
import { TokensService } from './tokens.service.js';

export type AuthenticatedRequest = Request & { user: Principal };

/**
 * The global guard: every route needs a token unless marked @Public(). The
 * token comes from the `Authorization` header only (`Bearer` or `Token`),
 * never from an `access_token` query parameter or body field, so it stays out
 * of URLs and access logs; malformed headers get DRF's messages.
 */
@Injectable()
export class TokenAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokensService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = parseAuthorizationHeader(request.headers.authorization);
    if (header.kind === 'missing') throw notAuthenticated(DetailMessages.notAuthenticated);
    if (header.kind === 'invalid') throw notAuthenticated(header.reason);
    const principal = await this.tokens.authenticate(header.token);
    if (!principal) throw notAuthenticated(DetailMessages.invalidToken);
    request.user = principal;
    return true;
  }
}

import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { IS_PUBLIC } from '../common/decorators/public.decorator.js';
import { BEARER_STRATEGY, notAuthenticated } from './bearer.strategy.js';
import type { Principal } from './principal.js';

/** The global guard: every route needs a token unless marked @Public(). */
@Injectable()
export class TokenAuthGuard extends AuthGuard(BEARER_STRATEGY) {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    return isPublic || super.canActivate(context);
  }

  override handleRequest<TUser = Principal>(error: unknown, principal: TUser | false): TUser {
    if (error) throw error;
    if (!principal) throw notAuthenticated('Invalid token.');
    return principal;
  }
}

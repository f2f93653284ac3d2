import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard, type IAuthModuleOptions } from '@nestjs/passport';
import { IS_PUBLIC } from '../../common/decorators/public.decorator.js';
import { notAuthenticated } from '../../common/errors/api.exception.js';
import { DetailMessages } from '../../common/errors/messages.js';
import { BearerStrategy } from './bearer.strategy.js';
import type { Principal } from './principal.js';

/** Every route needs a token unless marked @Public(); the caller lands on `request.user`. */
@Injectable()
export class BearerAuthGuard extends AuthGuard() {
  constructor(
    private readonly reflector: Reflector,
    strategy: BearerStrategy,
  ) {
    // The name this app's strategy is registered under in Passport.
    super({ defaultStrategy: strategy.name, session: false } satisfies IAuthModuleOptions);
  }

  override canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    return super.canActivate(context) as Promise<boolean>;
  }

  override handleRequest<TUser = Principal>(error: unknown, principal: TUser | false): TUser {
    if (error) throw error instanceof Error ? error : new Error('Bearer authentication failed', { cause: error });
    if (!principal) throw notAuthenticated(DetailMessages.invalidToken);
    return principal;
  }
}

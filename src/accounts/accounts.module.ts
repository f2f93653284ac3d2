import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsController } from './accounts.controller.js';
import { AccountsService } from './accounts.service.js';
import { AuthRateLimitMiddleware } from './auth-rate-limit.middleware.js';
import { AuthToken } from './auth-token.entity.js';
import { BearerStrategy } from './bearer.strategy.js';
import { PasswordHasher } from './password-hasher.service.js';
import { TokenAuthGuard } from './token-auth.guard.js';
import { TokensService } from './tokens.service.js';
import { User } from './user.entity.js';

@Module({
  imports: [PassportModule, TypeOrmModule.forFeature([User, AuthToken])],
  controllers: [AccountsController],
  providers: [
    AccountsService,
    TokensService,
    PasswordHasher,
    BearerStrategy,
    { provide: APP_GUARD, useClass: TokenAuthGuard },
  ],
})
export class AccountsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(AuthRateLimitMiddleware)
      .forRoutes(
        { path: 'api/auth/register', method: RequestMethod.POST },
        { path: 'api/auth/login', method: RequestMethod.POST },
      );
  }
}

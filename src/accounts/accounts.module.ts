import { Module } from '@nestjs/common';
import { AccountsController } from './accounts.controller.js';
import { AccountsService } from './accounts.service.js';
import { LoginFailuresRepository } from './lockout/login-failures.repository.js';
import { LoginLockout } from './lockout/login-lockout.service.js';
import { PasswordHasher } from './passwords/password-hasher.service.js';
import { BearerStrategy } from './auth/bearer.strategy.js';
import { TokensRepository } from './tokens/tokens.repository.js';
import { TokensService } from './tokens/tokens.service.js';
import { UsersRepository } from './users/users.repository.js';

@Module({
  controllers: [AccountsController],
  providers: [
    AccountsService,
    TokensService,
    TokensRepository,
    UsersRepository,
    PasswordHasher,
    BearerStrategy,
    LoginLockout,
    LoginFailuresRepository,
  ],
  exports: [AccountsService, TokensService, BearerStrategy, LoginLockout],
})
export class AccountsModule {}

import { Module } from '@nestjs/common';
import { AccountsController } from './accounts.controller.js';
import { AccountsService } from './accounts.service.js';
import { LoginFailuresRepository } from './login-failures.repository.js';
import { LoginLockout } from './login-lockout.service.js';
import { PasswordHasher } from './password-hasher.service.js';
import { BearerStrategy } from './bearer.strategy.js';
import { TokensRepository } from './tokens.repository.js';
import { TokensService } from './tokens.service.js';
import { UsersRepository } from './users.repository.js';

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

import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccountsController } from './accounts.controller.js';
import { AccountsService } from './accounts.service.js';
import { PasswordHasher } from './password-hasher.service.js';
import { TokenAuthGuard } from './token-auth.guard.js';
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
    { provide: APP_GUARD, useClass: TokenAuthGuard },
  ],
  exports: [AccountsService, TokensService],
})
export class AccountsModule {}

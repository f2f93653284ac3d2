import { Module } from '@nestjs/common';
import { AccountsController } from './accounts.controller.js';
import { AccountsService } from './accounts.service.js';
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
  ],
  exports: [AccountsService, TokensService, BearerStrategy],
})
export class AccountsModule {}

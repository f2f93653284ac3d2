import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsController } from './accounts.controller.js';
import { AccountsService } from './accounts.service.js';
import { PasswordHasher } from './password-hasher.service.js';
import { TokenAuthGuard } from './token-auth.guard.js';
import { TokensRepository } from './tokens.repository.js';
import { TokensService } from './tokens.service.js';
import { User } from './user.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([User])],
  controllers: [AccountsController],
  providers: [
    AccountsService,
    TokensService,
    TokensRepository,
    PasswordHasher,
    { provide: APP_GUARD, useClass: TokenAuthGuard },
  ],
})
export class AccountsModule {}

import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsController } from './accounts.controller.js';
import { AccountsService } from './accounts.service.js';
import { AuthToken } from './auth-token.entity.js';
import { PasswordHasher } from './password-hasher.service.js';
import { TokenAuthGuard } from './token-auth.guard.js';
import { TokensService } from './tokens.service.js';
import { User } from './user.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([User, AuthToken])],
  controllers: [AccountsController],
  providers: [
    AccountsService,
    TokensService,
    PasswordHasher,
    { provide: APP_GUARD, useClass: TokenAuthGuard },
  ],
})
export class AccountsModule {}

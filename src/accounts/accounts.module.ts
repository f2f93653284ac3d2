import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { READER } from '../database/data-source-options.js';
import { AccountsController } from './accounts.controller.js';
import { AccountsService } from './accounts.service.js';
import { BearerStrategy } from './auth/bearer.strategy.js';
import { LoginFailure } from './lockout/login-failure.entity.js';
import { LoginFailuresRepository } from './lockout/login-failures.repository.js';
import { LoginLockout } from './lockout/login-lockout.service.js';
import { AccountEmails } from './password-reset/account-emails.js';
import { PasswordResetEmail } from './password-reset/password-reset-email.entity.js';
import { PasswordResetToken } from './password-reset/password-reset-token.entity.js';
import { PasswordResetController } from './password-reset/password-reset.controller.js';
import { PasswordResetService } from './password-reset/password-reset.service.js';
import { PasswordResetsRepository } from './password-reset/password-resets.repository.js';
import { PasswordHasher } from './passwords/password-hasher.service.js';
import { AuthToken } from './tokens/auth-token.entity.js';
import { TokensRepository } from './tokens/tokens.repository.js';
import { TokensService } from './tokens/tokens.service.js';
import { User } from './users/user.entity.js';
import { UsersRepository } from './users/users.repository.js';

const ENTITIES = [User, AuthToken, LoginFailure, PasswordResetToken, PasswordResetEmail];

/**
 * Accounts: register, login and the bearer-token Passport strategy, with the
 * concerns they stand on, each in its folder: the auth transport (auth/),
 * tokens and sessions (tokens/), users (users/), password hashing
 * (passwords/), the failed-login lock (lockout/) and password reset by
 * email (password-reset/).
 */
@Module({
  imports: [TypeOrmModule.forFeature(ENTITIES), TypeOrmModule.forFeature(ENTITIES, READER)],
  controllers: [AccountsController, PasswordResetController],
  providers: [
    AccountsService,
    TokensService,
    TokensRepository,
    UsersRepository,
    PasswordHasher,
    BearerStrategy,
    LoginLockout,
    LoginFailuresRepository,
    PasswordResetService,
    PasswordResetsRepository,
    AccountEmails,
  ],
  exports: [AccountsService, TokensService, BearerStrategy, LoginLockout, PasswordResetService],
})
export class AccountsModule {}

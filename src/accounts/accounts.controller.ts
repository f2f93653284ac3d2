import { Body, Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { Public } from '../common/decorators/public.decorator.js';
import { AccountsService, type Session } from './accounts.service.js';
import { CurrentPrincipal } from './current-principal.decorator.js';
import { LoginDto } from './dto/login.dto.js';
import { RegisterDto } from './dto/register.dto.js';
import type { Principal, PublicUser } from './principal.js';
import { TokensService } from './tokens.service.js';

@Controller('api/auth')
export class AccountsController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly tokens: TokensService,
  ) {}

  @Public()
  @Post('register')
  register(@Body() dto: RegisterDto): Promise<Session> {
    return this.accounts.register(dto);
  }

  @Public()
  @Post('login')
  @HttpCode(HttpStatus.OK)
  login(@Body() dto: LoginDto): Promise<Session> {
    return this.accounts.login(dto);
  }

  @Get('user')
  currentUser(@CurrentPrincipal() principal: Principal): PublicUser {
    return principal.user;
  }

  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  logout(@CurrentPrincipal() principal: Principal): Promise<void> {
    return this.tokens.revoke(principal.tokenDigest);
  }

  @Post('logoutall')
  @HttpCode(HttpStatus.NO_CONTENT)
  logoutAll(@CurrentPrincipal() principal: Principal): Promise<void> {
    return this.tokens.revokeAll(principal.user.id);
  }
}

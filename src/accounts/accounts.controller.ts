import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  getSchemaPath,
  ApiExtraModels,
} from '@nestjs/swagger';
import { Public } from '../common/decorators/public.decorator.js';
import { notFound } from '../common/errors/api.exception.js';
import { Throttled } from '../common/throttling/throttled.decorator.js';
import { ApiErrors } from '../common/openapi/api-errors.decorator.js';
import { CountedLogin } from './login-attempts.js';
import { TOKEN_SECURITY } from '../common/openapi/openapi.js';
import { AccountsService } from './accounts.service.js';
import { Client, type ClientInfo } from './auth/client-info.js';
import { CurrentPrincipal } from './auth/current-principal.decorator.js';
import { ChangePasswordDto } from './dto/change-password.dto.js';
import { DeleteAccountDto } from './dto/delete-account.dto.js';
import { LoginDto } from './dto/login.dto.js';
import { RegisterDto } from './dto/register.dto.js';
import { SessionDto } from './tokens/dto/session.dto.js';
import { LoginResponseDto, UserDto } from './dto/user.dto.js';
import type { Principal } from './auth/principal.js';
import { MAX_LISTED_SESSIONS, TokensService } from './tokens/tokens.service.js';

@ApiTags('auth')
@ApiExtraModels(SessionDto)
@Controller('api/auth')
export class AccountsController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly tokens: TokensService,
  ) {}

  @Public()
  @Throttled()
  @Post('register')
  @ApiOperation({
    summary: 'Create an account and its first token',
    description: 'Unknown fields are refused. Shares the abuse budget with login.',
  })
  @ApiCreatedResponse({ type: LoginResponseDto })
  @ApiErrors(400, 429)
  register(@Body() dto: RegisterDto, @Client() client: ClientInfo): Promise<LoginResponseDto> {
    return this.accounts.register(dto, client);
  }

  @Public()
  @Throttled()
  @CountedLogin()
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Log in: a new token each time',
    description: 'The username matches ignoring case. A wrong password, an unknown user and an inactive one get the same 400.',
  })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiErrors(400, 403, 429)
  login(@Body() dto: LoginDto, @Client() client: ClientInfo): Promise<LoginResponseDto> {
    return this.accounts.login(dto, client);
  }

  @Get('user')
  @ApiBearerAuth(TOKEN_SECURITY)
  @ApiOperation({ summary: 'The user behind the token', description: 'The id, username and email of the token’s user.' })
  @ApiOkResponse({ type: UserDto })
  @ApiErrors(401)
  currentUser(@CurrentPrincipal() principal: Principal): UserDto {
    return principal.user;
  }

  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth(TOKEN_SECURITY)
  @ApiOperation({ summary: 'End this token', description: 'The token stops working at once; the user’s other tokens keep working.' })
  @ApiNoContentResponse({ description: 'The token no longer works' })
  @ApiErrors(401)
  logout(@CurrentPrincipal() principal: Principal): Promise<void> {
    return this.tokens.revoke(principal.tokenDigest);
  }

  @Post('logoutall')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth(TOKEN_SECURITY)
  @ApiOperation({
    summary: "End every token of the caller's account",
    description: 'Every token of the user, this one included, stops working at once.',
  })
  @ApiNoContentResponse({ description: 'None of the caller’s tokens work any more' })
  @ApiErrors(401)
  logoutAll(@CurrentPrincipal() principal: Principal): Promise<void> {
    return this.tokens.revokeAll({ userId: principal.user.id });
  }

  @Post('logoutothers')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth(TOKEN_SECURITY)
  @ApiOperation({
    summary: "End every token of the caller's account but this one",
    description: 'Every other session of the user stops working at once; this token keeps working.',
  })
  @ApiNoContentResponse({ description: 'Only the token making this request still works' })
  @ApiErrors(401)
  logoutOthers(@CurrentPrincipal() principal: Principal): Promise<void> {
    return this.tokens.revokeAll({ userId: principal.user.id, except: principal.tokenDigest });
  }

  @Get('sessions')
  @ApiBearerAuth(TOKEN_SECURITY)
  @ApiOperation({
    summary: "The caller's live sessions (tokens), newest first",
    description: `Expired tokens are not listed; at most the ${MAX_LISTED_SESSIONS} newest. No token, key or digest is ever shown.`,
  })
  @ApiOkResponse({
    schema: { type: 'array', items: { $ref: getSchemaPath(SessionDto) }, maxItems: MAX_LISTED_SESSIONS },
    description: 'Live sessions, newest first; current marks this token',
  })
  @ApiErrors(401)
  sessions(@CurrentPrincipal() principal: Principal): Promise<SessionDto[]> {
    return this.tokens.sessions(principal.user.id, principal.tokenDigest);
  }

  @Delete('sessions/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth(TOKEN_SECURITY)
  @ApiOperation({
    summary: 'End one session of the caller (the current one too, like logout)',
    description: "That token stops working at once. Another user's session id and an unknown one are both 404.",
  })
  @ApiParam({
    name: 'id',
    description: 'A session id from GET /api/auth/sessions',
    schema: { type: 'string', maxLength: 32, example: '3f9c2a7d41b06e58c1d2a9f04b7e6c13' },
  })
  @ApiNoContentResponse({ description: 'That token no longer works' })
  @ApiErrors(401, 404)
  async endSession(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    if (!(await this.tokens.revokeSession(principal.user.id, id))) throw notFound();
  }

  @Throttled()
  @Post('password')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth(TOKEN_SECURITY)
  @ApiOperation({
    summary: 'Change the password: every other token stops working, this one keeps working',
    description: 'new_password follows the register rules. Shares the abuse budget with register and login.',
  })
  @ApiNoContentResponse({ description: 'Changed' })
  @ApiErrors(400, 401, 429)
  changePassword(@CurrentPrincipal() principal: Principal, @Body() dto: ChangePasswordDto): Promise<void> {
    return this.accounts.changePassword(principal, dto);
  }

  @Throttled()
  @Delete('user')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth(TOKEN_SECURITY)
  @ApiOperation({
    summary: 'Delete the account with all its leads and tokens; the username is free again',
    description: 'Needs the current password. Shares the abuse budget with register and login.',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(400, 401, 429)
  deleteAccount(@CurrentPrincipal() principal: Principal, @Body() dto: DeleteAccountDto): Promise<void> {
    return this.accounts.deleteAccount(principal, dto.password);
  }
}

import { Body, Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Public } from '../common/decorators/public.decorator.js';
import { Throttled } from '../common/throttling/throttled.decorator.js';
import { ApiErrors } from '../common/openapi/api-errors.decorator.js';
import { TOKEN_SECURITY } from '../common/openapi/openapi.js';
import { AccountsService } from './accounts.service.js';
import { CurrentPrincipal } from './current-principal.decorator.js';
import { LoginDto } from './dto/login.dto.js';
import { RegisterDto } from './dto/register.dto.js';
import { SessionResponseDto, UserResponseDto } from './dto/user-response.dto.js';
import type { Principal } from './principal.js';
import { TokensService } from './tokens.service.js';

@ApiTags('auth')
@Controller('api/auth')
export class AccountsController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly tokens: TokensService,
  ) {}

  @Public()
  @Throttled()
  @Post('register')
  @ApiOperation({ summary: 'Create an account and its first token', description: 'Unknown fields are refused. Shares the abuse budget with login.' })
  @ApiCreatedResponse({ type: SessionResponseDto })
  @ApiErrors(400, 429)
  register(@Body() dto: RegisterDto): Promise<SessionResponseDto> {
    return this.accounts.register(dto);
  }

  @Public()
  @Throttled()
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Log in: a new token each time', description: 'The username matches ignoring case. A wrong password, an unknown user and an inactive one get the same 400.' })
  @ApiOkResponse({ type: SessionResponseDto })
  @ApiErrors(400, 403, 429)
  login(@Body() dto: LoginDto): Promise<SessionResponseDto> {
    return this.accounts.login(dto);
  }

  @Get('user')
  @ApiBearerAuth(TOKEN_SECURITY)
  @ApiOperation({ summary: 'The user behind the token', description: 'The id, username and email of the token’s user.' })
  @ApiOkResponse({ type: UserResponseDto })
  @ApiErrors(401)
  currentUser(@CurrentPrincipal() principal: Principal): UserResponseDto {
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
  @ApiOperation({ summary: "End every token of the caller's account", description: 'Every token of the user, this one included, stops working at once.' })
  @ApiNoContentResponse({ description: 'None of the caller’s tokens work any more' })
  @ApiErrors(401)
  logoutAll(@CurrentPrincipal() principal: Principal): Promise<void> {
    return this.tokens.revokeAll(principal.user.id);
  }
}

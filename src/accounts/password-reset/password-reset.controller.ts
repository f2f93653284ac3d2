import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/decorators/public.decorator.js';
import { SuccessMessages } from '../../common/errors/messages.js';
import { ApiErrors } from '../../common/openapi/api-errors.decorator.js';
import { Throttled } from '../../common/throttling/throttled.decorator.js';
import { ConfirmPasswordResetDto } from './dto/confirm-password-reset.dto.js';
import { PasswordResetRequestedDto } from './dto/password-reset-requested.dto.js';
import { RequestPasswordResetDto } from './dto/request-password-reset.dto.js';
import { PasswordResetService } from './password-reset.service.js';

@ApiTags('auth')
@Controller('api/auth/password/reset')
export class PasswordResetController {
  constructor(private readonly resets: PasswordResetService) {}

  @Public()
  @Throttled()
  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Ask for a password-reset link by email',
    description:
      'The same 202, in the same time, for an unknown address, an inactive user or a real one: the lookup and the sending happen after the answer. At most 3 emails go to one address an hour. Shares the abuse budget with login.',
  })
  @ApiAcceptedResponse({ type: PasswordResetRequestedDto })
  @ApiErrors(400, 429)
  request(@Body() dto: RequestPasswordResetDto): PasswordResetRequestedDto {
    this.resets.request(dto.email);
    return { detail: SuccessMessages.resetRequested };
  }

  @Public()
  @Throttled()
  @Post('confirm')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Set a new password with the token from a reset link',
    description:
      'Every session of the user ends and the failed-login count is cleared; a notice goes to the user. Does not log in. An unknown, used or expired token is a 400 under token; a refused password leaves the token usable. Shares the abuse budget with login.',
  })
  @ApiNoContentResponse({ description: 'The password is set' })
  @ApiErrors(400, 429)
  confirm(@Body() dto: ConfirmPasswordResetDto): Promise<void> {
    return this.resets.confirm(dto);
  }
}

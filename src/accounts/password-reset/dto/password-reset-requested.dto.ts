import { ApiProperty } from '@nestjs/swagger';
import { SuccessMessages } from '../../../common/errors/messages.js';

export class PasswordResetRequestedDto {
  @ApiProperty({ example: SuccessMessages.resetRequested, enum: [SuccessMessages.resetRequested] })
  detail: string;
}

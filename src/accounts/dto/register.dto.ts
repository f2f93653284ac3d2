import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { isEmail, Matches, MaxLength, MinLength, ValidateBy, type ValidationArguments } from 'class-validator';
import { FieldMessages, FieldMessages as Messages } from '../../common/errors/messages.js';
import { DrfText, IsText, NoNullCharacters, NotBlank, NotNull, OptionalField, Required } from '../../common/validation/drf-rules.js';
import { usernameKey } from '../user.entity.js';

const USERNAME_PATTERN = /^[\p{L}\p{N}_.@+-]+$/u;

const NotEntirelyNumeric = () =>
  ValidateBy({
    name: 'notNumeric',
    validator: { validate: (v) => typeof v === 'string' && !/^\d+$/.test(v), defaultMessage: () => FieldMessages.passwordNumeric },
  });

const NotTheUsername = () =>
  ValidateBy({
    name: 'notUsername',
    validator: {
      validate: (value, args?: ValidationArguments) => {
        const username = (args?.object as { username?: unknown }).username;
        return typeof value !== 'string' || typeof username !== 'string' || usernameKey(value) !== usernameKey(username);
      },
      defaultMessage: () => FieldMessages.passwordLikeUsername,
    },
  });

export class RegisterDto {
  @ApiProperty({ example: 'alice', minLength: 1, maxLength: 150, pattern: USERNAME_PATTERN.source })
  @DrfText({ nfkc: true })
  @Required()
  @NotNull()
  @IsText()
  @NoNullCharacters()
  @NotBlank()
  @MaxLength(150, { message: Messages.tooLong })
  @Matches(USERNAME_PATTERN, {
    message: FieldMessages.badUsername,
  })
  username: string;

  @ApiPropertyOptional({ example: 'alice@example.com', format: 'email', maxLength: 254, default: '' })
  @DrfText()
  @OptionalField()
  @NotNull()
  @IsText()
  @NoNullCharacters()
  @MaxLength(254, { message: Messages.tooLong })
  @ValidateBy({
    name: 'emailOrBlank',
    validator: {
      validate: (v) => v === '' || (typeof v === 'string' && isEmail(v)),
      defaultMessage: () => Messages.badEmail,
    },
  })
  email?: string;

  @ApiProperty({ example: 'correct horse battery', minLength: 8, format: 'password', writeOnly: true })
  @DrfText({ trim: false })
  @Required()
  @NotNull()
  @IsText()
  @NoNullCharacters()
  @NotBlank()
  @MinLength(8, { message: FieldMessages.passwordTooShort })
  @NotEntirelyNumeric()
  @NotTheUsername()
  password: string;
}

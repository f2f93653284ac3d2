import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { isEmail, Matches, MaxLength, MinLength, ValidateBy, type ValidationArguments } from 'class-validator';
import { DrfText, IsText, NoNullCharacters, Messages, NotBlank, NotNull, OptionalField, Required } from '../../common/validation/drf-rules.js';
import { usernameKey } from '../user.entity.js';

export const USERNAME_PATTERN = /^[\p{L}\p{N}_.@+-]+$/u;

const NotEntirelyNumeric = () =>
  ValidateBy({
    name: 'notNumeric',
    validator: { validate: (v) => typeof v === 'string' && !/^\d+$/.test(v), defaultMessage: () => 'This password is entirely numeric.' },
  });

const NotTheUsername = () =>
  ValidateBy({
    name: 'notUsername',
    validator: {
      validate: (value, args?: ValidationArguments) => {
        const username = (args?.object as { username?: unknown }).username;
        return typeof value !== 'string' || typeof username !== 'string' || usernameKey(value) !== usernameKey(username);
      },
      defaultMessage: () => 'The password is too similar to the username.',
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
  @MaxLength(150, { message: Messages.maxLength })
  @Matches(USERNAME_PATTERN, {
    message: 'Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.',
  })
  username: string;

  @ApiPropertyOptional({ example: 'alice@example.com', format: 'email', maxLength: 254, default: '' })
  @DrfText()
  @OptionalField()
  @NotNull()
  @IsText()
  @NoNullCharacters()
  @MaxLength(254, { message: Messages.maxLength })
  @ValidateBy({
    name: 'emailOrBlank',
    validator: {
      validate: (v) => v === '' || (typeof v === 'string' && isEmail(v)),
      defaultMessage: () => Messages.email,
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
  @MinLength(8, { message: 'This password is too short. It must contain at least 8 characters.' })
  @NotEntirelyNumeric()
  @NotTheUsername()
  password: string;
}

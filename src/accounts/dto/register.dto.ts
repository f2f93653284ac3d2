import { Matches, ValidateBy, type ValidationArguments } from 'class-validator';
import { FieldMessages as Messages } from '../../common/errors/messages.js';
import { CharField } from '../../common/validation/drf-fields.js';
import { usernameKey } from '../users/user.entity.js';

export const USERNAME_MAX_LENGTH = 150;
/** Django's old MAXIMUM_PASSWORD_LENGTH: far above any real password, far below the body limit. */
export const PASSWORD_MAX_LENGTH = 4096;
const USERNAME_PATTERN = /^[\p{L}\p{N}_.@+-]+$/u;

const NotEntirelyNumeric = () =>
  ValidateBy({
    name: 'notNumeric',
    validator: { validate: (v) => typeof v === 'string' && !/^\d+$/.test(v), defaultMessage: () => Messages.passwordNumeric },
  });

const NotTheUsername = () =>
  ValidateBy({
    name: 'notUsername',
    validator: {
      validate: (value, args?: ValidationArguments) => {
        const username = (args?.object as { username?: unknown }).username;
        return typeof value !== 'string' || typeof username !== 'string' || usernameKey(value) !== usernameKey(username);
      },
      defaultMessage: () => Messages.passwordLikeUsername,
    },
  });

export class RegisterDto {
  // The pattern needs Unicode classes, which OpenAPI tools read without the `u` flag: it is described instead.
  @CharField({
    maxLength: USERNAME_MAX_LENGTH,
    nfkc: true,
    rules: [Matches(USERNAME_PATTERN, { message: Messages.badUsername })],
    openapi: { example: 'alice', description: 'Letters, digits and @ . + - _ only; unique ignoring case.' },
  })
  username: string;

  @CharField({
    required: false,
    allowBlank: true,
    maxLength: 254,
    email: true,
    openapi: { example: 'alice@example.com', description: 'May be blank or left out.' },
  })
  email?: string;

  @CharField({
    maxLength: PASSWORD_MAX_LENGTH,
    minLength: { length: 8, message: Messages.passwordTooShort },
    trim: false,
    rules: [NotEntirelyNumeric(), NotTheUsername()],
    openapi: {
      example: 'correct horse battery',
      format: 'password',
      writeOnly: true,
      description: 'Not entirely numeric, not the username.',
    },
  })
  password: string;
}

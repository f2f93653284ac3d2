import { CharField } from '../../common/validation/drf-fields.js';
import { PASSWORD_MAX_LENGTH } from './register.dto.js';

/**
 * The register password rules for `new_password` need the caller's username,
 * which is not in the body: AccountsService applies them (password-policy.ts).
 */
export class ChangePasswordDto {
  @CharField({
    maxLength: PASSWORD_MAX_LENGTH,
    trim: false,
    openapi: { example: 'correct horse battery', format: 'password', writeOnly: true },
  })
  old_password: string;

  @CharField({
    maxLength: PASSWORD_MAX_LENGTH,
    trim: false,
    openapi: {
      example: 'staple battery horse',
      format: 'password',
      writeOnly: true,
      description: 'The register rules apply: at least 8 characters, not entirely numeric, not the username.',
    },
  })
  new_password: string;
}

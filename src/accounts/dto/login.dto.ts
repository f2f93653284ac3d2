import { CharField } from '../../common/validation/drf-fields.js';
import { PASSWORD_MAX_LENGTH, USERNAME_MAX_LENGTH } from './register.dto.js';

export class LoginDto {
  /** Folded as at register, so the limit measures what register measured. */
  @CharField({ maxLength: USERNAME_MAX_LENGTH, nfkc: true, openapi: { example: 'alice' } })
  username: string;

  @CharField({
    maxLength: PASSWORD_MAX_LENGTH,
    trim: false,
    openapi: { example: 'correct horse battery', format: 'password', writeOnly: true },
  })
  password: string;
}

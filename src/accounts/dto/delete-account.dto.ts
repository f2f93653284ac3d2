import { CharField } from '../../common/validation/drf-fields.js';
import { PASSWORD_MAX_LENGTH } from './register.dto.js';

export class DeleteAccountDto {
  @CharField({
    maxLength: PASSWORD_MAX_LENGTH,
    trim: false,
    openapi: { example: 'correct horse battery', format: 'password', writeOnly: true, description: 'The current password.' },
  })
  password: string;
}

import { CharField } from '../../../common/validation/drf-fields.js';
import { PASSWORD_MAX_LENGTH } from '../../dto/register.dto.js';

/** Any text may be sent as the token: whatever is not a live one gets the same "invalid or has expired" answer. */
const TOKEN_MAX_LENGTH = 1024;

export class ConfirmPasswordResetDto {
  @CharField({
    maxLength: TOKEN_MAX_LENGTH,
    trim: false,
    openapi: {
      example: '9f2c4e7a1b3d5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8',
      writeOnly: true,
      description: 'The 64 hex characters after #token= in the emailed link.',
    },
  })
  token: string;

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

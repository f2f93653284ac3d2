import { CharField } from '../../../common/validation/drf-fields.js';

export class RequestPasswordResetDto {
  @CharField({
    maxLength: 254,
    email: true,
    openapi: { example: 'alice@example.com', description: 'Every active account with this address (case ignored) gets a link.' },
  })
  email: string;
}

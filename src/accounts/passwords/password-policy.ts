import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { toFieldErrors } from '../../common/validation/api-validation.pipe.js';
import { RegisterDto } from '../dto/register.dto.js';

/**
 * The register rules for a password (length, not entirely numeric, not the
 * username), read from RegisterDto itself so that a password change and the
 * admin CLI refuse exactly what registration refuses, with its messages.
 * Answers those messages; none when the password is acceptable.
 */
export async function passwordProblems(username: string, password: string): Promise<string[]> {
  const candidate = plainToInstance(RegisterDto, { username, password });
  const errors = await validate(candidate);
  return toFieldErrors(errors.filter((error) => error.property === 'password')).password ?? [];
}

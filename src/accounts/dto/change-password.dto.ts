import { ApiProperty } from '@nestjs/swagger';
import { DrfText, IsText, NoNullCharacters, NotBlank, NotNull, Required } from '../../common/validation/drf-rules.js';

/**
 * The register password rules for `new_password` need the caller's username,
 * which is not in the body: AccountsService applies them (password-policy.ts).
 */
export class ChangePasswordDto {
  @ApiProperty({ example: 'correct horse battery', format: 'password', writeOnly: true })
  @DrfText({ trim: false })
  @Required()
  @NotNull()
  @IsText()
  @NoNullCharacters()
  @NotBlank()
  old_password: string;

  @ApiProperty({
    example: 'staple battery horse',
    minLength: 8,
    format: 'password',
    writeOnly: true,
    description: 'The register rules apply: at least 8 characters, not entirely numeric, not the username.',
  })
  @DrfText({ trim: false })
  @Required()
  @NotNull()
  @IsText()
  @NoNullCharacters()
  @NotBlank()
  new_password: string;
}

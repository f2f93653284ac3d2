import { ApiProperty } from '@nestjs/swagger';
import { DrfText, IsText, NoNullCharacters, NotBlank, NotNull, Required } from '../../common/validation/drf-rules.js';

export class DeleteAccountDto {
  @ApiProperty({ example: 'correct horse battery', format: 'password', writeOnly: true, description: 'The current password.' })
  @DrfText({ trim: false })
  @Required()
  @NotNull()
  @IsText()
  @NoNullCharacters()
  @NotBlank()
  password: string;
}

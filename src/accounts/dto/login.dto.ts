import { ApiProperty } from '@nestjs/swagger';
import { DrfText, IsText, NoNullCharacters, NotBlank, NotNull, Required } from '../../common/validation/drf-rules.js';

export class LoginDto {
  @ApiProperty({ example: 'alice' })
  @DrfText()
  @Required()
  @NotNull()
  @IsText()
  @NoNullCharacters()
  @NotBlank()
  username: string;

  @ApiProperty({ example: 'correct horse battery', format: 'password', writeOnly: true })
  @DrfText({ trim: false })
  @Required()
  @NotNull()
  @IsText()
  @NoNullCharacters()
  @NotBlank()
  password: string;
}

import { BooleanField, ChoiceField } from '../../common/validation/drf-fields.js';
import { IMPORT_MODES, type ImportMode } from '../import.entity.js';

/** The parameters of POST /api/leads/import. */
export class ImportQueryDto {
  @ChoiceField({
    choices: IMPORT_MODES,
    required: false,
    default: 'create',
    description: "`create`: a row whose email is already one of the caller's leads is skipped; `update`: it updates that lead.",
  })
  mode?: ImportMode;

  @BooleanField({ description: 'Check and count everything, write nothing.' })
  dry_run?: boolean;
}

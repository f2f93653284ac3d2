import { CharField } from '../../../common/validation/drf-fields.js';
import { NOTE_MAX_LENGTH } from '../lead-note.entity.js';

/** The body of POST /api/leads/:id/notes. */
export class CreateNoteDto {
  @CharField({ maxLength: NOTE_MAX_LENGTH, openapi: { example: 'Called back; wants a quote by Friday.' } })
  text: string;
}

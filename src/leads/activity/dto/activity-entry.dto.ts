import { ApiProperty } from '@nestjs/swagger';
import { ID_PROPERTY, TIMESTAMP_PROPERTY } from '../../../common/openapi/properties.js';
import { LEAD_STATUSES, type LeadStatus } from '../../lead.entity.js';
import type { ActivityRow } from '../lead-activity.repository.js';
import { NOTE_MAX_LENGTH } from '../lead-note.entity.js';

/** A note, in the activity and as POST /api/leads/:id/notes answers it. */
export class NoteEntryDto {
  @ApiProperty({ type: String, enum: ['note'], example: 'note' })
  type: 'note';

  @ApiProperty({ ...ID_PROPERTY, example: 12, description: 'The id of the note (for DELETE /api/leads/{id}/notes/{note_id}).' })
  id: number;

  @ApiProperty({ example: 'Called back; wants a quote by Friday.', maxLength: NOTE_MAX_LENGTH })
  text: string;

  @ApiProperty({ ...TIMESTAMP_PROPERTY, example: '2026-11-24T04:41:14.123Z' })
  created_at: string;
}

/** A change of status. */
export class StatusEntryDto {
  @ApiProperty({ type: String, enum: ['status'], example: 'status' })
  type: 'status';

  @ApiProperty({ type: String, enum: [...LEAD_STATUSES], example: 'new' })
  from: LeadStatus;

  @ApiProperty({ type: String, enum: [...LEAD_STATUSES], example: 'contacted' })
  to: LeadStatus;

  @ApiProperty({ ...TIMESTAMP_PROPERTY, example: '2026-11-24T04:41:14.123Z' })
  created_at: string;
}

/** The lead's creation: the last entry. */
export class CreatedEntryDto {
  @ApiProperty({ type: String, enum: ['created'], example: 'created' })
  type: 'created';

  @ApiProperty({ ...TIMESTAMP_PROPERTY, example: '2026-11-24T04:41:14.123Z' })
  created_at: string;
}

export type ActivityEntryDto = NoteEntryDto | StatusEntryDto | CreatedEntryDto;

/** The one mapping from a stored entry to what a client sees. */
export function activityEntry(row: ActivityRow): ActivityEntryDto {
  switch (row.type) {
    case 'note':
      return { type: 'note', id: Number(row.noteId), text: row.text ?? '', created_at: row.createdAt };
    case 'status':
      return { type: 'status', from: row.fromStatus as LeadStatus, to: row.toStatus as LeadStatus, created_at: row.createdAt };
    default:
      return { type: 'created', created_at: row.createdAt };
  }
}

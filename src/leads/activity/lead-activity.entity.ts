import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Lead, LEAD_STATUS_LENGTH, type LeadStatus } from '../lead.entity.js';
import { LeadNote } from './lead-note.entity.js';

export const ACTIVITY_TYPES = ['note', 'status', 'created'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

/**
 * One entry of a lead's history: its creation, a change of status (from, to)
 * or a note (whose text lives in `lead_notes`; deleting the note deletes its
 * entry). Entries go with the lead.
 */
@Entity({ name: 'lead_activity' })
@Index('IDX_lead_activity_lead_id_created_at_id', ['leadId', 'createdAt', 'id'])
@Index('IDX_lead_activity_note_id', ['noteId'])
export class LeadActivity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'lead_id', type: 'integer' })
  leadId: number;

  @ManyToOne(() => Lead, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lead_id' })
  lead?: Lead;

  @Column({ type: 'varchar', length: 10 })
  type: ActivityType;

  @Column({ name: 'from_status', type: 'varchar', length: LEAD_STATUS_LENGTH, nullable: true })
  fromStatus: LeadStatus | null;

  @Column({ name: 'to_status', type: 'varchar', length: LEAD_STATUS_LENGTH, nullable: true })
  toStatus: LeadStatus | null;

  @Column({ name: 'note_id', type: 'integer', nullable: true })
  noteId: number | null;

  @ManyToOne(() => LeadNote, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'note_id' })
  note?: LeadNote;

  /** ISO 8601 UTC text. */
  @Column({ name: 'created_at', type: 'varchar', length: 24 })
  createdAt: string;
}

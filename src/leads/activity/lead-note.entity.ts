import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Lead } from '../lead.entity.js';

/** The longest note. */
export const NOTE_MAX_LENGTH = 2000;

/** What someone wrote down about a lead; it goes with the lead. */
@Entity({ name: 'lead_notes' })
@Index('IDX_lead_notes_lead_id_id', ['leadId', 'id'])
export class LeadNote {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'lead_id', type: 'integer' })
  leadId: number;

  @ManyToOne(() => Lead, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lead_id' })
  lead?: Lead;

  @Column({ type: 'varchar', length: NOTE_MAX_LENGTH })
  text: string;

  /** ISO 8601 UTC text. */
  @Column({ name: 'created_at', type: 'varchar', length: 24 })
  createdAt: string;
}

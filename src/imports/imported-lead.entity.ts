import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Lead } from '../leads/lead.entity.js';
import { Import } from './import.entity.js';

/** What an import did to a lead: created it, or updated some of its fields. */
export const IMPORT_ACTIONS = ['created', 'updated'] as const;
export type ImportAction = (typeof IMPORT_ACTIONS)[number];

/**
 * A lead an import wrote, and what its undo needs: for an update, the
 * previous value of each field it changed. A lead changed since (its
 * `updated_at` is no longer the import's) is left alone by the undo. The
 * entry goes with the import and with the lead.
 */
@Entity({ name: 'imported_leads' })
@Index('IDX_imported_leads_import_id_id', ['importId', 'id'])
@Index('IDX_imported_leads_lead_id', ['leadId'])
export class ImportedLead {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'import_id', type: 'integer' })
  importId: number;

  @ManyToOne(() => Import, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'import_id' })
  import?: Import;

  @Column({ name: 'lead_id', type: 'integer' })
  leadId: number;

  @ManyToOne(() => Lead, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lead_id' })
  lead?: Lead;

  @Column({ type: 'varchar', length: 10 })
  action: ImportAction;

  /** For an update: JSON of the fields it changed, with the values they had before (`{"status": "new"}`); null for a creation. */
  @Column({ type: 'text', nullable: true })
  previous: string | null;
}

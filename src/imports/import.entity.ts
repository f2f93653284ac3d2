import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../accounts/users/user.entity.js';

/** `create`: a row whose email is already a lead is skipped; `update`: it updates that lead. */
export const IMPORT_MODES = ['create', 'update'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

/** One import of a CSV file that was written (dry runs leave none): what it did, and whether it was undone. */
@Entity({ name: 'imports' })
@Index('IDX_imports_owner_id_id', ['ownerId', 'id'])
export class Import {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'owner_id', type: 'integer' })
  ownerId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'owner_id' })
  owner?: User;

  /** ISO 8601 UTC text; also the `updated_at` the import gave every lead it wrote. */
  @Column({ name: 'created_at', type: 'varchar', length: 24 })
  createdAt: string;

  @Column({ type: 'varchar', length: 10 })
  mode: ImportMode;

  /** Leads created. */
  @Column({ type: 'integer', default: 0 })
  created: number;

  /** Leads updated. */
  @Column({ type: 'integer', default: 0 })
  updated: number;

  /** When it was undone (ISO 8601 UTC), or null. */
  @Column({ name: 'undone_at', type: 'varchar', length: 24, nullable: true })
  undoneAt: string | null;
}

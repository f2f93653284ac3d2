import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../accounts/users/user.entity.js';

/** The longest text each field holds: the columns, the body rules and the OpenAPI document all read these. */
export const LEAD_LIMITS = { name: 100, email: 100, message: 500, source: 100 } as const;

/** Where a lead stands, in the order a lead moves through them; `new` is the default. */
export const LEAD_STATUSES = ['new', 'contacted', 'qualified', 'won', 'lost'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];
export const DEFAULT_LEAD_STATUS: LeadStatus = 'new';

/** The longest status name, for the columns that store one. */
export const LEAD_STATUS_LENGTH = 10;

/**
 * The one model of a lead; `LeadResponseDto.of` is the one way it is shown.
 *
 * Every index starts with the owner, so a page costs the same whatever the
 * other owners hold: one per ordering (`ordering`), the same again behind the
 * status (`status` filter and the counts), and the search index, which the
 * migration writes for each database (an FTS5 trigram table on SQLite, a
 * pg_trgm GIN index on PostgreSQL) and TypeORM leaves alone. On PostgreSQL
 * the two indexes ending in the id sort it NULLS FIRST, which decorators
 * cannot say (migration LeadIdOrder1764600000000 explains why).
 */
@Entity({ name: 'leads' })
@Index('UQ_leads_owner_id_email', ['ownerId', 'email'], { unique: true })
@Index('IDX_leads_owner_id_id', ['ownerId', 'id'])
@Index('IDX_leads_owner_id_created_at_id', ['ownerId', 'createdAt', 'id'])
@Index('IDX_leads_owner_id_updated_at_id', ['ownerId', 'updatedAt', 'id'])
@Index('IDX_leads_owner_id_name_key_id', ['ownerId', 'nameKey', 'id'])
@Index('IDX_leads_owner_id_status_id', ['ownerId', 'status', 'id'])
@Index('IDX_leads_owner_id_status_created_at_id', ['ownerId', 'status', 'createdAt', 'id'])
@Index('IDX_leads_owner_id_status_updated_at_id', ['ownerId', 'status', 'updatedAt', 'id'])
@Index('IDX_leads_owner_id_status_name_key_id', ['ownerId', 'status', 'nameKey', 'id'])
@Index('IDX_leads_search', { synchronize: false })
export class Lead {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: LEAD_LIMITS.name })
  name: string;

  @Column({ type: 'varchar', length: LEAD_LIMITS.email })
  email: string;

  @Column({ type: 'varchar', length: LEAD_LIMITS.message, default: '' })
  message: string;

  @Column({ name: 'owner_id', type: 'integer' })
  ownerId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'owner_id' })
  owner?: User;

  /** ISO 8601 UTC text, as the API shows it. */
  @Column({ name: 'created_at', type: 'varchar', length: 24 })
  createdAt: string;

  @Column({ type: 'varchar', length: LEAD_STATUS_LENGTH, default: DEFAULT_LEAD_STATUS })
  status: LeadStatus;

  /** Where the lead came from, in the team's own words. */
  @Column({ type: 'varchar', length: LEAD_LIMITS.source, default: '' })
  source: string;

  /** Set at creation and by every change; ISO 8601 UTC text. */
  @Column({ name: 'updated_at', type: 'varchar', length: 24 })
  updatedAt: string;

  /** The name folded for ordering by `name` ignoring case (`leadKeys`); never shown. */
  @Column({ name: 'name_key', type: 'varchar', length: LEAD_LIMITS.name, default: '' })
  nameKey: string;

  /** Name, email, message and source folded for search (`leadKeys`); never shown. */
  @Column({ type: 'text', default: '' })
  search: string;
}

/** The fields a client may write. Everything else about a lead is the server's. */
export type LeadChanges = Partial<Pick<Lead, 'name' | 'email' | 'message' | 'status' | 'source'>>;

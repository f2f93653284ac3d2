import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../accounts/users/user.entity.js';

/** The longest text each field holds: the columns, the body rules and the OpenAPI document all read these. */
export const LEAD_LIMITS = { name: 100, email: 100, message: 500 } as const;

/** The one model of a lead; `LeadResponseDto.of` is the one way it is shown. */
@Entity({ name: 'leads' })
@Index('UQ_leads_owner_id_email', ['ownerId', 'email'], { unique: true })
@Index('IDX_leads_owner_id_id', ['ownerId', 'id'])
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
}

/** The fields a client may write. Everything else about a lead is the server's. */
export type LeadChanges = Partial<Pick<Lead, 'name' | 'email' | 'message'>>;

import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../accounts/users/user.entity.js';

@Entity({ name: 'leads' })
@Index('UQ_leads_owner_id_email', ['ownerId', 'email'], { unique: true })
@Index('IDX_leads_owner_id_id', ['ownerId', 'id'])
export class Lead {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 100 })
  email: string;

  @Column({ type: 'varchar', length: 500, default: '' })
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

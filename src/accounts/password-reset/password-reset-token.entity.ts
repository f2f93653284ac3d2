import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity.js';

/**
 * A password-reset token: only its SHA-256 digest is kept, so a stolen
 * database yields no usable link. Deleted when used, when a newer one is
 * made for the same user, and (pruned) once expired.
 */
@Entity({ name: 'password_reset_tokens' })
export class PasswordResetToken {
  /** SHA-256 hex digest of the 64-hex token. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  digest: string;

  @Index('IDX_password_reset_tokens_user_id')
  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  /** ISO 8601 UTC text, as every timestamp here. */
  @Column({ name: 'created_at', type: 'varchar', length: 24 })
  createdAt: string;

  @Index('IDX_password_reset_tokens_expires_at')
  @Column({ name: 'expires_at', type: 'varchar', length: 24 })
  expiresAt: string;
}

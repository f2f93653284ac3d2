import { createHash } from 'node:crypto';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One reset request that sent email to an address, kept for an hour: the
 * per-address limit counts these. In the database, so every worker and
 * instance shares the count (as the failed-login counts are shared).
 */
@Entity({ name: 'password_reset_emails' })
@Index('IDX_password_reset_emails_address_key_sent_at', ['addressKey', 'sentAt'])
export class PasswordResetEmail {
  @PrimaryGeneratedColumn()
  id: number;

  /** The address as `addressKey()` folds and digests it: case ignored, and the address itself not kept. */
  @Column({ name: 'address_key', type: 'varchar', length: 300 })
  addressKey: string;

  @Index('IDX_password_reset_emails_sent_at')
  @Column({ name: 'sent_at', type: 'varchar', length: 24 })
  sentAt: string;
}

/**
 * An email address as the limit counts it: case ignored, then the SHA-256 hex
 * digest, so the table holds no address and every key has the same length.
 */
export function addressKey(email: string): string {
  return createHash('sha256').update(email.normalize('NFKC').toLowerCase()).digest('hex');
}

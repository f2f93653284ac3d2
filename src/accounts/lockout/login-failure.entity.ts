import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One failed login, kept while it is inside LOGIN_FAILURE_WINDOW (as
 * django-axes keeps its attempts). Keyed by the case-folded username whether
 * or not such a user exists, so a lock tells nothing about who has an account.
 */
@Entity({ name: 'login_failures' })
@Index('IDX_login_failures_username_key_failed_at', ['usernameKey', 'failedAt'])
export class LoginFailure {
  @PrimaryGeneratedColumn()
  id: number;

  /** As `usernameKey()` folds it: the same length as the users' key. */
  @Column({ name: 'username_key', type: 'varchar', length: 300 })
  usernameKey: string;

  /** ISO 8601 UTC text, as every timestamp here; sortable. */
  @Index('IDX_login_failures_failed_at')
  @Column({ name: 'failed_at', type: 'varchar', length: 24 })
  failedAt: string;
}

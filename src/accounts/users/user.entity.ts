import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'users' })
export class User {
  @PrimaryGeneratedColumn()
  id: number;

  /** As the user typed it; shown back in every response. */
  @Column({ type: 'varchar', length: 150 })
  username: string;

  /**
   * The username folded for case-insensitive uniqueness and login (`Alice` is
   * `alice`). Twice the username's length: lower-casing can double a
   * character (`İ` becomes `i̇`).
   */
  @Index('UQ_users_username_key', { unique: true })
  @Column({ name: 'username_key', type: 'varchar', length: 300 })
  usernameKey: string;

  @Column({ type: 'varchar', length: 254, default: '' })
  email: string;

  /** A bcrypt hash; never leaves the service. */
  @Column({ name: 'password', type: 'varchar', length: 128 })
  passwordHash: string;

  @Column({ name: 'is_active', type: 'boolean' })
  isActive: boolean;

  /** ISO 8601 UTC text: the same bytes on SQLite and PostgreSQL, and sortable. */
  @Column({ name: 'date_joined', type: 'varchar', length: 24 })
  dateJoined: string;
}

export function usernameKey(username: string): string {
  return username.normalize('NFKC').toLowerCase();
}

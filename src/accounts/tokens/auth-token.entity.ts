import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity.js';

/** A knox token: only a lookup prefix and a SHA-512 digest of the token are kept. */
@Entity({ name: 'auth_tokens' })
export class AuthToken {
  /** SHA-512 hex digest of the whole token. */
  @PrimaryColumn({ type: 'varchar', length: 128 })
  digest: string;

  /** The token's first characters, for an indexed lookup without storing the token. */
  @Index('IDX_auth_tokens_token_key')
  @Column({ name: 'token_key', type: 'varchar', length: 15 })
  tokenKey: string;

  @Index('IDX_auth_tokens_user_id')
  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  /** The session's public name: random, unrelated to the token, so it can be shown and used in URLs. */
  @Index('UQ_auth_tokens_session_id', { unique: true })
  @Column({ name: 'session_id', type: 'varchar', length: 32 })
  sessionId: string;

  @Column({ type: 'varchar', length: 24 })
  created: string;

  /** ISO 8601 UTC; null when tokens never expire (TOKEN_TTL=0). */
  @Index('IDX_auth_tokens_expiry')
  @Column({ type: 'varchar', length: 24, nullable: true })
  expiry: string | null;

  /** The User-Agent of the register or login request that made the token, cut to 200 characters. */
  @Column({ name: 'user_agent', type: 'varchar', length: 200, default: '' })
  userAgent: string;

  /** That request's client address, as throttling sees it (TRUST_PROXY applies). */
  @Column({ type: 'varchar', length: 45, default: '' })
  ip: string;
}

/** A token row before its user has an id: registration stores both in one transaction. */
export type UnownedToken = Omit<AuthToken, 'userId'>;

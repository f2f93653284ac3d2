import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createHash, randomBytes } from 'node:crypto';
import { ApiException, fieldError } from '../../common/errors/api.exception.js';
import { FieldMessages } from '../../common/errors/messages.js';
import type { Settings } from '../../config/settings.js';
import { Mailer } from '../../mail/mailer.service.js';
import { Outbox } from '../../mail/outbox.js';
import { LoginLockout } from '../lockout/login-lockout.service.js';
import { PasswordHasher } from '../passwords/password-hasher.service.js';
import { passwordProblems } from '../passwords/password-policy.js';
import type { User } from '../users/user.entity.js';
import { UsersRepository } from '../users/users.repository.js';
import { AccountEmails } from './account-emails.js';
import type { ConfirmPasswordResetDto } from './dto/confirm-password-reset.dto.js';
import { addressKey } from './password-reset-email.entity.js';
import type { PasswordResetToken } from './password-reset-token.entity.js';
import { PasswordResetsRepository } from './password-resets.repository.js';

/** At most this many reset requests send email to one address (case ignored) per window. */
export const RESET_EMAILS_PER_ADDRESS = 3;
export const RESET_EMAIL_WINDOW_MS = 3600 * 1000;

/** SHA-256 hex digest: what the database keeps of a reset token. */
export const resetTokenDigest = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * Password reset by email, as Django's PasswordResetView does it and
 * better: a request is answered before anything is looked up, so neither
 * its answer nor its timing tells whether the address has an account; the
 * token is 32 random bytes whose SHA-256 digest alone is stored, usable once
 * for PASSWORD_RESET_TTL, a newer one ending the older; a reset ends every
 * session of the user and clears the account's failed-login count.
 */
@Injectable()
export class PasswordResetService {
  private readonly logger = new Logger('PasswordReset');
  private readonly ttlMs: number;

  constructor(
    private readonly resets: PasswordResetsRepository,
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly lockout: LoginLockout,
    private readonly emails: AccountEmails,
    private readonly mailer: Mailer,
    private readonly outbox: Outbox,
    config: ConfigService<Settings, true>,
  ) {
    this.ttlMs = config.get('passwordResetTtlSeconds', { infer: true }) * 1000;
  }

  /**
   * Takes a request and returns at once, having looked nothing up: every
   * active user with the address (case ignored) gets a link, in the
   * background, unless the address has had its emails this hour.
   */
  request(email: string): void {
    this.outbox.later(() => this.emailResetLinks(email));
  }

  /** `npm run manage -- resetlink`: a fresh link for the user, made as a request makes it (older ones end); sends nothing. */
  async link(user: User): Promise<string> {
    const { token, row } = this.mint(user.id, new Date());
    await this.resets.issue(row);
    return this.emails.resetLink(token);
  }

  /**
   * Sets the password a live token allows, ending every session of the user,
   * clearing its failed-login count and sending the notice. A refused
   * password leaves the token usable. Does not log in.
   */
  async confirm(dto: ConfirmPasswordResetDto): Promise<void> {
    const digest = resetTokenDigest(dto.token);
    const user = await this.resets.findLive(digest, new Date().toISOString());
    if (!user) throw invalidLink();
    const problems = await passwordProblems(user.username, dto.new_password);
    if (problems.length > 0) throw new ApiException({ new_password: problems }, HttpStatus.BAD_REQUEST);

    const passwordHash = await this.hasher.hash(dto.new_password);
    // Used by whichever request gets there first: the hash above is not a licence.
    const reset = await this.users.resetPassword(user.userId, passwordHash, (manager) =>
      this.resets.consume(manager, digest, user.userId, new Date().toISOString()),
    );
    if (!reset) throw invalidLink();
    await this.lockout.unlock(user.username);
    this.emails.sendPasswordChanged(user);
  }

  private async emailResetLinks(email: string): Promise<void> {
    const users = await this.users.findActiveByEmail(email);
    if (users.length === 0) return;
    const now = new Date();
    const minted = users.map((user) => ({ user, ...this.mint(user.id, now) }));
    const limit = {
      addressKey: addressKey(email),
      limit: RESET_EMAILS_PER_ADDRESS,
      since: new Date(now.getTime() - RESET_EMAIL_WINDOW_MS).toISOString(),
    };
    if (
      !(await this.resets.issueWithinLimit(
        minted.map(({ row }) => row),
        limit,
      ))
    ) {
      this.logger.warn(
        `Password reset for ${email} not sent: ${RESET_EMAILS_PER_ADDRESS} reset emails went to that address within the hour`,
      );
      return;
    }
    await Promise.all(minted.map(({ user, token }) => this.mailer.deliver(this.emails.resetEmail(user, token))));
    // Off the request path: expired tokens go while nobody waits.
    await this.resets.deleteExpired(new Date().toISOString());
  }

  private mint(userId: number, now: Date): { token: string; row: PasswordResetToken } {
    const token = randomBytes(32).toString('hex');
    return {
      token,
      row: {
        digest: resetTokenDigest(token),
        userId,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + this.ttlMs).toISOString(),
      },
    };
  }
}

const invalidLink = (): ApiException => fieldError('token', FieldMessages.resetLinkInvalid);

import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { publicUrl, type Settings } from '../../config/settings.js';
import type { Email } from '../../mail/email.js';
import { Mailer } from '../../mail/mailer.service.js';

export const RESET_SUBJECT = 'Reset your Lead Manager password';
export const CHANGED_SUBJECT = 'Your Lead Manager password was changed';

/** Where the web client's "Choose a new password" page lives; the token follows in the fragment. */
export const RESET_CONFIRM_PATH = '/password-reset/confirm';
const RESET_REQUEST_PATH = '/password-reset';

/** A user as an email addresses them. */
export interface Recipient {
  username: string;
  email: string;
}

/** "1 hour", "90 minutes", "45 seconds": a duration as the email states it. */
export function duration(seconds: number): string {
  const [amount, unit] =
    seconds % 3600 === 0 ? [seconds / 3600, 'hour'] : seconds % 60 === 0 ? [seconds / 60, 'minute'] : [seconds, 'second'];
  return `${amount} ${unit}${amount === 1 ? '' : 's'}`;
}

/**
 * The two emails about passwords, in plain text naming the username, with
 * links that start with PUBLIC_URL. The reset link carries its token in the
 * fragment: browsers never send a fragment to a server, so the token reaches
 * no access log and no Referer header.
 */
@Injectable()
export class AccountEmails {
  private readonly baseUrl: string;
  private readonly linkLifetime: string;

  constructor(
    config: ConfigService<Settings, true>,
    private readonly mailer: Mailer,
  ) {
    this.baseUrl = publicUrl({
      publicUrl: config.get('publicUrl', { infer: true }),
      host: config.get('host', { infer: true }),
      port: config.get('port', { infer: true }),
    });
    this.linkLifetime = duration(config.get('passwordResetTtlSeconds', { infer: true }));
  }

  resetLink(token: string): string {
    return `${this.baseUrl}${RESET_CONFIRM_PATH}#token=${token}`;
  }

  resetEmail(user: Recipient, token: string): Email {
    return {
      kind: 'password_reset',
      to: user.email,
      subject: RESET_SUBJECT,
      text: [
        `Hello ${user.username},`,
        '',
        `Someone asked to reset the password of the Lead Manager account "${user.username}". To choose a new password, open this link:`,
        '',
        this.resetLink(token),
        '',
        `The link works once, for ${this.linkLifetime}. If you did not ask for it, ignore this email: your password stays as it is.`,
        '',
      ].join('\n'),
    };
  }

  /** Tells the user their password changed (in the background); nothing for a user without an address. */
  sendPasswordChanged(user: Recipient): void {
    if (user.email === '') return;
    this.mailer.send({
      kind: 'password_changed',
      to: user.email,
      subject: CHANGED_SUBJECT,
      text: [
        `Hello ${user.username},`,
        '',
        `The password of the Lead Manager account "${user.username}" was changed at ${new Date().toISOString()}.`,
        '',
        `If you did not change it, reset it at once at ${this.baseUrl}${RESET_REQUEST_PATH} and tell your administrator.`,
        '',
      ].join('\n'),
    });
  }
}

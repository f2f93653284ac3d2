import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Settings } from '../config/settings.js';
import { Metrics } from '../metrics/metrics.service.js';
import type { Email } from './email.js';
import { Outbox } from './outbox.js';

/** A send is tried this many times in all, waiting these delays between tries. */
export const SEND_ATTEMPTS = 3;
const RETRY_DELAYS_MS = [500, 2000] as const;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A mail server that does not answer is given up on within these (nodemailer waits minutes by default). */
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as const;

/** An email as the console mailer writes it: one line, its line breaks as spaces. */
export function emailLine(from: string, email: Email): string {
  return `Email to ${email.to} from ${from}: "${email.subject}" ${email.text.replace(/\s*\n\s*/g, ' ').trim()}`;
}

/**
 * Sends email through nodemailer, built from EMAIL_URL: `console` writes
 * each email to the log as one line at info level (the embedded default
 * needs no mail server; that line is the only place a reset link appears);
 * smtp:// and smtps:// URLs send through that server. Nothing connects at
 * start-up, so a mail server that does not answer never stops the service
 * from starting. Each send is tried SEND_ATTEMPTS times, then logged as
 * failed; every outcome is counted in `lead_manager_emails_total`.
 */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly logger = new Logger('Mail');
  private readonly from: string;
  private readonly console: boolean;
  private readonly transport: Transporter;

  constructor(
    config: ConfigService<Settings, true>,
    private readonly metrics: Metrics,
    private readonly outbox: Outbox,
  ) {
    const url = config.get('emailUrl', { infer: true });
    this.from = config.get('emailFrom', { infer: true });
    this.console = url === 'console';
    // The console mailer still composes each message with nodemailer (addresses checked, headers built), then logs it.
    this.transport = this.console
      ? nodemailer.createTransport({ jsonTransport: true })
      : nodemailer.createTransport({ url, ...SMTP_TIMEOUTS });
  }

  /** Sends in the background (shutdown waits for it); the caller goes on at once. */
  send(email: Email): void {
    this.outbox.later(async () => {
      await this.deliver(email);
    });
  }

  /** Sends now, retrying; answers whether the email went out. Never throws. */
  async deliver(email: Email): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.transport.sendMail({ from: this.from, to: email.to, subject: email.subject, text: email.text });
        if (this.console) this.logger.log(emailLine(this.from, email));
        this.metrics.countEmail(email.kind, 'sent');
        return true;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        if (attempt >= SEND_ATTEMPTS) {
          this.logger.error(`Could not send "${email.subject}" to ${email.to} after ${attempt} attempts: ${reason}`);
          this.metrics.countEmail(email.kind, 'failed');
          return false;
        }
        this.logger.warn(`Sending "${email.subject}" to ${email.to} failed (attempt ${attempt} of ${SEND_ATTEMPTS}), retrying: ${reason}`);
        await pause(RETRY_DELAYS_MS[attempt - 1]);
      }
    }
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}

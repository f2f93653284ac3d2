/** The emails the service sends: the `kind` label of `lead_manager_emails_total`. */
export const EMAIL_KINDS = ['password_reset', 'password_changed'] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];

export const EMAIL_RESULTS = ['sent', 'failed'] as const;
export type EmailResult = (typeof EMAIL_RESULTS)[number];

/** One plain-text email to one address. */
export interface Email {
  kind: EmailKind;
  to: string;
  subject: string;
  text: string;
}

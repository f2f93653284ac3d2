/** Every sentence the client itself writes (the server's messages are shown as they come). */
export const Texts = {
  leadAdded: 'Lead Added',
  leadSaved: 'Lead Saved',
  leadDeleted: 'Lead Deleted',
  passwordsDoNotMatch: 'Passwords do not match',
  passwordChanged: 'Password changed',
  accountDeleted: 'Account deleted',
  sessionRevoked: 'Session revoked',
  otherSessionsEnded: 'Other sessions logged out',
  sessionEnded: 'Your session has ended. Please log in again.',
  unreachable: 'The server could not be reached. Check your connection and try again.',
  unexpectedAnswer: (status: number) => `The server answered with an unexpected error (HTTP ${status}).`,
} as const;

/** The forms of the client, and the label each server field has on them. */
export const FormLabels = {
  register: { username: 'Username', email: 'Email', password: 'Password', confirm: 'Confirm Password' },
  login: { username: 'Username', password: 'Password' },
  addLead: { name: 'Name', email: 'Email', message: 'Message' },
  editLead: { name: 'Name', email: 'Email', message: 'Message' },
  changePassword: { old_password: 'Current password', new_password: 'New password', confirm: 'Confirm new password' },
  deleteAccount: { password: 'Password to confirm' },
} as const;

export type FormName = keyof typeof FormLabels;

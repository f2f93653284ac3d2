import { type ApiException, fieldError } from '../common/errors/api.exception.js';
import { FieldMessages } from '../common/errors/messages.js';
import type { Dialect } from './dialect.js';

/** The unique indexes a client's input can run into, each with the field error DRF's validator gives for it. */
const CLIENT_UNIQUES = {
  UQ_users_username_key: { columns: ['username_key'], field: 'username', message: FieldMessages.usernameTaken },
  UQ_leads_owner_id_email: { columns: ['owner_id', 'email'], field: 'email', message: FieldMessages.leadEmailTaken },
} as const;

export type ClientUnique = keyof typeof CLIENT_UNIQUES;

/** The field error for a value that `index` already holds. */
export function alreadyExists(index: ClientUnique): ApiException {
  const { field, message } = CLIENT_UNIQUES[index];
  return fieldError(field, message);
}

/**
 * The field error for a write refused by one of those indexes (two requests
 * racing past a check), or null for any other failure.
 */
export function uniqueViolationError(error: unknown, dialect: Dialect): ApiException | null {
  const violation = dialect.uniqueViolation(error);
  if (!violation) return null;
  const index = (Object.keys(CLIENT_UNIQUES) as ClientUnique[]).find((name) =>
    violation.constraint !== undefined
      ? violation.constraint === name
      : CLIENT_UNIQUES[name].columns.length === violation.columns?.length &&
        CLIENT_UNIQUES[name].columns.every((column) => violation.columns?.includes(column)),
  );
  return index ? alreadyExists(index) : null;
}

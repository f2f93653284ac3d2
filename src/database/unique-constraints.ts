import { QueryFailedError } from 'typeorm';
import { type ApiException, fieldError } from '../common/errors/api.exception.js';
import { FieldMessages } from '../common/errors/messages.js';

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
 * racing past a check), or null for any other failure. SQLite names the
 * index's columns, PostgreSQL the constraint.
 */
export function uniqueViolationError(error: unknown): ApiException | null {
  if (!(error instanceof QueryFailedError)) return null;
  const driverError = error.driverError as { code?: string; constraint?: string; message?: string };
  if (driverError.code === '23505') {
    return driverError.constraint && driverError.constraint in CLIENT_UNIQUES
      ? alreadyExists(driverError.constraint as ClientUnique)
      : null;
  }
  if (driverError.code !== 'SQLITE_CONSTRAINT_UNIQUE') return null;
  const failed = /UNIQUE constraint failed: (.*)$/.exec(driverError.message ?? '')?.[1] ?? '';
  const failedColumns = failed.split(',').map((column) => column.trim().split('.').pop());
  const index = (Object.keys(CLIENT_UNIQUES) as ClientUnique[]).find(
    (name) =>
      CLIENT_UNIQUES[name].columns.length === failedColumns.length &&
      CLIENT_UNIQUES[name].columns.every((column) => failedColumns.includes(column)),
  );
  return index ? alreadyExists(index) : null;
}

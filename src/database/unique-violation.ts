import { QueryFailedError } from 'typeorm';

/**
 * True when a write failed on the unique index `indexName`: SQLite names the
 * index's columns, PostgreSQL the constraint.
 */
export function isUniqueViolation(error: unknown, indexName: string, columns: string[]): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string; message?: string };
  if (driverError.code === '23505') return driverError.constraint === indexName;
  if (driverError.code === 'SQLITE_CONSTRAINT_UNIQUE') {
    const failed = /UNIQUE constraint failed: (.*)$/.exec(driverError.message ?? '')?.[1] ?? '';
    const failedColumns = failed.split(',').map((column) => column.trim().split('.').pop());
    return failedColumns.length === columns.length && columns.every((column) => failedColumns.includes(column));
  }
  return false;
}

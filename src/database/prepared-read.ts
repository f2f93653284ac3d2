import type { DataSource } from 'typeorm';

type Parameter = string | number;

/** Runs a prepared read with its positional parameters. */
export type PreparedRead<Row> = (...parameters: Parameter[]) => Promise<Row[]>;

interface SqliteConnection {
  prepare(sql: string): { all(...parameters: Parameter[]): unknown[] };
}

/**
 * A hot-path read, written once as SQL. `build` receives the driver's
 * positional placeholders (`?` on SQLite, `$1` on PostgreSQL).
 *
 * On SQLite the statement is prepared once on TypeORM's own connection
 * (`driver.databaseConnection`) and run directly: measured, TypeORM's query
 * building, hydration and query-runner plumbing (events, logging, several
 * awaits) cost more than the query itself. Like every read on that shared
 * connection, it sees the writes of a transaction DbWriter has open at that
 * moment; only registration opens one, and nothing reads a user's leads or
 * tokens before that user exists. On PostgreSQL the network round trip
 * dominates, so the query goes through the DataSource as usual.
 */
export function prepareRead<Row>(
  dataSource: DataSource,
  parameterCount: number,
  build: (...placeholders: string[]) => string,
): PreparedRead<Row> {
  const placeholders = Array.from({ length: parameterCount }, (_, index) =>
    dataSource.driver.createParameter(`p${index}`, index),
  );
  const sql = build(...placeholders);
  const connection = (dataSource.driver as { databaseConnection?: SqliteConnection }).databaseConnection;
  if (dataSource.options.type === 'better-sqlite3' && typeof connection?.prepare === 'function') {
    const statement = connection.prepare(sql);
    return async (...parameters) => statement.all(...parameters) as Row[];
  }
  return (...parameters) => dataSource.query(sql, parameters);
}

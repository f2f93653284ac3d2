import type { DataSource } from 'typeorm';

export type Parameter = string | number;

/** Runs a prepared read with its positional parameters. */
export type PreparedRead<Row> = (...parameters: Parameter[]) => Promise<Row[]>;

interface SqliteConnection {
  prepare(sql: string): { all(...parameters: Parameter[]): unknown[] };
}

/**
 * A hot-path read, written once as SQL. `build` receives the driver's
 * positional placeholders (`?` on SQLite, `$1` on PostgreSQL).
 *
 * On SQLite the statement is prepared once on TypeORM's own connection and run
 * directly: measured, TypeORM's query building, hydration and query-runner
 * plumbing (events, logging, several awaits) cost more than the query itself.
 * On PostgreSQL the network round trip dominates, so it goes through the
 * DataSource as usual.
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
  if (dataSource.options.type === 'better-sqlite3') {
    const statement = (dataSource.driver as unknown as { databaseConnection: SqliteConnection }).databaseConnection.prepare(sql);
    return async (...parameters) => statement.all(...parameters) as Row[];
  }
  return (...parameters) => dataSource.query(sql, parameters);
}

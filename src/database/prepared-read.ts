import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';

type Parameter = string | number;

/** Runs a prepared read with its positional parameters. */
export type PreparedRead<Row> = (...parameters: Parameter[]) => Promise<Row[]>;

/** The driver's first `count` positional placeholders: `?` on SQLite, `$1`, `$2`, … on PostgreSQL. */
export const placeholders = (dataSource: DataSource, count: number): string[] =>
  Array.from({ length: count }, (_, index) => dataSource.driver.createParameter(`p${index}`, index));

/**
 * Hot-path reads, each written once as SQL and prepared once, run beside
 * TypeORM rather than through it: measured, its query building, hydration and
 * query-runner plumbing cost more than the query itself.
 *
 * They never see a transaction still open, nor wait for one. On SQLite they
 * run on a query-only connection of their own to the same file: in WAL mode a
 * reader sees the last commit and never waits for the writer, while TypeORM's
 * one connection would show them the writes of a transaction DbWriter holds
 * open (a password change, a deletion that may yet roll back). An in-memory
 * database cannot be opened twice, so there (unit tests) they share TypeORM's
 * connection. On PostgreSQL they are named prepared statements on the pool
 * TypeORM's driver holds: parsed and planned once per connection, and always
 * on a connection no transaction holds.
 */
@Injectable()
export class PreparedReads implements OnApplicationShutdown {
  private sqlite: Database.Database | null = null;

  constructor(private readonly dataSource: DataSource) {}

  /** `build` receives the driver's `placeholders`. */
  prepare<Row>(parameterCount: number, build: (...placeholders: string[]) => string): PreparedRead<Row> {
    const text = build(...placeholders(this.dataSource, parameterCount));
    if (this.dataSource.options.type === 'postgres') {
      const pool = (this.dataSource.driver as unknown as { master: Pool }).master;
      const name = `read_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
      return async (...values) => (await pool.query({ name, text, values })).rows as Row[];
    }
    // Rows come as arrays and become objects here: measured, building them in
    // JavaScript costs a third less than better-sqlite3 building them in C++.
    const statement = this.sqliteConnection().prepare<Parameter[], unknown[]>(text).raw(true);
    const columns = statement.columns().map((column) => column.name);
    const toRow = (values: unknown[]): Row => {
      const row: Record<string, unknown> = {};
      for (let index = 0; index < columns.length; index++) row[columns[index]] = values[index];
      return row as Row;
    };
    return async (...parameters) => statement.all(...parameters).map(toRow);
  }

  onApplicationShutdown(): void {
    this.sqlite?.close();
    this.sqlite = null;
  }

  private sqliteConnection(): Database.Database {
    const shared = (this.dataSource.driver as unknown as { databaseConnection: Database.Database }).databaseConnection;
    if (shared.memory) return shared;
    if (!this.sqlite) {
      this.sqlite = new Database(shared.name, { fileMustExist: true });
      this.sqlite.pragma('query_only = ON');
    }
    return this.sqlite;
  }
}

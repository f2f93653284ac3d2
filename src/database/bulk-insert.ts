import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/** Bound values per statement: well under SQLite's limit (32,766) and PostgreSQL's (65,535). */
const MAX_VALUES_PER_STATEMENT = 10_000;

/**
 * Inserts many rows of one entity with one multi-row INSERT per few hundred
 * rows, written out through TypeORM's own metadata (column names) and driver
 * (quoting, parameter style). TypeORM's query builder says the same, but
 * spends more time binding thousands of parameters than the database spends
 * storing the rows (measured: most of an import's time). Every row has the
 * properties of the first. Answers the `returning` columns of the new rows
 * (under their property names), in no particular order.
 */
export async function insertRows<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: Partial<T>[],
  returning: (keyof T & string)[] = [],
): Promise<Partial<T>[]> {
  if (rows.length === 0) return [];
  const { driver } = manager.connection;
  const metadata = manager.connection.getMetadata(target);
  const column = (property: string) => driver.escape(metadata.findColumnWithPropertyName(property)!.databaseName);
  const properties = Object.keys(rows[0]);
  const head = `INSERT INTO ${driver.escape(metadata.tableName)} (${properties.map(column).join(', ')}) VALUES `;
  const tail =
    returning.length > 0 ? ` RETURNING ${returning.map((property) => `${column(property)} AS ${driver.escape(property)}`).join(', ')}` : '';
  const perStatement = Math.max(1, Math.floor(MAX_VALUES_PER_STATEMENT / properties.length));
  const answered: Partial<T>[] = [];
  for (let start = 0; start < rows.length; start += perStatement) {
    const values: unknown[] = [];
    const tuples = rows.slice(start, start + perStatement).map((row) => {
      const placeholders = properties.map((property) => {
        values.push((row as Record<string, unknown>)[property]);
        return driver.createParameter(`p${values.length}`, values.length - 1);
      });
      return `(${placeholders.join(', ')})`;
    });
    const result: unknown = await manager.query(`${head}${tuples.join(', ')}${tail}`, values);
    if (returning.length > 0) answered.push(...(result as Partial<T>[]));
  }
  return answered;
}

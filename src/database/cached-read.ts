import type { EntityMetadata, ObjectLiteral, SelectQueryBuilder } from 'typeorm';

type Parameter = string | number | boolean;

/** Runs the cached read with these parameter values. */
export type CachedRead<Parameters extends Record<string, Parameter>, Row> = (parameters: Parameters) => Promise<Row[]>;

/**
 * A read written once with TypeORM's query builder and run as that same
 * statement on every call. Building the SQL costs more than running it on a
 * request that reads a token and a page of leads (measured: the query
 * builder's work per call is about what the query itself takes), so it is
 * built here, once; on SQLite the driver also keeps it prepared (its
 * statement cache). The query's named parameters are listed in `names`; each
 * call passes their values.
 */
export function cacheRead<Parameters extends Record<string, Parameter>, Row>(
  query: SelectQueryBuilder<ObjectLiteral>,
  names: readonly (keyof Parameters & string)[],
): CachedRead<Parameters, Row> {
  // Each parameter gets a value no real one can equal, so that its place in the driver's list can be found.
  const markers = new Map(names.map((name) => [`\u0000${name}`, name]));
  const [sql, values] = query
    .setParameters(Object.fromEntries([...markers].map(([marker, name]) => [name, marker])))
    .getQueryAndParameters();
  const order = values.map((value) => {
    const name = markers.get(String(value));
    if (name === undefined) throw new Error(`cacheRead: the query has a parameter not named in its list (${String(value)})`);
    return name;
  });
  const manager = query.connection.manager;
  return (parameters) =>
    manager.query<Row[]>(
      sql,
      order.map((name) => parameters[name]),
    );
}

/** Selects every column of the entity under its property name, so that raw rows have the entity's shape. */
export function selectEntityColumns<Entity extends ObjectLiteral>(
  query: SelectQueryBuilder<Entity>,
  metadata: EntityMetadata,
): SelectQueryBuilder<Entity> {
  const [first, ...rest] = metadata.columns.map((column) => column.propertyPath);
  return rest.reduce(
    (selection, property) => selection.addSelect(`${query.alias}.${property}`, property),
    query.select(`${query.alias}.${first}`, first),
  );
}

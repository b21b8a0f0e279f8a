/**
 * Extensions whose SQL functions find their own types and functions on the
 * session's search_path. earthdistance (1.1, what PostgreSQL 15 ships) is one:
 * `ll_to_earth`'s body is `SELECT cube(cube(cube(earth()*…)))::earth`, names
 * unqualified, resolved when the planner inlines it. Under pg_dump's empty
 * path (a pg_dump file, or a live database's schema, which datagen reads as
 * pg_dump writes it) a generated column, CHECK or index calling it fails
 * (`type "earth" does not exist`), at CREATE TABLE, COPY or CREATE INDEX: as
 * pg_dump's own output of such a database does. The statements after such an
 * extension is created therefore run with its schema (and those of the
 * extensions its body calls) on the path instead of the empty one: every
 * name in them is qualified, so nothing else resolves differently.
 */

/** By extension: the extensions whose schemas its SQL functions' bodies need on the path (its own first). */
const PATH_DEPENDENT: Readonly<Record<string, readonly string[]>> = {
  earthdistance: ['earthdistance', 'cube'],
};

/**
 * The path a statement is written with: `path` as read, except that an empty
 * one (only `''`) becomes the schemas of the path-dependent extensions created
 * so far. A `SET search_path` keeps what it sets.
 */
export function statementSearchPath(
  path: readonly string[],
  desc: string,
  extensions: readonly { name: string; schema: string }[],
): readonly string[] {
  if (desc === 'SET' || path.some((p) => p !== '')) return path;
  const schemas: string[] = [];
  for (const e of extensions) {
    for (const needed of PATH_DEPENDENT[e.name] ?? []) {
      const schema = extensions.find((x) => x.name === needed)?.schema;
      if (schema !== undefined && !schemas.includes(schema)) schemas.push(schema);
    }
  }
  return schemas.length === 0 ? path : schemas;
}

/**
 * Whether the schema has an extension of this kind: its tables' rows are then
 * loaded with their CREATE TABLE's path too (an archive's TABLE DATA entry
 * sets it before its COPY), since a generated column or CHECK calling such a
 * function is planned as each COPY starts.
 */
export function hasPathDependentExtension(extensions: readonly string[]): boolean {
  return extensions.some((e) => PATH_DEPENDENT[e] !== undefined);
}

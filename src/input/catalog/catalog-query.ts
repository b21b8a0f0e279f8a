/**
 * What the catalog reader asks of a connection: one query at a time, each a
 * constant text (every name in the DDL it writes is quoted by the server,
 * with format('%I') / quote_ident, never spliced in by datagen).
 */

/** A connected client: the `pg` Client the run holds, or any with its query(). */
export interface CatalogClient {
  query(text: string): Promise<{ rows: readonly Record<string, unknown>[] }>;
}

/** One piece of DDL the catalog gave, with its object's oid (creation order) where the order between pieces matters. */
export interface CatalogStatement {
  readonly oid: number;
  readonly sql: string;
  /** The object's schema and name, where the query gives them (pg_dump's sort keys). */
  readonly schema?: string;
  readonly name?: string;
  /** Its GRANT/REVOKE commands, written in the ACL pass after everything (annotations.ts). */
  readonly acl?: string;
}

/** What the reader knows of the server: its version (server_version_num, 120000 for 12.0). */
export interface CatalogContext {
  readonly client: CatalogClient;
  readonly version: number;
}

/** The rows of a query, as strings (the pg client's text values). */
export async function catalogRows(context: CatalogContext, text: string): Promise<Record<string, string>[]> {
  const result = await context.client.query(text);
  return result.rows as Record<string, string>[];
}

/** The DDL statements a query returns in its `sql` column (and `oid`, when it has one), in its order. */
export async function catalogStatements(context: CatalogContext, text: string): Promise<CatalogStatement[]> {
  return (await catalogRows(context, text)).map((r) => ({
    oid: Number(r.oid ?? 0),
    sql: String(r.sql),
    ...(r.schema === undefined ? {} : { schema: String(r.schema), name: String(r.name) }),
    ...(r.acl === undefined || r.acl === null ? {} : { acl: String(r.acl) }),
  }));
}

/** A user schema (namespace alias `n`): not PostgreSQL's own, not a temporary or TOAST one. */
export const USER_NAMESPACE = `n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'`;

/** The object (`alias`.oid, of catalog `catalog`) is no extension's member: CREATE EXTENSION makes it. */
export function notInExtension(catalog: string, alias: string): string {
  return `NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.${catalog}'::pg_catalog.regclass
    AND d.objid = ${alias}.oid AND d.deptype = 'e')`;
}

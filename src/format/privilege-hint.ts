/**
 * A load refused for want of a privilege on something the tables only use
 * (SQLSTATE 42501 on a schema, type or function, not on the tables): the
 * object named, with what uses it and the GRANT that fixes it. The common
 * case is an extension installed in a schema of its own (`CREATE EXTENSION
 * citext SCHEMA extensions`) that the loading role has no USAGE on: COPY
 * takes the type's values, but a key's or foreign key's check looks its
 * operators up there (`permission denied for schema extensions`).
 */
import type pg from 'pg';
import { DatagenError } from '../errors.js';
import { quoteIdent } from '../schema/quote.js';
import { NO_PRIVILEGE_REMEDY } from './connection-failure.js';

const DENIED = /permission denied for (schema|type|function|sequence) (.+)$/;

/**
 * The columns (up to 5, and how many more) whose types live in `schema`,
 * and the extensions installed there; null for a schema holding tables of
 * the users' own (the tables' schema: the usual remedy says it).
 */
async function schemaUsers(client: pg.Client, schema: string): Promise<string | null> {
  const { rows } = await client.query<{
    tables: boolean;
    extensions: string | null;
    columns: string[] | null;
    types: string | null;
  }>(
    `SELECT EXISTS (SELECT FROM pg_catalog.pg_class c WHERE c.relnamespace = n.oid AND c.relkind IN ('r', 'p')
                      AND NOT EXISTS (SELECT FROM pg_catalog.pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e'
                                        AND d.classid = 'pg_catalog.pg_class'::regclass)) AS tables,
            (SELECT string_agg(e.extname, ', ' ORDER BY e.extname) FROM pg_catalog.pg_extension e
              WHERE e.extnamespace = n.oid) AS extensions,
            (SELECT array_agg(format('%s.%s.%s', cn.nspname, c.relname, a.attname) ORDER BY 1)
               FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
               JOIN pg_catalog.pg_namespace cn ON cn.oid = c.relnamespace
               JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
              WHERE t.typnamespace = n.oid AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped) AS columns,
            (SELECT string_agg(DISTINCT pg_catalog.format_type(a.atttypid, NULL), ', ')
               FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
               JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
              WHERE t.typnamespace = n.oid AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped) AS types
       FROM pg_catalog.pg_namespace n WHERE n.nspname = $1`,
    [schema],
  );
  const row = rows[0];
  if (row === undefined || row.tables) return null;
  const columns = row.columns ?? [];
  const shown =
    columns.slice(0, 5).join(', ') + (columns.length > 5 ? ` (and ${columns.length - 5} more)` : '');
  return [
    row.extensions === null ? '' : ` (the schema of extension ${row.extensions})`,
    columns.length === 0
      ? ''
      : `: the columns ${shown} have its types (${row.types}), whose operators the keys and foreign keys look up there`,
  ].join('');
}

/** The object's words and its GRANT for the role `me`, or null when the failure is not on a schema, type, function or sequence. */
async function hint(client: pg.Client, message: string): Promise<string | null> {
  const m = DENIED.exec(message);
  if (m === null) return null;
  const [, kind, name] = m as unknown as [string, string, string];
  const me = (await client.query<{ me: string }>('SELECT current_user AS me')).rows[0]?.me ?? '';
  if (kind === 'schema') {
    // With USAGE there, what it lacks is CREATE: the DDL's tables made in a schema it may only use.
    const { rows } = await client.query<{ usage: boolean }>(
      "SELECT pg_catalog.has_schema_privilege($1, 'USAGE') AS usage",
      [name],
    );
    if (rows[0]?.usage)
      return `: creating the schema's objects needs CREATE on it: GRANT CREATE ON SCHEMA ${quoteIdent(name)} TO ${quoteIdent(me)} (run by the schema's owner or a superuser), or load into a database whose schema this user owns`;
    const users = await schemaUsers(client, name);
    return users === null
      ? null
      : `${users}: GRANT USAGE ON SCHEMA ${quoteIdent(name)} TO ${quoteIdent(me)} (run by the schema's owner or a superuser)`;
  }
  if (kind === 'sequence') {
    const { rows } = await client.query<{ object: string }>(
      `SELECT c.oid::regclass::text AS object FROM pg_catalog.pg_class c
        WHERE c.relkind = 'S' AND c.relname = $1 AND NOT pg_catalog.has_sequence_privilege(c.oid, 'UPDATE') LIMIT 1`,
      [name],
    );
    const object = rows[0]?.object ?? quoteIdent(name);
    return `: the tables' defaults take values from sequence ${object}, which the load sets past the rows' keys (setval needs UPDATE, nextval USAGE): GRANT USAGE, UPDATE ON SEQUENCE ${object} TO ${quoteIdent(me)} (run by its owner or a superuser)`;
  }
  const found = await client.query<{ object: string }>(
    kind === 'type'
      ? `SELECT pg_catalog.format_type(t.oid, NULL) AS object FROM pg_catalog.pg_type t
          WHERE t.typname = $1 AND NOT pg_catalog.has_type_privilege(t.oid, 'USAGE') LIMIT 1`
      : `SELECT p.oid::regprocedure::text AS object FROM pg_catalog.pg_proc p
          WHERE p.proname = $1 AND NOT pg_catalog.has_function_privilege(p.oid, 'EXECUTE') LIMIT 1`,
    [name],
  );
  const object = found.rows[0]?.object ?? name;
  return kind === 'type'
    ? `: the tables use type ${object}: GRANT USAGE ON TYPE ${object} TO ${quoteIdent(me)} (run by its owner or a superuser)`
    : `: the tables' checks, defaults or triggers call ${object}: GRANT EXECUTE ON FUNCTION ${object} TO ${quoteIdent(me)} (run by its owner or a superuser)`;
}

/**
 * The load's error with the object it lacks a privilege on named, and the
 * GRANT (over `client`, the run's session, its transaction ended); the error
 * as it was otherwise, or when the session cannot tell.
 */
export async function withPrivilegeHint(client: pg.Client, error: DatagenError): Promise<DatagenError> {
  const server = error.cause as { code?: string; message?: string } | undefined;
  if (server?.code !== '42501' || server.message === undefined) return error;
  let words: string | null;
  try {
    words = await hint(client, server.message);
  } catch {
    return error;
  }
  if (words === null) return error;
  const message = error.message.includes(`${server.message}: ${NO_PRIVILEGE_REMEDY}`)
    ? error.message.replace(`${server.message}: ${NO_PRIVILEGE_REMEDY}`, `${server.message}${words}`)
    : `${error.message}${words}`;
  return new DatagenError(error.code, message, error.data, { cause: server, exitCode: 1 });
}

/**
 * What a schema creation made in a database, found by the catalog itself
 * (the objects there after it less those there before), and the DROP
 * statements that take it away again: the undo of a `-j` creation, whose
 * pre-data DDL commits before the rows (the other connections must see its
 * tables) and so cannot be rolled back.
 *
 * An object is a row of a catalog that DROP takes (schemas, extensions,
 * relations, types, routines, operators, casts, ...); members of an
 * extension go with it, indexes, constraints, triggers and policies with
 * their tables, array and row types with their types and tables. Objects
 * the DDL only altered (a comment on the public schema) are not undone.
 */
import { spawnSync } from 'node:child_process';
import type pg from 'pg';
import { type ConnectionOptions, libpqArguments, resolveConnection } from '../input/connection.js';
import { quoteLiteral } from '../schema/quote.js';

/** Every droppable object made by users (oid past initdb's), as `classid:objid`. */
const OBJECTS = `
  SELECT o.classid, o.objid, o.classid::text || ':' || o.objid::text AS key FROM (
    SELECT 'pg_catalog.pg_namespace'::regclass AS classid, oid AS objid FROM pg_catalog.pg_namespace
    UNION ALL SELECT 'pg_catalog.pg_extension'::regclass, oid FROM pg_catalog.pg_extension
    UNION ALL SELECT 'pg_catalog.pg_class'::regclass, oid FROM pg_catalog.pg_class
      WHERE relkind IN ('r', 'p', 'v', 'm', 'S', 'f', 'c')
    UNION ALL SELECT 'pg_catalog.pg_type'::regclass, t.oid FROM pg_catalog.pg_type t
      WHERE t.typrelid = 0 AND t.typtype <> 'm'
        AND NOT EXISTS (SELECT FROM pg_catalog.pg_type e WHERE e.typarray = t.oid)
    UNION ALL SELECT 'pg_catalog.pg_proc'::regclass, oid FROM pg_catalog.pg_proc
    UNION ALL SELECT 'pg_catalog.pg_operator'::regclass, oid FROM pg_catalog.pg_operator
    UNION ALL SELECT 'pg_catalog.pg_opfamily'::regclass, oid FROM pg_catalog.pg_opfamily
    UNION ALL SELECT 'pg_catalog.pg_opclass'::regclass, oid FROM pg_catalog.pg_opclass
    UNION ALL SELECT 'pg_catalog.pg_cast'::regclass, oid FROM pg_catalog.pg_cast
    UNION ALL SELECT 'pg_catalog.pg_collation'::regclass, oid FROM pg_catalog.pg_collation
    UNION ALL SELECT 'pg_catalog.pg_conversion'::regclass, oid FROM pg_catalog.pg_conversion
    UNION ALL SELECT 'pg_catalog.pg_ts_config'::regclass, oid FROM pg_catalog.pg_ts_config
    UNION ALL SELECT 'pg_catalog.pg_ts_dict'::regclass, oid FROM pg_catalog.pg_ts_dict
    UNION ALL SELECT 'pg_catalog.pg_language'::regclass, oid FROM pg_catalog.pg_language
    UNION ALL SELECT 'pg_catalog.pg_event_trigger'::regclass, oid FROM pg_catalog.pg_event_trigger
    UNION ALL SELECT 'pg_catalog.pg_publication'::regclass, oid FROM pg_catalog.pg_publication
    UNION ALL SELECT 'pg_catalog.pg_foreign_data_wrapper'::regclass, oid FROM pg_catalog.pg_foreign_data_wrapper
    UNION ALL SELECT 'pg_catalog.pg_foreign_server'::regclass, oid FROM pg_catalog.pg_foreign_server
    UNION ALL SELECT 'pg_catalog.pg_statistic_ext'::regclass, oid FROM pg_catalog.pg_statistic_ext
  ) o WHERE o.objid >= 16384`;

/** The objects there now (their keys), before a creation. */
export async function objectsBefore(client: pg.Client): Promise<string[]> {
  return (await client.query<{ key: string }>(OBJECTS)).rows.map((r) => r.key);
}

/** What a creation left: the statements that drop it, and its tables' oids (whose locks a cleanup waits on). */
export interface CreatedObjects {
  readonly drops: readonly string[];
  readonly tables: readonly string[];
}

/** Event triggers first (they would fire on the drops), extensions last (tables may use their types). */
const DROP_ORDER =
  "CASE i.type WHEN 'event trigger' THEN 0 WHEN 'schema' THEN 1 WHEN 'extension' THEN 3 ELSE 2 END, o.objid";

/**
 * The objects made since `before` (an array expression of the keys there
 * then; not an extension's members), each as its DROP ... IF EXISTS ...
 * CASCADE statement (pg_identify_object's type in DROP's words) in
 * DROP_ORDER (`n`), and the table's oid for a relation.
 */
function dropsSince(before: string): string {
  return `SELECT 'DROP ' || CASE i.type WHEN 'composite type' THEN 'TYPE'
                                  WHEN 'foreign-data wrapper' THEN 'FOREIGN DATA WRAPPER'
                                  WHEN 'statistics object' THEN 'STATISTICS'
                                  ELSE pg_catalog.upper(i.type) END
            || ' IF EXISTS ' || i.identity || ' CASCADE' AS drop,
          CASE WHEN o.classid = 'pg_catalog.pg_class'::regclass THEN o.objid::text END AS table,
          pg_catalog.row_number() OVER (ORDER BY ${DROP_ORDER}) AS n
     FROM (${OBJECTS}) o, LATERAL pg_catalog.pg_identify_object(o.classid, o.objid, 0) i
    WHERE o.key <> ALL (${before}) AND i.identity IS NOT NULL
      AND NOT EXISTS (SELECT FROM pg_catalog.pg_depend d
                       WHERE d.classid = o.classid AND d.objid = o.objid AND d.deptype = 'e')
    ORDER BY ${DROP_ORDER}`;
}

/** The objects made since `before`, as DROP ... IF EXISTS ... CASCADE statements. */
export async function createdSince(client: pg.Client, before: readonly string[]): Promise<CreatedObjects> {
  const { rows } = await client.query<{ drop: string; table: string | null }>(dropsSince('$1::text[]'), [
    before,
  ]);
  return {
    drops: rows.map((r) => r.drop),
    tables: rows.flatMap((r) => (r.table === null ? [] : [r.table])),
  };
}

/** The drops as one transaction's text. */
export function dropScript(created: CreatedObjects): string {
  return ['BEGIN;', ...created.drops.map((d) => `${d};`), 'COMMIT;'].join('\n');
}

/** Drop what a creation made, in one transaction (so a failure leaves it whole, to drop again). */
export async function dropCreated(client: pg.Client, created: CreatedObjects): Promise<void> {
  await client.query('BEGIN');
  try {
    for (const drop of created.drops) await client.query(drop);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * The same undo from a signal handler (synchronous: the process is ending),
 * through psql, what was made listed there and then (objects the post-data
 * made too, as the failure path lists them again): the backends still
 * holding the created tables (the load's own connections, mid-COPY or
 * mid-index) are ended first, so their locks go, then the drops run in one
 * transaction (psql's \gexec). Returns whether psql did it.
 */
export function dropCreatedSync(connection: ConnectionOptions, before: readonly string[]): boolean {
  const since = dropsSince(`ARRAY[${before.map(quoteLiteral).join(', ')}]::text[]`);
  return psqlSync(connection, [
    "SET lock_timeout = '30s';",
    `SELECT count(pg_catalog.pg_terminate_backend(l.pid)) FROM (SELECT DISTINCT pid FROM pg_catalog.pg_locks
      WHERE relation IN (SELECT s.table::oid FROM (${since}) s WHERE s.table IS NOT NULL)
        AND pid <> pg_catalog.pg_backend_pid()) l;`,
    'BEGIN;',
    `SELECT s.drop FROM (${since}) s ORDER BY s.n \\gexec`,
    'COMMIT;',
  ]);
}

/** A script run through psql from a signal handler (synchronous), stopping at its first error; whether it all ran. */
export function psqlSync(connection: ConnectionOptions, script: readonly string[]): boolean {
  const password = resolveConnection(connection).password;
  const run = spawnSync(
    'psql',
    [...libpqArguments(connection), '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-f', '-'],
    {
      input: script.join('\n'),
      env: { ...process.env, ...(password === undefined ? {} : { PGPASSWORD: password }) },
      stdio: ['pipe', 'ignore', 'ignore'],
      timeout: 60_000,
    },
  );
  return run.status === 0;
}

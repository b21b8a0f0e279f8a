/**
 * A direct load without --disable-triggers: the user triggers on the
 * loaded tables fire, as they would for an application's inserts (BEFORE
 * triggers that normalise values, AFTER triggers that write audit rows or
 * keep counters, an inheritance parent's trigger that routes rows into its
 * children). What can go wrong then is the triggers' doing, and the error
 * says so: the trigger that failed (its function is in the server's error
 * context), or the trigger that wrote or changed the rows a constraint
 * refused (its function's body names the table it writes; a BEFORE ROW
 * trigger changes the rows of its own table), and the way out:
 * --disable-triggers.
 */
import type pg from 'pg';
import { displayName } from '../schema/names.js';
import { readServerVersion } from './server-version.js';

/** An enabled user trigger of the database (it fires in a session with the default replication role). */
export interface LoadTrigger {
  /** Its table, quoted and qualified. */
  readonly table: string;
  readonly schemaName: string;
  readonly tableName: string;
  /** The partitioned table at the top of its table's partition tree, else its table (schema, name). */
  readonly rootSchema: string;
  readonly rootName: string;
  readonly name: string;
  /** Its function as regprocedure prints it (`audit_row()`). */
  readonly function: string;
  readonly functionName: string;
  /** BEFORE ... FOR EACH ROW on INSERT: it can change or skip the rows COPY sends. */
  readonly beforeInsertRow: boolean;
  /** A partition's copy of its partitioned table's trigger. */
  readonly cloned: boolean;
  /** The function's source text (plpgsql, sql: what it writes). */
  readonly body: string;
}

/**
 * How a partition's copy of its partitioned table's trigger is told apart on
 * a server of this version (server_version_num): PostgreSQL 15 and later make
 * the copies user triggers with `tgparentid`; 13 and 14 also set `tgparentid`
 * but mark the copies internal; 12 has no `tgparentid` (its copies are
 * internal, bound to their parent trigger by a pg_depend row of type 'P').
 */
function clonedFrom(version: number): string {
  if (version >= 130000) return 't.tgparentid';
  return `(SELECT d.refobjid FROM pg_catalog.pg_depend d
            WHERE d.classid = 'pg_catalog.pg_trigger'::pg_catalog.regclass AND d.objid = t.oid
              AND d.refclassid = 'pg_catalog.pg_trigger'::pg_catalog.regclass AND d.deptype = 'P' LIMIT 1)`;
}

/**
 * The query of every enabled user trigger, with the partitions' copies of a
 * user trigger (internal ones before PostgreSQL 15), for a server of this
 * version (server_version_num, 120000 for 12.0).
 */
export function loadTriggersQuery(version: number): string {
  const parent = clonedFrom(version);
  const cloned = `coalesce(${parent}, 0) <> 0`;
  const user =
    version >= 150000
      ? 'NOT t.tgisinternal'
      : `(NOT t.tgisinternal OR EXISTS (SELECT FROM pg_catalog.pg_trigger pt WHERE pt.oid = ${parent} AND NOT pt.tgisinternal))`;
  return `SELECT format('%I.%I', n.nspname, c.relname) AS "table", n.nspname AS "schemaName", c.relname AS "tableName",
              rn.nspname AS "rootSchema", r.relname AS "rootName", t.tgname AS name,
              p.oid::regprocedure::text AS "function", p.proname AS "functionName",
              (t.tgtype & 7) = 7 AS "beforeInsertRow", ${cloned} AS cloned, coalesce(p.prosrc, '') AS body
         FROM pg_trigger t
         JOIN pg_class c ON c.oid = t.tgrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
         JOIN pg_proc p ON p.oid = t.tgfoid
         JOIN pg_class r ON r.oid = coalesce(pg_partition_root(t.tgrelid), t.tgrelid)
         JOIN pg_namespace rn ON rn.oid = r.relnamespace
        WHERE ${user} AND t.tgenabled IN ('O', 'A')
        ORDER BY 1, t.tgname`;
}

/** Every enabled user trigger of the database (on tables the load fills or not: a routing trigger's children). */
export async function readLoadTriggers(client: pg.Client): Promise<LoadTrigger[]> {
  return (await client.query<LoadTrigger>(loadTriggersQuery(await readServerVersion(client)))).rows;
}

/** A table by its schema and name, as the server names them (unquoted). */
export interface TableName {
  readonly schema: string;
  readonly name: string;
}

const sameTable = (a: TableName, b: TableName): boolean => a.schema === b.schema && a.name === b.name;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A plain word's letters matched in either case (SQL's keywords and unquoted names; no regex escapes in it). */
function anyCase(pattern: string): string {
  return pattern.replace(/[a-z]/g, (c) => `[${c}${c.toUpperCase()}]`);
}

/** An identifier as SQL text may spell it: quoted exactly, or bare (any case, when it is lower case). */
function identifierPattern(name: string): string {
  const quoted = `"${escapeRegExp(name.replace(/"/g, '""'))}"`;
  return name === name.toLowerCase() && /^[a-z_][a-z0-9_$]*$/.test(name)
    ? `(?:${quoted}|${anyCase(escapeRegExp(name))}(?![\\w$]))`
    : quoted;
}

/** Whether a trigger function's body writes the table (INSERT INTO / UPDATE / DELETE FROM / MERGE INTO it). */
export function bodyWrites(body: string, table: TableName): boolean {
  const schema = `(?:${identifierPattern(table.schema)}\\s*\\.\\s*)?`;
  const words = (text: string) => text.split(' ').map(anyCase).join('\\s+');
  const verbs = `(?:${['insert into', 'update', 'delete from', 'merge into'].map(words).join('|')})\\s+(?:${anyCase('only')}\\s+)?`;
  const pattern = new RegExp(`${verbs}${schema}${identifierPattern(table.name)}`);
  return pattern.test(body.replace(/--[^\n]*/g, ' '));
}

/** The functions named in a server error's context (`PL/pgSQL function audit_row() line 3 at SQL statement`), innermost first. */
function contextFunctions(where: string | undefined): string[] {
  if (!where) return [];
  // `PL/pgSQL function public.audit_row() line 3`, `SQL function "audit_row" statement 1`.
  return [...where.matchAll(/function ("(?:[^"]|"")+"|[^\s("]+)/g)].map((m) => {
    const name = (m[1] ?? '').split('.').at(-1) ?? '';
    return name.startsWith('"') ? name.slice(1, -1).replace(/""/g, '"') : name;
  });
}

const describe = (t: LoadTrigger): string => `trigger ${t.name} on ${t.table} (function ${t.function})`;

function listed(triggers: readonly LoadTrigger[]): string {
  const shown = triggers.slice(0, 3).map(describe).join(', ');
  return triggers.length > 3 ? `${shown} and ${triggers.length - 3} more` : shown;
}

export interface TriggerContext {
  readonly triggers: readonly LoadTrigger[];
  /** The tables loaded so far, the one being loaded last (their triggers fired). */
  readonly loaded: TableName[];
  /** The tables the load fills. */
  readonly filling: readonly TableName[];
  /** What the failure left of the load (`nothing was loaded`). */
  readonly kept: string;
  /** A row's key as COPY sent it (`(id)=(11)`), by its table and COPY line (1 is the first row); undefined when unknown. */
  readonly keyOf?: (table: TableName, line: number) => string | undefined;
}

interface ServerError {
  readonly message?: string;
  readonly code?: string;
  readonly detail?: string;
  readonly hint?: string;
  readonly where?: string;
  readonly schema?: string;
  readonly table?: string;
}

/** The triggers on a loaded table or on a partition under it. */
export function firedOn(context: TriggerContext, tables: readonly TableName[]): LoadTrigger[] {
  return context.triggers.filter((t) =>
    tables.some(
      (l) =>
        sameTable(l, { schema: t.schemaName, name: t.tableName }) ||
        sameTable(l, { schema: t.rootSchema, name: t.rootName }),
    ),
  );
}

/** Who may have caused a server error: the trigger that failed, or the triggers that wrote or changed the rows. */
function culprit(error: ServerError, context: TriggerContext): string | undefined {
  const fired = firedOn(context, context.loaded);
  const current = context.loaded.at(-1);
  const refused = error.table === undefined ? undefined : { schema: error.schema ?? '', name: error.table };
  for (const name of contextFunctions(error.where)) {
    const using = context.triggers.filter((t) => t.functionName === name && !t.cloned);
    const candidates = using.some((t) => fired.includes(t)) ? using.filter((t) => fired.includes(t)) : using;
    const chosen = candidates[0];
    if (!chosen) continue;
    // Its rows in a table the load fills too: a key of theirs the generated rows take (or the reverse).
    const shared =
      refused !== undefined &&
      error.code === '23505' &&
      context.filling.some((f) => sameTable(f, refused)) &&
      bodyWrites(chosen.body, refused);
    const note = shared ? ` (it writes rows into ${displayName(refused)}, which the load fills too)` : '';
    // The context names the function, not the trigger: all of its triggers that fired, when it has several.
    const which =
      candidates.length === 1
        ? describe(chosen)
        : `trigger ${candidates.map((t) => `${t.name} on ${t.table}`).join(' or ')} (function ${chosen.function})`;
    return `${which} failed${note}`;
  }
  if (!error.code?.startsWith('23') || fired.length === 0) return undefined;
  if (refused) {
    const writers = fired.filter((t) => bodyWrites(t.body, refused));
    if (writers.length > 0)
      return `${displayName(refused)} also holds rows that ${listed(writers)} wrote during the load`;
  }
  const changing = current ? firedOn(context, [current]).filter((t) => t.beforeInsertRow) : [];
  if (changing.length > 0) return `the rows as ${listed(changing)} changed them before they were stored`;
  return `user triggers fired during the load (${listed(fired)}) and may have written or changed these rows`;
}

/**
 * A server error raised while triggers fired, explained (one line): the
 * trigger, the server's message, and the fix; undefined when no trigger
 * had a part in it.
 */
export function explainTriggerError(error: unknown, context: TriggerContext): string | undefined {
  const e = error as ServerError;
  if (typeof e?.message !== 'string' || context.triggers.length === 0) return undefined;
  const who = culprit(e, context);
  if (who === undefined) return undefined;
  const said = [e.detail, e.hint].filter((x) => x !== undefined && x !== '').join(' ');
  const detail = said ? ` (${said})` : '';
  const row = copiedRow(e.where, context);
  const at = row === undefined ? '' : `, at the row ${row.key ?? `on COPY line ${row.line}`} of ${row.table}`;
  const table = row?.table ?? 'its table';
  return `${who}: ${e.message}${detail}${at}; ${context.kept}. The tables' user triggers fire during a load: either give --disable-triggers to load with them off (as pg_restore --disable-triggers; the tables' owner may, no superuser needed), or, if the trigger checks the values, write its rule where datagen reads it so that every row meets it: a CHECK on ${table} (in the DDL file, or in the database: ALTER TABLE ... ADD CHECK), or the column's min, max or values in .datagen.yaml`;
}

/** The row COPY was sending when the server failed (`COPY account, line 11: ...` in its context), with its key when known. */
function copiedRow(
  where: string | undefined,
  context: TriggerContext,
): { table: string; line: number; key: string | undefined } | undefined {
  const line = Number(/(?:^|\n)COPY [^\n]*?, line (\d+)/.exec(where ?? '')?.[1]);
  const current = context.loaded.at(-1);
  if (!Number.isInteger(line) || line < 1 || current === undefined) return undefined;
  return {
    table: displayName(current),
    line,
    key: context.keyOf?.(current, line),
  };
}

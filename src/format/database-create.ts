/**
 * Creating the schema in an empty database a direct load fills (DDL files
 * and `-d`), as pg_restore restores an archive: the pre-data DDL (types,
 * tables, sequences, functions), then the rows, then the post-data DDL
 * (keys, indexes, foreign keys, triggers) built over the loaded data, all
 * inside the load's one transaction, so a failure leaves the database as it
 * was. `-O` leaves out ownership and `-x` privileges, as pg_restore's.
 */

import type pg from 'pg';
import { DatagenError, ErrorCodes, formatLocation, type Warning } from '../errors.js';
import type { DdlStatement, Schema } from '../schema/model.js';
import { timeLimitRemedy } from './connection-failure.js';
import { isRoleSetting, searchPathSwitch } from './search-path-switch.js';

/** The DDL a load creates the schema with, split around the data. */
export interface SchemaCreation {
  readonly preData: readonly DdlStatement[];
  readonly postData: readonly DdlStatement[];
}

/** The statements that make `schema` in an empty database (`noOwner`: no ALTER ... OWNER TO). */
export function schemaCreation(
  schema: Schema,
  { noOwner = false }: { readonly noOwner?: boolean } = {},
): SchemaCreation {
  // pg_dump writes `public` as already there (CREATE SCHEMA public would fail), and so does pg_restore.
  const keep = (s: DdlStatement) =>
    !(noOwner && s.desc === 'OWNER') && !(s.desc === 'SCHEMA' && s.tag === 'public');
  return {
    preData: schema.statements.filter((s) => s.section === 'pre-data' && keep(s)),
    postData: schema.statements.filter((s) => s.section === 'post-data' && keep(s)),
  };
}

/** The tables (of `names`, quoted) the database does not have. */
export async function absentTables(client: pg.Client, names: readonly string[]): Promise<string[]> {
  const absent: string[] = [];
  for (const name of names) {
    if (!(await client.query('SELECT to_regclass($1) AS r', [name])).rows[0]?.r) absent.push(name);
  }
  return absent;
}

/** Ownership and privileges the database cannot take (their roles are missing), left out of a schema creation. */
export interface MissingRoles {
  /** Role names, each with the statements (ALTER ... OWNER TO, GRANT, REVOKE) that named it. */
  readonly roles: Map<string, number>;
}

/**
 * Runs DDL statements in turn; a statement the server refuses is reported
 * with its place in the DDL file and the server's reason. With `missing`,
 * an ALTER ... OWNER TO, GRANT or REVOKE naming a role the database does not
 * have is left out (in a savepoint) and counted there, as pg_restore goes
 * on past such errors: the object is owned by the loading user instead.
 */
export async function runSchemaStatements(
  client: pg.Client,
  where: string,
  statements: readonly DdlStatement[],
  missing?: MissingRoles,
): Promise<void> {
  // As pg_dump's scripts begin: function bodies are checked when they run, not when they are made.
  await client.query('SET LOCAL check_function_bodies = false');
  const paths = searchPathSwitch(false);
  // The input's SET ROLE lasts for these statements only (isRoleSetting).
  const resetRole = statements.some(isRoleSetting);
  for (const statement of statements) {
    const isPathSetting = statement.desc === 'SET' && statement.tag === 'search_path';
    const setPath = isPathSetting ? '' : paths.before(statement);
    paths.ran(statement);
    if (setPath !== '') await client.query(setPath);
    const tolerant = missing !== undefined && (statement.desc === 'OWNER' || statement.desc === 'ACL');
    try {
      if (tolerant) await client.query('SAVEPOINT datagen_role');
      await client.query(statement.sql);
      if (tolerant) await client.query('RELEASE SAVEPOINT datagen_role');
    } catch (error) {
      const e = error as { message?: string; code?: string };
      const role =
        tolerant && e.code === '42704' ? /^role "(.+)" does not exist$/.exec(e.message ?? '') : null;
      if (role?.[1] !== undefined && missing !== undefined) {
        await client.query('ROLLBACK TO SAVEPOINT datagen_role');
        missing.roles.set(role[1], (missing.roles.get(role[1]) ?? 0) + 1);
        continue;
      }
      throw refusedStatement(where, statement, error);
    }
  }
  if (resetRole) await client.query('RESET ROLE');
}

/** A statement the server refused, at its place in the DDL, with the server's reason and what to do. */
export function refusedStatement(
  where: string,
  statement: DdlStatement,
  error: unknown,
  left = 'nothing was created',
): DatagenError {
  const e = error as { message?: string; code?: string };
  if (connectionLost(e)) {
    // Not the statement's doing: no place in the DDL, no advice to fix it.
    const how = e.code?.startsWith('57P') ? 'the server ended the session' : 'the connection was lost';
    return new DatagenError(
      ErrorCodes.DATABASE,
      `${where}: ${how} while it ran ${statementLabel(statement.sql)}: ${e.message ?? String(error)}; ${left}. Check the server (its log says why), then run again`,
      { sqlstate: e.code },
      { cause: error, exitCode: 1 },
    );
  }
  const place = statement.location ? `${formatLocation(statement.location)}: ` : '';
  return new DatagenError(
    ErrorCodes.DATABASE,
    `${place}${where} refused ${statementLabel(statement.sql)}: ${e.message ?? String(error)}; ${left}. ${remedyFor(e.code, e.message)}`,
    { sqlstate: e.code },
    { cause: error, exitCode: 1 },
  );
}

/**
 * Whether a statement failed because its session ended (an administrator's or the server's shutdown,
 * pg_terminate_backend, a dropped database: SQLSTATE 57P01-57P03 or class 08; a reset socket; pg's
 * "Connection terminated unexpectedly"), not because the server refused it.
 */
function connectionLost(e: { message?: string; code?: string }): boolean {
  const code = e.code ?? '';
  return (
    /^57P0[123]$|^08/.test(code) ||
    code === 'ECONNRESET' ||
    code === 'EPIPE' ||
    /^Connection terminated|not queryable/.test(e.message ?? '')
  );
}

/** The warning for roles a schema creation left out. */
export function missingRolesWarning(missing: MissingRoles): Warning | null {
  if (missing.roles.size === 0) return null;
  const names = [...missing.roles.keys()];
  const statements = [...missing.roles.values()].reduce((a, b) => a + b, 0);
  return {
    code: 'MISSING_ROLES',
    where: names.join(', '),
    message: `the database has no role ${names.join(', ')}: ${statements} ownership and privilege statement${statements === 1 ? '' : 's'} naming ${names.length === 1 ? 'it' : 'them'} left out, so the loading user owns those objects. Create the role${names.length === 1 ? '' : 's'} first to keep them, or give -O and -x to leave ownership and privileges out without this warning`,
  };
}

/** A statement's start, for a message: `ALTER TABLE public.a OWNER TO app`. */
function statementLabel(sql: string): string {
  const line = sql.replace(/\s+/g, ' ').trim().replace(/;$/, '');
  return line.length <= 70 ? line : `${line.slice(0, 67)}...`;
}

/** What to do about a refused statement, by its SQLSTATE. */
function remedyFor(sqlstate: string | undefined, message = ''): string {
  // A C-language function (an old dump's plpgsql_call_handler) or LOAD of a library: a superuser's, not an owner's.
  if (sqlstate === '42501' && /for language c\b|access to library|must be superuser/i.test(message))
    return "Only a superuser may run this statement: connect as one, or generate from a copy of the DDL without it (an old dump's plpgsql_call_handler/plpgsql_validator functions and LOAD '$libdir/plpgsql' can go: PostgreSQL makes plpgsql itself)";
  // undefined_object: a role, type, schema or extension's object the DDL names but does not create.
  if (sqlstate === '42704')
    return 'Create what it names in the database first (its extension for a type such as geometry; for a role, or leave ownership out with -O and privileges with -x)';
  if (sqlstate === '0A000' || sqlstate === '58P01')
    return 'Install the extension on the server, or generate from a copy of the DDL without it';
  if (sqlstate === '55P04')
    return 'Its DDL adds enum labels and uses them in one step (in a DO block), which cannot run in one transaction: create the schema first (datagen generate FILE -s | psql -d DB), then load the rows with -d';
  if (sqlstate === '42501')
    return 'Connect as a user allowed to do this (e.g. the database owner or a superuser)';
  // A time limit PGOPTIONS sets (the load keeps it; the role's and database's it turns off), or an administrator's cancel.
  if (sqlstate === '57014' || sqlstate === '55P03') {
    const remedy = timeLimitRemedy({ message });
    return `${remedy.charAt(0).toUpperCase()}${remedy.slice(1)}`;
  }
  return 'The database needs what the DDL uses but does not create (extensions, roles, schemas); fix the DDL or the database and run again';
}

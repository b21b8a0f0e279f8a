/**
 * Creating the schema in an empty database a direct load fills (DDL files
 * and `-d`), as pg_restore restores an archive: the pre-data DDL (types,
 * tables, sequences, functions), then the rows, then the post-data DDL
 * (keys, indexes, foreign keys, triggers) built over the loaded data, all
 * inside the load's one transaction, so a failure leaves the database as it
 * was. `-O` leaves out ownership and `-x` privileges, as pg_restore's.
 */
import type pg from 'pg';
import { DatagenError, ErrorCodes, formatLocation } from '../errors.js';
import type { DdlStatement, Schema } from '../schema/model.js';

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

/**
 * Runs DDL statements in turn; a statement the server refuses is reported
 * with its place in the DDL file and the server's reason.
 */
export async function runSchemaStatements(
  client: pg.Client,
  where: string,
  statements: readonly DdlStatement[],
): Promise<void> {
  // As pg_dump's scripts begin: function bodies are checked when they run, not when they are made.
  await client.query('SET LOCAL check_function_bodies = false');
  for (const statement of statements) {
    try {
      await client.query(statement.sql);
    } catch (error) {
      const e = error as { message?: string; code?: string };
      const place = statement.location ? `${formatLocation(statement.location)}: ` : '';
      throw new DatagenError(
        ErrorCodes.DATABASE,
        `${place}${where} refused ${statementLabel(statement.sql)}: ${e.message ?? String(error)}; nothing was created. ${remedyFor(e.code)}`,
        { sqlstate: e.code },
        { cause: error, exitCode: 1 },
      );
    }
  }
}

/** A statement's start, for a message: `ALTER TABLE public.a OWNER TO app`. */
function statementLabel(sql: string): string {
  const line = sql.replace(/\s+/g, ' ').trim().replace(/;$/, '');
  return line.length <= 70 ? line : `${line.slice(0, 67)}...`;
}

/** What to do about a refused statement, by its SQLSTATE. */
function remedyFor(sqlstate: string | undefined): string {
  // undefined_object: a role, type, schema or extension's object the DDL names but does not create.
  if (sqlstate === '42704')
    return 'Create what it names in the database first (its extension for a type such as geometry; for a role, or leave ownership out with -O and privileges with -x)';
  if (sqlstate === '0A000' || sqlstate === '58P01')
    return 'Install the extension on the server, or generate from a copy of the DDL without it';
  if (sqlstate === '55P04')
    return 'Its DDL adds enum labels and uses them in one step (in a DO block), which cannot run in one transaction: create the schema first (datagen generate FILE -s | psql -d DB), then load the rows with -d';
  if (sqlstate === '42501')
    return 'Connect as a user allowed to do this (e.g. the database owner or a superuser)';
  return 'The database needs what the DDL uses but does not create (extensions, roles, schemas); fix the DDL or the database and run again';
}

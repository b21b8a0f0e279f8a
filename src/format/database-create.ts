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
      const what = `${statement.desc} ${statement.tag}`;
      throw new DatagenError(
        ErrorCodes.DATABASE,
        `${place}cannot create ${what} in ${where}: ${e.message ?? String(error)}; nothing was created (the database needs what the DDL uses but does not create: its extensions, roles (or -O), schemas)`,
        { sqlstate: e.code },
        { cause: error, exitCode: 1 },
      );
    }
  }
}

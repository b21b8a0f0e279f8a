/**
 * A load whose user triggers fire (no --disable-triggers): the context that
 * explains a trigger's failure (which row, which trigger), the sequences
 * feeding generated keys set past them first (and how to put them back), and
 * a failure of the load as one line.
 */
import type pg from 'pg';
import { DatagenError, ErrorCodes } from '../errors.js';
import type { ValueSource } from '../generate/value-source.js';
import type { Schema } from '../schema/model.js';
import { databaseError } from './connection-failure.js';
import { dataTables, sequencesAheadOfRows } from './data-statements.js';
import {
  explainTriggerError,
  readLoadTriggers,
  type TableName,
  type TriggerContext,
} from './load-triggers.js';

/**
 * Triggers that fire (no --disable-triggers): the load's context for
 * explaining their failures, and every sequence feeding a generated key set
 * past the keys the load writes, so rows the triggers insert into a table
 * datagen fills take keys past the generated ones. Setting a sequence is not
 * undone by a rollback: `undo` puts them back after a failed load (past any
 * key their tables hold then, should others have written meanwhile). `at`
 * names the step under way, for the message of a failure.
 */
export async function prepareFiringTriggers(
  client: pg.Client,
  schema: Schema,
  source: ValueSource,
  kept: string,
  at: (step: string) => void = () => undefined,
): Promise<{ context: TriggerContext; undo: string[] }> {
  const filling = dataTables(source).map((t) => t.table);
  at('cannot read the user triggers of the tables in');
  const context: TriggerContext = {
    triggers: await readLoadTriggers(client),
    loaded: [],
    filling,
    kept,
    keyOf: (table, line) => rowKey(schema, source, table, line - 1),
  };
  const undo: string[] = [];
  if (context.triggers.length === 0) return { context, undo };
  at("cannot set the sequences ahead of the triggers' rows in");
  const last = (index: number, column: string) =>
    source.valueOf(index, column)((source.plan.tables[index]?.rows ?? 1) - 1);
  for (const s of sequencesAheadOfRows(schema, source.plan, last)) {
    if (s.target === undefined || s.keyMaximum === undefined) continue;
    const before = (
      await client.query<{ last: string | null; start: string; min: string }>(
        `SELECT pg_catalog.pg_sequence_last_value(${s.target}::regclass)::text AS last, seqstart::text AS start,
                seqmin::text AS min FROM pg_catalog.pg_sequence WHERE seqrelid = ${s.target}::regclass`,
      )
    ).rows[0];
    if (before === undefined) continue;
    const back =
      before.last === null
        ? `CASE WHEN m IS NULL OR m < ${before.min} THEN pg_catalog.setval(${s.target}, ${before.start}, false) ELSE pg_catalog.setval(${s.target}, m, true) END`
        : `pg_catalog.setval(${s.target}, GREATEST(${before.last}, m), true)`;
    undo.push(`SELECT ${back} FROM (SELECT ${s.keyMaximum} AS m) AS k`);
    await client.query(s.sql);
  }
  return { context, undo };
}

/** A row's primary key as COPY sends it (`(id)=(11)`), row 0 the first; undefined without a key or past the rows. */
function rowKey(schema: Schema, source: ValueSource, table: TableName, row: number): string | undefined {
  const index = source.plan.tables.findIndex(
    (t) => t.table.schema === table.schema && t.table.name === table.name,
  );
  const key = schema.tables.find((t) => t.schema === table.schema && t.name === table.name)?.primaryKey;
  if (
    index < 0 ||
    key == null ||
    key.columns.some((c) => c === null) ||
    row >= (source.plan.tables[index]?.rows ?? 0)
  )
    return undefined;
  const columns = key.columns as string[];
  try {
    const values = columns.map((c) => source.valueOf(index, c)(row) ?? 'NULL');
    return `(${columns.join(', ')})=(${values.join(', ')})`;
  } catch {
    // A key made by the server (an identity column left out of COPY): the line tells the row.
    return undefined;
  }
}

/** A failure of the load as one line: the triggers' part in it when they fired, else the server's reason and the remedy. */
export function loadError(
  where: string,
  step: string,
  error: unknown,
  triggers: TriggerContext | undefined,
): DatagenError {
  const explained = triggers && !(error instanceof DatagenError) && explainTriggerError(error, triggers);
  if (!explained) return databaseError(where, step, error);
  return new DatagenError(
    ErrorCodes.DATABASE,
    `${step} ${where}: ${explained}`,
    { sqlstate: (error as { code?: string }).code },
    { cause: error, exitCode: 1 },
  );
}

/**
 * Tables a firing trigger makes while the rows go in: an application's
 * trigger that runs `EXECUTE format('CREATE TABLE ... %s', NEW.id)` for each
 * row (Concourse's pipeline_build_events_<id> under build_events). datagen
 * fills the tables the database held before the load; those made during it
 * hold no rows, and the warning says which trigger made them.
 */
import type pg from 'pg';
import { counted, type Warning } from '../errors.js';
import { firedOn, type LoadTrigger, type TriggerContext } from './load-triggers.js';

/** The tables of the database (plain and partitioned), as `schema.table` with quotes where needed. */
export type TableList = ReadonlySet<string>;

const CREATES_TABLE = /\bcreate\s+(?:(?:global\s+|local\s+)?(?:temp|temporary)\s+|unlogged\s+)?table\b/i;

/** The firing triggers on the loaded tables whose function's body creates a table. */
export function tableMakingTriggers(context: TriggerContext): LoadTrigger[] {
  return firedOn(context, context.filling).filter((t) =>
    CREATES_TABLE.test(t.body.replace(/--[^\n]*/g, ' ')),
  );
}

/** Every table the session sees (not temporary ones: they end with it). */
export async function tablesNow(client: pg.Client): Promise<TableList> {
  const rows = await client.query<{ name: string }>(
    `SELECT format('%I.%I', n.nspname, c.relname) AS name
       FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND c.relpersistence <> 't'`,
  );
  return new Set(rows.rows.map((r) => r.name));
}

/** The warning for tables the load's triggers made (none made: null). */
export function tablesMadeWarning(
  triggers: readonly LoadTrigger[],
  before: TableList,
  after: TableList,
): Warning | null {
  const made = [...after].filter((t) => !before.has(t)).sort();
  if (made.length === 0) return null;
  const shown = made.slice(0, 3).join(', ') + (made.length > 3 ? `, … (${made.length - 3} more)` : '');
  const named = triggers.map((t) => `trigger ${t.name} on ${t.table} (function ${t.function})`).join(', ');
  return {
    code: 'TRIGGER_MADE_TABLES',
    where: triggers.map((t) => t.table).join(', '),
    message: `${counted(made.length, 'table')} made by ${named} as the rows went in got no rows: ${shown}. datagen fills the tables the database holds before the load; fill them with a second run on the same database, --append -t ${selection(made)}, or load with --disable-triggers to make none`,
  };
}

/** A -t pattern for the tables made: their common start and `*` (pg_dump's pattern), else the first one. */
function selection(made: readonly string[]): string {
  const first = made[0] ?? '';
  let common = first;
  for (const name of made) while (!name.startsWith(common)) common = common.slice(0, -1);
  const dot = first.indexOf('.');
  const pattern = made.length > 1 && common.length > dot + 1 && !common.includes('"') ? `${common}*` : first;
  return `'${pattern}'`;
}

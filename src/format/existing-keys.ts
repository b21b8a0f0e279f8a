/**
 * --append: what the target tables already hold under each unique key the
 * plan makes (see plan/append-plan.ts): the maximum of a serial-looking
 * integer key, the tuples of any other key (read in full, so only for tables
 * up to `MAX_HELD_ROWS`). Read before the rows are generated, over its own
 * connection; a table filled between this read and the load's COPY can still
 * collide, and then the load fails as a whole (nothing is kept).
 */
import type pg from 'pg';
import { DatagenError, ErrorCodes } from '../errors.js';
import {
  appendTables,
  driverColumns,
  type HeldKeys,
  type HeldTableKeys,
  readsMaximum,
} from '../plan/append-plan.js';
import type { GenerationPlan } from '../plan/plan-model.js';
import { displayName } from '../schema/names.js';
import { quoteIdent, quoteQualified } from '../schema/quote.js';

/** Rows of a table whose non-integer keys are read for --append. */
export const MAX_HELD_ROWS = 2_000_000;

async function heldKeys(
  client: pg.Client,
  table: string,
  columns: readonly string[],
  maximum: boolean,
  where: string,
): Promise<HeldKeys> {
  const quoted = columns.map(quoteIdent);
  if (maximum) {
    const r = await client.query<{ m: string | null }>(`SELECT max(${quoted[0]})::text AS m FROM ${table}`);
    return { kind: 'maximum', maximum: r.rows[0]?.m ?? null };
  }
  const count = Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n ?? 0);
  if (count === 0) return { kind: 'tuples', tuples: [] };
  if (count > MAX_HELD_ROWS) {
    throw new DatagenError(
      ErrorCodes.BAD_OPTION,
      `--append: ${where} holds ${count} rows, and its key on ${columns.join(', ')} is not a serial-looking integer, so datagen would read every key (it does up to ${MAX_HELD_ROWS} rows): use --truncate, or append to a smaller table`,
      { table: where, rows: count },
    );
  }
  // Each type's output function's text (not the ::text cast: inet's gives the /32), as the server sends it.
  const result = await client.query<unknown[]>({
    text: `SELECT ${quoted.join(', ')} FROM ${table} WHERE ${quoted.map((c) => `${c} IS NOT NULL`).join(' AND ')}`,
    rowMode: 'array',
    types: { getTypeParser: () => (value: string) => value },
  });
  return { kind: 'tuples', tuples: result.rows.map((r) => r.join('\u0000')) };
}

/** Per table index, per driver index: the keys the table holds. */
export async function readHeldKeys(
  client: pg.Client,
  plan: GenerationPlan,
): Promise<Map<number, HeldTableKeys>> {
  // Text forms as datagen writes them: ISO dates, UTC times, full float precision.
  await client.query(`SET DateStyle = 'ISO, YMD'; SET TimeZone = 'UTC'; SET extra_float_digits = 1`);
  const held = new Map<number, HeldTableKeys>();
  for (const index of appendTables(plan)) {
    const t = plan.tables[index];
    if (!t) continue;
    const keys = new Map<number, HeldKeys>();
    for (const [k, driver] of t.drivers.entries()) {
      const columns = driverColumns(t, driver);
      if (columns.length === 0) continue;
      keys.set(
        k,
        await heldKeys(client, quoteQualified(t.table), columns, readsMaximum(driver), displayName(t.table)),
      );
    }
    if (keys.size > 0) held.set(index, keys);
  }
  return held;
}

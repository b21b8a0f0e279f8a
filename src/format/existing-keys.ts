/**
 * --append: what the target tables already hold under each unique key the
 * plan makes (see plan/append-plan.ts): the maximum of a serial-looking
 * integer key, the tuples of any other key (read in full: as text up to
 * `MAX_EXACT_HELD` rows, past it as 64-bit fingerprints, streamed); and the
 * parent rows new rows' foreign keys may point at (see
 * plan/existing-parents.ts). Read before the rows are generated, over its own
 * connection; a table filled between this read and the load's COPY can still
 * collide, and then the load fails as a whole (nothing is kept).
 */

import type pg from 'pg';
import { createTypeLookup, resolveDomains } from '../checks/type-resolution.js';
import type { Warning } from '../errors.js';
import { counted } from '../errors.js';
import {
  appendTables,
  comparedKeyText,
  driverColumns,
  type HeldKeys,
  type HeldTableKeys,
  type KeyForm,
  keyForms,
  MAX_EXACT_HELD,
  readsMaximum,
} from '../plan/append-plan.js';
import { existingParentsKey, MAX_EXISTING_PARENTS } from '../plan/existing-parents.js';
import { createFingerprintCollector } from '../plan/held-fingerprints.js';
import { INTEGER_TYPES } from '../plan/key-capacity.js';
import type { ExistingParents, GenerationPlan } from '../plan/plan-model.js';
import type { Schema, Table } from '../schema/model.js';
import { displayName, nameKey } from '../schema/names.js';
import { quoteIdent, quoteQualified } from '../schema/quote.js';

/** Held keys fetched per round trip when read as fingerprints. */
const FETCH_ROWS = 50_000;

async function heldKeys(
  client: pg.Client,
  table: string,
  columns: readonly string[],
  maximum: boolean,
  forms: readonly KeyForm[],
): Promise<HeldKeys> {
  const quoted = columns.map(quoteIdent);
  if (maximum) {
    const r = await client.query<{ m: string | null }>(`SELECT max(${quoted[0]})::text AS m FROM ${table}`);
    return { kind: 'maximum', maximum: r.rows[0]?.m ?? null };
  }
  const count = Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n ?? 0);
  if (count === 0) return { kind: 'tuples', tuples: [] };
  // Each type's output function's text (not the ::text cast: inet's gives the /32), as the server sends it.
  const select = `SELECT ${quoted.map((c, i) => (forms[i] === 'padded' ? `rtrim(${c})` : c)).join(', ')} FROM ${table} WHERE ${quoted.map((c) => `${c} IS NOT NULL`).join(' AND ')}`;
  const raw = { rowMode: 'array' as const, types: { getTypeParser: () => (value: string) => value } };
  // A float key's number as the made keys are compared (plan/append-plan.ts KeyForm).
  const tuple = (r: unknown[]): string =>
    r.map((v, i) => comparedKeyText(v as string, forms[i] ?? null)).join('\u0000');
  if (count <= MAX_EXACT_HELD) {
    const result = await client.query<unknown[]>({ text: select, ...raw });
    return { kind: 'tuples', tuples: result.rows.map(tuple) };
  }
  // Many: streamed through a cursor, kept as 8-byte fingerprints (memory flat in the keys' length).
  const collector = createFingerprintCollector();
  await client.query('BEGIN READ ONLY');
  try {
    await client.query(`DECLARE datagen_held NO SCROLL CURSOR FOR ${select}`);
    for (;;) {
      const batch = await client.query<unknown[]>({ text: `FETCH ${FETCH_ROWS} FROM datagen_held`, ...raw });
      for (const r of batch.rows) collector.add(tuple(r));
      if (batch.rows.length < FETCH_ROWS) break;
    }
  } finally {
    await client.query('COMMIT');
  }
  return { kind: 'fingerprints', ...collector.finish() };
}

/**
 * `read` with keys printed as datagen writes them (ISO dates, UTC times, full float precision), the
 * session's own settings back after it: the load that follows on the run's session (load-target.ts
 * holdTargetSession) reads its rows, and runs the triggers, under the settings a session of its own has.
 */
async function inKeyTextForms<T>(client: pg.Client, read: () => Promise<T>): Promise<T> {
  await client.query(`SET DateStyle = 'ISO, YMD'; SET TimeZone = 'UTC'; SET extra_float_digits = 1`);
  try {
    return await read();
  } finally {
    await client.query('RESET DateStyle; RESET TimeZone; RESET extra_float_digits').catch(() => undefined);
  }
}

/** Per table index, per driver index: the keys the table holds. */
export async function readHeldKeys(
  client: pg.Client,
  plan: GenerationPlan,
): Promise<Map<number, HeldTableKeys>> {
  return inKeyTextForms(client, () => readHeldTableKeys(client, plan));
}

async function readHeldTableKeys(
  client: pg.Client,
  plan: GenerationPlan,
): Promise<Map<number, HeldTableKeys>> {
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
        await heldKeys(client, quoteQualified(t.table), columns, readsMaximum(driver), keyForms(t, columns)),
      );
    }
    if (keys.size > 0) held.set(index, keys);
  }
  return held;
}

/**
 * A parent key's existing rows: an integer key without gaps as its range,
 * else its tuples in sort order; a parent holding more than
 * MAX_EXISTING_PARENTS of them gives every k-th (k = ⌈count / MAX⌉, from the
 * first), so new rows point across all of its key range, and the same ones
 * for the same rows there.
 */
async function existingParentRows(
  client: pg.Client,
  parent: Table,
  columns: readonly string[],
  integer: boolean,
  warnings: Warning[],
): Promise<ExistingParents> {
  const table = quoteQualified(parent);
  const quoted = columns.map(quoteIdent);
  const notNull = quoted.map((c) => `${c} IS NOT NULL`).join(' AND ');
  let maximum: string | undefined;
  if (integer) {
    const c = quoted[0] as string;
    const r = await client.query<{ n: string; lo: string | null; hi: string | null }>(
      `SELECT count(${c})::text AS n, min(${c})::text AS lo, max(${c})::text AS hi FROM ${table}`,
    );
    const { n, lo, hi } = r.rows[0] ?? { n: '0', lo: null, hi: null };
    if (lo === null || hi === null) return { kind: 'range', count: 0, min: '0' };
    if (BigInt(hi) - BigInt(lo) + 1n === BigInt(n)) return { kind: 'range', count: Number(n), min: lo };
    maximum = hi;
  }
  const count = Number(
    (await client.query(`SELECT count(*) AS n FROM ${table} WHERE ${notNull}`)).rows[0]?.n,
  );
  const step = Math.ceil(count / MAX_EXISTING_PARENTS);
  if (step > 1) {
    warnings.push({
      code: 'APPEND_PARENTS_SAMPLED',
      where: displayName(parent),
      message: `--append: ${displayName(parent)} holds ${counted(count, 'row')}; new rows' foreign keys to it (${columns.join(', ')}) point at ${Math.ceil(count / step)} of them (every ${step}th in key order, from the first to the last), or at its new rows`,
    });
  }
  const order = quoted.join(', ');
  const result = await client.query<unknown[]>({
    text:
      step === 1
        ? `SELECT ${order} FROM ${table} WHERE ${notNull} ORDER BY ${order}`
        : `SELECT ${quoted.map((_, i) => `k${i}`).join(', ')} FROM (SELECT ${quoted.map((c, i) => `${c} AS k${i}`).join(', ')}, row_number() OVER (ORDER BY ${order}) - 1 AS n FROM ${table} WHERE ${notNull}) AS s WHERE n % ${step} = 0 ORDER BY n`,
    rowMode: 'array',
    types: { getTypeParser: () => (value: string) => value },
  });
  const tuples = result.rows.map((r) => r.join('\u0000'));
  return { kind: 'tuples', count: tuples.length, tuples, ...(maximum === undefined ? {} : { maximum }) };
}

/**
 * --append: the parent rows the target holds under every key a table that
 * gets rows references (`selected`: those tables' `nameKey`s, null for all),
 * so new rows' foreign keys may point at them (plan/existing-parents.ts).
 */
export async function readExistingParents(
  client: pg.Client,
  schema: Schema,
  selected: ReadonlySet<string> | null,
): Promise<{ parents: Map<string, ExistingParents>; warnings: Warning[] }> {
  return inKeyTextForms(client, () => readParentRows(client, schema, selected));
}

async function readParentRows(
  client: pg.Client,
  schema: Schema,
  selected: ReadonlySet<string> | null,
): Promise<{ parents: Map<string, ExistingParents>; warnings: Warning[] }> {
  const lookup = createTypeLookup(schema);
  const byKey = new Map(schema.tables.map((t) => [nameKey(t), t]));
  const parents = new Map<string, ExistingParents>();
  const warnings: Warning[] = [];
  for (const t of schema.tables) {
    if (selected !== null && !selected.has(nameKey(t))) continue;
    for (const fk of t.foreignKeys) {
      const parent = byKey.get(nameKey(fk.references));
      const key = existingParentsKey(fk.references, fk.referencedColumns);
      if (!parent || parents.has(key)) continue;
      const first = parent.columns.find((c) => c.name === fk.referencedColumns[0]);
      const integer =
        fk.referencedColumns.length === 1 &&
        first !== undefined &&
        INTEGER_TYPES.has(resolveDomains(first.type, lookup).base.name);
      parents.set(key, await existingParentRows(client, parent, fk.referencedColumns, integer, warnings));
    }
  }
  return { parents, warnings };
}

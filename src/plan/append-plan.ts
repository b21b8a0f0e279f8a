/**
 * --append: a plan whose keys avoid the rows the target tables already hold.
 * The database is read elsewhere (format/existing-keys.ts); this is the pure
 * part: which columns each unique driver covers, and the drivers told about
 * the keys already there (integer keys past the maximum, other keys walk
 * around the held tuples, see `ExistingKeys`).
 */

import { displayName } from '../schema/names.js';
import { effectiveGeneratorVersion } from '../version.js';
import { existingParentsKey, type HeldColumnValues } from './existing-parents.js';
import { fingerprintSet } from './held-fingerprints.js';
import { chooseRadices, MAX_SPACE } from './key-capacity.js';
import type { ExistingKeys, GenerationPlan, TablePlan, UniqueDriver } from './plan-model.js';

/**
 * What a table holds under one unique driver's columns (null: nothing to
 * avoid): a counting-up key's maximum, the other keys' tuples, or past
 * MAX_EXACT_HELD of them their fingerprints (plan/held-fingerprints.ts).
 */
export type HeldKeys =
  | { readonly kind: 'maximum'; readonly maximum: string | null }
  | { readonly kind: 'tuples'; readonly tuples: readonly string[] }
  | { readonly kind: 'fingerprints'; readonly count: number; readonly fingerprints: string };

/** Held keys of a table read as their text up to this many rows; past it as 64-bit fingerprints. */
export const MAX_EXACT_HELD = 100_000;

/** The number of distinct tuples held. */
function heldCount(held: Exclude<HeldKeys, { kind: 'maximum' }>): number {
  return held.kind === 'fingerprints' ? held.count : new Set(held.tuples).size;
}

/** Whether an `avoid` key holds a tuple (the text as `comparedKeyText` gives it, columns joined by U+0000). */
export function heldKeySet(existing: Extract<ExistingKeys, { kind: 'avoid' }>): {
  readonly has: (tuple: string) => boolean;
  readonly size: number;
} {
  if (existing.fingerprints !== undefined) {
    return { has: fingerprintSet(existing.fingerprints.fingerprints), size: existing.fingerprints.count };
  }
  const tuples = new Set(existing.tuples);
  return { has: (tuple) => tuples.has(tuple), size: tuples.size };
}

/** A table's drivers' held keys, by driver index. */
export type HeldTableKeys = ReadonlyMap<number, HeldKeys>;

/** A listed key space: one whose rows, tried this many times each, would cover most of it. */
const MIN_ATTEMPTS = 16;

/** The columns of a driver's key, in component order (an FK component gives all its columns). */
export function driverColumns(table: TablePlan, driver: UniqueDriver): string[] {
  return driver.components.flatMap((c) =>
    c.kind === 'column' ? [c.column] : [...(table.foreignKeys[c.fk]?.fk.columns ?? [])],
  );
}

/**
 * How the server compares a key column's values where their text may differ:
 * `char(n)` pads with spaces and compares without trailing ones (`ce ` held
 * is `ce` made); `real` and `double precision` compare the numbers (the held
 * `1.006633e+07` is the `10066330` made, and a made `10066330.4` is stored
 * as it); `boolean` compares truth (the held `t` is the `true` a CHECK's
 * `active = 'true'` made); null: as text.
 */
export type KeyForm = 'padded' | 'float4' | 'float8' | 'bool' | null;

/** Per key column: its KeyForm. */
export function keyForms(table: TablePlan, columns: readonly string[]): KeyForm[] {
  return columns.map((name) => {
    const type = table.table.columns.find((c) => c.name === name)?.type;
    if (type === undefined || type.arrayDims > 0) return null;
    if (type.name === 'bpchar') return 'padded';
    if (type.name === 'bool') return 'bool';
    return type.name === 'float4' || type.name === 'float8' ? type.name : null;
  });
}

/** The boolean input texts PostgreSQL reads as true (its unique prefixes of true, yes and on, and 1). */
const TRUE_TEXTS: ReadonlySet<string> = new Set(['t', 'tr', 'tru', 'true', 'y', 'ye', 'yes', 'on', '1']);

/** A key value as the server compares it (held and made alike): see KeyForm. */
export function comparedKeyText(value: string, form: KeyForm): string {
  if (form === 'padded') return value.replace(/ +$/, '');
  if (form === null) return value;
  if (form === 'bool') return TRUE_TEXTS.has(value.trim().toLowerCase()) ? 't' : 'f';
  const n = Number(value);
  if (Number.isNaN(n) && value.trim() !== 'NaN') return value;
  return String(form === 'float4' ? Math.fround(n) : n);
}

/** Whether a driver's key is read as a maximum (a serial-looking integer) rather than as tuples. */
export function readsMaximum(driver: UniqueDriver): boolean {
  return driver.ordered;
}

/** The tables rows can be appended to: those that get a data block of their own. */
export function appendTables(plan: GenerationPlan): number[] {
  return plan.tables.flatMap((t, i) => (t.excluded || t.filledThrough || t.rows === 0 ? [] : [i]));
}

/**
 * A key space up to this many tuples, too small for every row to have its
 * attempts, is listed instead: each row takes the next tuple the table does
 * not hold (generate/held-keys.ts), and the rows are cut to the free tuples.
 */
export const MAX_LISTED_SPACE = 1 << 18;

/** The number of tuples a driver's components can make (capped at MAX_SPACE). */
function keyCapacity(driver: UniqueDriver): number {
  return driver.components.reduce((a, c) => Math.min(a * c.space, MAX_SPACE), 1);
}

function withHeld(driver: UniqueDriver, held: HeldKeys, rows: number): UniqueDriver {
  if (held.kind === 'maximum') {
    return held.maximum === null
      ? driver
      : { ...driver, existing: { kind: 'past-maximum', maximum: held.maximum } };
  }
  const size = heldCount(held);
  if (size === 0) return driver;
  const avoided =
    held.kind === 'tuples'
      ? { tuples: held.tuples }
      : { tuples: [], fingerprints: { count: held.count, fingerprints: held.fingerprints } };
  // A related pair keeps its own radices: its rows try one tuple, and a collision is reported.
  if (driver.pair) return { ...driver, existing: { kind: 'avoid', ...avoided, attempts: 0 } };
  const capacity = keyCapacity(driver);
  if (capacity <= MAX_LISTED_SPACE && rows * (MIN_ATTEMPTS + 1) > capacity) {
    const radices = driver.components.map((c) => c.space);
    return {
      ...driver,
      radices,
      existing: { kind: 'avoid', ...avoided, attempts: 0, listed: true },
    };
  }
  // The bijection covers the rows and as many more positions as tuples are held: the rows whose own tuple is
  // held find a free one past the rows (generate/held-keys.ts), whatever the held tuples are.
  const needed = Math.min(capacity, rows + size);
  const radices = chooseRadices(
    driver.components.map((c) => c.space),
    needed,
  );
  return { ...driver, radices, existing: { kind: 'avoid', ...avoided, attempts: 0, spares: true } };
}

/** The plan with each table's drivers told what the table already holds. */
export function planAppend(plan: GenerationPlan, held: ReadonlyMap<number, HeldTableKeys>): GenerationPlan {
  return {
    ...plan,
    tables: plan.tables.map((t, i) => {
      const keys = held.get(i);
      if (!keys) return t;
      const drivers = t.drivers.map((d, k) => {
        const h = keys.get(k);
        return h ? withHeld(d, h, t.rows) : d;
      });
      const table = { ...t, drivers };
      return effectiveGeneratorVersion(plan.generatorVersion) >= 28 ? nulledPastFree(table) : table;
    }),
  };
}

/**
 * A key whose nullable column (or foreign key) is NULL past the key's room (`nullFrom`, plan/key-capacity.ts:
 * koji's `UNIQUE (user_id, perm_id, active)` with `active` true or NULL): under --append its room is what the
 * held tuples leave free, so the new rows are NULL from there on, not cut (before, a held `true` left it no
 * room and the table got no new rows). From generator version 28.
 */
function nulledPastFree(t: TablePlan): TablePlan {
  const free = (k: number, from: number) => {
    const existing = t.drivers[k]?.existing;
    if (existing?.kind !== 'avoid' || existing.listed !== true) return from;
    return Math.min(from, Math.max(0, keyCapacity(t.drivers[k] as UniqueDriver) - heldKeySet(existing).size));
  };
  return {
    ...t,
    columns: t.columns.map((c) =>
      c.source.kind === 'unique' && c.source.nullFrom !== undefined
        ? { ...c, source: { ...c.source, nullFrom: free(c.source.driver, c.source.nullFrom) } }
        : c,
    ),
    foreignKeys: t.foreignKeys.map((f) =>
      f.pick.kind === 'driver' && f.pick.nullFrom !== undefined
        ? { ...f, pick: { ...f.pick, nullFrom: free(f.pick.driver, f.pick.nullFrom) } }
        : f,
    ),
  };
}

/** Whether a driver's rows past its room are NULL in a column or foreign key of it (they need no key value). */
function nullsPastRoom(t: TablePlan, k: number): boolean {
  return (
    t.columns.some(
      (c) => c.source.kind === 'unique' && c.source.driver === k && c.source.nullFrom !== undefined,
    ) ||
    t.foreignKeys.some(
      (f) => f.pick.kind === 'driver' && f.pick.driver === k && f.pick.nullFrom !== undefined,
    )
  );
}

/**
 * The values each appended table holds in its one-column unique keys, for
 * the planner's listed values (plan/listed-fk-values.ts: a value children
 * list that the parent's rows there hold is not made again; a second copy
 * would be a duplicate key): from the held keys read for `plan`'s drivers.
 */
export function heldColumnValues(plan: GenerationPlan, baseline: AppendBaseline): HeldColumnValues {
  const byName = new Map(plan.tables.map((t) => [displayName(t.table), t]));
  const values = new Map<string, (value: string) => boolean>();
  for (const { table, drivers } of baseline) {
    const t = byName.get(table);
    if (!t) continue;
    for (const [k, held] of drivers) {
      const driver = t.drivers[k];
      if (!driver || held.kind === 'maximum') continue;
      const columns = driverColumns(t, driver);
      if (columns.length !== 1) continue;
      const form = keyForms(t, columns)[0] ?? null;
      const has =
        held.kind === 'fingerprints'
          ? fingerprintSet(held.fingerprints)
          : (
              (set: Set<string>) => (v: string) =>
                set.has(v)
            )(new Set(held.tuples.map((v) => comparedKeyText(v, form))));
      values.set(existingParentsKey(t.table, columns), (v) => has(comparedKeyText(v, form)));
    }
  }
  return values;
}

/** A table cut to the key tuples it does not hold yet (the free part of a small key space). */
export interface AppendCut {
  readonly table: string;
  readonly key: string;
  readonly columns: readonly string[];
  readonly rows: number;
  readonly capacity: number;
  readonly held: number;
  readonly free: number;
}

/**
 * Tables whose keys (listed, see MAX_LISTED_SPACE, or with spares) have
 * fewer free tuples than rows: at least the key's capacity less the tuples
 * held (a held tuple outside the space only leaves more).
 */
export function appendCuts(plan: GenerationPlan): AppendCut[] {
  // Version 28: a key whose rows past its room are NULL in a column of it is not cut (nulledPastFree).
  const nullsPast = effectiveGeneratorVersion(plan.generatorVersion) >= 28;
  return plan.tables.flatMap((t) => {
    let cut: AppendCut | undefined;
    for (const [k, driver] of t.drivers.entries()) {
      const existing = driver.existing;
      if (existing?.kind !== 'avoid' || (existing.listed !== true && existing.spares !== true)) continue;
      if (existing.listed === true && nullsPast && nullsPastRoom(t, k)) continue;
      const capacity = keyCapacity(driver);
      const held = heldKeySet(existing).size;
      const free = Math.max(0, capacity - held);
      if (free >= t.rows || (cut && cut.free <= free)) continue;
      const columns = driverColumns(t, driver);
      cut = { table: displayName(t.table), key: driver.key, columns, rows: t.rows, capacity, held, free };
    }
    return cut ? [cut] : [];
  });
}

/**
 * What an appending plan was told the tables held, by table name (the state
 * record of `--append --resume` keeps it, so the continued run makes the same
 * plan although the tables it committed hold more rows by then).
 */
export type AppendBaseline = readonly {
  readonly table: string;
  readonly drivers: readonly (readonly [number, HeldKeys])[];
}[];

/** The held keys an appending plan was made with (`planAppend`'s input, from its drivers). */
export function appendBaseline(plan: GenerationPlan): AppendBaseline {
  return plan.tables.flatMap((t) => {
    const drivers = t.drivers.flatMap((d, k): (readonly [number, HeldKeys])[] => {
      if (d.existing === undefined) return [];
      return d.existing.kind === 'past-maximum'
        ? [[k, { kind: 'maximum', maximum: d.existing.maximum }]]
        : d.existing.fingerprints !== undefined
          ? [[k, { kind: 'fingerprints', ...d.existing.fingerprints }]]
          : [[k, { kind: 'tuples', tuples: d.existing.tuples }]];
    });
    return drivers.length === 0 ? [] : [{ table: displayName(t.table), drivers }];
  });
}

/** A baseline back as `planAppend`'s input for `plan` (tables by name). */
export function heldFromBaseline(plan: GenerationPlan, baseline: AppendBaseline): Map<number, HeldTableKeys> {
  const byName = new Map(plan.tables.map((t, i) => [displayName(t.table), i]));
  const held = new Map<number, HeldTableKeys>();
  for (const { table, drivers } of baseline) {
    const index = byName.get(table);
    if (index !== undefined) held.set(index, new Map(drivers));
  }
  return held;
}

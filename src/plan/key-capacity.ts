/**
 * Unique keys → drivers (design.md, principle 3): each key's columns and
 * foreign keys become the components of a keyed bijection of the row index,
 * and the key's capacity (the product of its components' spaces, under the
 * columns' CHECKs) bounds the table's rows, with the numbers.
 */

import { boundedIntegerRange, type IntegerRange } from '../checks/bounded-integer.js';
import type { Atom } from '../checks/check-atoms.js';
import type { ColumnHints } from '../checks/check-hints.js';
import { resolveDomains, type TypeLookup } from '../checks/type-resolution.js';
import { DatagenError, ErrorCodes, type Warning } from '../errors.js';
import type { ForeignKey, Table, UniqueKey } from '../schema/model.js';
import { displayName } from '../schema/names.js';
import { columnUniqueGenerator } from '../values/column-generators.js';
import {
  applyKeyExpressionHints,
  type KeyExpression,
  keyColumns,
  keyElementExpressions,
} from './key-expressions.js';
import { nullingColumn } from './null-key-columns.js';
import type { ColumnSource, FkPick, KeyComponent, KeyPair, UniqueDriver } from './plan-model.js';
import { findRelatedPair } from './related-pair.js';
import { periodColumn } from './temporal-keys.js';
import { findValuePair } from './value-pairs.js';

export const MAX_SPACE = 2 ** 52;
export const INTEGER_TYPES = new Set(['int2', 'int4', 'int8']);

/** Codes of the errors a generator throws when a column's type or CHECKs leave it no unique values. */
const NO_UNIQUE_VALUES = new Set<string>([
  ErrorCodes.UNSATISFIABLE,
  ErrorCodes.UNIQUE_SPACE_TOO_SMALL,
  ErrorCodes.UNKNOWN_TYPE,
]);

/** Distinct values a column can take when it must be unique (0 = none, with why), and whether they are semantic. */
export function uniqueSpace(
  table: Table,
  column: string,
  lookup: TypeLookup,
  hints: ColumnHints | undefined,
  rows: number,
  generatorVersion: number,
): { space: number; semantic: boolean; why?: string; unsatisfiable?: boolean } {
  const col = table.columns.find((c) => c.name === column);
  if (!col) return { space: 0, semantic: false, why: `${column} is not a column of ${displayName(table)}` };
  const { base } = resolveDomains(col.type, lookup);
  try {
    const generator = columnUniqueGenerator(table, col, base, hints ?? {}, lookup, {
      preferSemantic: true,
      rows,
      generatorVersion,
    });
    return { space: generator.space, semantic: generator.semantic };
  } catch (error) {
    if (!(error instanceof DatagenError) || !NO_UNIQUE_VALUES.has(error.code)) throw error;
    return {
      space: 0,
      semantic: false,
      why: error.message,
      unsatisfiable: error.code === ErrorCodes.UNSATISFIABLE,
    };
  }
}

/** Radices (effective component sizes) whose product covers `rows` and stays <= 2^52. */
export function chooseRadices(spaces: readonly number[], rows: number): number[] {
  const radices = spaces.map((s) => Math.min(s, Math.max(rows, 1)));
  let product = radices.reduce((a, b) => a * b, 1);
  while (product > MAX_SPACE) {
    let largest = 0;
    radices.forEach((r, i) => {
      if (r > (radices[largest] as number)) largest = i;
    });
    const reduced = Math.ceil((radices[largest] as number) / 2);
    if ((product / (radices[largest] as number)) * reduced < rows) break;
    product = (product / (radices[largest] as number)) * reduced;
    radices[largest] = reduced;
  }
  return radices;
}

/** The related pair re-indexed into the chosen components (undefined when either was dropped). */
function pairWithin(
  chosen: readonly KeyComponent[],
  components: readonly KeyComponent[],
  related: KeyPair | undefined,
): KeyPair | undefined {
  if (!related) return undefined;
  const first = chosen.indexOf(components[related.first] as KeyComponent);
  const second = chosen.indexOf(components[related.second] as KeyComponent);
  return first < 0 || second < 0 ? undefined : { ...related, first, second };
}

export interface KeyPlanContext {
  readonly table: Table;
  readonly keys: readonly UniqueKey[];
  /** The rows asked of the table so far (cuts lower it). */
  readonly rows: number;
  /** The user asked for this row count: a key that cannot hold it is an error, not a cut. */
  readonly explicit: boolean;
  /**
   * --append: a key of several components keeps them all (not one with room
   * for every row), so the keys the table holds are avoided as whole tuples.
   */
  readonly wholeKeys?: boolean;
  readonly lookup: TypeLookup;
  /** The value generators' version (see GENERATOR_VERSION). */
  readonly generatorVersion: number;
  /** Column hints; key expressions add to them (`n % 1000` bounds n to a window of 1000). */
  readonly hints: Map<string, ColumnHints>;
  readonly sources: ReadonlyMap<string, ColumnSource>;
  set(column: string, source: ColumnSource, reason: string): void;
  readonly fks: readonly ForeignKey[];
  readonly fkParents: readonly number[];
  /** Parent rows a foreign key may point to. */
  fkSpace(fk: number): number;
  /**
   * The FK's parent rows differ in the key's columns even though the FK has
   * columns outside the key (a unique key of the parent maps into the key's
   * columns and the FK's single-valued ones: Logto's `(tenant_id, grant_id)`
   * under an FK to `(tenant_id, model_name, id)` with `model_name` fixed).
   */
  parentKeyCovers?(fk: number, keyColumns: readonly string[]): boolean;
  /**
   * How many of the FK's first parent rows differ in the key's columns (the parent's own FK picks distinct
   * rows there: plan/distinct-prefix.ts); the FK is then a key component over them.
   */
  parentPrefix?(fk: number, keyColumns: readonly string[]): number | undefined;
  readonly relations: readonly Extract<Atom, { kind: 'relation' }>[];
}

export interface KeyPlan {
  readonly drivers: UniqueDriver[];
  readonly fkPicks: Map<number, FkPick>;
  /** Rows after the keys' cuts. */
  readonly rows: number;
  readonly warnings: Warning[];
  /** Columns that are part of some key (never NULL). */
  readonly keyColumns: Set<string>;
}

interface PlannedKey {
  readonly key: UniqueKey;
  readonly elements: readonly KeyExpression[];
  readonly columns: readonly string[];
}

/** The keys with their elements read (expression hints applied), fewest columns first. */
function readKeys(ctx: KeyPlanContext): PlannedKey[] {
  const hintsOf = (column: string): ColumnHints => {
    let h = ctx.hints.get(column);
    if (!h) {
      h = {};
      ctx.hints.set(column, h);
    }
    return h;
  };
  // A column another source decides (an FK, a pinned value, a partition key) takes no expression hints.
  const decided = (e: KeyExpression): KeyExpression => {
    const columns =
      e.kind === 'modulo' || e.kind === 'prefix' ? [e.column] : e.kind === 'concat' ? e.columns : [];
    if (!columns.some((c) => ctx.sources.has(c))) return e;
    const text =
      e.kind === 'modulo'
        ? `${e.column} % ${e.modulus}`
        : e.kind === 'prefix'
          ? `left(${e.column}, ${e.length})`
          : columns.join(' || ');
    return { kind: 'opaque', text };
  };
  return ctx.keys
    .map((key) => {
      const elements = applyKeyExpressionHints(
        keyElementExpressions(key, ctx.table.columns).map(decided),
        ctx.table.columns,
        hintsOf,
      );
      return { key, elements, columns: keyColumns(elements) };
    })
    .sort((a, b) => a.columns.length - b.columns.length);
}

export function planUniqueKeys(ctx: KeyPlanContext): KeyPlan {
  const { table, fks } = ctx;
  let rows = ctx.rows;
  const drivers: UniqueDriver[] = [];
  const fkPicks = new Map<number, FkPick>();
  const warnings: Warning[] = [];
  const sources = new Map(ctx.sources);
  const set = (column: string, source: ColumnSource, reason: string) => {
    sources.set(column, source);
    ctx.set(column, source, reason);
  };
  // Column sets already unique over the rows: a key over a superset of one is unique too.
  const uniqueSets: (readonly string[])[] = [];
  const semanticColumns = new Set<string>();
  const planned = readKeys(ctx);
  for (const { key, elements, columns } of planned) {
    // A column left NULL in every row (no value fits its CHECKs) makes every row distinct under the key.
    if (
      key.kind !== 'primary-key' &&
      !key.nullsNotDistinct &&
      columns.some((c) => ctx.hints.get(c)?.nullOnly)
    )
      continue;
    const opaque = elements
      .filter((e) => e.kind === 'opaque')
      .map((e) => (e.kind === 'opaque' ? e.text : ''));
    if (columns.length > 0 && uniqueSets.some((s) => s.every((c) => columns.includes(c)))) continue;
    const components: KeyComponent[] = [];
    const why: string[] = [];
    let unsatisfiable = false;
    for (const col of columns) {
      const source = sources.get(col);
      if (source === undefined) {
        const unique = uniqueSpace(table, col, ctx.lookup, ctx.hints.get(col), rows, ctx.generatorVersion);
        if (unique.semantic) semanticColumns.add(col);
        if (unique.why) why.push(`${displayName(table)}.${col}: ${unique.why}`);
        if (unique.unsatisfiable) unsatisfiable = true;
        components.push({ kind: 'column', column: col, space: unique.space });
      } else if (source.kind === 'foreign-key') {
        const fk = fks[source.fk];
        // An FK is a key component when all its columns are in the key, or when its parent rows differ in the key's columns.
        const whole =
          fk?.columns.every((c) => columns.includes(c)) || ctx.parentKeyCovers?.(source.fk, columns);
        // Else its parent's first rows may differ in the key's columns (their own FK picks distinct rows).
        const prefix = whole ? undefined : ctx.parentPrefix?.(source.fk, columns);
        if ((whole || prefix !== undefined) && !fkPicks.has(source.fk)) {
          if (!components.some((c) => c.kind === 'foreign-key' && c.fk === source.fk)) {
            const space =
              prefix === undefined ? ctx.fkSpace(source.fk) : Math.min(prefix, ctx.fkSpace(source.fk));
            components.push({ kind: 'foreign-key', fk: source.fk, space });
          }
        }
      }
    }
    const related =
      findRelatedPair(components, {
        fkColumns: (i) => ({ columns: fks[i]?.columns ?? [], referenced: fks[i]?.referencedColumns ?? [] }),
        fkParent: (i) => ctx.fkParents[i] ?? -1,
        relations: ctx.relations,
      }) ?? findValuePair(components, ctx.relations, (column) => uniqueRange(ctx, column, components));
    // An ordered pair is never split (one side unique alone, the other free) whatever its sizes.
    const inOrderedPair = (c: KeyComponent) =>
      related !== undefined &&
      (related.orderCheck || related.values !== undefined) &&
      (c === components[related.first] || c === components[related.second]);
    if (related?.values) why.push(valuePairReason(table, components, related));
    // Prefer one column that alone has room for every row (an `id`, a `name`); for a temporal key only its
    // period, else all components: rows equal on the other columns then differ in their (disjoint) ranges.
    const period = periodColumn(key);
    // NULLS NOT DISTINCT: a component that may be NULL (a nullable FK a CHECK leaves NULL in some rows)
    // cannot make the rows distinct alone, as NULL rows then collide (Lakekeeper's tag key).
    const notNull = (column: string) =>
      table.columns.find((c) => c.name === column)?.notNull === true ||
      ctx.hints.get(column)?.notNull === true ||
      (table.primaryKey?.columns ?? []).includes(column);
    const mayBeNull = (c: KeyComponent) =>
      key.nullsNotDistinct && !(c.kind === 'column' ? [c.column] : (fks[c.fk]?.columns ?? [])).every(notNull);
    const single = components
      .filter((c) => c.space >= Math.max(rows, 1) && !inOrderedPair(c) && !mayBeNull(c))
      .filter(() => ctx.wholeKeys !== true || components.length === 1)
      .filter((c) => period === null || (c.kind === 'column' && c.column === period))
      .sort((a, b) => (a.kind === 'column' ? 0 : 1) - (b.kind === 'column' ? 0 : 1))[0];
    const chosen = single ? [single] : components.filter((c) => c.space > 0);
    const pair = single ? undefined : pairWithin(chosen, components, related);
    // Slot sizes: a related pair of FKs is one slot of distinct-row pairs.
    const slots = chosen.map((c, i) =>
      pair === undefined ? c.space : i === pair.first ? pair.space : i === pair.second ? 1 : c.space,
    );
    // No component: the key's values are fixed by other constraints (or expressions datagen cannot construct); one row is safe.
    // A column no unique value of which meets its CHECKs: no row at all.
    const capacity = unsatisfiable ? 0 : slots.reduce((a, s) => a * s, 1);
    const nulled =
      capacity < rows && opaque.length > 0
        ? nullingColumn(table, key, ctx.hints, (c) => sources.has(c))
        : undefined;
    if (nulled !== undefined) {
      // The key's expression is NULL with the column NULL: every row distinct under it, no cut.
      const already = ctx.hints.get(nulled)?.nullOnly === true;
      ctx.hints.set(nulled, { ...(ctx.hints.get(nulled) ?? {}), nullOnly: true });
      if (!already)
        warnings.push({
          code: 'COLUMN_LEFT_NULL',
          where: `${displayName(table)}.${nulled}`,
          message: `${displayName(table)}.${nulled} is left NULL in every row: datagen cannot make ${opaque.join(', ')} of UNIQUE ${key.name} unique by construction, and it is NULL (so every row distinct) when ${nulled} is. To fill the column, generate from a copy of the DDL without that unique index.`,
        });
      continue;
    }
    if (capacity < rows) {
      const shown = key.columns.map((c, i) => c ?? key.expressions[i]?.text ?? '?');
      const what = `${key.kind === 'primary-key' ? 'PRIMARY KEY' : key.isIndex ? 'UNIQUE INDEX' : 'UNIQUE'} ${key.name} (${shown.join(', ')})`;
      const because = capacityReason(components, opaque, why);
      if (ctx.explicit) {
        throw new DatagenError(
          ErrorCodes.UNIQUE_SPACE_TOO_SMALL,
          `${displayName(table)}: ${rows} rows were requested but ${what} allows only ${capacity} distinct values${because}. Ask for at most ${capacity} rows (--rows ${table.name}=${capacity}) or widen the key.`,
          { table: displayName(table), key: key.name, requested: rows, capacity },
        );
      }
      warnings.push({
        code: 'ROWS_REDUCED',
        where: displayName(table),
        message: `${displayName(table)}: ${what} allows only ${capacity} distinct values${because}, so it gets ${capacity} rows instead of ${rows}.`,
      });
      rows = capacity;
    }
    uniqueSets.push(columns);
    if (chosen.length === 0) continue;
    const radices = chooseRadices(slots, rows);
    const first = chosen[0] as KeyComponent;
    const col = table.columns.find((c) => first.kind === 'column' && c.name === first.column);
    const base = col ? resolveDomains(col.type, ctx.lookup).base : undefined;
    const ordered =
      chosen.length === 1 &&
      first.kind === 'column' &&
      base !== undefined &&
      INTEGER_TYPES.has(base.name) &&
      base.arrayDims === 0;
    const driverIndex = drivers.length;
    drivers.push({ key: key.name, components: chosen, radices, ordered, ...(pair ? { pair } : {}) });
    chosen.forEach((c, component) => {
      if (c.kind === 'column') {
        set(
          c.column,
          { kind: 'unique', driver: driverIndex, component, semantic: semanticColumns.has(c.column) },
          ordered
            ? `${key.name}: 1, 2, 3, … in row order`
            : `${key.name}: unique by a keyed bijection of the row`,
        );
      } else fkPicks.set(c.fk, { kind: 'driver', driver: driverIndex, component });
    });
    if (chosen.length === 1) {
      const only = first.kind === 'column' ? [first.column] : (fks[first.fk]?.columns ?? []);
      uniqueSets.push(only);
    }
  }
  return { drivers, fkPicks, rows, warnings, keyColumns: new Set(planned.flatMap((k) => k.columns)) };
}

function capacityReason(
  components: readonly KeyComponent[],
  opaque: readonly string[],
  why: readonly string[],
): string {
  const parts: string[] = [];
  if (components.some((c) => c.kind === 'foreign-key')) {
    parts.push('a key over foreign keys is bounded by the parent tables\u2019 rows');
  }
  if (why.length > 0) parts.push(why.join('; '));
  if (opaque.length > 0 && components.length === 0) {
    parts.push(
      `datagen cannot make ${opaque.join(', ')} unique by construction and no other column of the key is free to vary; for more rows, generate from a copy of the DDL without this key`,
    );
  } else if (components.length === 0) {
    parts.push('all its columns are decided by other constraints');
  }
  return parts.length > 0 ? ` (${parts.join('; ')})` : '';
}

/** A bounded integer key column's range when its unique values are `min + k` over the whole range. */
function uniqueRange(
  ctx: KeyPlanContext,
  column: string,
  components: readonly KeyComponent[],
): IntegerRange | null {
  const col = ctx.table.columns.find((c) => c.name === column);
  const hints = ctx.hints.get(column);
  if (!col || !hints || (hints.exclude?.length ?? 0) > 0 || hints.oneOf) return null;
  const range = boundedIntegerRange(resolveDomains(col.type, ctx.lookup).base, hints);
  const space = components.find((c) => c.kind === 'column' && c.column === column)?.space;
  return range && space === range.max - range.min + 1 ? range : null;
}

function valuePairReason(table: Table, components: readonly KeyComponent[], pair: KeyPair): string {
  const name = (i: number) => {
    const c = components[i];
    return c?.kind === 'column' ? c.column : '?';
  };
  const v = pair.values;
  const range = (r: IntegerRange | undefined) => (r ? `${r.min}..${r.max}` : '?');
  return `${displayName(table)}: ${name(pair.first)} ${v?.op} ${name(pair.second)} with ${name(pair.first)} in ${range(v?.left)} and ${name(pair.second)} in ${range(v?.right)} leaves ${pair.space} pairs`;
}

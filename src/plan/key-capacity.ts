/**
 * Unique keys → drivers (design.md, principle 3): each key's columns and
 * foreign keys become the components of a keyed bijection of the row index,
 * and the key's capacity (the product of its components' spaces, under the
 * columns' CHECKs) bounds the table's rows, with the numbers.
 */

import type { Atom } from '../checks/check-atoms.js';
import type { ColumnHints } from '../checks/check-hints.js';
import type { TypeLookup } from '../checks/type-resolution.js';
import type { Warning } from '../errors.js';
import type { ForeignKey, Table, UniqueKey } from '../schema/model.js';
import { displayColumn } from '../schema/names.js';
import { caseBranchElements, elementAst } from './case-key-branches.js';
import { steerCaseElement } from './case-key-steering.js';
import { appendCountsUp, countsUpColumn } from './counting-keys.js';
import { type ExactlyOne, eitherArms, pickBothArms, spanBothArms } from './either-keys.js';
import { drivePeriod, periodUpper } from './exclusion-periods.js';
import { drivingComponents, keyComponents, relatedPairOf, valuePairReason } from './key-components.js';
import {
  applyKeyExpressionHints,
  type KeyExpression,
  keyColumns,
  keyElementExpressions,
} from './key-expressions.js';
import { pastTheRoom } from './key-room.js';
import { computedFromKey } from './key-text-keys.js';
import { nullingColumn } from './null-key-columns.js';
import type { RowsOutside } from './partial-keys.js';
import type { ColumnSource, FkPick, KeyComponent, KeyPair, UniqueDriver } from './plan-model.js';

export const MAX_SPACE = 2 ** 52;
export { INTEGER_TYPES } from './counting-keys.js';

/** Radices (effective component sizes) whose product covers `rows` and stays <= 2^52. */
export function chooseRadices(spaces: readonly number[], rows: number): number[] {
  const radices = spaces.map((s) => Math.min(s, Math.max(rows, 1)));
  let product = radices.reduce((a, b) => a * b, 1);
  while (product > MAX_SPACE) {
    let largest = 0;
    radices.forEach((r, i) => {
      if (r > (radices[largest] as number)) largest = i;
    });
    const others = product / (radices[largest] as number);
    // Halved, or as far as the rows allow (a halving would leave fewer tuples than rows).
    const reduced = Math.max(Math.ceil((radices[largest] as number) / 2), Math.ceil(rows / others));
    if (reduced >= (radices[largest] as number)) break;
    product = others * reduced;
    radices[largest] = reduced;
  }
  return radices;
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
  /**
   * --append: an FK that points only at the parent's new rows (none there, or its columns not its own: a
   * tenant column pinned through it). Its tuples are new parent keys, which the parent's held rows do not
   * have, so no held row of the table has them: it may drive a key alone, as without --append.
   */
  readonly newParentsOnly?: (fk: number) => boolean;
  readonly lookup: TypeLookup;
  /** The value generators' version (see GENERATOR_VERSION). */
  readonly generatorVersion: number;
  /** The run's locale (`--locale`), whose unique spaces the keys are planned with. */
  readonly locale?: string;
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
  /** FKs whose parent row i is row i's when one makes a key alone (a tenant key's extension: pinned-columns.ts). */
  readonly orderedFks?: ReadonlySet<number>;
  /** Column pairs an exactly-one CHECK ties (either-keys.ts). */
  readonly exactlyOne?: readonly ExactlyOne[];
  /** Partial keys whose rows past their room may be kept outside the WHERE: the column it reads, by key name (partial-keys.ts). */
  readonly rowsOutside?: ReadonlyMap<string, RowsOutside>;
}

export interface KeyPlan {
  readonly drivers: UniqueDriver[];
  readonly fkPicks: Map<number, FkPick>;
  /** Rows after the keys' cuts. */
  readonly rows: number;
  readonly warnings: Warning[];
  /** Columns that are part of some key (never NULL). */
  readonly keyColumns: Set<string>;
  /** Columns only a CASE branch's key holds (case-key-branches.ts): unique, and NULL where nullable. */
  readonly branchColumns: Set<string>;
  /** A partial key's WHERE column, by column: outside the WHERE from `row` on (the key's room). */
  readonly outside: Map<string, { readonly row: number; readonly key: string }>;
}

export interface PlannedKey {
  readonly key: UniqueKey;
  readonly elements: readonly KeyExpression[];
  readonly columns: readonly string[];
  /** One branch of a generated CASE element (case-key-branches.ts): its columns may be NULL. */
  readonly branch?: true;
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
  const apply = (elements: readonly KeyExpression[]) =>
    applyKeyExpressionHints(elements.map(decided), ctx.table.columns, hintsOf);
  return ctx.keys
    .flatMap((key): PlannedKey[] => {
      const read = keyElementExpressions(key, ctx.table.columns, {
        trims: ctx.generatorVersion >= 25,
        stops: ctx.generatorVersion >= 28,
        arraySteps: ctx.generatorVersion >= 29,
      });
      const branches = caseBranchElements(key, read, ctx.table.columns);
      if (branches)
        return branches.map((b) => {
          const elements = apply(b);
          return { key, elements, columns: keyColumns(elements), branch: true };
        });
      const nullable = (c: string) => ctx.table.columns.some((d) => d.name === c && !d.notNull);
      // A column of the key no other source decides can make its rows distinct alone: a CASE beside it holds no column NULL or set.
      const free = (e: KeyExpression) => e.kind === 'columns' && e.columns.some((c) => !ctx.sources.has(c));
      const steered = read.map((e, i) =>
        steerCaseElement(e, elementAst(key, i, ctx.table.columns), {
          decided: (c) => ctx.sources.has(c),
          hintsOf,
          nullable,
          holdNulls: !read.some((other, j) => j !== i && free(other)),
        }),
      );
      const elements = apply(steered);
      return [{ key, elements, columns: keyColumns(elements) }];
    })
    .sort((a, b) => a.columns.length - b.columns.length);
}

/** A column left NULL in every row (no value fits its CHECKs) makes every row distinct under a UNIQUE key. */
function nullInEveryRow(ctx: KeyPlanContext, key: UniqueKey, columns: readonly string[]): boolean {
  return (
    key.kind !== 'primary-key' && !key.nullsNotDistinct && columns.some((c) => ctx.hints.get(c)?.nullOnly)
  );
}

export function planUniqueKeys(ctx: KeyPlanContext): KeyPlan {
  const { table, fks } = ctx;
  let rows = ctx.rows;
  const drivers: UniqueDriver[] = [];
  const fkPicks = new Map<number, FkPick>();
  const warnings: Warning[] = [];
  const sources = new Map(ctx.sources);
  // Column sets already unique over the rows: a key over a superset of one is unique too.
  const uniqueSets: (readonly string[])[] = [];
  const semanticColumns = new Set<string>();
  const outside = new Map<string, { readonly row: number; readonly key: string }>();
  const planned = readKeys(ctx);
  for (const [at, { key, elements, columns, branch }] of planned.entries()) {
    if (nullInEveryRow(ctx, key, columns)) continue;
    const opaque = elements
      .filter((e) => e.kind === 'opaque')
      .map((e) => (e.kind === 'opaque' ? e.text : ''));
    if (columns.length > 0 && uniqueSets.some((s) => s.every((c) => columns.includes(c)))) continue;
    if (computedFromKey(ctx, key.name, columns, uniqueSets, sources)) continue;
    const arms = eitherArms(ctx, planned[at] as PlannedKey, planned, sources, fkPicks);
    const read = keyComponents(ctx, columns, sources, rows, fkPicks, semanticColumns, key);
    const { why, unsatisfiable } = read;
    const components = arms === undefined ? read.components : spanBothArms(read.components, arms);
    // A NOT NULL foreign key whose parent gets no rows leaves the table empty (cut-propagation.ts, warned
    // there): the key has no room to tell of (was "allows only 1 distinct value", then "gets no rows").
    if (components.some((c) => emptyParentKey(ctx, c))) continue;
    const related = relatedPairOf(ctx, components);
    if (related?.values) why.push(valuePairReason(table, components, related));
    const countsUp = appendCountsUp(ctx, semanticColumns);
    const { chosen, pair, slots } = drivingComponents(ctx, key, components, related, rows, countsUp);
    // No component: the key's values are fixed by other constraints (or expressions datagen cannot construct); one row is safe.
    // A column no unique value of which meets its CHECKs: no row at all.
    const capacity = unsatisfiable ? 0 : slots.reduce((a, s) => a * s, 1);
    const nulled =
      capacity < rows && opaque.length > 0
        ? nullingColumn(table, key, ctx.hints, (c) => sources.has(c))
        : undefined;
    if (nulled !== undefined) {
      const warning = leaveKeyNull(ctx, key, nulled, opaque);
      if (warning) warnings.push(warning);
      continue;
    }
    const past = pastTheRoom(
      ctx,
      planned,
      sources,
      {
        key,
        branch,
        chosen,
        components,
        opaque,
        why,
        ...(arms === undefined ? {} : { bothArms: true as const }),
      },
      { capacity, rows },
      { warnings, outside },
    );
    const { branchNull, wayOut, roomOnly, nullFk, nullColumn } = past;
    rows = past.rows;
    if (past.uniqueOverRows) uniqueSets.push(columns);
    if (chosen.length === 0) continue;
    const made = keyDriver(
      ctx,
      key,
      chosen,
      chooseRadices(slots, roomOnly ? capacity : rows),
      pair,
      semanticColumns,
    );
    const wraps = wayOut !== undefined || nullFk !== undefined || nullColumn !== undefined;
    const driver = wraps ? { ...made, wrapFrom: capacity } : made;
    const driverIndex = drivers.length;
    drivers.push(driver);
    driveComponents(
      ctx,
      key,
      { chosen, driver, driverIndex, semanticColumns },
      { sources, fkPicks },
      {
        ...(branchNull === undefined ? {} : { columnsFrom: capacity }),
        ...(nullFk === undefined ? {} : { fk: nullFk, fkFrom: capacity }),
        ...(nullColumn === undefined ? {} : { column: nullColumn, columnFrom: capacity }),
      },
    );
    if (arms !== undefined) {
      pickBothArms(fkPicks, arms);
      uniqueSets.push(arms.otherKey.columns);
    }
    const first = chosen[0] as KeyComponent;
    if (chosen.length === 1 && wayOut === undefined)
      uniqueSets.push(first.kind === 'column' ? [first.column] : (fks[first.fk]?.columns ?? []));
  }
  // A two-column period's upper column is held as its lower one is: never NULL (an unbounded period overlaps).
  const held = new Set(planned.flatMap((k) => (k.branch ? [] : [...k.columns, ...periodUpper(ctx, k.key)])));
  const branchColumns = new Set(
    planned.flatMap((k) => (k.branch ? k.columns : [])).filter((c) => !held.has(c)),
  );
  return { drivers, fkPicks, rows, warnings, keyColumns: held, branchColumns, outside };
}

/**
 * The sources of a key's driven components: each column unique through the driver (NULL from `columnsFrom`:
 * a CASE branch's column past its room; version 20: `column` NULL from `columnFrom`), each FK picked by it
 * (version 19: `fk` NULL from `fkFrom`).
 */
function driveComponents(
  ctx: KeyPlanContext,
  key: UniqueKey,
  at: {
    readonly chosen: readonly KeyComponent[];
    readonly driver: UniqueDriver;
    readonly driverIndex: number;
    readonly semanticColumns: ReadonlySet<string>;
  },
  out: { readonly sources: Map<string, ColumnSource>; readonly fkPicks: Map<number, FkPick> },
  nulls: {
    readonly columnsFrom?: number;
    readonly fk?: number;
    readonly fkFrom?: number;
    readonly column?: string;
    readonly columnFrom?: number;
  },
): void {
  const { chosen, driver, driverIndex, semanticColumns } = at;
  const { sources, fkPicks } = out;
  const period = ctx.generatorVersion >= 19 ? key.periodBounds : undefined;
  chosen.forEach((c, component) => {
    if (c.kind === 'column') {
      const nullFrom = c.column === nulls.column ? nulls.columnFrom : nulls.columnsFrom;
      const source: ColumnSource = {
        kind: 'unique',
        driver: driverIndex,
        component,
        semantic: semanticColumns.has(c.column),
        ...(nullFrom === undefined ? {} : { nullFrom }),
        ...(c.series === true ? { series: true as const } : {}),
      };
      if (period !== undefined && c.column === period.lower) {
        drivePeriod(ctx, key, period, source, sources);
        return;
      }
      sources.set(c.column, source);
      ctx.set(
        c.column,
        source,
        driver.ordered
          ? `${key.name}: 1, 2, 3, … in row order`
          : `${key.name}: unique by a keyed bijection of the row`,
      );
    } else
      fkPicks.set(c.fk, {
        kind: 'driver',
        driver: driverIndex,
        component,
        ...(c.fk === nulls.fk && nulls.fkFrom !== undefined ? { nullFrom: nulls.fkFrom } : {}),
      });
  });
}

/** A key's driver over its chosen components: ordered (1, 2, 3, … in row order) when it is one integer column (not a moment's). */
function keyDriver(
  ctx: KeyPlanContext,
  key: UniqueKey,
  chosen: KeyComponent[],
  radices: number[],
  pair: KeyPair | undefined,
  semanticColumns: ReadonlySet<string>,
): UniqueDriver {
  const first = chosen[0] as KeyComponent;
  const orderedFk =
    chosen.length === 1 && first.kind === 'foreign-key' && ctx.orderedFks?.has(first.fk) === true;
  const ordered =
    orderedFk ||
    (chosen.length === 1 && first.kind === 'column' && countsUpColumn(ctx, first.column, semanticColumns));
  return { key: key.name, components: chosen, radices, ordered, ...(pair ? { pair } : {}) };
}

function leaveKeyNull(
  ctx: KeyPlanContext,
  key: UniqueKey,
  nulled: string,
  opaque: readonly string[],
): Warning | undefined {
  const { table } = ctx;
  const already = ctx.hints.get(nulled)?.nullOnly === true;
  ctx.hints.set(nulled, { ...(ctx.hints.get(nulled) ?? {}), nullOnly: true });
  if (already) return undefined;
  return {
    code: 'COLUMN_LEFT_NULL',
    where: `${displayColumn(table, nulled)}`,
    message: `${displayColumn(table, nulled)} is left NULL in every row: datagen cannot make ${opaque.join(', ')} of UNIQUE ${key.name} unique by construction, and it is NULL (so every row distinct) when ${nulled} is. To fill the column, generate from a copy of the DDL without that unique index.`,
  };
}

/** A key component that is a NOT NULL foreign key to a parent without rows. */
function emptyParentKey(ctx: KeyPlanContext, c: KeyComponent): boolean {
  if (c.kind !== 'foreign-key' || c.space > 0) return false;
  const columns = ctx.fks[c.fk]?.columns ?? [];
  return (
    columns.length > 0 &&
    columns.every((name) => ctx.table.columns.find((col) => col.name === name)?.notNull === true)
  );
}

/**
 * One column's plain value function, compiled from its plan source
 * (generated, constant, foreign key, unique, partition key, value list,
 * random) and then finished: NULLs at its rate, one value in every row, row
 * blocks its children look up, stage dates that agree with the row's status,
 * case folding. The value source (value-source.ts) supplies what a column
 * reads of other columns and tables through `ColumnCompileDeps`.
 */
import { resolveDomains, type TypeLookup } from '../checks/type-resolution.js';
import { rowBlockValue } from '../plan/parent-lookups.js';
import type { ColumnPlan, ColumnSource, TablePlan } from '../plan/plan-model.js';
import { otherForeignKeyOf } from '../plan/tree-roots.js';
import { displayName } from '../schema/names.js';
import { firstChance, RowRandom, streamKey } from '../values/random.js';
import { isChildRowCount } from '../values/semantic/child-counts30.js';
import { isChildTotalName, isLineTable } from '../values/semantic/child-totals.js';
import { nameTokens } from '../values/semantic/column-names.js';
import { withListedSex } from '../values/semantic/gendered-names.js';
import { createBuild, type RowContext } from '../values/semantic/index.js';
import { isChainedPeriodEnd } from '../values/semantic/period-chain-end.js';
import { typeFamilyOf } from '../values/semantic/semantic-kind.js';
import { listedSpecGenerator } from '../values/semantic/spec-vocabularies.js';
import { undeliveredFrom } from '../values/semantic/version-eleven-names.js';
import { type ColumnWrite, writeWithNulls } from './column-writes.js';
import { hashRouteChoices } from './hash-route.js';
import { partitionChoiceIndex, partitionKeyValues, uniqueColumnValues } from './key-source-values.js';
import { caseFolding, isEscapeFreeValue, randomColumnGenerator, randomValueWriter } from './random-column.js';
import type { RowPicks } from './row-picks.js';
import type { NotedSeries } from './series-offsets.js';
import { siblingNumbers } from './sibling-numbers.js';
import { taggedValues } from './tagged-values.js';
import type { ValueFn } from './value-source.js';

/** What compiling a column reads of the rest of the value source. */
export interface ColumnCompileDeps {
  readonly seed: number;
  readonly lookup: TypeLookup;
  readonly version: number;
  readonly tupleOf: RowPicks['tupleOf'];
  readonly stripes: RowPicks['stripes'];
  readonly stripeOf: RowPicks['stripeOf'];
  readonly exactFanOut: RowPicks['exactFanOut'];
  tablePlan(tableIndex: number): TablePlan;
  rowContext(tableIndex: number, insideEngine: boolean): RowContext;
  /** A column's written values (the row engine's where it decides them), for a column read by another. */
  writtenValueOf(tableIndex: number, column: string): ValueFn;
  /** A column's value through one foreign key of its table; `whenNull` where the FK is NULL. */
  foreignKeyValue(tableIndex: number, fkIndex: number, column: string, whenNull?: ValueFn): ValueFn;
  /** A parent's key column at a row (what a foreign key to it reads). */
  parentKey(parentIndex: number, column: string): ValueFn;
  /** `foreignKeyValue`'s bytes (no `whenNull`), where it can write them. */
  foreignKeyWrite(tableIndex: number, fkIndex: number, column: string): ColumnWrite | undefined;
  /** A stage date set or NULL as the row's status says, else `usual`. */
  agreeWithStatus(
    tableIndex: number,
    column: string,
    typeName: string,
    set: ValueFn,
    usual: ValueFn,
  ): ValueFn;
  /** Columns whose own generator yields only printable ASCII without a backslash (keyed by `columnKey`). */
  readonly escapeFreeColumns: Set<string>;
  /** Columns whose compiled functions can also write their values as bytes (keyed by `columnKey`). */
  readonly writers: Map<string, ColumnWrite>;
  /** Version 14: history series by their start column (keyed by `columnKey`; generate/series-offsets.ts). */
  readonly periodSeries: Map<string, NotedSeries>;
}

/** The key of a table's column in the value source's maps. */
export const columnKey = (tableIndex: number, column: string): string => `${tableIndex}\u0000${column}`;

/** `fn` with NULL in a `rate` share of rows, drawn from `nullKey`. */
export function withNulls(fn: ValueFn, rate: number, nullKey: number): ValueFn {
  if (rate <= 0) return fn;
  const isNull = firstChance(nullKey, rate);
  return (row) => (isNull(row) ? null : fn(row));
}

/** A column's values straight from its source: `done` is final, else `fn` (and `write`) still to be finished. */
type SourceValues =
  | { readonly done: ValueFn }
  | { readonly fn: ValueFn; readonly write?: ColumnWrite | undefined };

/** What compiling one column works with. */
interface ColumnAt {
  readonly deps: ColumnCompileDeps;
  readonly tableIndex: number;
  readonly t: TablePlan;
  readonly c: ColumnPlan;
  readonly base: ReturnType<typeof resolveDomains>['base'];
  readonly key: number;
  readonly nullKey: number;
}

/** A column's plain value function (not the row engine's, not shared with siblings). */
export function compileColumn(deps: ColumnCompileDeps, tableIndex: number, columnName: string): ValueFn {
  const t = deps.tablePlan(tableIndex);
  const c = t.columns.find((col) => col.column.name === columnName);
  if (!c) throw new Error(`no column ${columnName} in ${displayName(t.table)}`);
  const { base } = resolveDomains(c.column.type, deps.lookup);
  const key = streamKey(deps.seed, t.table.schema, t.table.name, c.column.name);
  const nullKey = streamKey(deps.seed, t.table.schema, t.table.name, c.column.name, 'null');
  const at: ColumnAt = { deps, tableIndex, t, c, base, key, nullKey };
  const values = sourceValues(at);
  const fn = 'done' in values ? values.done : finishValues(at, values.fn, values.write);
  return c.outsideFrom === undefined ? fn : outsideFrom(at, c.outsideFrom, fn);
}

/**
 * A partial key's WHERE column past the key's room (plan/partial-keys.ts): a value of the hints that keep
 * the row outside the WHERE, never NULL; the first rows keep `fn` (its writer goes: the switch is here).
 */
function outsideFrom(at: ColumnAt, outside: NonNullable<ColumnPlan['outsideFrom']>, fn: ValueFn): ValueFn {
  const { deps, tableIndex, t, c, base, key } = at;
  deps.writers.delete(columnKey(tableIndex, c.column.name));
  const generate = randomColumnGenerator(t, c.column.name, base, outside.hints, deps.lookup, () =>
    deps.rowContext(tableIndex, false),
  );
  if (!isEscapeFreeValue(generate)) deps.escapeFreeColumns.delete(columnKey(tableIndex, c.column.name));
  const random = new RowRandom();
  const from = outside.row;
  return (row) => (row >= from ? generate(random.at(key, row), row) : fn(row));
}

/** The choice the root's partition key takes in a row, for a deeper level's key that follows it. */
function routeOf(
  at: ColumnAt,
  route: { readonly column: string } | undefined,
): ((row: number) => number) | undefined {
  if (route === undefined) return undefined;
  const { t, deps } = at;
  const root = t.columns.find((col) => col.column.name === route.column)?.source;
  if (root?.kind !== 'partition-key')
    throw new Error(`${displayName(t.table)}: ${route.column} is no partition key`);
  const index = partitionChoiceIndex(root, deps.version);
  const random = new RowRandom();
  const key = streamKey(deps.seed, t.table.schema, t.table.name, route.column);
  return (row) => index(random.at(key, row), row);
}

/** The column's values as its source kind makes them. */
function sourceValues(at: ColumnAt): SourceValues {
  const { deps, tableIndex, t, c, base, key } = at;
  const columnName = c.column.name;
  const random = new RowRandom();
  const source = c.source;
  const hints = c.hints;
  switch (source.kind) {
    case 'generated':
      return { done: () => null };
    case 'constant': {
      const value = source.value;
      const k = source.stripes ? deps.stripes.count(source.stripes.group) : 1;
      if (k <= 1 || !source.stripes) return { done: () => value };
      // A tenant column: row i in the tenant of its stripe, i % k or its deciding FK's (tenant-stripes.ts).
      const values = source.stripes.values;
      const stripe = deps.stripeOf(tableIndex, source.stripes.group);
      return { done: (row) => values[stripe(row)] as string };
    }
    case 'foreign-key': {
      // A tree's root leaves a partly nullable FK NULL; its NOT NULL columns (a NOT NULL domain's too: the
      // notNull hint) take another FK's value.
      const other =
        c.column.notNull || hints.notNull
          ? otherForeignKeyOf(
              t.foreignKeys.map((f) => f.fk),
              source.fk,
              columnName,
            )
          : undefined;
      if (other !== undefined) {
        const whenNull = deps.foreignKeyValue(tableIndex, other, columnName);
        return { done: deps.foreignKeyValue(tableIndex, source.fk, columnName, whenNull) };
      }
      // Its bytes straight from the parent's key column (used where the column's text is plain).
      const write = deps.foreignKeyWrite(tableIndex, source.fk, columnName);
      if (write !== undefined) deps.writers.set(columnKey(tableIndex, columnName), write);
      return { done: deps.foreignKeyValue(tableIndex, source.fk, columnName) };
    }
    case 'unique':
      return uniqueSourceValues(at, source);
    case 'partition-key':
      return {
        fn: partitionKeyValues(
          base,
          hints,
          deps.lookup,
          key,
          source,
          deps.version,
          routeOf(at, source.route),
          source.hashRoutes === undefined
            ? undefined
            : hashRouteChoices(
                source.hashRoutes,
                (column) => deps.writtenValueOf(tableIndex, column),
                (column) => routeOf(at, { column }) as (row: number) => number,
              ),
        ),
      };
    case 'one-of': {
      if (c.steer) {
        const generate = randomColumnGenerator(t, c.column.name, base, hints, deps.lookup, () =>
          deps.rowContext(tableIndex, false),
        );
        return { fn: (row) => generate(random.at(key, row), row) };
      }
      const excluded = hints.exclude ?? [];
      const values = source.values.filter((v) => !excluded.includes(v));
      if (values.length === 0) return { done: () => null };
      // Version 16: a specification's column (TPC-H's) takes the listed values as the specification draws them.
      const spec =
        deps.version >= 16
          ? listedSpecGenerator(t.table, c.column, base, deps.rowContext(tableIndex, false))
          : null;
      if (spec !== null)
        return {
          fn: (row) => {
            const rand = random.at(key, row);
            const value = spec.random(rand, row);
            return values.includes(value) ? value : rand.pick(values);
          },
        };
      // Version 18: a listed gender agreeing with the row's first name (gendered-names.ts).
      const sexed =
        deps.version >= 18
          ? withListedSex(
              createBuild(t.table, c.column, base, deps.rowContext(tableIndex, false)),
              values,
              (rand) => rand.pick(values),
            )
          : null;
      if (sexed !== null) return { fn: (row) => sexed(random.at(key, row), row) };
      return { fn: (row) => random.at(key, row).pick(values) };
    }
    case 'random':
      return randomSourceValues(at, random);
    case 'tagged':
      return { done: taggedValues(source, { rows: t.rows, key }, deps.parentKey) };
  }
}

/** A unique column's values (its key's tuple), NULL past a CASE branch's room. */
function uniqueSourceValues(at: ColumnAt, source: Extract<ColumnSource, { kind: 'unique' }>): SourceValues {
  const { deps, tableIndex, t, c, base, key } = at;
  const columnName = c.column.name;
  // Version 12: a key's counter within its parent under an exact fan-out (sibling-numbers.ts).
  const numbers =
    deps.version >= 12 && typeFamilyOf(base.name) === 'integer' && source.nullFrom === undefined
      ? siblingNumbers(t, tableIndex, c, source, deps.exactFanOut)
      : undefined;
  if (numbers !== undefined) {
    deps.escapeFreeColumns.add(columnKey(tableIndex, columnName));
    return { fn: numbers };
  }
  const made = uniqueColumnValues(
    {
      table: t,
      column: c,
      base,
      lookup: deps.lookup,
      key,
      generatorVersion: deps.version,
      tuple: deps.tupleOf(tableIndex, source.driver),
      rowContext: () => deps.rowContext(tableIndex, false),
      noteSeries: (series, value) =>
        deps.periodSeries.set(columnKey(tableIndex, columnName), { series, value }),
    },
    source,
  );
  if (made.escapeFree) deps.escapeFreeColumns.add(columnKey(tableIndex, columnName));
  const nullFrom = source.nullFrom;
  if (nullFrom === undefined) return { fn: made.fn, write: made.write };
  // A CASE branch's column past its branch's room: NULL (plan/key-capacity.ts branchNullColumn).
  const unique = made.fn;
  return { fn: (row) => (row >= nullFrom ? null : unique(row)), write: undefined };
}

/** A random column's values, written as bytes where its generator can. */
function randomSourceValues(at: ColumnAt, random: RowRandom): SourceValues {
  const { deps, tableIndex, t, c, base, key } = at;
  const columnName = c.column.name;
  const hints = c.hints;
  // Left NULL (a CHECK says so, or the planner found no value for the column): nothing to build.
  if (hints.nullOnly && !c.column.notNull) return { done: () => null };
  const generate = randomColumnGenerator(t, c.column.name, base, hints, deps.lookup, () =>
    deps.rowContext(tableIndex, false),
  );
  if (isEscapeFreeValue(generate)) deps.escapeFreeColumns.add(columnKey(tableIndex, columnName));
  const bytes = randomValueWriter(generate);
  return {
    fn: (row) => generate(random.at(key, row), row),
    write:
      bytes === undefined
        ? undefined
        : (out, row) => {
            bytes(random.at(key, row), row, out);
            return true;
          },
  };
}

/**
 * Whether a column with no configuration of its own is an order's total its
 * lines' sum makes (values/semantic/child-totals.ts): a price-like total
 * whose table has a lines table under an exact fan-out.
 */
function isSummedTotal(at: ColumnAt): boolean {
  const { deps, tableIndex, c } = at;
  if (c.steer !== undefined || !isChildTotalName(nameTokens(c.column.name))) return false;
  const ctx = deps.rowContext(tableIndex, false);
  return ctx.siblingKind(c.column.name) === 'price' && ctx.childRows?.(isLineTable) !== undefined;
}

/** Version 30: a parent's count of its children, with no configuration of its own. */
const isCounted = (at: ColumnAt): boolean =>
  at.c.steer === undefined &&
  isChildRowCount(at.deps.rowContext(at.tableIndex, false), at.c.column.name, at.base.name, at.deps.version);

/** Version 15: a period's end chained to its parent's next start, with no configuration of its own. */
function isChainedEnd(at: ColumnAt): boolean {
  const { deps, tableIndex, c, t } = at;
  if (deps.version < 15 || c.steer !== undefined) return false;
  return isChainedPeriodEnd(t.table, c.column.name, deps.rowContext(tableIndex, false));
}

/** The source's values with the column's NULLs, row blocks, status agreement and case folding. */
function finishValues(at: ColumnAt, fn: ValueFn, write: ColumnWrite | undefined): ValueFn {
  const { deps, tableIndex, t, c, base, nullKey } = at;
  const { source, hints } = c;
  const ownKey = columnKey(tableIndex, c.column.name);
  if (hints.nullOnly && !c.column.notNull) return () => null;
  if (hints.sameInEveryRow && (source.kind === 'random' || source.kind === 'one-of')) {
    // An exclusion's `c WITH <>`: row 0's value in every row, so no two rows differ on it.
    const first = withNulls(fn, c.nullRate, nullKey)(0);
    return () => first;
  }
  if (hints.rowBlocks && (source.kind === 'random' || source.kind === 'one-of')) {
    // Children's CHECKs look this column up: its first rows hold their values in blocks (parent-lookups.ts).
    deps.escapeFreeColumns.delete(ownKey);
    const block = rowBlockValue(t.rows, hints.rowBlocks);
    const rest = withNulls(fn, c.nullRate, nullKey);
    return (row) => block(row) ?? rest(row);
  }
  if (source.kind === 'random') {
    // Version 12: TPC-C's newest orders without a carrier (version-eleven-names.ts).
    const undelivered =
      deps.version >= 12 && c.nullRate > 0 && typeFamilyOf(base.name) === 'integer'
        ? undeliveredFrom(t.table, c.column, t.rows)
        : undefined;
    if (undelivered !== undefined) return (row) => (row >= undelivered ? null : fn(row));
    // Version 13: an order's total summed from its lines is never NULL (child-totals.ts).
    // Version 15: nor is a period's end chained to the next start (period-chain-end.ts).
    // Version 30: nor a parent's count of its children (child-counts30.ts).
    const nullRate =
      deps.version >= 13 && c.nullRate > 0 && (isSummedTotal(at) || isChainedEnd(at) || isCounted(at))
        ? 0
        : c.nullRate;
    const usual = withNulls(fn, nullRate, nullKey);
    const agreed = deps.agreeWithStatus(tableIndex, c.column.name, base.name, fn, usual);
    if (agreed === usual && write !== undefined)
      deps.writers.set(ownKey, writeWithNulls(write, nullRate, nullKey));
    return agreed;
  }
  const fold = caseFolding(base, hints);
  if (fold) {
    const unfolded = fn;
    return withNulls((row) => fold(unfolded(row)), c.nullRate, nullKey);
  }
  if (write !== undefined) deps.writers.set(ownKey, writeWithNulls(write, c.nullRate, nullKey));
  return withNulls(fn, c.nullRate, nullKey);
}

/**
 * What a table's row engine (row-checks.ts) works out once, before any row:
 * the columns it decides (every column its CHECKs read, a re-picked FK's
 * columns together), which of them are free or nullable, the relations'
 * dependents and their bounds, the divisors of `a % b = 0` dividends, the
 * stage dates that agree with the row's status, and the order in which an
 * attempt makes the columns (bases before dependents).
 */
import { TEXT_TYPES } from '../checks/check-hints.js';
import { rangeTypeFamily } from '../checks/range-functions.js';
import type { ColumnPlan } from '../plan/plan-model.js';
import { expressionColumns } from '../schema/expression-columns.js';
import { type OrdinalCodec, ordinalCodecFor } from '../values/ordinal-codec.js';
import { type TableEquations, tableEquations } from './check-equations.js';
import { type RangeTie, rangeTies, tiedOrder } from './range-ties.js';
import { type DependentBound, derivable, orientRelations, type RelationAtom } from './relation-values.js';
import type { RepickableKey, RowCheckContext } from './row-checks.js';
import { checkedStageDates, type StageAgreement } from './status-dates.js';

const FREE = new Set(['random', 'one-of']);

export interface RowCheckLayout {
  readonly columnPlans: ReadonlyMap<string, ColumnPlan>;
  /** The column is made by the engine's attempts (a random or listed value), not read plainly. */
  isFree(column: string): boolean;
  /** The column may be written NULL. */
  nullable(column: string): boolean;
  /** The column's ordinal codec (memoised); undefined for types without one. */
  codecOf(column: string): OrdinalCodec | undefined;
  /** `a % b = 0`: a free integer dividend's divisors. */
  readonly divisorsOf: ReadonlyMap<string, readonly string[]>;
  /** Every relation the CHECKs hold (static or in an OR branch) whose dependent the engine derives. */
  readonly boundOf: ReadonlyMap<RelationAtom, DependentBound>;
  /** The columns the engine decides. */
  readonly columns: Set<string>;
  /** The FKs a CHECK reads, picked per attempt with all their columns. */
  readonly repicked: readonly RepickableKey[];
  readonly repickedColumns: ReadonlySet<string>;
  /** The decided columns in the order an attempt makes them. */
  readonly order: readonly string[];
  /** Range columns made from the columns CHECKs tie their bounds to (`lower(r) = c`). */
  readonly ties: ReadonlyMap<string, RangeTie>;
  /** A tie's upper column at or above its lower one. */
  readonly tiedRelations: readonly RelationAtom[];
  /** Version 3: stage dates and the status whose value says whether each is set. */
  readonly stages: ReadonlyMap<string, { readonly status: string; readonly says: StageAgreement }>;
  /** Version 22: columns computed from their equations, and the bases a NOT NULL one needs set. */
  readonly equations: TableEquations;
}

/** Each column's ordinal codec, made once. */
function memoisedCodecs(ctx: RowCheckContext): (column: string) => OrdinalCodec | undefined {
  const codecs = new Map<string, OrdinalCodec | undefined>();
  return (c) => {
    if (!codecs.has(c)) codecs.set(c, ordinalCodecFor(ctx.baseType(c)));
    return codecs.get(c);
  };
}

/**
 * Whether a column may be written NULL. Version 28: a key's own column written NULL past the key's room
 * (`nullFrom`) too, so a CHECK branch asking it NULL stays open (koji's `active IS NULL AND revoke_event IS
 * NOT NULL ...` for the rows --append makes past the held `active = true`).
 */
function nullableIn(
  columnPlans: ReadonlyMap<string, ColumnPlan>,
  generatorVersion: number,
): (column: string) => boolean {
  return (c) => {
    const p = columnPlans.get(c);
    const nulledPastRoom =
      generatorVersion >= 28 && p?.source.kind === 'unique' && p.source.nullFrom !== undefined;
    return (
      p !== undefined &&
      !p.column.notNull &&
      p.hints.notNull !== true &&
      (p.source.kind !== 'unique' || nulledPastRoom)
    );
  };
}

/** Version 27: the unique integer column a unique text column is computed from. */
function keyedBy(columnPlans: ReadonlyMap<string, ColumnPlan>): (column: string) => string | undefined {
  return (c) => {
    const source = columnPlans.get(c)?.source;
    return source?.kind === 'random' ? source.byKey : undefined;
  };
}

/** The row engine's columns and their order; `plan` holds at least one CHECK part. */
export function layOutRowChecks(ctx: RowCheckContext): RowCheckLayout {
  const { table } = ctx;
  const plan = table.checks;
  const columnPlans = new Map<string, ColumnPlan>(table.columns.map((c) => [c.column.name, c]));
  const isFree = (c: string) => FREE.has(columnPlans.get(c)?.source.kind ?? '');
  const nullable = nullableIn(columnPlans, ctx.generatorVersion);
  const isText = (c: string) => TEXT_TYPES.has(ctx.baseType(c).name) && ctx.baseType(c).arrayDims === 0;
  const codecOf = memoisedCodecs(ctx);

  // `a % b = 0`: a free integer dividend is made a multiple of its divisors' values (not a relation's dependent then).
  const divisorsOf = new Map<string, string[]>();
  for (const { atom } of plan.multiples ?? []) {
    if (!derivable(columnPlans.get(atom.column)) || ctx.baseType(atom.column).arrayDims > 0) continue;
    divisorsOf.set(atom.column, [...(divisorsOf.get(atom.column) ?? []), atom.divisor]);
  }
  // `lower(r) = c`: a free range column made from the columns its bounds equal, those kept in order.
  const ties = rangeTies(
    plan.verify,
    (c) => {
      const t = ctx.baseType(c);
      const range = t.arrayDims === 0 ? rangeTypeFamily(t.name) : undefined;
      return range && !range.multi && derivable(columnPlans.get(c)) ? t.name : undefined;
    },
    (c) => columnPlans.has(c),
    ctx.generatorVersion,
  );
  const tiedRelations = tiedOrder(ties);
  // Every relation the CHECKs hold, static or inside an OR branch, oriented once.
  const allRelations: RelationAtom[] = [
    ...tiedRelations,
    ...plan.relations.map((r) => r.atom),
    ...plan.choices.flatMap((c) => c.branches.flat().filter((a): a is RelationAtom => a.kind === 'relation')),
  ];
  // Version 22: a column an equation says equals an expression of others is computed (check-equations.ts).
  const free = (c: string) => derivable(columnPlans.get(c)) && !divisorsOf.has(c);
  const made = (c: string) => columnPlans.has(c) && columnPlans.get(c)?.source.kind !== 'generated';
  const equations = tableEquations(plan, ctx, {
    derivable: free,
    made,
    nullable,
    byKey: keyedBy(columnPlans),
  });
  const oriented = orientRelations(
    allRelations,
    (c) => free(c) && !equations.byColumn.has(c),
    (c) => codecOf(c) !== undefined || isText(c),
    equations.bounds,
  );
  const boundOf = new Map<RelationAtom, DependentBound>();
  allRelations.forEach((r, i) => {
    const b = oriented[i];
    if (b) boundOf.set(r, b);
  });

  // The columns the engine decides: every column its CHECKs read.
  const columns = new Set<string>();
  const reads = (ast: unknown): void => {
    for (const c of expressionColumns(ast)) if (columnPlans.has(c)) columns.add(c);
  };
  for (const part of [...plan.verify, ...plan.relations, ...plan.counts, ...plan.choices]) reads(part.ast);
  for (const c of [...columns]) if (columnPlans.get(c)?.source.kind === 'generated') columns.delete(c);
  // A foreign key a CHECK reads is picked per attempt, all its columns together (a composite FK stays one parent row).
  const repicked = (ctx.repickable ?? []).filter((k) => k.columns.some((c) => columns.has(c)));
  for (const k of repicked) for (const c of k.columns) columns.add(c);
  const repickedColumns = new Set(repicked.flatMap((k) => k.columns));

  // Version 3: stage dates agree with the row's status in the first attempts (status-dates.ts); the status made first.
  const stages =
    ctx.generatorVersion >= 3
      ? checkedStageDates(table, columns, (c) => ctx.baseType(c).name, ctx.plainValue, ctx.generatorVersion)
      : new Map();
  const tiedBounds = [...ties].flatMap(([range, t]) =>
    [t.lower, t.upper].flatMap((base) => (base === undefined ? [] : [{ dependent: range, base }])),
  );
  for (const { base } of tiedBounds) columns.add(base);
  const order = dependencyOrder(
    columns,
    [...boundOf.values(), ...tiedBounds, ...equations.bounds],
    divisorsOf,
    stages,
  );
  return {
    columnPlans,
    isFree,
    nullable,
    codecOf,
    divisorsOf,
    boundOf,
    columns,
    repicked,
    repickedColumns,
    order,
    ties,
    tiedRelations,
    stages,
    equations,
  };
}

/** Bases before dependents, divisors before dividends, a stage date's status before the date. */
function dependencyOrder(
  columns: ReadonlySet<string>,
  bounds: readonly Pick<DependentBound, 'dependent' | 'base'>[],
  divisorsOf: ReadonlyMap<string, readonly string[]>,
  stages: ReadonlyMap<string, { readonly status: string }>,
): string[] {
  const order: string[] = [];
  const visiting = new Set<string>();
  const after = new Map<string, string>();
  const visit = (c: string) => {
    if (order.includes(c) || visiting.has(c)) return;
    visiting.add(c);
    const first = after.get(c);
    if (first !== undefined) visit(first);
    for (const b of bounds) if (b.dependent === c) visit(b.base);
    for (const d of divisorsOf.get(c) ?? []) visit(d);
    visiting.delete(c);
    order.push(c);
  };
  for (const [c, { status }] of stages) if (columns.has(status)) after.set(c, status);
  for (const c of columns) visit(c);
  return order;
}

/**
 * Generator version 3: the values the row fallbacks try in a free number or
 * text column before writing it NULL (row-fallbacks.ts' neutral step). A CHECK
 * such as `allocated * -1 BETWEEN least(0, qty) AND greatest(qty, 0)` is met
 * by almost no random value, but by values the CHECK itself names: the other
 * columns' values it compares with (and their negations: `-qty`), its
 * constants (the bounds), and the neutral values 0 and ''.
 *
 * Only values of the column's exact type are offered (an integer in range,
 * a numeric within its precision and scale, text within varchar(n)), so a
 * candidate is never one PostgreSQL would round or refuse; the row is
 * accepted only when every CHECK of the table that reads the column holds.
 */
import type { ColumnHints } from '../checks/check-hints.js';
import { compileExpression } from '../checks/evaluate-expr.js';
import { NotEvaluableError } from '../checks/evaluation.js';
import type { CheckPart } from '../plan/plan-model.js';
import { expressionColumns } from '../schema/expression-columns.js';
import type { CheckConstraint, TypeRef } from '../schema/model.js';
import { textChecker } from '../values/fitted-text.js';
import { RowRandom, streamKey } from '../values/random.js';
import { createRowEvaluator, type RowEvaluatorContext } from './row-evaluation.js';
import type { NeutralValues } from './row-fallbacks.js';

const INTEGER_RANGES: Readonly<Record<string, readonly [bigint, bigint]>> = {
  int2: [-32768n, 32767n],
  int4: [-2147483648n, 2147483647n],
  int8: [-9223372036854775808n, 9223372036854775807n],
};
const DECIMAL = /^-?\d+(\.\d+)?$/;
const TEXT_TYPES = new Set(['text', 'varchar', 'citext', 'name']);

/** The kind of neutral values a column of this type takes; undefined when none is offered. */
export function neutralKind(type: TypeRef): 'number' | 'text' | undefined {
  if (type.arrayDims > 0 || (type.schema !== 'pg_catalog' && type.name !== 'citext')) return undefined;
  if (
    type.name in INTEGER_RANGES ||
    type.name === 'numeric' ||
    type.name === 'float4' ||
    type.name === 'float8'
  )
    return 'number';
  if (TEXT_TYPES.has(type.name)) return 'text';
  return undefined;
}

/** `value` as this type's text, when PostgreSQL stores it as written. */
export function fitsExactly(type: TypeRef, value: string): boolean {
  const kind = neutralKind(type);
  if (kind === 'text') {
    const max = type.name === 'varchar' ? type.typmods[0] : undefined;
    return typeof max !== 'number' || [...value].length <= max;
  }
  if (kind !== 'number' || !DECIMAL.test(value)) return false;
  const range = INTEGER_RANGES[type.name];
  if (range) {
    if (value.includes('.')) return false;
    const n = BigInt(value);
    return n >= range[0] && n <= range[1];
  }
  if (type.name !== 'numeric' || typeof type.typmods[0] !== 'number') return true;
  const precision = type.typmods[0];
  const scale = typeof type.typmods[1] === 'number' ? type.typmods[1] : 0;
  const [whole = '', fraction = ''] = value.replace('-', '').split('.');
  return fraction.length <= scale && whole.replace(/^0+/, '').length <= precision - scale;
}

/** A decimal's negation as text (`-0` written `0`). */
export function negated(value: string): string | undefined {
  if (!DECIMAL.test(value)) return undefined;
  if (/^-?0+(\.0+)?$/.test(value)) return value.replace('-', '');
  return value.startsWith('-') ? value.slice(1) : `-${value}`;
}

/** The constants a CHECK's expression names, as text (numbers and strings). */
export function checkConstants(ast: unknown): { numbers: string[]; strings: string[] } {
  const numbers: string[] = [];
  const strings: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const n of node) walk(n);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    const constant = record.A_Const as Record<string, unknown> | undefined;
    if (constant) {
      const ival = constant.ival as { ival?: number } | undefined;
      const fval = constant.fval as { fval?: string } | undefined;
      const sval = constant.sval as { sval?: string } | undefined;
      if (ival) numbers.push(String(ival.ival ?? 0));
      else if (fval?.fval !== undefined) numbers.push(fval.fval);
      else if (sval?.sval !== undefined) strings.push(sval.sval);
      return;
    }
    for (const value of Object.values(record)) walk(value);
  };
  walk(ast);
  return { numbers, strings };
}

/**
 * A candidate meets the column's planned hints, which hold more than its own
 * CHECKs: a partial unique index's `NOT (predicate)`, the configuration's
 * lists and bounds.
 */
export function meetsHints(type: TypeRef, h: ColumnHints, v: string): boolean {
  if (h.oneOf !== undefined && !h.oneOf.includes(v)) return false;
  if (h.exclude?.includes(v)) return false;
  if (neutralKind(type) === 'text') return textChecker(type, h)(v);
  if (h.residue !== undefined) return false;
  const n = Number(v);
  const bound = (b: number | string | undefined) => (typeof b === 'string' ? Number(b) : b);
  const min = bound(h.min);
  const max = bound(h.max);
  if (min !== undefined && (Number.isNaN(min) || n < min || (h.minExclusive === true && n === min)))
    return false;
  if (max !== undefined && (Number.isNaN(max) || n > max || (h.maxExclusive === true && n === max)))
    return false;
  return true;
}

export interface NeutralInput {
  readonly type: TypeRef;
  /** The other columns the failing CHECK reads, with their types and the row's values. */
  readonly others: readonly { readonly type: TypeRef; readonly value: string | null }[];
  readonly constants: { readonly numbers: readonly string[]; readonly strings: readonly string[] };
}

/** The candidates, deduplicated, each fitting the column's type exactly (see the module comment). */
export function neutralCandidates(input: NeutralInput): string[] {
  const kind = neutralKind(input.type);
  const out: string[] = [];
  const add = (v: string | undefined) => {
    if (v !== undefined && !out.includes(v) && fitsExactly(input.type, v)) out.push(v);
  };
  if (kind === 'number') {
    for (const o of input.others) {
      if (o.value === null || neutralKind(o.type) !== 'number') continue;
      add(o.value);
      add(negated(o.value));
    }
    add('0');
    for (const n of input.constants.numbers) add(n);
  } else if (kind === 'text') {
    for (const o of input.others) if (o.value !== null && neutralKind(o.type) === 'text') add(o.value);
    for (const s of input.constants.strings) add(s);
    add('');
  }
  return out;
}

export interface NeutralContext extends RowEvaluatorContext {
  readonly seed: number;
  readonly schema: string;
  readonly table: string;
  /** Every CHECK of the table. */
  readonly checks: readonly CheckConstraint[];
  /** The free columns the row engine decides (random values, not keys); only those of a neutral kind are kept. */
  readonly free: readonly string[];
  /** The column's type is a domain (its own CHECKs are not read here: no neutral values). */
  isDomain(column: string): boolean;
  /** The column's planned hints: a candidate stays among its listed values and out of its excluded ones (a partial unique index's WHERE). */
  hints(column: string): ColumnHints | undefined;
}

/** The neutral step's columns and candidates for a table (row-fallbacks.ts); undefined when no column takes one. */
export function createNeutralValues(ctx: NeutralContext): NeutralValues | undefined {
  const reads = ctx.checks.map((c) => ({ check: c, columns: new Set(expressionColumns(c.expr.ast)) }));
  const evaluable = (check: CheckConstraint) => {
    try {
      compileExpression(check.expr.ast, {
        now: ctx.referenceSeconds,
        ...ctx.types,
      });
      return true;
    } catch (error) {
      if (error instanceof NotEvaluableError) return false;
      throw error;
    }
  };
  const columns = new Set(
    ctx.free.filter(
      (c) =>
        neutralKind(ctx.baseType(c)) !== undefined &&
        !ctx.isDomain(c) &&
        reads.every((r) => !r.columns.has(c) || evaluable(r.check)),
    ),
  );
  if (columns.size === 0) return undefined;
  const own = new Map(
    [...columns].map((c) => {
      const parts: CheckPart[] = reads
        .filter((r) => r.columns.size === 1 && r.columns.has(c))
        .map((r) => ({ check: r.check.name, text: r.check.expr.text, ast: r.check.expr.ast }));
      return [c, createRowEvaluator(parts, [c], ctx)] as const;
    }),
  );
  const constants = new Map(ctx.checks.map((c) => [c.name, checkConstants(c.expr.ast)] as const));
  const random = new RowRandom();
  return {
    columns,
    fits: (c, values) => {
      const v = values.get(c) ?? null;
      if (v !== null && !meetsHints(ctx.baseType(c), ctx.hints(c) ?? {}, v)) return false;
      return (own.get(c)?.(values) ?? undefined) === undefined;
    },
    candidates(c, row, values, failure) {
      const check = reads.find((r) => failure.failed.startsWith(`CHECK ${r.check.name} `));
      const found = neutralCandidates({
        type: ctx.baseType(c),
        others: [...failure.columns]
          .filter((o) => o !== c)
          .map((o) => ({ type: ctx.baseType(o), value: values.get(o) ?? null })),
        constants: (check && constants.get(check.check.name)) ?? { numbers: [], strings: [] },
      });
      if (found.length < 2) return found;
      // Where the rotation starts, by hash of the row: rows meet the CHECK with its several values alike.
      const start = random
        .at(streamKey(ctx.seed, ctx.schema, ctx.table, c, 'neutral'), row)
        .below(found.length);
      return [...found.slice(start), ...found.slice(0, start)];
    },
  };
}

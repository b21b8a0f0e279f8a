/**
 * Version 22: a column a CHECK says EQUALS an expression of the row's other
 * columns (`total = subtotal + tax`, `a + b = 100` solved as `b = 100 - a`,
 * `full_name = first || ' ' || last`; checks/equations.ts) is computed by an
 * attempt (row-attempt.ts) from the values made before it, where random
 * values would never meet it. Numbers exactly (checks/exact-decimals.ts: an
 * integer or numeric column from integer and numeric columns and constants),
 * text by the evaluator from text and integer columns. A value its type
 * cannot hold as computed (a numeric's scale or precision, an integer's
 * range, a varchar's length) fails the attempt; the row is still evaluated.
 */
import { TEXT_TYPES } from '../checks/check-hints.js';
import { isolations } from '../checks/equations.js';
import { NotEvaluableError, SqlRuntimeError } from '../checks/evaluation.js';
import {
  compileExact,
  decimalText,
  type ExactColumnType,
  type ExactValue,
  fitsPrecision,
  unitsAt,
} from '../checks/exact-decimals.js';
import { inIntegerRange, integerTypeNamed } from '../checks/integer-types.js';
import { keyTextOf, readsKeyBack } from '../checks/key-text.js';
import { formatTime, isTime } from '../checks/sql-value.js';
import { TO_DATE_FROM, toDateInverse } from '../checks/to-date.js';
import { isDateOf, ZONE_DATES_FROM } from '../checks/zone-dates.js';
import { DIVISION_FROM, EQUATIONS_FROM, equationParts } from '../plan/check-equations.js';
import type { TableCheckPlan } from '../plan/plan-model.js';
import { expressionColumns } from '../schema/expression-columns.js';
import type { TypeRef } from '../schema/model.js';
import { jsonDocumentEquations } from './json-document-equations.js';
import { type RowValues, rowEvaluator } from './row-evaluator.js';
import { differenceEquation } from './time-difference-values.js';

export type { RowValues };

/** A column computed from its equation. */
export interface Equation {
  readonly column: string;
  /** The columns its value is computed from (made before it). */
  readonly bases: readonly string[];
  /** `CHECK name (expression)`: what a row fails when its type cannot hold the value. */
  readonly failed: string;
  /** Its value from the row's values: text, NULL (a NULL base), or undefined when its type cannot hold it. */
  computed(values: RowValues): string | null | undefined;
}

export interface EquationContext {
  readonly generatorVersion: number;
  readonly referenceSeconds: number;
  baseType(column: string): TypeRef;
  isDomain(column: string): boolean;
}

/** What the row engine's layout tells of a column. */
export interface EquationColumns {
  /** The engine may compute the column (a free random one, not a dividend). */
  derivable(column: string): boolean;
  /** The engine makes the column (not a generated one): a base must be one. */
  made(column: string): boolean;
  nullable(column: string): boolean;
  /** Version 27: the unique integer column a unique text column is computed from (plan/key-text-keys.ts). */
  byKey?(column: string): string | undefined;
}

export interface TableEquations {
  /** The computed columns. */
  readonly byColumn: ReadonlyMap<string, Equation>;
  /** Bases never drawn NULL: a NOT NULL computed column needs them all set. */
  readonly setBases: ReadonlySet<string>;
  /** Each computed column after each of its bases. */
  readonly bounds: readonly { readonly dependent: string; readonly base: string }[];
}

const NO_EQUATIONS: TableEquations = { byColumn: new Map(), setBases: new Set(), bounds: [] };
const TEXT_READ = new Set([...TEXT_TYPES].filter((t) => t !== 'bpchar'));

/** The table's equations, each computing one column; none before version 22. */
export function tableEquations(
  plan: TableCheckPlan,
  ctx: EquationContext,
  columns: EquationColumns,
): TableEquations {
  if (ctx.generatorVersion < EQUATIONS_FROM) return NO_EQUATIONS;
  const byColumn = new Map<string, Equation>();
  const dependsOn = (from: string, on: string): boolean =>
    from === on || (byColumn.get(from)?.bases.some((b) => dependsOn(b, on)) ?? false);
  // Version 31: json documents built of the members CHECKs equate to other columns (json-document-equations.ts).
  const documents = jsonDocumentEquations(plan, ctx, columns);
  for (const e of documents.equations) byColumn.set(e.column, e);
  for (const { part, ast } of equationParts(plan, ctx.generatorVersion)) {
    if (documents.parts.has(part)) continue;
    let solved = false;
    for (const iso of isolations(ast)) {
      const c = iso.column;
      if (byColumn.has(c) || !columns.derivable(c) || ctx.isDomain(c)) continue;
      const bases = expressionColumns(iso.expr);
      if (!bases.every((b) => columns.made(b)) || bases.some((b) => dependsOn(b, c))) continue;
      const computed =
        numberValue(ctx, columns, c, iso.expr) ??
        (iso.alone ? (textValue(ctx, c, iso.expr) ?? timeValue(ctx, c, iso.expr)) : undefined);
      if (!computed) continue;
      const unique = readingKeyBack(columns.byKey?.(c), ast, computed);
      byColumn.set(c, { column: c, bases, computed: unique, failed: `CHECK ${part.check} (${part.text})` });
      solved = true;
      break;
    }
    const diff = solved
      ? undefined
      : (differenceEquation(ctx, columns, ast, (e) => rowEvaluator(ctx, e)) ??
        dateTextEquation(ctx, columns, ast));
    if (diff && !byColumn.has(diff.column) && !diff.bases.some((b) => dependsOn(b, diff.column)))
      byColumn.set(diff.column, { ...diff, failed: `CHECK ${part.check} (${part.text})` });
  }
  const setBases = new Set<string>();
  const keepSet = (c: string) => {
    for (const b of byColumn.get(c)?.bases ?? []) {
      if (setBases.has(b)) continue;
      setBases.add(b);
      keepSet(b);
    }
  };
  for (const c of byColumn.keys()) if (!columns.nullable(c)) keepSet(c);
  if (byColumn.size === 0) return NO_EQUATIONS;
  const bounds = [...byColumn.values()].flatMap((e) =>
    e.bases.map((base) => ({ dependent: e.column, base })),
  );
  return { byColumn, setBases, bounds };
}

/**
 * A text unique as the key it is computed from, when it reads that key back (`INV-00042` of 42): else the
 * attempt fails (to_char's `#####` past its width, lpad's cut text would repeat).
 */
function readingKeyBack(
  key: string | undefined,
  ast: unknown,
  computed: Equation['computed'],
): Equation['computed'] {
  if (key === undefined) return computed;
  const keyText = keyTextOf(ast);
  return (values) => {
    const v = computed(values);
    const k = values.get(key);
    if (v === null || v === undefined) return v;
    return keyText?.key === key && typeof k === 'string' && readsKeyBack(keyText, v, k) ? v : undefined;
  };
}

/** Version 27: `d = to_date(s, 'YYYY-MM-DD')`: the text s written from the date, `to_char(d, 'YYYY-MM-DD')`. */
function dateTextEquation(
  ctx: EquationContext,
  columns: EquationColumns,
  ast: unknown,
): Pick<Equation, 'column' | 'bases' | 'computed'> | undefined {
  const inverse = ctx.generatorVersion >= TO_DATE_FROM ? toDateInverse(ast) : undefined;
  if (!inverse || !columns.derivable(inverse.column) || ctx.isDomain(inverse.column)) return undefined;
  const bases = expressionColumns(inverse.expr);
  if (!bases.every((b) => columns.made(b) && ctx.baseType(b).name === 'date')) return undefined;
  const computed = textValue(ctx, inverse.column, inverse.expr);
  return computed ? { column: inverse.column, bases, computed } : undefined;
}

function exactType(ctx: EquationContext, columns: EquationColumns): ExactColumnType {
  return (c) => {
    const t = ctx.baseType(c);
    if (t.arrayDims > 0 || !columns.made(c)) return undefined;
    return integerTypeNamed(t.name) ?? (t.name === 'numeric' ? 'numeric' : undefined);
  };
}

/** A number column's value computed exactly, written as its type holds it. */
function numberValue(
  ctx: EquationContext,
  columns: EquationColumns,
  c: string,
  expr: unknown,
): Equation['computed'] | undefined {
  const types = exactType(ctx, columns);
  const type = ctx.baseType(c);
  if (types(c) === undefined) return undefined;
  const compiled = compileExact(expr, types, { division: ctx.generatorVersion >= DIVISION_FROM });
  if (!compiled) return undefined;
  const written = fitted(type);
  if (!written) return undefined;
  return (values) => {
    try {
      const v = compiled.evaluate((b) => values.get(b) ?? null);
      return v === null ? null : written(v);
    } catch (error) {
      if (error instanceof SqlRuntimeError || error instanceof NotEvaluableError) return undefined;
      throw error;
    }
  };
}

/** A computed number as text of the column's type, or undefined when the type would round or refuse it. */
function fitted(type: TypeRef): ((v: ExactValue) => string | undefined) | undefined {
  const integer = integerTypeNamed(type.name);
  if (integer) {
    return (v) => {
      const units = unitsAt(v, 0);
      if (units === undefined) return undefined;
      inIntegerRange(units, integer); // out of range: the caller's SqlRuntimeError, the attempt fails
      return units.toString();
    };
  }
  const [precision, scale = 0] = type.typmods;
  if (precision === undefined) return (v) => decimalText(v.units, v.scale);
  if (typeof precision !== 'number' || typeof scale !== 'number' || scale < 0) return undefined;
  return (v) => {
    const units = unitsAt(v, scale);
    return units === undefined || !fitsPrecision(units, precision) ? undefined : decimalText(units, scale);
  };
}

/** The version from which a date or timestamp column equal to an expression of others (`d = at::date`) is computed. */
export const TIME_EQUATIONS_FROM = 25;
/** Time types whose values (and casts between them) do not depend on the loading session's TimeZone. */
const ZONELESS = new Set(['date', 'timestamp', 'time']);

/**
 * Version 25: a date or timestamp column equal to an expression of date, timestamp and time columns
 * (`d = at::date`, `ends_on = (starts_at + interval '1 day')::date`), its value of the column's own type
 * computed by the evaluator. Not from a timestamptz: its date depends on the session's TimeZone.
 */
function timeValue(ctx: EquationContext, c: string, expr: unknown): Equation['computed'] | undefined {
  const type = ctx.baseType(c);
  const zoneless = (t: TypeRef) => t.arrayDims === 0 && ZONELESS.has(t.name);
  if (ctx.generatorVersion < TIME_EQUATIONS_FROM || !zoneless(type) || type.name === 'time') return undefined;
  // Version 26: `d = at::date` of a timestamptz, whose values are made where every zone reads the UTC date.
  const zoneSafe = (b: string) =>
    ctx.generatorVersion >= ZONE_DATES_FROM && type.name === 'date' && isDateOf(expr, b);
  if (!expressionColumns(expr).every((b) => zoneless(ctx.baseType(b)) || zoneSafe(b))) return undefined;
  const evaluate = rowEvaluator(ctx, expr);
  if (evaluate === undefined) return undefined;
  return (values) => {
    const v = evaluate(values);
    if (v === null || v === undefined) return v;
    return isTime(v) && v.type === type.name && Number.isFinite(v.seconds) ? formatTime(v) : undefined;
  };
}

/** The version from which a text column's equation may read date and timestamp columns. */
export const TEXT_FROM_TIMES = 26;
const TIMES = new Set(['date', 'timestamp', 'timestamptz']);

/** A text column equal to an expression of text and integer columns and string or integer constants. */
function textValue(ctx: EquationContext, c: string, expr: unknown): Equation['computed'] | undefined {
  const type = ctx.baseType(c);
  const textual = (t: TypeRef) => t.arrayDims === 0 && TEXT_READ.has(t.name);
  // Version 26: a char(n) column too, a value of exactly n characters (`yr char(4) = to_char(d, 'YYYY')`):
  // no padding for bpchar's comparison to drop.
  const width =
    ctx.generatorVersion >= TEXT_FROM_TIMES && type.name === 'bpchar' ? type.typmods[0] : undefined;
  if (!textual(type) && (typeof width !== 'number' || type.arrayDims > 0)) return undefined;
  const columns = expressionColumns(expr);
  // Version 26: dates and timestamps too (`period = to_char(created_at, 'YYYY-MM')`): a timestamptz's text
  // where every session TimeZone writes it alike, else not evaluable and the attempt fails (checks/to-char.ts).
  const timed = (t: TypeRef) =>
    ctx.generatorVersion >= TEXT_FROM_TIMES && t.arrayDims === 0 && TIMES.has(t.name);
  const read = (t: TypeRef) => textual(t) || integerTypeNamed(t.name) !== undefined || timed(t);
  if (!columns.every((b) => read(ctx.baseType(b)))) return undefined;
  if (JSON.stringify(expr).includes('"fval"')) return undefined;
  const evaluate = rowEvaluator(ctx, expr);
  if (evaluate === undefined) return undefined;
  const max = type.name === 'varchar' ? type.typmods[0] : undefined;
  return (values) => {
    const v = evaluate(values);
    if (v === null) return null;
    if (typeof v !== 'string') return undefined;
    if (typeof width === 'number') return [...v].length === width && !v.endsWith(' ') ? v : undefined;
    return typeof max === 'number' && [...v].length > max ? undefined : v;
  };
}

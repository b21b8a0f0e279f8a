/**
 * Reading the operands of a CHECK for the formula compiler: which column an
 * operand is, constants folded by the evaluator (`now() - interval '18
 * years'`, `'2020-01-01'::date`, `'{a,b}'::text[]`), and linear column
 * expressions (`col + 3`, `col - interval '1 day'`).
 */
import type { Offset } from './check-atoms.js';
import { compileExpression } from './evaluate-expr.js';
import { NotEvaluableError } from './evaluation.js';
import { arrayItems, child, columnNameWith, hasColumns, lastName, unwrap } from './expression-nodes.js';
import { formatTime, isInterval, isTime, type SqlValue, type ValueFamily } from './sql-value.js';

export interface FormulaOptions {
  /** now() for upper bounds (`created_at <= now()`): seconds since the epoch. */
  readonly nowEarly: number;
  /** now() for lower bounds (`expires_at > now()`): later, so rows stay valid for a while. */
  readonly nowLate: number;
  /** The value family of a column's type, so casts that change how it compares are seen. */
  readonly columnFamily?: (column: string) => ValueFamily | undefined;
  /**
   * Columns whose values are not generated but taken (an FK column takes its
   * parent's): a bound that only a subset of the CHECK's values meets
   * (`length(trim(x)) > 10` read as trimmed values) would narrow them for
   * nothing; such CHECKs stay evaluated per row there.
   */
  readonly takenColumn?: (column: string) => boolean;
  /**
   * The generator version a table's CHECKs are planned under (set by the planner; unset for domains inside other types before version 19 (type-resolution.ts domainCheckOptions), read
   * as before version 18): shapes compiled only from version 18 on keep older versions' values.
   */
  readonly generatorVersion?: number;
}

/** Which side of a comparison a constant bounds: now()-relative constants read differently on each. */
export type BoundSide = 'lower' | 'upper' | 'any';

export class FormulaReader {
  constructor(readonly options: FormulaOptions) {}

  /** The column an operand is (through casts that keep its meaning), if it is one. */
  columnName(node: unknown): string | undefined {
    return columnNameWith(node, this.options.columnFamily);
  }

  /** An operand without columns evaluated at `now`; undefined when it has columns or cannot be evaluated. */
  constantAt(node: unknown, now: number): SqlValue | undefined {
    if (hasColumns(node)) return undefined;
    try {
      return compileExpression(node, { now })(() => null);
    } catch (error) {
      if (error instanceof NotEvaluableError) return undefined;
      throw error;
    }
  }

  /** A constant; for now()-relative ones, the value suited to the bound's side. */
  constant(node: unknown, side: BoundSide): { value: number | string; now: boolean } | undefined {
    const early = plain(this.constantAt(node, this.options.nowEarly));
    if (early === undefined) return undefined;
    const late = plain(this.constantAt(node, this.options.nowLate));
    const now = late !== early;
    return { value: side === 'lower' && late !== undefined ? late : early, now };
  }

  /** The non-NULL items of a constant list; `NULL` items are dropped and reported. */
  constantList(node: unknown, nulls?: { seen: boolean }): string[] | undefined {
    const list = child(node, 'List')?.items ?? child(unwrap(node), 'A_ArrayExpr')?.elements;
    if (Array.isArray(list)) {
      const kept = list.filter((x) => hasColumns(x) || this.constantAt(x, this.options.nowEarly) !== null);
      if (nulls && kept.length < list.length) nulls.seen = true;
      const values = kept.map((x) => this.constant(x, 'any')?.value);
      return values.every((v) => v !== undefined) ? values.map(String) : undefined;
    }
    // '{a,b}'::text[], evaluated
    const items = hasColumns(node) ? undefined : arrayItems(this.constantAt(node, this.options.nowEarly));
    if (items) return items;
    const text = this.constant(node, 'any')?.value;
    if (typeof text === 'string' && text.startsWith('{') && text.endsWith('}')) {
      return text
        .slice(1, -1)
        .split(',')
        .map((s) => s.trim().replace(/^"(.*)"$/, '$1'));
    }
    return undefined;
  }

  /** The text of a string constant as written (`interval '1 day'` → `1 day`). */
  constantText(node: unknown): string | undefined {
    const c = child(unwrap(node), 'A_Const');
    const s = child(c, 'sval');
    return typeof s?.sval === 'string' ? s.sval : undefined;
  }

  /** A number, or an interval constant's text, as an offset value. */
  offsetValue(node: unknown): number | string | undefined {
    const value = this.constantAt(node, this.options.nowEarly);
    return typeof value === 'number'
      ? value
      : isInterval(value ?? null)
        ? this.constantText(node)
        : undefined;
  }

  /** `col`, `col + 3`, `col - interval '1 day'`. */
  linear(node: unknown): { column: string; offset?: Offset } | undefined {
    const col = this.columnName(node);
    if (col) return { column: col };
    const e = child(unwrap(node), 'A_Expr');
    const op = e ? lastName(e.name) : undefined;
    if (e?.kind !== 'AEXPR_OP' || (op !== '+' && op !== '-') || e.lexpr === undefined) return undefined;
    const left = this.columnName(e.lexpr);
    const offsetValue = this.offsetValue(e.rexpr);
    if (left && offsetValue !== undefined)
      return { column: left, offset: { sign: op === '+' ? 1 : -1, value: offsetValue } };
    if (op === '+') {
      const right = this.columnName(e.rexpr);
      const lv = this.constantAt(e.lexpr, this.options.nowEarly);
      if (right && typeof lv === 'number') return { column: right, offset: { sign: 1, value: lv } };
    }
    return undefined;
  }
}

function plain(v: SqlValue | undefined): number | string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number' || typeof v === 'string') return v;
  // An integer past 2^53 (an int8 near its limits): its exact text, as the int8 generators read bounds.
  if (typeof v === 'bigint') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (isTime(v)) return formatTime(v);
  // interval '1 day' (an interval column's bound): text PostgreSQL reads back as the same interval.
  if (isInterval(v)) return `${v.months} mons ${v.days} days ${v.seconds} secs`;
  return undefined;
}

/**
 * Version 27: a later time column a CHECK fixes as an earlier one plus an
 * amount (checks/time-differences.ts: `extract(epoch from (ends_at -
 * starts_at)) = duration_minutes * 60`, `(ends_at - starts_at) =
 * make_interval(mins => duration)`, `ends_at = starts_at + duration *
 * interval '1 minute'`) computed from the start and the amount made before
 * it. A timestamptz only plus whole seconds (no days or months, which the
 * loading session's TimeZone would stretch over a DST change).
 */
import {
  addInterval,
  familyOf,
  formatTime,
  isInterval,
  isTime,
  readValue,
  type SqlInterval,
  type SqlValue,
} from '../checks/sql-value.js';
import { timeDifferenceOf } from '../checks/time-differences.js';
import { TIME_DIFFERENCES_FROM } from '../plan/check-equations.js';
import { expressionColumns } from '../schema/expression-columns.js';
import type { Equation, EquationColumns, EquationContext, RowValues } from './check-equations.js';

const STAMPS = new Set(['timestamp', 'timestamptz']);

/** The amount as an interval: seconds as one of seconds; undefined for anything else. */
function amountInterval(v: SqlValue, unit: 'seconds' | 'interval'): SqlInterval | undefined {
  if (unit === 'seconds')
    return typeof v === 'number' && Number.isFinite(v)
      ? { kind: 'interval', months: 0, days: 0, seconds: v }
      : undefined;
  return isInterval(v) ? v : undefined;
}

/** The conjunct's end column and how it is computed, or undefined (before version 27, or another shape). */
export function differenceEquation(
  ctx: EquationContext,
  columns: EquationColumns,
  ast: unknown,
  evaluatorOf: (expr: unknown) => ((values: RowValues) => SqlValue | undefined) | undefined,
): Pick<Equation, 'column' | 'bases' | 'computed'> | undefined {
  if (ctx.generatorVersion < TIME_DIFFERENCES_FROM) return undefined;
  const diff = timeDifferenceOf(ast);
  if (!diff || !columns.derivable(diff.end) || ctx.isDomain(diff.end)) return undefined;
  const type = ctx.baseType(diff.end);
  const start = ctx.baseType(diff.start);
  if (type.arrayDims > 0 || start.arrayDims > 0 || !STAMPS.has(type.name) || start.name !== type.name)
    return undefined;
  const bases = [diff.start, ...expressionColumns(diff.amount)];
  if (!bases.every((b) => columns.made(b))) return undefined;
  const evaluate = evaluatorOf(diff.amount);
  if (evaluate === undefined) return undefined;
  const family = familyOf(type.name);
  const computed = (values: RowValues): string | null | undefined => {
    const from = readValue(values.get(diff.start) ?? null, family, 0);
    const amount = evaluate(values);
    if (from === null || amount === null) return null;
    const iv = amount === undefined ? undefined : amountInterval(amount, diff.unit);
    if (!isTime(from) || iv === undefined || !Number.isFinite(from.seconds)) return undefined;
    if (type.name === 'timestamptz' && (iv.months !== 0 || iv.days !== 0)) return undefined;
    const end = addInterval(from, iv, 1);
    return Number.isFinite(end.seconds) ? formatTime(end) : undefined;
  };
  return { column: diff.end, bases, computed };
}

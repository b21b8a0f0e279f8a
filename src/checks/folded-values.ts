/**
 * CHECKs on a case-folded or trimmed column as pg_dump prints them:
 * `upper(code) IN ('AB', 'CD')`, `lower(kind) = 'x'`,
 * `btrim(name) = ANY (ARRAY[…])`. The column is generated from the listed
 * values the fold leaves unchanged (and folded again after any other step),
 * so `fold(column)` is one of them. Only ASCII lists are compiled: PostgreSQL
 * folds non-ASCII letters by the database's locale.
 */
import type { Formula } from './check-atoms.js';

export type Fold = 'lower' | 'upper' | 'trim';

const FOLDS: Readonly<Record<string, Fold>> = { lower: 'lower', upper: 'upper', btrim: 'trim' };

/** The fold a function name applies (`trim(x)` is parsed as `btrim(x)`), or undefined. */
export function foldOf(functionName: string): Fold | undefined {
  return FOLDS[functionName];
}

function applyFold(fold: Fold, value: string): string {
  return fold === 'lower' ? value.toLowerCase() : fold === 'upper' ? value.toUpperCase() : value.trim();
}

/**
 * `fold(column) IN (values)` as atoms: the column folded, drawn from the
 * values the fold keeps as they are. `[]` (never true) when none is; undefined
 * (evaluate per row instead) for non-ASCII values.
 */
export function foldedIn(column: string, fold: Fold, values: readonly string[]): Formula | undefined {
  if (!values.every((v) => /^[\x00-\x7f]*$/.test(v))) return undefined;
  const kept = values.filter((v) => applyFold(fold, v) === v);
  if (kept.length === 0) return [];
  return [
    [
      { kind: 'fold', column, fold },
      { kind: 'in', column, values: kept, negated: false },
    ],
  ];
}

/**
 * `upper(r) < c`, `lower(r) >= c` over a range or multirange column: the
 * bounds of the range generator's values (table-checks.ts plans the rest).
 */

import { applyAtom } from '../checks/apply-atom.js';
import type { CompareOp } from '../checks/check-atoms.js';
import type { ColumnHints } from '../checks/check-hints.js';
import type { TypeReadings } from '../checks/evaluation.js';
import { child, lastName, unwrap } from '../checks/expression-nodes.js';

const FLIPPED: Readonly<Record<string, CompareOp>> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

/** A number or string constant, through casts (`'2001-01-01'::date`). */
function constantOf(node: unknown): number | string | undefined {
  const value = child(unwrap(node), 'A_Const');
  const ival = child(value, 'ival');
  if (ival) return typeof ival.ival === 'number' ? ival.ival : 0;
  const fval = child(value, 'fval')?.fval;
  if (typeof fval === 'string' && Number.isFinite(Number(fval))) return Number(fval);
  const sval = child(value, 'sval')?.sval;
  return typeof sval === 'string' ? sval : undefined;
}

/**
 * `upper(r) < c`, `lower(r) >= c` (either side) over a range or multirange column: every bound of its
 * values kept on that side of c (the range generator's min/max; stronger than asked, so sound), the
 * conjunct still evaluated per row. True when read.
 */
export function rangeBoundHints(
  hintsOf: (column: string) => ColumnHints,
  types: TypeReadings,
  ast: unknown,
): boolean {
  const e = child(ast, 'A_Expr');
  const written = e?.kind === 'AEXPR_OP' ? lastName(e.name) : undefined;
  if (written === undefined || FLIPPED[written] === undefined) return false;
  for (const [call, other, op] of [
    [e?.lexpr, e?.rexpr, written],
    [e?.rexpr, e?.lexpr, FLIPPED[written]],
  ] as const) {
    const fn = child(call, 'FuncCall');
    const name = lastName(fn?.funcname);
    const args = Array.isArray(fn?.args) ? fn.args : [];
    const column = args.length === 1 ? lastName(child(args[0], 'ColumnRef')?.fields) : undefined;
    const value = constantOf(other);
    if ((name !== 'lower' && name !== 'upper') || column === undefined || value === undefined) continue;
    if (types.rangeColumn?.(column) === undefined) continue;
    return applyAtom(hintsOf, { kind: 'compare', column, op: op as CompareOp, value });
  }
  return false;
}

/**
 * CHECKs that tie a range column's bounds to other columns of the row
 * (`lower(r) = issued_time`, `upper(r) = deleted_time`, as Boundary's
 * warehouse facts write them): the range is made from those columns' values
 * (bounds inclusive, or `[)` for a discrete range, whose `upper()` is the
 * exclusive bound), and its upper column kept at or above its lower one so
 * the range is valid. The CHECKs are still evaluated per row.
 */

import { child, lastName, unwrap } from '../checks/expression-nodes.js';
import { boundText } from '../checks/range-functions.js';
import type { OrdinalCodec } from '../values/ordinal-codec.js';
import type { RelationAtom } from './relation-values.js';

/** The columns a range column's bounds equal. */
export interface RangeTie {
  readonly lower?: string;
  readonly upper?: string;
}

/** Discrete built-in ranges: PostgreSQL writes them `[)`, so `upper()` is the exclusive bound. */
const DISCRETE = new Set(['int4range', 'int8range', 'daterange']);

function columnOf(node: unknown): string | undefined {
  const fields = child(unwrap(node), 'ColumnRef')?.fields;
  return Array.isArray(fields) && fields.length === 1 ? lastName(fields) : undefined;
}

/** `lower(r) = c` or `upper(r) = c` (either side): [range column, bound, column]. */
function tieOf(ast: unknown): [string, 'lower' | 'upper', string] | undefined {
  const e = child(ast, 'A_Expr');
  if (e?.kind !== 'AEXPR_OP' || lastName(e.name) !== '=') return undefined;
  for (const [call, other] of [
    [e.lexpr, e.rexpr],
    [e.rexpr, e.lexpr],
  ] as const) {
    const fn = child(unwrap(call), 'FuncCall');
    const name = lastName(fn?.funcname);
    const args = Array.isArray(fn?.args) ? fn.args : [];
    const range = args.length === 1 ? columnOf(args[0]) : undefined;
    const column = columnOf(other);
    if ((name === 'lower' || name === 'upper') && range !== undefined && column !== undefined) {
      return [range, name, column];
    }
  }
  return undefined;
}

/** The conjuncts of a CHECK part (`a AND b` read as both). */
function conjuncts(ast: unknown): unknown[] {
  const b = child(ast, 'BoolExpr');
  if (b?.boolop === 'AND_EXPR' && Array.isArray(b.args)) return b.args.flatMap(conjuncts);
  return [ast];
}

/**
 * The range columns whose bounds CHECKs tie to other columns. `rangeType` is a
 * free, non-multi range column's type name (else undefined); `isColumn` says the
 * other side is a column of the table.
 */
export function rangeTies(
  parts: readonly { readonly ast: unknown }[],
  rangeType: (column: string) => string | undefined,
  isColumn: (column: string) => boolean,
): Map<string, RangeTie> {
  const ties = new Map<string, RangeTie>();
  for (const part of parts) {
    for (const ast of conjuncts(part.ast)) {
      const tie = tieOf(ast);
      if (!tie) continue;
      const [range, bound, column] = tie;
      if (range === column || rangeType(range) === undefined || !isColumn(column)) continue;
      const known = ties.get(range) ?? {};
      if (known[bound] !== undefined && known[bound] !== column) continue;
      ties.set(range, { ...known, [bound]: column });
    }
  }
  return ties;
}

/** The relations a tie implies: its upper column at or above its lower one (a range's bounds in order). */
export function tiedOrder(ties: ReadonlyMap<string, RangeTie>): RelationAtom[] {
  return [...ties.values()].flatMap((t) =>
    t.lower !== undefined && t.upper !== undefined && t.lower !== t.upper
      ? [{ kind: 'relation', left: t.upper, op: '>=', right: t.lower } as const]
      : [],
  );
}

/**
 * The range text whose bounds are the tied columns' values (a NULL or untied
 * bound unbounded: its `lower()`/`upper()` is NULL, which the CHECK lets pass);
 * undefined when the bounds are out of order or cannot be compared (the attempt fails).
 */
export function tiedRange(
  tie: RangeTie,
  typeName: string,
  values: ReadonlyMap<string, string | null>,
  codecOf: (column: string) => OrdinalCodec | undefined,
): string | undefined {
  const lower = tie.lower !== undefined ? (values.get(tie.lower) ?? null) : null;
  const upper = tie.upper !== undefined ? (values.get(tie.upper) ?? null) : null;
  if (lower !== null && upper !== null) {
    const codec = codecOf(tie.lower as string);
    const from = codec?.parse(lower, 'min');
    const to = codec?.parse(upper, 'max');
    // A discrete range's `[a,a)` is empty (its lower and upper NULL): no range ties to equal bounds.
    const empty = from === to && DISCRETE.has(typeName);
    if (from === undefined || to === undefined || from > to || empty) return undefined;
  }
  const open = lower === null ? '(' : '[';
  const close = upper === null || DISCRETE.has(typeName) ? ')' : ']';
  return `${open}${boundText(lower)},${boundText(upper)}${close}`;
}

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
  /** Version 26: the upper bound exclusive in a continuous range too (`r <@ tsrange(a, b)`, `upper(r) <= b`). */
  readonly open?: true;
}

/** The version from which `lower(r) >= a`, `upper(r) <= b` and `r <@ daterange(a, b)` tie r's bounds to a and b. */
export const WITHIN_TIES_FROM = 26;

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

/** The bound a comparison with the range's bound on the left holds within: `lower(r) >= c`, `upper(r) <= c`. */
const WITHIN: Readonly<Record<string, 'lower' | 'upper'>> = { '>=': 'lower', '<=': 'upper' };
const FLIPPED: Readonly<Record<string, string>> = { '>=': '<=', '<=': '>=', '<@': '@>', '@>': '<@' };

/**
 * Version 26: `lower(r) >= c` and `upper(r) <= c` (either side), met by the bound equal to c; `r <@ daterange(a, b)`
 * (or `daterange(a, b) @> r`; `[)` or `[]` flags), met by r's bounds equal to a and b, exclusive above.
 */
function withinOf(ast: unknown): { range: string; lower?: string; upper?: string } | undefined {
  const e = child(ast, 'A_Expr');
  const written = e?.kind === 'AEXPR_OP' ? lastName(e.name) : undefined;
  if (written === undefined || FLIPPED[written] === undefined) return undefined;
  for (const [left, right, op] of [
    [e?.lexpr, e?.rexpr, written],
    [e?.rexpr, e?.lexpr, FLIPPED[written]],
  ] as const) {
    const fn = child(unwrap(left), 'FuncCall');
    const name = lastName(fn?.funcname);
    const args = Array.isArray(fn?.args) ? fn.args : [];
    const column = columnOf(right);
    const bound = op === undefined ? undefined : WITHIN[op];
    if (bound !== undefined && name === bound && args.length === 1 && column !== undefined) {
      const range = columnOf(args[0]);
      if (range !== undefined) return { range, [bound]: column };
    }
    const outer = child(unwrap(right), 'FuncCall');
    const outerArgs = Array.isArray(outer?.args) ? outer.args : [];
    const flags = outerArgs.length === 3 ? child(unwrap(outerArgs[2]), 'A_Const') : undefined;
    const flagText = flags ? child(flags, 'sval')?.sval : '[)';
    const range = columnOf(left);
    const [lower, upper] = outerArgs.map(columnOf);
    if (op === '<@' && range && lower && upper && (flagText === '[)' || flagText === '[]'))
      return lastName(outer?.funcname)?.endsWith('range') ? { range, lower, upper } : undefined;
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
  generatorVersion = 0,
): Map<string, RangeTie> {
  const ties = new Map<string, RangeTie>();
  const within = generatorVersion >= WITHIN_TIES_FROM;
  const all = parts.flatMap((part) => conjuncts(part.ast));
  for (const ast of all) {
    const tie = tieOf(ast);
    if (!tie) continue;
    const [range, bound, column] = tie;
    if (range === column || rangeType(range) === undefined || !isColumn(column)) continue;
    const known = ties.get(range) ?? {};
    if (known[bound] !== undefined && known[bound] !== column) continue;
    ties.set(range, { ...known, [bound]: column });
  }
  // Equalities first: a within tie fills only a bound no equality ties.
  for (const ast of within ? all : []) {
    const inside = tieOf(ast) ? undefined : withinOf(ast);
    if (inside) addWithin(ties, inside, rangeType, isColumn);
  }
  return ties;
}

/** A within tie's bounds added where r has none from an equality or another within tie. */
function addWithin(
  ties: Map<string, RangeTie>,
  inside: { range: string; lower?: string; upper?: string },
  rangeType: (column: string) => string | undefined,
  isColumn: (column: string) => boolean,
): void {
  const { range } = inside;
  if (rangeType(range) === undefined) return;
  let tie: RangeTie = ties.get(range) ?? {};
  for (const bound of ['lower', 'upper'] as const) {
    const column = inside[bound];
    if (column === undefined || column === range || !isColumn(column) || tie[bound] !== undefined) continue;
    tie = { ...tie, [bound]: column, ...(bound === 'upper' ? { open: true as const } : {}) };
  }
  ties.set(range, tie);
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
    const empty = from === to && (DISCRETE.has(typeName) || tie.open === true);
    if (from === undefined || to === undefined || from > to || empty) return undefined;
  }
  const open = lower === null ? '(' : '[';
  const close = upper === null || DISCRETE.has(typeName) || tie.open === true ? ')' : ']';
  return `${open}${boundText(lower)},${boundText(upper)}${close}`;
}

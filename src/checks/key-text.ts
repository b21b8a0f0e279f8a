/**
 * Version 27: a text column a CHECK says equals the text of one integer
 * column between constant texts (`code = 'INV-' || to_char(id, 'FM00000')`,
 * `code = 'C' || id::text`, `code = lpad(id::text, 6, '0')`). Computed from
 * a unique key, the column is unique as the key is, so long as the text
 * reads the key back: the constant prefix and suffix around the decimal
 * digits of the key's value (to_char's `#####` past its width, or lpad's
 * cut, would repeat, and fails the row instead).
 */

import { expressionColumns } from '../schema/expression-columns.js';
import { isolations } from './equations.js';
import { child, funcCall, lastName, unwrap } from './expression-nodes.js';

/** A text column computed from one integer column, between constant texts. */
export interface KeyText {
  /** The computed column. */
  readonly column: string;
  /** The integer column it is computed from. */
  readonly key: string;
  readonly prefix: string;
  readonly suffix: string;
}

/** A string constant's text (through casts: `'INV-'::text`), else undefined. */
function constantText(node: unknown): string | undefined {
  const c = child(unwrap(node), 'A_Const');
  const s = child(c, 'sval');
  return typeof s?.sval === 'string' ? s.sval : undefined;
}

/** The pieces `a || b || c` (or `concat(a, b, c)`) joins, in order. */
function pieces(node: unknown): unknown[] {
  const op = child(node, 'A_Expr');
  if (op?.kind === 'AEXPR_OP' && lastName(op.name) === '||' && op.lexpr !== undefined)
    return [...pieces(op.lexpr), ...pieces(op.rexpr)];
  const call = funcCall(node);
  if (call?.name === 'concat' && call.args.length > 0) return call.args.flatMap(pieces);
  return [node];
}

/**
 * The conjunct as a key text: `c = EXPR` (either side) whose EXPR joins constant texts and one piece that
 * reads exactly one column other than c; undefined for any other conjunct.
 */
export function keyTextOf(ast: unknown): KeyText | undefined {
  for (const iso of isolations(ast)) {
    if (!iso.alone) continue;
    const parts = pieces(iso.expr);
    const variable = parts.filter((p) => constantText(p) === undefined);
    if (variable.length !== 1) continue;
    const at = parts.indexOf(variable[0]);
    const columns = expressionColumns(variable[0]);
    const key = columns[0];
    if (columns.length !== 1 || key === undefined || key === iso.column) continue;
    const join = (list: unknown[]) => list.map((p) => constantText(p) ?? '').join('');
    return { column: iso.column, key, prefix: join(parts.slice(0, at)), suffix: join(parts.slice(at + 1)) };
  }
  return undefined;
}

/** Whether `text` is the prefix, the key's value in decimal digits (zeros before it allowed), the suffix. */
export function readsKeyBack(keyText: KeyText, text: string, keyValue: string): boolean {
  const { prefix, suffix } = keyText;
  if (text.length < prefix.length + suffix.length || !text.startsWith(prefix) || !text.endsWith(suffix))
    return false;
  const digits = text.slice(prefix.length, text.length - suffix.length);
  if (!/^-?\d+$/.test(digits) || !/^-?\d+$/.test(keyValue)) return false;
  return BigInt(digits) === BigInt(keyValue);
}

/**
 * A unique key over a generated column defined by CASE, or a unique index on such a CASE
 * expression (ente's `reactions.unique_key`:
 * `CASE WHEN comment_id IS NOT NULL THEN 'M:' || comment_id WHEN file_id IS NOT NULL THEN
 * 'F:' || collection_id || '/' || file_id ELSE 'C:' || collection_id END`).
 *
 * The CASE is separable when every branch's result starts with its own constant tag, no tag a
 * prefix of another (results of different branches never meet), and is injective in the columns
 * it reads (`'M:' || x::text`, or `'F:' || a::text || '/' || b::text` with `a` an integer whose
 * text never holds the `/` after it). Then rows in the same branch whose columns differ have
 * different results, rows in different branches always do, and a NULL column gives a NULL result
 * (every operator read here is strict). So the key holds when, for each branch, the key's other
 * columns with that branch's columns are unique: one key per branch, planned as any other.
 */

import type { Column, UniqueKey } from '../schema/model.js';
import {
  concatOperands,
  field,
  injectiveColumn,
  type KeyExpression,
  stringConst,
} from './key-expressions.js';

const INTEGER_TYPES = new Set(['int2', 'int4', 'int8']);
const INTEGER_TEXT = /^[-0-9]/;

/** The columns a branch's result is injective in (its tag first), or undefined. */
function branchColumns(
  result: unknown,
  columns: readonly Column[],
): { tag: string; columns: string[] } | undefined {
  const operands = concatOperands(result);
  const tag = operands ? stringConst(operands[0]) : undefined;
  if (!operands || tag === undefined || tag === '') return undefined;
  const rest = operands.slice(1);
  const read: string[] = [];
  for (const [i, operand] of rest.entries()) {
    if (stringConst(operand) !== undefined) continue;
    const column = injectiveColumn(operand);
    if (column === undefined) return undefined;
    if (i < rest.length - 1) {
      // A column before more text: its end is found only when its text never holds what follows.
      const next = stringConst(rest[i + 1]);
      const type = columns.find((c) => c.name === column)?.type;
      const integer = type !== undefined && type.arrayDims === 0 && INTEGER_TYPES.has(type.name);
      if (!integer || next === undefined || next === '' || INTEGER_TEXT.test(next)) return undefined;
    }
    if (!read.includes(column)) read.push(column);
  }
  return read.length > 0 ? { tag, columns: read } : undefined;
}

/** A condition of IS [NOT] NULL tests only (joined by AND/OR): the branch follows which columns are set. */
function nullTestsOnly(node: unknown): boolean {
  if (field(node, 'NullTest')) return true;
  const bool = field(node, 'BoolExpr');
  return Array.isArray(bool?.args) && (bool.args as unknown[]).every(nullTestsOnly);
}

interface CaseBranches {
  readonly branches: string[][];
  readonly nullTests: boolean;
}

/** The branches' columns of a separable CASE (see the top of this file), or undefined. */
export function separableCase(ast: unknown, columns: readonly Column[]): CaseBranches | undefined {
  const expr = field(ast, 'CaseExpr');
  if (!expr || !Array.isArray(expr.args)) return undefined;
  const whens = (expr.args as unknown[]).map((w) => field(w, 'CaseWhen'));
  const results = [...whens.map((w) => w?.result), ...(expr.defresult ? [expr.defresult] : [])];
  const read = results.map((r) => branchColumns(r, columns));
  if (read.some((r) => r === undefined)) return undefined;
  const tags = read.map((r) => r?.tag as string);
  const disjoint = tags.every((a, i) => tags.every((b, j) => i === j || !b.startsWith(a)));
  if (!disjoint) return undefined;
  return {
    branches: read.map((r) => r?.columns as string[]),
    nullTests: expr.arg === undefined && whens.every((w) => nullTestsOnly(w?.expr)),
  };
}

/** The AST of a key's element `i`: the index's expression, or a generated column's; undefined for a plain column. */
export function elementAst(key: UniqueKey, i: number, columns: readonly Column[]): unknown {
  const name = key.columns[i];
  return name === null || name === undefined
    ? key.expressions[i]?.ast
    : columns.find((c) => c.name === name)?.generated?.ast;
}

/**
 * The key's elements per branch of one separable-CASE element (a generated column's or the unique
 * index's expression, opaque as read): the
 * element replaced by that branch's columns. The element whose branches follow IS NULL tests is
 * taken first (those columns may be NULL in other branches' rows). Undefined when there is none.
 */
export function caseBranchElements(
  key: UniqueKey,
  elements: readonly KeyExpression[],
  columns: readonly Column[],
): KeyExpression[][] | undefined {
  if (key.nullsNotDistinct) return undefined;
  const candidates = key.columns.flatMap((_, i) => {
    const ast = elementAst(key, i, columns);
    const found =
      ast !== undefined && elements[i]?.kind === 'opaque' ? separableCase(ast, columns) : undefined;
    return found ? [{ position: i, ...found }] : [];
  });
  const chosen = candidates.find((c) => c.nullTests) ?? candidates[0];
  if (!chosen) return undefined;
  const others = elements.filter((e, i) => i !== chosen.position && e.kind !== 'opaque');
  const seen = new Set<string>();
  return chosen.branches.flatMap((branch) => {
    const id = [...branch].sort().join('\u0000');
    if (seen.has(id)) return [];
    seen.add(id);
    return [[...others, { kind: 'columns', columns: branch }]];
  });
}

/**
 * What a foreign key's parent rows tell the child's plan: distinct parent
 * rows give distinct values of a key over some of the FK's columns, and a
 * child CHECK on an FK column that every listed parent value meets, or that
 * only excludes values the parent's column never holds.
 */
import type { ColumnHints } from '../checks/check-hints.js';
import { checkPasses, compileExpression } from '../checks/evaluate-expr.js';
import { type Evaluate, NotEvaluableError, SqlRuntimeError } from '../checks/evaluation.js';
import { child, lastName } from '../checks/expression-nodes.js';
import { familyOf, readValue } from '../checks/sql-value.js';
import { resolveDomains, type TypeLookup } from '../checks/type-resolution.js';
import { expressionColumns } from '../schema/expression-columns.js';
import type { ForeignKey, Table, TypeRef } from '../schema/model.js';
import type { CheckPart } from './plan-model.js';

/**
 * A unique key of the FK's parent (plain columns, not partial) all of whose
 * columns the FK maps to child columns that are `fixed` (in the child's key,
 * or single-valued): distinct parent rows then give distinct key values.
 */
export function parentKeyCovers(
  fk: ForeignKey | undefined,
  parent: Table | undefined,
  fixed: (column: string) => boolean,
): boolean {
  if (!fk || !parent) return false;
  const childOf = new Map(fk.referencedColumns.map((r, k) => [r, fk.columns[k]] as const));
  return [parent.primaryKey, ...parent.uniques].some(
    (key) =>
      key !== null &&
      key.where === null &&
      key.columns.length > 0 &&
      key.columns.every((r) => {
        const c = r === null ? undefined : childOf.get(r);
        return c !== undefined && fixed(c);
      }),
  );
}

/**
 * Every value of a listed parent column meets a CHECK part over the child
 * column alone (Logto: the child's `grant_model_name = 'Grant'` when the
 * parent's `model_name` lists only 'Grant'): the part holds for any parent row.
 */
export function listedValuesMeet(
  values: readonly string[] | undefined,
  column: string,
  type: TypeRef | undefined,
  lookup: TypeLookup,
  part: CheckPart,
): boolean {
  if (values === undefined || values.length === 0 || type === undefined) return false;
  if (expressionColumns(part.ast).some((c) => c !== column)) return false;
  const base = resolveDomains(type, lookup).base;
  let evaluate: Evaluate;
  try {
    evaluate = compileExpression(part.ast, { now: 0 });
  } catch (error) {
    if (error instanceof NotEvaluableError) return false;
    throw error;
  }
  return values.every((v) => {
    try {
      return checkPasses(evaluate(() => readValue(v, familyOf(base.name), base.arrayDims)));
    } catch (error) {
      if (error instanceof NotEvaluableError || error instanceof SqlRuntimeError) return false;
      throw error;
    }
  });
}

/**
 * A CHECK part over the child FK column alone that only keeps some values out
 * (`source_id <> '00000000-0000-0000-0000-000000000000'`, `NOT IN (...)`: the
 * column's hints are nothing but excluded values) when the parent's column
 * excludes them too (`excludeDemandedValues`): every parent row meets it
 * (Nakama's user_edge, its FK in a unique key).
 */
export function exclusionHeldByParent(
  child: ColumnHints | undefined,
  parent: ColumnHints | undefined,
  column: string,
  part: CheckPart,
): boolean {
  const excluded = child?.exclude;
  if (!child || !excluded || excluded.length === 0) return false;
  if (Object.keys(child).some((k) => k !== 'exclude')) return false;
  if (expressionColumns(part.ast).some((c) => c !== column)) return false;
  return excluded.every((v) => parent?.exclude?.includes(v) === true);
}

const LENGTH_FUNCTIONS = new Set(['length', 'char_length', 'character_length']);

/** `length(c)`, `char_length(c)` or `character_length(c)` of the column, in a CHECK's tree. */
function isLengthOf(node: unknown, column: string): boolean {
  const call = child(node, 'FuncCall');
  const args = Array.isArray(call?.args) ? call.args : [];
  if (!LENGTH_FUNCTIONS.has(lastName(call?.funcname) ?? '') || args.length !== 1) return false;
  const read = expressionColumns(args[0]);
  return read.length === 1 && read[0] === column;
}

/**
 * A child CHECK `length(c) <= n` (or `< n`; an FK column narrower than its parent column gets one:
 * foreign-key-type-fits.ts) that every parent value meets, the parent column's own length bound being no
 * longer (narrowed-fk-parents.ts keeps it so): a 1:1 FK whose parent row its key fixes still gets its rows.
 */
export function lengthHeldByParent(
  parent: ColumnHints | undefined,
  column: string,
  part: CheckPart,
): boolean {
  const limit = parent?.maxLength;
  const expr = child(part.ast, 'A_Expr');
  if (limit === undefined || expr?.kind !== 'AEXPR_OP' || !isLengthOf(expr.lexpr, column)) return false;
  const op = lastName(expr.name);
  const bound = child(child(expr.rexpr, 'A_Const'), 'ival')?.ival;
  if (typeof bound !== 'number') return false;
  return op === '<=' ? limit <= bound : op === '<' ? limit < bound : false;
}

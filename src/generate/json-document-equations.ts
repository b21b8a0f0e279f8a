/**
 * Version 31: a json or jsonb column whose members CHECK conjuncts equate to
 * the row's other columns (`document ->> '_id' = "assetId"`, `(doc ->> 'n')::int
 * = n`, `doc -> 'k' ->> 'j' = c`, either side) is computed as the document of
 * those members, each the other side's value (a number where the member is
 * cast to a number type, a boolean where to boolean, else a string), after
 * the columns they read. Random documents never hold the key: with `IS TRUE`
 * (Webstudio's `AssetFileMetadata`) no row passed, the table stayed empty;
 * without it a row passed only because the missing member made the
 * comparison NULL. A value its path cannot hold (two members at one path
 * that disagree) fails the attempt; every conjunct is still evaluated.
 */
import { equationSides } from '../checks/equations.js';
import { castTarget, child, lastName } from '../checks/expression-nodes.js';
import { jsonbText } from '../checks/jsonb-operators.js';
import { type SqlValue, toText } from '../checks/sql-value.js';
import { isTrueArg } from '../checks/true-conjuncts.js';
import { stringConst } from '../plan/key-expression-nodes.js';
import type { CheckPart, TableCheckPlan } from '../plan/plan-model.js';
import { expressionColumns } from '../schema/expression-columns.js';
import type { Equation, EquationColumns, EquationContext } from './check-equations.js';
import { type RowValues, rowEvaluator } from './row-evaluator.js';

export const JSON_DOCUMENTS_FROM = 31;

const NUMBER_CASTS = new Set([
  'int2',
  'int4',
  'int8',
  'integer',
  'int',
  'smallint',
  'bigint',
  'numeric',
  'decimal',
]);
const FLOAT_CASTS = new Set(['float4', 'float8', 'real', 'double precision']);
const BOOLEAN_CASTS = new Set(['bool', 'boolean']);

type Kind = 'string' | 'number' | 'boolean';

/** A member path of a column: `c ->> 'k'`, `c -> 'a' ->> 'b'`, cast or not. */
interface MemberPath {
  readonly column: string;
  readonly path: readonly string[];
  readonly kind: Kind;
}

/** `c -> 'a' -> 'b'`'s column and keys ('a', 'b'); a bare column's none. */
function objectPath(node: unknown): { column: string; path: string[] } | undefined {
  const ref = child(node, 'ColumnRef');
  if (ref) {
    const column = lastName(ref.fields);
    return column === undefined ? undefined : { column, path: [] };
  }
  const op = child(node, 'A_Expr');
  const key = stringConst(op?.rexpr);
  if (op?.kind !== 'AEXPR_OP' || lastName(op.name) !== '->' || key === undefined) return undefined;
  const inner = objectPath(op.lexpr);
  return inner && { column: inner.column, path: [...inner.path, key] };
}

/** A side that reads a member's text (`->>` last), possibly cast. */
function memberPath(node: unknown): MemberPath | undefined {
  let kind: Kind = 'string';
  let at = node;
  const cast = child(node, 'TypeCast');
  if (cast) {
    const name = castTarget(cast.typeName)?.name;
    if (name !== undefined && (NUMBER_CASTS.has(name) || FLOAT_CASTS.has(name))) kind = 'number';
    else if (name !== undefined && BOOLEAN_CASTS.has(name)) kind = 'boolean';
    else return undefined;
    at = cast.arg;
  }
  const op = child(at, 'A_Expr');
  const key = stringConst(op?.rexpr);
  if (op?.kind !== 'AEXPR_OP' || lastName(op.name) !== '->>' || key === undefined) return undefined;
  const inner = objectPath(op.lexpr);
  return inner && { column: inner.column, path: [...inner.path, key], kind };
}

/** A member's JSON value from the other side's value; undefined where its kind cannot hold it. */
function memberValue(v: SqlValue, kind: Kind): unknown {
  if (v === null) return null;
  if (kind === 'boolean') return typeof v === 'boolean' ? v : undefined;
  const text = toText(v);
  if (text === null) return undefined;
  if (kind === 'string') return text;
  return /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/.test(text) ? Number(text) : undefined;
}

/** `doc` with `value` at `path`; false where another member already holds something else there. */
function setAt(doc: Record<string, unknown>, path: readonly string[], value: unknown): boolean {
  let at = doc;
  for (const key of path.slice(0, -1)) {
    const next = at[key] ?? {};
    if (next === null || typeof next !== 'object' || Array.isArray(next)) return false;
    at[key] = next;
    at = next as Record<string, unknown>;
  }
  const last = path[path.length - 1] ?? '';
  if (Object.hasOwn(at, last) && JSON.stringify(at[last]) !== JSON.stringify(value)) return false;
  at[last] = value;
  return true;
}

interface Member {
  readonly path: MemberPath;
  readonly evaluate: (values: RowValues) => SqlValue | undefined;
}

/** The documents computed (one equation per json column), and the parts they meet. */
export function jsonDocumentEquations(
  plan: TableCheckPlan,
  ctx: EquationContext,
  columns: EquationColumns,
): { equations: Equation[]; parts: Set<CheckPart> } {
  const parts = new Set<CheckPart>();
  if (ctx.generatorVersion < JSON_DOCUMENTS_FROM) return { equations: [], parts };
  const isJson = (c: string) => {
    const t = ctx.baseType(c);
    return t.arrayDims === 0 && (t.name === 'jsonb' || t.name === 'json') && !ctx.isDomain(c);
  };
  const members = new Map<string, { member: Member[]; bases: Set<string>; first: CheckPart }>();
  for (const part of plan.verify) {
    const sides = equationSides(isTrueArg(part.ast) ?? part.ast);
    if (!sides) continue;
    for (const [i, side] of sides.entries()) {
      const path = memberPath(side);
      const other = sides[1 - i];
      if (!path || !isJson(path.column) || !columns.derivable(path.column)) continue;
      const bases = expressionColumns(other);
      if (bases.includes(path.column) || !bases.every((b) => columns.made(b))) continue;
      const evaluate = rowEvaluator(ctx, other);
      if (!evaluate) continue;
      const entry = members.get(path.column) ?? { member: [], bases: new Set<string>(), first: part };
      entry.member.push({ path, evaluate });
      for (const b of bases) entry.bases.add(b);
      members.set(path.column, entry);
      parts.add(part);
      break;
    }
  }
  const equations = [...members].map(([column, { member, bases, first }]): Equation => {
    const jsonb = ctx.baseType(column).name === 'jsonb';
    return {
      column,
      bases: [...bases],
      failed: `CHECK ${first.check} (${first.text})`,
      computed: (values) => {
        const doc: Record<string, unknown> = {};
        for (const m of member) {
          const v = m.evaluate(values);
          const value = v === undefined ? undefined : memberValue(v, m.path.kind);
          if (value === undefined || !setAt(doc, m.path.path, value)) return undefined;
        }
        return jsonb ? jsonbText(doc) : JSON.stringify(doc);
      },
    };
  });
  return { equations, parts };
}

/**
 * The conditions of a branching DO block (conditional-do.ts) and their
 * evaluation on the schema read so far: EXISTS over information_schema's
 * columns, tables, table_constraints and views, or pg_type (joined to
 * pg_namespace), with equality filters, or a scalar subquery of one of their
 * columns compared to a constant (`(SELECT data_type FROM ...) = 'bigint'`),
 * combined by AND/OR/NOT, and the block's boolean variables.
 */

import { formatTypeName } from '../../schema/format-type.js';
import type { TypeRef } from '../../schema/model.js';
import { nameKey } from '../../schema/names.js';
import { castStringConstant, columnEquality, stringsOf } from './ast.js';
import type { DdlContext } from './ddl-context.js';
import { constraintNames } from './do-blocks.js';
import type { Environment, Variables } from './do-variables.js';
import { selectedExpression } from './pg-parser.js';
import { serverVersionTest } from './version-conditions.js';

type Json = Record<string, unknown>;

/** A condition on the schema: EXISTS over a catalog view with equality filters, combined by AND/OR/NOT. */
export type Condition =
  | { readonly kind: 'exists'; readonly view: string; readonly filters: ReadonlyMap<string, string> }
  | { readonly kind: 'not'; readonly arg: Condition }
  | { readonly kind: 'variable'; readonly name: string }
  /** A test every server the output loads into decides the same way (version-conditions.ts). */
  | { readonly kind: 'known'; readonly value: boolean }
  | { readonly kind: 'and' | 'or'; readonly args: readonly Condition[] };

const VIEWS: Readonly<Record<string, readonly string[]>> = {
  'information_schema.columns': ['table_schema', 'table_name', 'column_name', 'data_type'],
  'information_schema.tables': ['table_schema', 'table_name'],
  'information_schema.table_constraints': [
    'table_schema',
    'table_name',
    'constraint_name',
    'constraint_type',
  ],
  'information_schema.views': ['table_schema', 'table_name'],
  pg_type: ['typname'],
  'pg_catalog.pg_type': ['typname'],
};

/**
 * An IF's condition as a Condition; undefined for any other expression. `versions`: server-version tests
 * are read too (from generator version 28).
 */
export function conditionOf(query: string, vars: Variables, versions = false): Condition | undefined {
  const expr = selectedExpression(query);
  return expr === undefined ? undefined : conditionNode(expr, vars, versions);
}

function conditionNode(node: unknown, vars: Variables, versions = false): Condition | undefined {
  const n = node as Json | undefined;
  const version = versions ? serverVersionTest(n) : undefined;
  if (version !== undefined) return { kind: 'known', value: version };
  // A boolean variable the block set (`IF v_exists THEN`).
  const fields = stringsOf(((n?.ColumnRef as Json | undefined)?.fields ?? []) as never[]);
  const name = fields.length === 1 ? fields[0]?.toLowerCase() : undefined;
  if (name !== undefined && vars.get(name) === 'boolean') return { kind: 'variable', name };
  const bool = n?.BoolExpr as Json | undefined;
  if (bool) {
    const args = ((bool.args as unknown[] | undefined) ?? []).map((a) => conditionNode(a, vars, versions));
    if (args.some((a) => a === undefined)) return undefined;
    const all = args as Condition[];
    if (bool.boolop === 'NOT_EXPR')
      return all.length === 1 ? { kind: 'not', arg: all[0] as Condition } : undefined;
    return { kind: bool.boolop === 'AND_EXPR' ? 'and' : 'or', args: all };
  }
  const regclass = regclassTest(n?.NullTest as Json | undefined);
  if (regclass) return regclass;
  const compared = comparedSelection(n?.A_Expr as Json | undefined);
  if (compared) return compared;
  const sub = n?.SubLink as Json | undefined;
  // `(SELECT <condition>)` with no FROM: the condition (River's `(SELECT to_regclass('t') IS NOT NULL)`).
  const scalar =
    sub?.subLinkType === 'EXPR_SUBLINK' ? ((sub.subselect as Json)?.SelectStmt as Json) : undefined;
  const only = scalar?.fromClause === undefined ? (scalar?.targetList as Json[] | undefined) : undefined;
  if (only?.length === 1) return conditionNode((only[0]?.ResTarget as Json | undefined)?.val, vars, versions);
  if (sub?.subLinkType !== 'EXISTS_SUBLINK') return undefined;
  const select = (sub.subselect as Json | undefined)?.SelectStmt as Json | undefined;
  const from = select?.fromClause as Json[] | undefined;
  const rv =
    from?.length === 1 ? (typeRelation(from[0]) ?? (from[0]?.RangeVar as Json | undefined)) : undefined;
  if (!select || !rv || select.groupClause !== undefined || select.havingClause !== undefined)
    return undefined;
  const view = [rv.schemaname, rv.relname].filter((p) => typeof p === 'string').join('.');
  const known = VIEWS[view];
  if (known === undefined) return undefined;
  const filters = new Map<string, string>();
  if (!equalityFilters(select.whereClause, known, filters)) return undefined;
  return { kind: 'exists', view, filters };
}

/**
 * `(SELECT data_type FROM information_schema.columns WHERE ...) = 'bigint'` (Midaz's guard of a column's
 * conversion): a row of the view whose selected column holds the constant (no row gives NULL, not true).
 */
function comparedSelection(op: Json | undefined): Condition | undefined {
  if (op?.kind !== 'AEXPR_OP' || stringsOf((op.name ?? []) as never[]).join() !== '=') return undefined;
  const sub = (op.lexpr as Json | undefined)?.SubLink as Json | undefined;
  const value = castStringConstant(op.rexpr);
  const select =
    sub?.subLinkType === 'EXPR_SUBLINK' ? ((sub.subselect as Json)?.SelectStmt as Json) : undefined;
  const targets = (select?.targetList as Json[] | undefined) ?? [];
  const target = targets[0]?.ResTarget as Json | undefined;
  const selected = stringsOf(
    (((target?.val as Json | undefined)?.ColumnRef as Json | undefined)?.fields ?? []) as never[],
  ).at(-1);
  if (value === undefined || selected === undefined || targets.length !== 1) return undefined;
  const exists = conditionNode(
    { SubLink: { subLinkType: 'EXISTS_SUBLINK', subselect: sub?.subselect } },
    new Map(),
  );
  if (exists?.kind !== 'exists' || !VIEWS[exists.view]?.includes(selected)) return undefined;
  const filters = new Map(exists.filters);
  // `WHERE data_type = 'text'` compared to 'bigint': never true (an OR of nothing).
  if (filters.has(selected) && filters.get(selected) !== value) return { kind: 'or', args: [] };
  filters.set(selected, value);
  return { kind: 'exists', view: exists.view, filters };
}

/**
 * `to_regclass('[schema.]name') IS [NOT] NULL`: a table or view of that name
 * (in that schema, else in any) read so far.
 */
function regclassTest(test: Json | undefined): Condition | undefined {
  const call = (test?.arg as Json | undefined)?.FuncCall as Json | undefined;
  const name = stringsOf((call?.funcname ?? []) as never[]).at(-1);
  const args = call?.args as unknown[] | undefined;
  if (name !== 'to_regclass' || args?.length !== 1) return undefined;
  const text = castStringConstant(args[0]);
  if (text === undefined || !/^[a-z_][a-z0-9_$]*(\.[a-z_][a-z0-9_$]*)?$/.test(text)) return undefined;
  const parts = text.split('.');
  const filters = new Map([['table_name', parts.at(-1) as string]]);
  if (parts.length === 2) filters.set('table_schema', parts[0] as string);
  const found: Condition = {
    kind: 'or',
    args: [
      { kind: 'exists', view: 'information_schema.tables', filters },
      { kind: 'exists', view: 'information_schema.views', filters },
    ],
  };
  return test?.nulltesttype === 'IS_NOT_NULL' ? found : { kind: 'not', arg: found };
}

/**
 * `pg_type t JOIN pg_namespace n ON t.typnamespace = n.oid` (Linkwarden's
 * guarded CREATE TYPE): read as pg_type, its schema filter let through.
 */
function typeRelation(from: Json | undefined): Json | undefined {
  const join = from?.JoinExpr as Json | undefined;
  const left = (join?.larg as Json | undefined)?.RangeVar as Json | undefined;
  const right = (join?.rarg as Json | undefined)?.RangeVar as Json | undefined;
  if (join?.jointype !== 'JOIN_INNER' || left === undefined || right?.relname !== 'pg_namespace')
    return undefined;
  return left.relname === 'pg_type' ? left : undefined;
}

/** `a = 'x' AND b = 'y'` over the view's known columns, into `filters`; false for any other shape. */
function equalityFilters(node: unknown, known: readonly string[], filters: Map<string, string>): boolean {
  const n = node as Json | undefined;
  if (n === undefined) return true;
  const bool = n.BoolExpr as Json | undefined;
  if (bool)
    return (
      bool.boolop === 'AND_EXPR' &&
      ((bool.args as unknown[] | undefined) ?? []).every((a) => equalityFilters(a, known, filters))
    );
  // `pg_has_role(current_user, <the owner>, 'USAGE')` (Supabase): the loading role owns what the DDL made.
  const call = n.FuncCall as Json | undefined;
  if (call !== undefined) return stringsOf((call.funcname ?? []) as never[]).at(-1) === 'pg_has_role';
  const equality = columnEquality(n);
  if (equality === undefined) return false;
  const { column } = equality;
  const value = castStringConstant(equality.value);
  // pg_type joined to pg_namespace: `n.nspname = 'auth'` is the type's schema; `= current_schema()` the
  // schema the DDL works in.
  if (column === 'nspname' && known.includes('typname')) {
    if (value !== undefined) filters.set('nspname', value);
    return true;
  }
  if (value === undefined || !known.includes(column)) return false;
  filters.set(column, value);
  return true;
}

const CONSTRAINT_TYPES: Readonly<
  Record<string, (t: ReturnType<DdlContext['builder']['table']>) => string[]>
> = {
  'PRIMARY KEY': (t) => (t?.primaryKey?.name ? [t.primaryKey.name] : []),
  UNIQUE: (t) => (t?.uniques ?? []).flatMap((u) => (u.name && !u.isIndex ? [u.name] : [])),
  'FOREIGN KEY': (t) => (t?.foreignKeys ?? []).flatMap((f) => (f.name ? [f.name] : [])),
  CHECK: (t) => (t?.checks ?? []).flatMap((c) => (c.name ? [c.name] : [])),
};

/** Whether the condition holds on the schema read so far. */
export function holds(ctx: DdlContext, c: Condition, env: Environment): boolean {
  if (c.kind === 'variable') return env.get(c.name) === true;
  if (c.kind === 'known') return c.value;
  if (c.kind === 'not') return !holds(ctx, c.arg, env);
  if (c.kind !== 'exists')
    return c.kind === 'and'
      ? c.args.every((a) => holds(ctx, a, env))
      : c.args.some((a) => holds(ctx, a, env));
  const f = c.filters;
  if (c.view.endsWith('pg_type')) {
    const name = f.get('typname');
    const nsp = f.get('nspname');
    return [...ctx.builder.types.keys()].some((k) => {
      const parts = k.split('\u0000');
      return (name === undefined || parts.at(-1) === name) && (nsp === undefined || parts[0] === nsp);
    });
  }
  const schema = f.get('table_schema');
  const tableName = f.get('table_name');
  if (c.view === 'information_schema.views')
    return [...ctx.builder.views.values()].some(
      (v) =>
        (schema === undefined || v.schema === schema) && (tableName === undefined || v.name === tableName),
    );
  return [...ctx.builder.tables.values()].some((t) => {
    if ((schema !== undefined && t.schema !== schema) || (tableName !== undefined && t.name !== tableName))
      return false;
    if (c.view === 'information_schema.tables') return true;
    if (c.view === 'information_schema.columns') {
      const column = f.get('column_name');
      const dataType = f.get('data_type');
      return t.columns.some(
        (col) =>
          (column === undefined || col.name === column) &&
          (dataType === undefined || dataTypeOf(ctx, col.type) === dataType),
      );
    }
    const type = f.get('constraint_type');
    const names = type === undefined ? constraintNames(t) : (CONSTRAINT_TYPES[type]?.(t) ?? []);
    const name = f.get('constraint_name');
    return names.some((n) => name === undefined || n === name);
  });
}

/** A column type as information_schema.columns' `data_type` names it: `bigint`, `character varying`, `ARRAY`, `USER-DEFINED` (a domain: its base type's). */
function dataTypeOf(ctx: DdlContext, type: TypeRef, depth = 0): string {
  if (type.arrayDims > 0) return 'ARRAY';
  if (type.schema === 'pg_catalog') return formatTypeName(type).replace(/^"char"$/, 'char');
  const def = ctx.builder.types.get(nameKey(type));
  return def?.kind === 'domain' && depth < 8 ? dataTypeOf(ctx, def.baseType, depth + 1) : 'USER-DEFINED';
}

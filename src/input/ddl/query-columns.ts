/**
 * The columns a `CREATE TABLE AS` query makes, typed as PostgreSQL types
 * them, for queries whose every output column has a type readable from the
 * DDL: columns of tables and of subqueries in FROM (joins too; a UNION's
 * column the type its branches agree on, an untyped NULL taking the other
 * branches'), casts, constants, comparisons and boolean tests, `count`,
 * `max`/`min`, `sum`/`avg` of integers, `bool_or`/`bool_and`, `coalesce`, `greatest`/`least`,
 * CASE (Lemmy's `post_actions`: `SELECT max(liked) AS liked, person_id, ...
 * FROM (SELECT ... FROM post_like UNION ALL ...) GROUP BY ...`). Anything
 * else (an unknown function, arithmetic, a table the DDL does not define, a
 * query of constants alone or aggregates without GROUP BY: its own one row)
 * gives no columns, and the statement stays unmodelled.
 */
import type { Node, RangeVar, TypeName } from 'libpg-query';
import type { SourceLocation } from '../../errors.js';
import { formatTypeName } from '../../schema/format-type.js';
import type { TypeRef } from '../../schema/model.js';
import { quoteIdent } from '../../schema/quote.js';
import { stringOf, stringsOf } from './ast.js';
import { BUILTIN_AGGREGATES } from './builtin-functions.js';
import type { DdlContext } from './ddl-context.js';

type Json = Record<string, unknown>;
/** A column's SQL type, `null` for an untyped NULL (its type comes from elsewhere), undefined when unknown. */
type ColumnType = string | null | undefined;
export interface QueryColumn {
  readonly name: string;
  readonly type: ColumnType;
}
/** What reading a query needs: the model so far, and where the statement is (for type names). */
interface Reader {
  readonly ctx: DdlContext;
  readonly location: SourceLocation;
}
interface ScopeItem {
  readonly alias: string;
  readonly columns: readonly QueryColumn[];
}
interface Scope {
  readonly reader: Reader;
  readonly items: readonly ScopeItem[];
}

/** A column type as CREATE TABLE writes it; undefined for types with named modifiers or interval fields. */
export function typeSql(type: TypeRef): string | undefined {
  if (type.typmodNames !== undefined || type.intervalFields !== undefined) return undefined;
  if (type.typmods.length === 0) return formatTypeName(type);
  const mods = `(${type.typmods.join(', ')})`;
  return `${quoteIdent(type.schema)}.${quoteIdent(type.name)}${mods}${'[]'.repeat(type.arrayDims)}`;
}

const BOOLEAN_OPERATORS = new Set([
  '=',
  '<>',
  '!=',
  '<',
  '>',
  '<=',
  '>=',
  '~~',
  '!~~',
  '~~*',
  '!~~*',
  '~',
  '~*',
]);
const BOOLEAN_KINDS = new Set([
  'AEXPR_IN',
  'AEXPR_LIKE',
  'AEXPR_ILIKE',
  'AEXPR_DISTINCT',
  'AEXPR_NOT_DISTINCT',
]);
const INTEGER_SUMS: Record<string, string> = { smallint: 'bigint', integer: 'bigint', bigint: 'numeric' };

function fromItem(reader: Reader, node: Node): ScopeItem[] | undefined {
  const { ctx } = reader;
  if ('RangeVar' in node) {
    const rv = node.RangeVar as RangeVar;
    const table = ctx.builder.table(ctx.resolveRelation(rv));
    if (!table) return undefined;
    const renamed = stringsOf(rv.alias?.colnames);
    const columns = table.columns.map((c, i) => ({ name: renamed[i] ?? c.name, type: typeSql(c.type) }));
    return [{ alias: rv.alias?.aliasname ?? (rv.relname as string), columns }];
  }
  if ('RangeSubselect' in node) {
    const sub = node.RangeSubselect as Json;
    const columns = subqueryColumns(reader, sub.subquery as Node | undefined);
    if (!columns) return undefined;
    const alias = sub.alias as { aliasname?: string; colnames?: Node[] } | undefined;
    const renamed = stringsOf(alias?.colnames);
    return [
      {
        alias: alias?.aliasname ?? '',
        columns: columns.map((c, i) => ({ ...c, name: renamed[i] ?? c.name })),
      },
    ];
  }
  if ('JoinExpr' in node) {
    const join = node.JoinExpr as Json;
    if (join.alias !== undefined) return undefined;
    const left = join.larg === undefined ? undefined : fromItem(reader, join.larg as Node);
    const right = join.rarg === undefined ? undefined : fromItem(reader, join.rarg as Node);
    return left && right ? [...left, ...right] : undefined;
  }
  return undefined;
}

function columnRefType(scope: Scope, fields: readonly Node[]): ColumnType {
  const names = fields.map((f) => stringOf(f));
  if (names.some((n) => n === null) || names.length > 2) return undefined;
  const [qualifier, column] = names.length === 2 ? names : [undefined, names[0]];
  const found = scope.items
    .filter((item) => qualifier === undefined || item.alias === qualifier)
    .flatMap((item) => item.columns.filter((c) => c.name === column));
  return found.length === 1 ? found[0]?.type : undefined;
}

function functionType(scope: Scope, call: Json): ColumnType {
  const name = stringOf((call.funcname as Node[] | undefined)?.at(-1));
  const args = (call.args as Node[] | undefined) ?? [];
  if (call.over !== undefined || call.agg_filter !== undefined)
    return name === 'count' ? 'bigint' : undefined;
  const first = args[0] === undefined ? undefined : expressionType(scope, args[0]);
  switch (name) {
    case 'count':
      return 'bigint';
    case 'max':
    case 'min':
      return first ? aggregateOf(first) : undefined;
    case 'sum':
      return first ? INTEGER_SUMS[first] : undefined;
    case 'avg':
      return first && INTEGER_SUMS[first] ? 'numeric' : undefined;
    case 'bool_or':
    case 'bool_and':
    case 'every':
      return 'boolean';
    default:
      return undefined;
  }
}

/** A type without its modifiers (`numeric(6, 2)` → `numeric`, `varchar(40)` → varchar, `char(3)` → bpchar). */
function withoutTypmod(type: string): string {
  if (type === 'character') return 'pg_catalog.bpchar';
  return type.replace(/\(\d+(, \d+)?\)$/, '');
}

/**
 * The type `max`/`min` return over a column of `type`: the aggregate's declared type, without the
 * column's type modifiers (`numeric(6, 2)` → `numeric`, `char(3)` → `bpchar`), and `text` for a varchar
 * (there is no max(varchar): it is max(text)).
 */
function aggregateOf(type: string): string {
  if (type === LITERAL) return 'text';
  const base = withoutTypmod(type);
  return VARCHAR.test(base) ? 'text' : base;
}

/** Integer and numeric types in the order a UNION or CASE widens them (PostgreSQL's implicit casts). */
const NUMBER_ORDER = ['smallint', 'integer', 'bigint', 'numeric'];
const VARCHAR = /^(character varying|pg_catalog\."varchar"(\(\d+\))?)$/;
const BPCHAR = /^(character|pg_catalog\.bpchar(\(\d+\))?)$/;
/** A string constant (`'x'`): of type unknown, it takes the others' type, as select_common_type reads it. */
const LITERAL = "'literal'";

/**
 * The type the given ones resolve to, as a UNION's column, a CASE's or COALESCE's result does (untyped
 * NULLs aside): the same type (its modifiers kept only when no string constant is among them), the widest
 * of integers and numeric; of strings (text, varchar, bpchar), the first one's type without modifiers;
 * undefined when they differ otherwise.
 */
function agreed(types: readonly ColumnType[]): ColumnType {
  if (types.includes(undefined)) return undefined;
  const literal = types.includes(LITERAL);
  const known = [...new Set(types.filter((t): t is string => t !== null && t !== LITERAL))];
  if (known.length === 0) return literal ? 'text' : null;
  if (known.length === 1) return literal ? withoutTypmod(known[0] as string) : known[0];
  const ranks = known.map((t) => NUMBER_ORDER.indexOf(t));
  if (ranks.every((r) => r >= 0)) return NUMBER_ORDER[Math.max(...ranks)];
  // Strings cast to one another implicitly both ways, so the first one's type is taken.
  if (!known.every((t) => t === 'text' || VARCHAR.test(t) || BPCHAR.test(t))) return undefined;
  const first = known[0] as string;
  return VARCHAR.test(first) ? 'character varying' : BPCHAR.test(first) ? 'pg_catalog.bpchar' : 'text';
}

function constantType(value: Json): ColumnType {
  if (value.isnull) return null;
  if ('ival' in value) return 'integer';
  if ('boolval' in value) return 'boolean';
  if ('sval' in value) return LITERAL;
  return undefined;
}

function expressionType(scope: Scope, node: Node): ColumnType {
  const [kind, body] = Object.entries(node)[0] as [string, Json];
  switch (kind) {
    case 'ColumnRef':
      return columnRefType(scope, (body.fields as Node[] | undefined) ?? []);
    case 'TypeCast': {
      const { type } = scope.reader.ctx.typeRef(body.typeName as TypeName, scope.reader.location);
      return typeSql(type);
    }
    case 'A_Const':
      return constantType(body);
    case 'FuncCall':
      return functionType(scope, body);
    case 'CoalesceExpr':
    case 'MinMaxExpr':
      return agreed(((body.args as Node[] | undefined) ?? []).map((a) => expressionType(scope, a)));
    case 'BoolExpr':
    case 'NullTest':
    case 'BooleanTest':
      return 'boolean';
    case 'SubLink':
      return body.subLinkType === 'EXPR_SUBLINK' || body.subLinkType === 'ARRAY_SUBLINK'
        ? undefined
        : 'boolean';
    case 'A_Expr': {
      const op = stringOf((body.name as Node[] | undefined)?.at(-1));
      return BOOLEAN_KINDS.has(body.kind as string) || (op !== null && BOOLEAN_OPERATORS.has(op))
        ? 'boolean'
        : undefined;
    }
    case 'CaseExpr': {
      const results = ((body.args as Node[] | undefined) ?? []).map((w) =>
        'CaseWhen' in w && w.CaseWhen.result ? expressionType(scope, w.CaseWhen.result) : undefined,
      );
      if (body.defresult !== undefined) results.push(expressionType(scope, body.defresult as Node));
      return agreed(results);
    }
    default:
      return undefined;
  }
}

/** The name PostgreSQL gives an unnamed output column (FigureColname), undefined for `?column?`. */
function outputName(node: Node): string | undefined {
  const [kind, body] = Object.entries(node)[0] as [string, Json];
  if (kind === 'ColumnRef') return stringOf((body.fields as Node[] | undefined)?.at(-1)) ?? undefined;
  if (kind === 'FuncCall') return stringOf((body.funcname as Node[] | undefined)?.at(-1)) ?? undefined;
  if (kind === 'TypeCast') {
    const inner = body.arg === undefined ? undefined : outputName(body.arg as Node);
    return inner ?? stringOf((body.typeName as { names?: Node[] }).names?.at(-1)) ?? undefined;
  }
  if (kind === 'CaseExpr') return 'case';
  return undefined;
}

function selectColumns(reader: Reader, select: Json): QueryColumn[] | undefined {
  if (select.op !== undefined && select.op !== 'SETOP_NONE') {
    const left = selectColumns(reader, select.larg as Json);
    const right = selectColumns(reader, select.rarg as Json);
    if (!left || !right || left.length !== right.length) return undefined;
    return left.map((c, i) => ({ name: c.name, type: agreed([c.type, right[i]?.type]) }));
  }
  if (select.valuesLists || select.withClause || select.intoClause) return undefined;
  const items: ScopeItem[] = [];
  for (const item of (select.fromClause as Node[] | undefined) ?? []) {
    const read = fromItem(reader, item);
    if (!read) return undefined;
    items.push(...read);
  }
  const scope: Scope = { reader, items };
  const columns: QueryColumn[] = [];
  for (const target of (select.targetList as Node[] | undefined) ?? []) {
    const res = 'ResTarget' in target ? target.ResTarget : undefined;
    if (!res?.val) return undefined;
    const fields = 'ColumnRef' in res.val ? (res.val.ColumnRef.fields ?? []) : [];
    if (fields.length > 0 && 'A_Star' in (fields.at(-1) as Node)) {
      const qualifier = fields.length === 2 ? stringOf(fields[0]) : undefined;
      const starred = items.filter((s) => qualifier === undefined || s.alias === qualifier);
      if (starred.length === 0) return undefined;
      columns.push(...starred.flatMap((s) => s.columns));
      continue;
    }
    const name = res.name ?? outputName(res.val);
    if (name === undefined) return undefined;
    columns.push({ name, type: expressionType(scope, res.val) });
  }
  return columns;
}

/** Whether an expression calls an aggregate (not inside a subquery). */
function aggregates(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(aggregates);
  if (value === null || typeof value !== 'object') return false;
  if ('SubLink' in value) return false;
  if ('FuncCall' in value) {
    const call = value.FuncCall as Json;
    if (
      call.over === undefined &&
      BUILTIN_AGGREGATES.has(stringOf((call.funcname as Node[] | undefined)?.at(-1)) ?? '')
    )
      return true;
  }
  return Object.values(value).some(aggregates);
}

/**
 * Whether the query makes rows of its relations': every branch reads one (a
 * query of constants alone makes its own row), and none aggregates without
 * GROUP BY (`SELECT count(*) FROM t` makes one row).
 */
function readsRelations(select: Json): boolean {
  if (select.op !== undefined && select.op !== 'SETOP_NONE')
    return readsRelations(select.larg as Json) && readsRelations(select.rarg as Json);
  if (select.groupClause === undefined && aggregates(select.targetList)) return false;
  return ((select.fromClause as Node[] | undefined) ?? []).length > 0;
}

/** A subquery's columns: a string constant's column is text outside it (PostgreSQL 10 and later). */
function subqueryColumns(reader: Reader, query: Node | undefined): QueryColumn[] | undefined {
  if (query === undefined || !('SelectStmt' in query)) return undefined;
  return selectColumns(reader, query.SelectStmt as Json)?.map((c) =>
    c.type === LITERAL ? { ...c, type: 'text' } : c,
  );
}

/**
 * The columns of a query (a SelectStmt node) with their SQL types (an untyped
 * NULL's column `text`, as PostgreSQL makes it), or undefined when any one's
 * type cannot be read.
 */
export function queryColumns(
  ctx: DdlContext,
  query: Node | undefined,
  location: SourceLocation,
): { name: string; type: string }[] | undefined {
  if (query === undefined || !('SelectStmt' in query) || !readsRelations(query.SelectStmt as Json))
    return undefined;
  const columns = subqueryColumns({ ctx, location }, query);
  if (!columns || columns.length === 0 || columns.some((c) => c.type === undefined)) return undefined;
  return columns.map((c) => ({ name: c.name, type: c.type ?? 'text' }));
}

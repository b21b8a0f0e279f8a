/**
 * User types in expressions, as PostgreSQL reads them: a column of an enum
 * type, or a cast to one (`x::priority`), holds labels ordered as CREATE TYPE
 * lists them (`'low' < 'high'`, not as text); a cast to a domain
 * (`x::positive_int`) is a cast to its base type whose NOT NULL and CHECKs
 * must hold, or PostgreSQL raises an error (the row is rejected).
 */
import { walkAst } from '../input/ddl/ast-walk.js';
import type { TypeRef } from '../schema/model.js';
import { type Evaluate, type EvaluatorOptions, SqlRuntimeError } from './evaluation.js';
import { castTarget, lastName, type Node } from './expression-nodes.js';
import { type IntegerType, integerTypeNamed } from './integer-types.js';
import { type RangeColumnType, rangeTypeFamily } from './range-functions.js';
import { castValue } from './sql-operators.js';
import { asEnum, isArray, type SqlValue } from './sql-value.js';
import { resolveDomains, type TypeLookup } from './type-resolution.js';

/** A user type a cast names: an enum's labels, or a domain's base (an enum's labels too) and CHECKs over VALUE. */
export type CastType =
  | { readonly kind: 'enum'; readonly labels: readonly string[] }
  | {
      readonly kind: 'domain';
      readonly name: string;
      readonly base: { readonly name: string; readonly array: boolean };
      readonly labels?: readonly string[];
      readonly notNull: boolean;
      readonly checks: readonly unknown[];
    };

const invalidLabel = (label: string) => new SqlRuntimeError(`invalid input value for enum: "${label}"`);

/** The labels of an enum type (none for other types). */
function enumLabels(type: TypeRef, lookup: TypeLookup): readonly string[] | undefined {
  const def = lookup.resolveType(type.schema, type.name);
  return def?.kind === 'enum' ? def.values : undefined;
}

/**
 * The evaluator's view of a table's user types: its enum columns (and arrays of enums, domains followed)
 * and the types casts name (`schema.name`, else in the table's schema, then public).
 */
export function userTypeOptions(
  columns: readonly { readonly name: string; readonly type: TypeRef }[],
  tableSchema: string,
  lookup: TypeLookup,
): Pick<EvaluatorOptions, 'enumColumn' | 'castType' | 'integerColumn' | 'rangeColumn'> {
  const byColumn = new Map<string, readonly string[]>();
  const ranges = new Map<string, RangeColumnType>();
  const integers = new Map<string, IntegerType>();
  for (const c of columns) {
    const base = resolveDomains(c.type, lookup).base;
    const labels = enumLabels(base, lookup);
    if (labels) byColumn.set(c.name, labels);
    const integer = base.arrayDims === 0 ? integerTypeNamed(base.name) : undefined;
    if (integer) integers.set(c.name, integer);
    const range = base.arrayDims === 0 ? rangeTypeFamily(base.name) : undefined;
    if (range) ranges.set(c.name, range);
  }
  const castType = (names: readonly string[]): CastType | undefined => {
    const name = names[names.length - 1];
    if (name === undefined) return undefined;
    const schemas = names.length > 1 ? [names[names.length - 2] as string] : [tableSchema, 'public'];
    for (const schema of schemas) {
      const def = lookup.resolveType(schema, name);
      if (def?.kind === 'enum') return { kind: 'enum', labels: def.values };
      if (def?.kind !== 'domain') continue;
      const resolved = resolveDomains({ ...def.baseType, arrayDims: def.baseType.arrayDims }, lookup);
      const labels = enumLabels(resolved.base, lookup);
      return {
        kind: 'domain',
        name: `${def.schema}.${def.name}`,
        base: { name: resolved.base.name, array: resolved.base.arrayDims > 0 },
        ...(labels ? { labels } : {}),
        notNull: def.notNull || resolved.notNull,
        checks: [...def.checks, ...resolved.checks].map((c) => c.expr.ast),
      };
    }
    return undefined;
  };
  return {
    enumColumn: (column) => byColumn.get(column),
    castType,
    integerColumn: (column) => integers.get(column),
    rangeColumn: (column) => ranges.get(column),
  };
}

/** Functions of an array's size, not its elements. */
const SIZE_FUNCTIONS = new Set(['cardinality', 'array_length', 'array_ndims', 'array_lower', 'array_upper']);

/** A column reference: an enum column's text read as its labels. */
export function compileColumnRef(n: Node, options: EvaluatorOptions): Evaluate | undefined {
  const name = lastName(n.fields);
  if (name === undefined) return undefined;
  const labels = options.enumColumn?.(name);
  if (labels === undefined) return (env) => env(name);
  return (env) => asEnum(env(name), labels, invalidLabel);
}

/** The domains whose CHECKs are being compiled (a cast inside one to the same domain). */
const compilingDomains = new Set<string>();

function compileDomainChecks(
  name: string,
  checks: readonly unknown[],
  compile: (ast: unknown) => Evaluate,
): Evaluate[] {
  compilingDomains.add(name);
  try {
    return checks.map((ast) => compile(ast));
  } finally {
    compilingDomains.delete(name);
  }
}

/**
 * A cast to a user type (undefined for other types): to an enum, its labels (text that is none is an error);
 * to a domain, its base type, then its NOT NULL and every CHECK with VALUE the cast value.
 */
export function compileUserCast(
  n: Node,
  arg: Evaluate,
  options: EvaluatorOptions,
  compile: (ast: unknown) => Evaluate,
): Evaluate | undefined {
  const typeName = n.typeName as Node | undefined;
  const target = castTarget(typeName);
  const names = ((typeName?.names as unknown[] | undefined) ?? []).map(
    (x) => ((x as Node).String as Node | undefined)?.sval,
  );
  if (!target || !names.every((x): x is string => typeof x === 'string')) return undefined;
  const type = options.castType?.(names);
  if (type === undefined) return undefined;
  // An array's text form (`'{low,high}'::priority[]`) read as an array first.
  const read = (v: SqlValue): SqlValue =>
    target.array && typeof v === 'string' ? castValue(v, { name: 'text', array: true }) : v;
  if (type.kind === 'enum') return (env) => asEnum(read(arg(env)), type.labels, invalidLabel);
  // A domain CHECK that casts to its own domain (through a function it calls) never ends on the
  // server (stack depth limit exceeded, for every value, NULL too): the inner cast fails likewise.
  if (compilingDomains.has(type.name)) {
    return () => {
      throw new SqlRuntimeError(
        `domain ${type.name}'s CHECK casts a value to ${type.name} itself: it never ends`,
      );
    };
  }
  const checks = compileDomainChecks(type.name, type.checks, compile);
  const base = type.base;
  const labels = type.labels;
  const toDomain = (v: SqlValue, env: Parameters<Evaluate>[0]): SqlValue => {
    const value = labels ? asEnum(v, labels, invalidLabel) : castValue(v, base);
    if (value === null && type.notNull)
      throw new SqlRuntimeError(`domain ${type.name} does not allow null values`);
    const withValue = (column: string) => (column === 'value' ? value : env(column));
    for (const check of checks) {
      if (check(withValue) === false)
        throw new SqlRuntimeError(`value for domain ${type.name} violates check constraint`);
    }
    return value;
  };
  return (env) => {
    const v = read(arg(env));
    if (!target.array || v === null || !isArray(v)) return toDomain(v, env);
    return { kind: 'array', items: v.items.map((x) => toDomain(x, env)) };
  };
}

const ORDERING = new Set(['<', '<=', '>', '>=']);

/**
 * Whether an expression needs its types to be read (the CHECK compiler reads casts to user types as text):
 * it orders enum labels (`p <= q`, `p > 'low'`, `x::priority BETWEEN …`, GREATEST/LEAST over one), or
 * casts to a domain (whose CHECKs the cast must meet). Such a CHECK is evaluated per row, not compiled.
 */
export function readsUserTypes(
  ast: unknown,
  options: Pick<EvaluatorOptions, 'enumColumn' | 'castType'>,
): boolean {
  let ordering = false;
  let enums = false;
  let domains = false;
  // `cardinality(moods) <= 1` orders the array's size, not its labels.
  const sized = new Set<unknown>();
  walkAst(ast, (_key, node) => {
    const call = (node as Node).FuncCall as Node | undefined;
    if (!call || !SIZE_FUNCTIONS.has(lastName(call.funcname) ?? '')) return;
    for (const arg of (call.args as Node[] | undefined) ?? []) if (arg.ColumnRef) sized.add(arg.ColumnRef);
  });
  walkAst(ast, (_key, node) => {
    const n = node as Node;
    const expr = n.A_Expr as Node | undefined;
    if (expr) {
      const kind = String(expr.kind);
      const op = ((expr.name as Node[] | undefined)?.[0]?.String as Node | undefined)?.sval;
      if (kind.startsWith('AEXPR_BETWEEN') || kind.startsWith('AEXPR_NOT_BETWEEN')) ordering = true;
      else if (typeof op === 'string' && ORDERING.has(op)) ordering = true;
    }
    if (n.MinMaxExpr) ordering = true;
    const ref = n.ColumnRef as Node | undefined;
    if (ref && !sized.has(ref)) {
      const name = lastName(ref.fields);
      if (name !== undefined && options.enumColumn?.(name) !== undefined) enums = true;
    }
    const cast = n.TypeCast as Node | undefined;
    if (cast) {
      const names = (((cast.typeName as Node | undefined)?.names as unknown[] | undefined) ?? []).map(
        (x) => ((x as Node).String as Node | undefined)?.sval,
      );
      const type = names.every((x): x is string => typeof x === 'string')
        ? options.castType?.(names)
        : undefined;
      if (type?.kind === 'enum' || (type?.kind === 'domain' && type.labels)) enums = true;
      if (type?.kind === 'domain') domains = true;
    }
  });
  return domains || (ordering && enums);
}

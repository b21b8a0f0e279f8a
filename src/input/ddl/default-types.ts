/**
 * A DEFAULT whose value's type PostgreSQL cannot assign to the column's
 * (`uuid DEFAULT CURRENT_TIMESTAMP`, `boolean DEFAULT 2`, `int DEFAULT
 * '1'::text`, `int[] DEFAULT 1`): no assignment cast leads there, so the
 * server refuses the statement (`column "c" is of type uuid but default
 * expression is of type timestamp with time zone`). Judged only where the
 * DEFAULT is a constant, a cast, a time or user keyword or a call whose
 * type is sure, and the column's type is built in; a string constant
 * (unknown) is literal-inputs.ts's.
 */
import type { Node } from 'libpg-query';
import type { SourceLocation } from '../../errors.js';
import { formatTypeName } from '../../schema/format-type.js';
import type { TypeRef } from '../../schema/model.js';
import { stringsOf } from './ast.js';
import type { DdlContext } from './ddl-context.js';

const NUMBERS = ['int2', 'int4', 'int8', 'numeric', 'float4', 'float8'];
const STRINGS = new Set(['text', 'varchar', 'bpchar', 'name', 'char']);
const DATES = ['date', 'timestamp', 'timestamptz'];

/** For each type a DEFAULT's value may have, the judged column types it assigns to (every string type too). */
const ASSIGNS_TO: Readonly<Record<string, readonly string[]>> = {
  int2: [...NUMBERS, 'money'],
  int4: [...NUMBERS, 'money'],
  int8: [...NUMBERS, 'money'],
  numeric: [...NUMBERS, 'money'],
  float4: NUMBERS,
  float8: NUMBERS,
  bool: ['bool'],
  date: DATES,
  timestamp: [...DATES, 'time'],
  timestamptz: [...DATES, 'time', 'timetz'],
  time: ['time', 'timetz', 'interval'],
  timetz: ['time', 'timetz'],
  interval: ['interval', 'time'],
  uuid: ['uuid'],
  json: ['json', 'jsonb'],
  jsonb: ['json', 'jsonb'],
  bytea: ['bytea'],
  name: [],
  text: [],
  varchar: [],
  bpchar: [],
};

/** Column types judged: what a value of another type (above) cannot be assigned to is refused. */
const JUDGED = new Set([
  ...NUMBERS,
  'money',
  'bool',
  ...DATES,
  'time',
  'timetz',
  'interval',
  'uuid',
  'json',
  'jsonb',
  'bytea',
]);

const KEYWORD_TYPES: Readonly<Record<string, string>> = {
  SVFOP_CURRENT_DATE: 'date',
  SVFOP_CURRENT_TIME: 'timetz',
  SVFOP_CURRENT_TIME_N: 'timetz',
  SVFOP_CURRENT_TIMESTAMP: 'timestamptz',
  SVFOP_CURRENT_TIMESTAMP_N: 'timestamptz',
  SVFOP_LOCALTIME: 'time',
  SVFOP_LOCALTIME_N: 'time',
  SVFOP_LOCALTIMESTAMP: 'timestamp',
  SVFOP_LOCALTIMESTAMP_N: 'timestamp',
  SVFOP_CURRENT_ROLE: 'name',
  SVFOP_CURRENT_USER: 'name',
  SVFOP_USER: 'name',
  SVFOP_SESSION_USER: 'name',
  SVFOP_CURRENT_CATALOG: 'name',
  SVFOP_CURRENT_SCHEMA: 'name',
};

const CALL_TYPES: Readonly<Record<string, string>> = {
  now: 'timestamptz',
  clock_timestamp: 'timestamptz',
  statement_timestamp: 'timestamptz',
  transaction_timestamp: 'timestamptz',
  gen_random_uuid: 'uuid',
};

/** The pg_catalog type of a DEFAULT's value, where sure (not a string constant: its type is the column's). */
function valueType(ctx: DdlContext, expr: Node): string | undefined {
  if ('A_Const' in expr) {
    const c = expr.A_Const;
    if (c.ival !== undefined) return 'int4';
    if (c.fval !== undefined) return 'numeric';
    if (c.boolval !== undefined) return 'bool';
    return undefined;
  }
  if ('A_Expr' in expr) return arithmeticType(ctx, expr.A_Expr);
  if ('TypeCast' in expr && expr.TypeCast.typeName !== undefined) {
    const type = ctx.quietTypeRef(expr.TypeCast.typeName).type;
    return type.schema === 'pg_catalog' && type.arrayDims === 0 ? type.name : undefined;
  }
  if ('SQLValueFunction' in expr) return KEYWORD_TYPES[expr.SQLValueFunction.op ?? ''];
  if ('FuncCall' in expr) {
    const names = stringsOf(expr.FuncCall.funcname);
    const name = names.at(-1) ?? '';
    const builtin =
      (names.length === 1 || names[0] === 'pg_catalog') && !ctx.calledFunctions.arities.has(name);
    return builtin && (expr.FuncCall.args ?? []).length === 0 ? CALL_TYPES[name] : undefined;
  }
  return undefined;
}

const ARITHMETIC = new Set(['+', '-', '*', '/', '%']);
/** The numeric types in the order an operator's result widens to (int4 + numeric is numeric). */
const WIDENING = ['int2', 'int4', 'int8', 'numeric', 'float4', 'float8'];

/**
 * Arithmetic over numbers (`2024-01-01`, YAML's unquoted date, is 2022; `-(1)`, `60 * 60`): a number of the
 * widest operand's type; anything else (a date's `CURRENT_DATE + 7`, a call) undefined.
 */
function arithmeticType(
  ctx: DdlContext,
  e: Extract<Node, { A_Expr: unknown }>['A_Expr'],
): string | undefined {
  const op = stringsOf(e.name).join('.');
  if (e.kind !== 'AEXPR_OP' || !ARITHMETIC.has(op) || e.rexpr === undefined) return undefined;
  const sides = (e.lexpr === undefined ? [e.rexpr] : [e.lexpr, e.rexpr]).map((side) => valueType(ctx, side));
  const ranks = sides.map((type) => WIDENING.indexOf(type ?? ''));
  if (ranks.some((rank) => rank < 0)) return undefined;
  return WIDENING[Math.max(1, ...ranks)];
}

/**
 * A located problem when the DEFAULT `expr` (which `what` names) has a type PostgreSQL does not assign to
 * `type`, the column's (or domain's). Returns whether it did.
 */
export function reportUnassignableDefault(
  ctx: DdlContext,
  what: string,
  type: TypeRef,
  expr: Node,
  at: (offset: number | undefined) => SourceLocation,
): boolean {
  if (type.schema !== 'pg_catalog') return false;
  const from = valueType(ctx, expr);
  if (from === undefined || ASSIGNS_TO[from] === undefined) return false;
  const scalar = type.arrayDims === 0;
  if (scalar && (STRINGS.has(type.name) || !JUDGED.has(type.name))) return false;
  if (scalar && (from === type.name || ASSIGNS_TO[from]?.includes(type.name) === true)) return false;
  const column = formatTypeName(type);
  const value = formatTypeName({ schema: 'pg_catalog', name: from, arrayDims: 0 });
  const location = (expr as Record<string, { location?: number }>)[Object.keys(expr)[0] ?? '']?.location;
  ctx.builder.problems.push({
    location: at(location),
    message: `${what}: a value of type ${value} cannot be assigned to ${column}, so PostgreSQL refuses the statement ("is of type ${column} but default expression is of type ${value}"); write a value of the column's type${scalar ? '' : " (an array: ARRAY[...] or '{...}')"}${bareDateHint(expr)}, or cast it explicitly`,
  });
  return true;
}

/** `2024-01-01` unquoted is arithmetic (2022): the quoted date it was meant as, said where the DEFAULT is so. */
function bareDateHint(expr: Node): string {
  const parts: number[] = [];
  const walk = (node: Node): boolean => {
    if ('A_Const' in node) {
      const ival = node.A_Const.ival?.ival ?? (node.A_Const.ival === undefined ? undefined : 0);
      if (ival === undefined) return false;
      parts.push(ival);
      return true;
    }
    const e = 'A_Expr' in node ? node.A_Expr : undefined;
    if (e?.lexpr === undefined || e.rexpr === undefined || stringsOf(e.name).join('.') !== '-') return false;
    return walk(e.lexpr) && walk(e.rexpr);
  };
  if (!walk(expr) || parts.length < 2 || parts.length > 3) return '';
  const [year, ...rest] = parts;
  const date = [String(year), ...rest.map((n) => String(n).padStart(2, '0'))].join('-');
  return ` (a date unquoted is a subtraction: write '${date}', in quotes, as a string)`;
}

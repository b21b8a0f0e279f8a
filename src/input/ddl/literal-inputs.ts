/**
 * String constants a built-in type cannot read, and type modifiers a type
 * refuses, in the DDL itself: `c int DEFAULT 'abc'`, `CHECK (c > 'abc')`,
 * `'x'::uuid`, `varchar(0)`. PostgreSQL reads such a constant with the
 * type's input function when it makes the table, so it refuses the statement
 * (`invalid input syntax for type integer: "abc"`); datagen, which writes the
 * statement back, would write output that stops loading there. Only what no
 * PostgreSQL 12-18 reads is refused: PostgreSQL 16's `0x1F` and `1_000` are
 * integers (and numerics), and mark the DDL as needing PostgreSQL 16
 * (server-version.ts); types whose input is not read here (interval, domains,
 * arrays other than one-dimensional ones of unquoted elements) are never refused.
 */

import type { Node, TypeName } from 'libpg-query';
import type { SourceLocation } from '../../errors.js';
import type { TypeRef } from '../../schema/model.js';
import { displayColumn, displayName } from '../../schema/names.js';
import { dateTimeFieldProblem } from '../date-time-fields.js';
import { stringsOf, walkAst } from './ast.js';
import type { DdlContext } from './ddl-context.js';
import { reportRefusedDefaultExpression } from './default-expressions.js';
import { reportUnassignableDefault } from './default-types.js';
import { reportTableEnumDomainComparison } from './enum-domain-operators.js';
import { isPostgres16Number } from './numeric-literals.js';
import { noteSequenceRead } from './relations-read.js';
import type { ColumnDraft, TableDraft } from './schema-builder.js';
import { noteFunctionCalls } from './undefined-functions.js';

/** PostgreSQL's name for a type in its messages. */
const SHOWN: Record<string, string> = {
  int2: 'smallint',
  int4: 'integer',
  int8: 'bigint',
  numeric: 'numeric',
  float4: 'real',
  float8: 'double precision',
  bool: 'boolean',
  uuid: 'uuid',
  date: 'date',
  timestamp: 'timestamp without time zone',
  timestamptz: 'timestamp with time zone',
  time: 'time without time zone',
  timetz: 'time with time zone',
  inet: 'inet',
  cidr: 'cidr',
  json: 'json',
  jsonb: 'jsonb',
};

/** Names a cast may write for them (`'x'::integer` is parsed as pg_catalog.int4, `'x'::int4` as int4). */
const ALIASES: Record<string, string> = { int: 'int4', integer: 'int4', smallint: 'int2', bigint: 'int8' };

const INTEGER_RANGE: Record<string, bigint> = { int2: 32767n, int4: 2147483647n, int8: 9223372036854775807n };

const DIGITS = String.raw`\d(?:_?\d)*`;
const INTEGER = new RegExp(
  String.raw`^[+-]?(?:0x(?:_?[0-9a-f])+|0o(?:_?[0-7])+|0b(?:_?[01])+|${DIGITS})$`,
  'i',
);
const DECIMAL = new RegExp(
  String.raw`^[+-]?(?:${DIGITS}(?:\.(?:${DIGITS})?)?|\.${DIGITS})(?:e[+-]?\d+)?$`,
  'i',
);
/** float8in reads with strtod, which no release taught underscores. */
const FLOAT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
const SPECIAL_NUMBER = /^[+-]?(?:nan|inf|infinity)$/i;
/** strtod's hexadecimal floats (`0x1.8p1`), which float8in reads. */
const HEX_FLOAT = /^[+-]?0x(?:[0-9a-f]+\.?[0-9a-f]*|\.[0-9a-f]+)(?:p[+-]?\d+)?$/i;
const UUID = /^\{?[0-9a-f]{4}(?:-?[0-9a-f]{4}){7}\}?$/i;
const BOOLEAN_WORDS = ['true', 'false', 'yes', 'no'];
/** Words every date/time input reads without a digit. */
const TIME_WORDS = new Set([
  'epoch',
  'infinity',
  '+infinity',
  '-infinity',
  'now',
  'today',
  'tomorrow',
  'yesterday',
  'allballs',
]);

/** Why `type` (a pg_catalog name) cannot read `text`: PostgreSQL's message, or null when it can (or may). */
export function unreadableLiteral(type: string, text: string): string | null {
  const shown = SHOWN[type];
  if (shown === undefined) return null;
  const trimmed = text.trim();
  const invalid = `invalid input syntax for type ${shown}: "${text}"`;
  switch (type) {
    case 'int2':
    case 'int4':
    case 'int8': {
      if (!INTEGER.test(trimmed)) return invalid;
      return integerOutOfRange(trimmed, INTEGER_RANGE[type] ?? 0n)
        ? `value "${text}" is out of range for type ${shown}`
        : null;
    }
    case 'numeric':
      return DECIMAL.test(trimmed) || INTEGER.test(trimmed) || SPECIAL_NUMBER.test(trimmed) ? null : invalid;
    case 'float4':
    case 'float8':
      return FLOAT.test(trimmed) || SPECIAL_NUMBER.test(trimmed) || HEX_FLOAT.test(trimmed) ? null : invalid;
    case 'bool':
      return readsAsBoolean(trimmed.toLowerCase()) ? null : invalid;
    case 'uuid':
      return UUID.test(trimmed) ? null : invalid;
    case 'inet':
    case 'cidr':
      return /^[0-9a-f:./]+$/i.test(trimmed) ? null : invalid;
    case 'json':
    case 'jsonb':
      return readsAsJson(text) ? null : invalid;
    default: {
      const fields = dateTimeFieldProblem(trimmed, type === 'time' || type === 'timetz');
      if (fields !== undefined) return `${fields}: "${text}"`;
      // Dates and times: refused only without a digit and not one of the special words (ParseDateTime skips
      // punctuation but for . + -, so sqlc's DEFAULT 'NOW()' is now).
      return /\d/.test(trimmed) ||
        TIME_WORDS.has(
          trimmed
            .toLowerCase()
            .replace(/[^\w\s.+-]|_/g, '')
            .trim(),
        )
        ? null
        : invalid;
    }
  }
}

/** Whether `type` reads `text` only from PostgreSQL 16 on (`'0x1F'`, `'1_000'` as an integer or numeric). */
function readsFrom16(type: string, text: string): boolean {
  return ['int2', 'int4', 'int8', 'numeric'].includes(type) && isPostgres16Number(text.trim());
}

/**
 * The elements of a one-dimensional array constant of unquoted elements (`{1, a, NULL}`), NULLs left out,
 * or null when it is not one read here (quotes, backslashes, nested braces, bounds, an empty element).
 */
function arrayElements(text: string): string[] | null {
  const body = /^\s*\{([^{}"\\]*)\}\s*$/.exec(text)?.[1];
  if (body === undefined) return null;
  if (body.trim() === '') return [];
  const elements = body.split(',').map((e) => e.trim());
  if (elements.includes('')) return null;
  return elements.filter((e) => e.toUpperCase() !== 'NULL');
}

function integerOutOfRange(trimmed: string, max: bigint): boolean {
  const negative = trimmed.startsWith('-');
  const digits = trimmed.replace(/^[+-]/, '').replaceAll('_', '');
  const value = BigInt(digits);
  return negative ? value > max + 1n : value > max;
}

/** parse_bool: a prefix of true/false/yes/no, on, of(f), 1, 0. */
function readsAsBoolean(word: string): boolean {
  if (word === '1' || word === '0' || word === 'on' || word === 'of' || word === 'off') return true;
  return word !== '' && BOOLEAN_WORDS.some((w) => w.startsWith(word));
}

/** JSON.parse is never laxer than PostgreSQL's json input (which also refuses lone surrogate escapes). */
function readsAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** A string constant the statement makes a value of a built-in type, where it is. */
interface TypedLiteral {
  readonly type: string;
  readonly text: string;
  readonly offset: number | undefined;
  /** The constant's node (`{ A_Const }`), for a reading that replaces it (time-words.ts). */
  readonly node?: object;
}

const COMPARISONS = new Set(['=', '<>', '!=', '<', '>', '<=', '>=']);

/** A string constant's text and place, for an A_Const node holding one. */
function stringConstant(node: unknown): { text: string; offset: number | undefined } | undefined {
  const c = (node as { A_Const?: { sval?: { sval?: string }; location?: number } } | undefined)?.A_Const;
  return c?.sval === undefined ? undefined : { text: c.sval.sval ?? '', offset: c.location };
}

/** The pg_catalog type a cast names, when it is one read here (not an array). */
function castType(typeName: TypeName | undefined, userType: (name: string) => boolean): string | undefined {
  if (typeName === undefined || (typeName.arrayBounds ?? []).length > 0) return undefined;
  const names = stringsOf(typeName.names);
  const last = names.at(-1) ?? '';
  const name = ALIASES[last] ?? last;
  if (names.length === 2 && names[0] === 'pg_catalog') return name;
  return names.length === 1 && !userType(last) ? name : undefined;
}

/**
 * The string constants `expr` makes values of a built-in type: cast ones (`'x'::uuid`), and ones compared
 * with a column (`c > 'abc'`, `c IN ('a')`, `c BETWEEN 'a' AND 'b'`), which take the column's type.
 * `columnType`: the pg_catalog type of a column reference, if it is one of the table's; `userType`: whether
 * the DDL defines a type of that bare name.
 */
export function typedLiterals(
  expr: unknown,
  columnType: (ref: unknown) => string | undefined,
  userType: (name: string) => boolean,
): TypedLiteral[] {
  const out: TypedLiteral[] = [];
  walkAst(expr, (key, n) => {
    if (key === 'TypeCast') {
      const literal = stringConstant(n.arg);
      const type = castType(n.typeName as TypeName | undefined, userType);
      if (literal !== undefined && type !== undefined) out.push({ type, ...literal, node: n.arg as object });
      return;
    }
    if (key !== 'A_Expr') return;
    const operator = stringsOf(n.name as Node[] | undefined);
    const kind = n.kind as string;
    const compared =
      (kind === 'AEXPR_OP' && operator.length === 1 && COMPARISONS.has(operator[0] ?? '')) ||
      kind === 'AEXPR_IN' ||
      kind.startsWith('AEXPR_BETWEEN') ||
      kind.startsWith('AEXPR_NOT_BETWEEN');
    if (!compared) return;
    const sides: [unknown, unknown][] = [
      [n.lexpr, n.rexpr],
      [n.rexpr, n.lexpr],
    ];
    for (const [column, other] of sides) {
      const type = columnType(column);
      if (type === undefined) continue;
      const items = (other as { List?: { items?: unknown[] } } | undefined)?.List?.items ?? [other];
      for (const item of items) {
        const literal = stringConstant(item);
        if (literal !== undefined) out.push({ type, ...literal, node: item as object });
      }
    }
  });
  return out;
}

/** The first constant in `literals` its type cannot read, as a problem's reason, with its place. */
export function firstUnreadable(
  literals: readonly TypedLiteral[],
  at: (offset: number | undefined) => SourceLocation,
): { reason: string; location: SourceLocation } | undefined {
  for (const literal of literals) {
    const reason = unreadableLiteral(literal.type, literal.text);
    if (reason !== null) return { reason, location: at(literal.offset) };
  }
  return undefined;
}

/** The pg_catalog type (not an array) of a column `ref` names in `table`, if it is one of its columns. */
export function ownColumnType(table: TableDraft, ref: unknown): string | undefined {
  const fields = (ref as { ColumnRef?: { fields?: Node[] } } | undefined)?.ColumnRef?.fields;
  if (fields === undefined) return undefined;
  const names = stringsOf(fields);
  const qualifier = names.slice(0, -1);
  if (qualifier.length > 0 && qualifier.at(-1) !== table.name) return undefined;
  const type = table.columns.find((c) => c.name === names.at(-1))?.type;
  return type?.schema === 'pg_catalog' && type.arrayDims === 0 ? type.name : undefined;
}

/** Whether the DDL defines a type of this bare name (in any schema). */
export function userTypeNamed(ctx: DdlContext, name: string): boolean {
  for (const key of ctx.builder.types.keys()) if (key.endsWith(`\u0000${name}`)) return true;
  return false;
}

/**
 * A located problem when `expr`, an expression of `table` that `what` names, holds a string constant its
 * type cannot read (`c > 'abc'` on an integer c, `'x'::uuid`), as PostgreSQL refuses the statement; the
 * functions it calls are noted (undefined-functions.ts).
 */
export function reportRefusedExpression(
  ctx: DdlContext,
  table: TableDraft,
  expr: unknown,
  what: string,
  at: (offset: number | undefined) => SourceLocation,
): void {
  const where = `${what} on ${displayName(table)}`;
  reportRefusedConstants(ctx, expr, where, (ref) => ownColumnType(table, ref), at);
  reportTableEnumDomainComparison(ctx, table, expr, what, at);
}

/**
 * A located problem when `expr` (which `where` names) holds a string constant its type cannot read, where
 * `columnType` gives the pg_catalog type of a column reference compared with constants; the functions it
 * calls are noted (undefined-functions.ts).
 */
export function reportRefusedConstants(
  ctx: DdlContext,
  expr: unknown,
  where: string,
  columnType: (ref: unknown) => string | undefined,
  at: (offset: number | undefined) => SourceLocation,
): void {
  noteFunctionCalls(ctx, expr, where, at(undefined));
  const literals = typedLiterals(expr, columnType, (name) => userTypeNamed(ctx, name));
  reportLiterals(ctx, literals, where, at);
}

/**
 * A located problem for the first constant of `literals` its type cannot read, as PostgreSQL refuses the
 * statement; otherwise one only PostgreSQL 16 reads (`'0x1F'`, `'1_000'`) marks the DDL as needing it.
 */
function reportLiterals(
  ctx: DdlContext,
  literals: readonly TypedLiteral[],
  what: string,
  at: (offset: number | undefined) => SourceLocation,
): void {
  const found = firstUnreadable(literals, at);
  if (found !== undefined) {
    ctx.builder.problems.push({
      location: found.location,
      message: `${what}: ${found.reason}, so PostgreSQL refuses the statement; write a value of the type`,
    });
    return;
  }
  const newer = literals.find((l) => readsFrom16(l.type, l.text));
  if (newer !== undefined && ctx.serverVersion < 16) {
    ctx.serverVersion = 16;
    ctx.serverVersionAt = at(newer.offset);
  }
}

/**
 * A located problem when a column's DEFAULT is a string constant its type cannot read (`int DEFAULT 'abc'`,
 * also `SET DEFAULT`; `int[] DEFAULT '{a}'`) or holds what no DEFAULT may (default-expressions.ts), as
 * PostgreSQL refuses the statement; the functions it calls are noted (undefined-functions.ts).
 */
export function reportRefusedDefault(
  ctx: DdlContext,
  table: TableDraft,
  column: ColumnDraft,
  defaultExpr: Node,
  at: (offset: number | undefined) => SourceLocation,
): void {
  reportRefusedDefaultOf(ctx, `DEFAULT of column ${columnName(table, column)}`, column.type, defaultExpr, at);
}

/** As reportRefusedDefault, for the DEFAULT (which `what` names) of a column or domain of type `type`. */
export function reportRefusedDefaultOf(
  ctx: DdlContext,
  what: string,
  type: TypeRef,
  defaultExpr: Node,
  at: (offset: number | undefined) => SourceLocation,
): void {
  if (reportRefusedDefaultExpression(ctx, what, defaultExpr, at)) return;
  if (reportUnassignableDefault(ctx, what, type, defaultExpr, at)) return;
  noteFunctionCalls(ctx, defaultExpr, what, at(undefined));
  noteSequenceRead(ctx, what, defaultExpr, at);
  const bare = stringConstant(defaultExpr);
  const own = type.schema === 'pg_catalog' ? type.name : '';
  const elements = bare === undefined || type.arrayDims === 0 ? [] : (arrayElements(bare.text) ?? []);
  const literals = [
    ...(bare === undefined || type.arrayDims > 0 ? [] : [{ type: own, ...bare }]),
    ...elements.map((text) => ({ type: own, text, offset: bare?.offset })),
    ...typedLiterals(
      defaultExpr,
      () => undefined,
      (name) => userTypeNamed(ctx, name),
    ),
  ];
  reportLiterals(ctx, literals, what, at);
}

export function columnName(table: TableDraft, column: ColumnDraft): string {
  return displayColumn(table, column.name);
}

/**
 * What PostgreSQL refuses in a table's own expressions, by where they stand
 * (as default-expressions.ts does for a DEFAULT): a subquery, an aggregate,
 * a window or a set-returning function in a CHECK, a generated column or an
 * index (its elements and its predicate); a function that is not IMMUTABLE
 * (`now()`, `random()`, `CURRENT_TIMESTAMP`, `timestamptz_col::date`) in a
 * generated column or an index; a generated column reading another
 * generated column. The server refuses the statement; datagen, which writes
 * it back, wrote output that stopped loading there (exit 0).
 */
import type { Node } from 'libpg-query';
import type { SourceLocation } from '../../errors.js';
import { displayName } from '../../schema/names.js';
import { quoteIdent } from '../../schema/quote.js';
import { columnRefNamesIn, stringsOf, walkAst } from './ast.js';
import { BUILTIN_FUNCTIONS } from './builtin-functions.js';
import { builtinNotImmutable } from './builtin-volatility.js';
import type { DdlContext } from './ddl-context.js';
import { callKind } from './default-expressions.js';
import { ownColumnType } from './literal-inputs.js';
import { missingOperator } from './operator-operands.js';
import { surelyMutable } from './routine-identities.js';
import type { TableDraft } from './schema-builder.js';

export type ExpressionPlace = 'check' | 'generated' | 'index expression' | 'index predicate';

/** The server's words for each place (`cannot use subquery in <it>`, `... are not allowed in <them>`). */
const WORDS: Readonly<Record<ExpressionPlace, { it: string; them: string }>> = {
  check: { it: 'check constraint', them: 'check constraints' },
  generated: { it: 'column generation expression', them: 'column generation expressions' },
  'index expression': { it: 'index expression', them: 'index expressions' },
  'index predicate': { it: 'index predicate', them: 'index predicates' },
};

/**
 * Functions refused in a generated column or an index whatever their schema: the sequence, time and uuid
 * makers (uuid-ossp's too). The other built-ins by pg_proc's provolatile (builtin-volatility.ts). A DDL's own
 * function of the name is the DDL's.
 */
const MUTABLE_FUNCTIONS: ReadonlySet<string> = new Set(
  'now random random_normal clock_timestamp statement_timestamp transaction_timestamp timeofday nextval currval lastval setval gen_random_uuid uuidv4 uuidv7 uuid_generate_v1 uuid_generate_v1mc uuid_generate_v4 pg_backend_pid txid_current txid_current_if_assigned current_setting set_config current_database current_schema current_schemas inet_client_addr inet_server_addr pg_postmaster_start_time'.split(
    ' ',
  ),
);

/** Casts whose function reads the session's TimeZone or DateStyle (STABLE), from a column's type to a type. */
const STABLE_CASTS: Readonly<Record<string, readonly string[]>> = {
  timestamptz: ['date', 'time', 'timestamp', 'text', 'varchar', 'bpchar'],
  timestamp: ['timestamptz'],
  date: ['timestamptz'],
  time: ['timetz'],
  text: ['timestamptz', 'timestamp', 'date', 'time', 'timetz'],
  varchar: ['timestamptz', 'timestamp', 'date', 'time', 'timetz'],
};

interface Refusal {
  readonly server: string;
  readonly offset: number | undefined;
  readonly fix: string;
}

/** A cast of a column (or of a JSON field's text, `->>`) that is only STABLE, as `timestamptz_col::date`. */
function stableCast(table: TableDraft, cast: Record<string, unknown>): string | undefined {
  const target = stringsOf((cast.typeName as { names?: Node[] } | undefined)?.names).at(-1);
  const arg = cast.arg as Record<string, unknown> | undefined;
  const op = (arg?.A_Expr as { name?: Node[] } | undefined)?.name;
  const from = ['->>', '#>>'].includes(stringsOf(op).join('')) ? 'text' : ownColumnType(table, arg);
  if (target === undefined || from === undefined) return undefined;
  return STABLE_CASTS[from]?.includes(target) === true ? `${from} to ${target}` : undefined;
}

/** The first thing in `expr` PostgreSQL refuses at `place`. */
function refusedAt(
  table: TableDraft,
  expr: unknown,
  place: ExpressionPlace,
  definedByDdl: (name: string) => boolean,
  mutableByDdl: (name: string) => boolean,
  operatorsKnown: boolean,
): Refusal | undefined {
  const { it, them } = WORDS[place];
  const immutable = place !== 'check';
  const notImmutable = (what: string, offset: unknown): Refusal => ({
    server:
      place === 'generated'
        ? 'generation expression is not immutable'
        : `functions in ${it} must be marked IMMUTABLE`,
    offset: offset as number | undefined,
    fix: `${what} is not IMMUTABLE (its value depends on when or where it runs); ${
      place === 'generated'
        ? 'use a DEFAULT or a trigger instead'
        : 'index an IMMUTABLE expression of the columns'
    }`,
  });
  let found: Refusal | undefined;
  walkAst(expr, (key, n) => {
    if (found !== undefined) return;
    const operator = key === 'A_Expr' && operatorsKnown ? missingOperator(table, n) : undefined;
    if (operator !== undefined) {
      const fix =
        "cast an operand to the other's type (c::text LIKE '1%'), or compare with a constant of the column's type ('5' for text)";
      found = { server: operator, offset: n.location as number | undefined, fix };
    } else if (key === 'SubLink') {
      const fix = `${place === 'check' ? 'a CHECK' : place === 'generated' ? 'a generated column' : 'an index'} reads its own row only; a trigger can read other rows`;
      found = { server: `cannot use subquery in ${it}`, offset: n.location as number | undefined, fix };
    } else if (key === 'FuncCall') {
      const names = stringsOf(n.funcname as Node[] | undefined);
      const name = names.at(-1) ?? '';
      const builtin = (names.length === 1 || names[0] === 'pg_catalog') && !definedByDdl(name);
      const kind = callKind(n, builtin);
      const shown = `${names.map(quoteIdent).join('.')}()`;
      if (kind !== undefined)
        found = {
          server: `${kind} functions are not allowed in ${them}`,
          offset: n.location as number | undefined,
          fix: `${shown} is ${kind === 'aggregate' ? 'an' : 'a'} ${kind} function, which ${kind === 'set-returning' ? 'makes several values' : 'reads other rows'}; take it out`,
        };
      else if (
        immutable &&
        !definedByDdl(name) &&
        (MUTABLE_FUNCTIONS.has(name) ||
          (builtin && builtinNotImmutable(name, (n.args as unknown[] | undefined)?.length ?? 0)))
      )
        found = notImmutable(shown, n.location);
      else if (immutable && !BUILTIN_FUNCTIONS.has(name) && mutableByDdl(name))
        found = notImmutable(`${shown}, declared without IMMUTABLE,`, n.location);
    } else if (key === 'SQLValueFunction' && immutable) {
      const op = String(n.op ?? '').replace(/^SVFOP_/, '');
      found = notImmutable(op, n.location);
    } else if (key === 'TypeCast' && immutable) {
      const cast = stableCast(table, n);
      if (cast !== undefined) found = notImmutable(`the cast from ${cast}`, n.location);
    }
  });
  return found;
}

/**
 * A located problem when `expr`, at `place` on `table` (`what` names it: `CHECK t_c_check`, `index t_idx`),
 * holds what PostgreSQL refuses there. Returns whether it did.
 */
export function reportRefusedAtPlace(
  ctx: Pick<DdlContext, 'builder' | 'calledFunctions' | 'liveRoutines' | 'out'>,
  table: TableDraft,
  expr: unknown,
  place: ExpressionPlace,
  what: string,
  at: (offset: number | undefined) => SourceLocation,
): boolean {
  const refusal = refusedAt(
    table,
    expr,
    place,
    (name) => ctx.calledFunctions.arities.has(name),
    (name) => surelyMutable(ctx, name),
    ctx.builder.extensions.every((e) => e.name === 'plpgsql') && !ctx.out.some((s) => s.desc === 'OPERATOR'),
  );
  if (refusal === undefined) return false;
  ctx.builder.problems.push({
    location: at(refusal.offset),
    message: `${what} on ${displayName(table)}: PostgreSQL refuses it ("${refusal.server}"); ${refusal.fix}`,
  });
  return true;
}

/**
 * A located problem when generated column `column` of `table` reads another generated column (or itself):
 * PostgreSQL refuses it (`cannot use generated column "b" in column generation expression`).
 */
export function reportGeneratedReadingGenerated(
  ctx: Pick<DdlContext, 'builder'>,
  table: TableDraft,
  column: string,
  expr: unknown,
  location: SourceLocation,
): void {
  for (const names of columnRefNamesIn(expr, ['SubLink'])) {
    const name = names.at(-1) ?? '';
    const read = table.columns.find((c) => c.name === name);
    if (names.length > 2 || read === undefined || read.generated === null) continue;
    ctx.builder.problems.push({
      location,
      message: `generated column ${quoteIdent(column)} of ${displayName(table)} reads generated column ${quoteIdent(name)}: PostgreSQL refuses it ("cannot use generated column "${name}" in column generation expression"); write ${quoteIdent(name)}'s expression in its place`,
    });
    return;
  }
}

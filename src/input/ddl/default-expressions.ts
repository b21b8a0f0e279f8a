/**
 * What PostgreSQL refuses in any DEFAULT (a column's, SET DEFAULT, a
 * domain's), whatever the column's type: a column reference (`DEFAULT foo`,
 * mostly a string written without its quotes), a subquery, a parameter
 * (`$1`), an aggregate, a window function, a set-returning function. The
 * server refuses the statement (`cannot use column reference in DEFAULT
 * expression`), and datagen, which writes the DDL back, wrote output that
 * stopped loading there (exit 0).
 */
import type { Node } from 'libpg-query';
import type { SourceLocation } from '../../errors.js';
import { quoteIdent } from '../../schema/quote.js';
import { stringsOf, walkAst } from './ast.js';
import { BUILTIN_AGGREGATES, SET_RETURNING_FUNCTIONS } from './builtin-functions.js';
import type { DdlContext } from './ddl-context.js';

interface Refusal {
  readonly reason: string;
  readonly offset: number | undefined;
  readonly fix: string;
}

/**
 * Whether a call is a window function (OVER), an aggregate (by its syntax, or a built-in aggregate's name when
 * `builtin`: unqualified or pg_catalog, not defined by the DDL) or a built-in set-returning function.
 */
export function callKind(
  call: Record<string, unknown>,
  builtin: boolean,
): 'window' | 'aggregate' | 'set-returning' | undefined {
  const name = stringsOf(call.funcname as Node[] | undefined).at(-1) ?? '';
  if (call.over !== undefined) return 'window';
  const aggregateSyntax = ['agg_star', 'agg_distinct', 'agg_within_group'].some((k) => call[k] === true);
  if (
    aggregateSyntax ||
    call.agg_order !== undefined ||
    call.agg_filter !== undefined ||
    (builtin && BUILTIN_AGGREGATES.has(name))
  )
    return 'aggregate';
  if (builtin && SET_RETURNING_FUNCTIONS.has(name)) return 'set-returning';
  return undefined;
}

function callRefusal(
  call: Record<string, unknown>,
  definedByDdl: (name: string) => boolean,
): Refusal | undefined {
  const names = stringsOf(call.funcname as Node[] | undefined);
  const name = names.at(-1) ?? '';
  const builtin = (names.length === 1 || names[0] === 'pg_catalog') && !definedByDdl(name);
  const offset = call.location as number | undefined;
  const shown = `${names.map(quoteIdent).join('.')}()`;
  switch (callKind(call, builtin)) {
    case 'window':
      return {
        reason: `the window function ${shown} is not allowed in a DEFAULT`,
        offset,
        fix: 'give a value',
      };
    case 'aggregate':
      return {
        reason: `the aggregate ${shown} is not allowed in a DEFAULT`,
        offset,
        fix: 'give a value (a default cannot read other rows; a trigger can)',
      };
    case 'set-returning':
      return {
        reason: `the set-returning function ${shown} is not allowed in a DEFAULT`,
        offset,
        fix: 'give one value',
      };
    default:
      return undefined;
  }
}

/** The first thing in `expr` PostgreSQL refuses in a DEFAULT, with its offset in the statement. */
export function refusedInDefault(
  expr: unknown,
  definedByDdl: (name: string) => boolean,
): Refusal | undefined {
  let found: Refusal | undefined;
  walkAst(expr, (key, n) => {
    if (found !== undefined) return;
    const offset = n.location as number | undefined;
    if (key === 'ColumnRef') {
      const names = stringsOf((n.fields as Node[] | undefined)?.filter((f) => 'String' in f));
      const name = names.map(quoteIdent).join('.');
      found = {
        reason: `a column reference (${name}) is not allowed in a DEFAULT`,
        offset,
        fix:
          names.length === 1
            ? `write a string in single quotes ('${names[0]?.replace(/'/g, "''")}'); a value made from other columns is a generated column (GENERATED ALWAYS AS (...) STORED) or a trigger`
            : 'a value made from other columns is a generated column (GENERATED ALWAYS AS (...) STORED) or a trigger',
      };
    } else if (key === 'SubLink') {
      found = {
        reason: 'a subquery is not allowed in a DEFAULT',
        offset,
        fix: 'give a value, or call a function that runs the query',
      };
    } else if (key === 'ParamRef') {
      found = {
        reason: `a parameter ($${String(n.number ?? '')}) is not allowed in a DEFAULT`,
        offset,
        fix: 'give a value',
      };
    } else if (key === 'FuncCall') {
      found = callRefusal(n, definedByDdl);
    }
  });
  return found;
}

/** A located problem when a DEFAULT (`what`: `DEFAULT of column public.t.c`) holds what PostgreSQL refuses there. */
export function reportRefusedDefaultExpression(
  ctx: Pick<DdlContext, 'builder' | 'calledFunctions'>,
  what: string,
  expr: unknown,
  at: (offset: number | undefined) => SourceLocation,
): boolean {
  const refusal = refusedInDefault(expr, (name) => ctx.calledFunctions.arities.has(name));
  if (refusal === undefined) return false;
  ctx.builder.problems.push({
    location: at(refusal.offset),
    message: `${what}: ${refusal.reason}, so PostgreSQL refuses the statement; ${refusal.fix}`,
  });
  return true;
}

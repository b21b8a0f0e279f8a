/**
 * Operators PostgreSQL has for no pair of the operand types, where a column
 * of a built-in type meets a constant no implicit cast brings to it:
 * `int_col LIKE 'x'` or `date_col ~ '^2'` (no pattern match on numbers,
 * booleans, times, uuid or json), `text_col > 5`, `bool_col = 1` or
 * `text_col IN (1, 2)` (no number compares with a string, a boolean, a time,
 * a uuid or json). The server refuses the
 * statement (`operator does not exist: integer ~~ unknown`); datagen wrote it
 * back and the load stopped there. A string constant is of no type yet and
 * takes the column's (`int_col = '5'` is taken), so only number constants and
 * pattern matches are judged; a domain column, or a DDL that makes operators
 * or creates extensions, is left to the server.
 */
import type { Node } from 'libpg-query';
import { formatTypeName } from '../../schema/format-type.js';
import { stringsOf } from './ast.js';
import { ownColumnType } from './literal-inputs.js';
import type { TableDraft } from './schema-builder.js';

const NUMBERS = new Set(['int2', 'int4', 'int8', 'numeric', 'float4', 'float8']);
const TIMES = ['date', 'timestamp', 'timestamptz', 'time', 'timetz'];
/** Types with no LIKE, ILIKE or regular-expression operator. */
const NO_PATTERN = new Set([...NUMBERS, 'bool', ...TIMES, 'uuid', 'json', 'jsonb']);
/** Types no number compares with. */
const NO_NUMBER = new Set(['text', 'varchar', 'bpchar', 'bool', ...TIMES, 'uuid', 'json', 'jsonb']);
const PATTERN_OPS = new Set(['~~', '!~~', '~~*', '!~~*', '~', '~*', '!~', '!~*']);
const COMPARISONS = new Set(['=', '<>', '!=', '<', '>', '<=', '>=']);

/** The type PostgreSQL gives a number constant, or undefined for anything else. */
function numberType(node: unknown): string | undefined {
  const c = (node as { A_Const?: { ival?: unknown; fval?: { fval?: string } } } | undefined)?.A_Const;
  if (c?.ival !== undefined) return 'integer';
  const text = c?.fval?.fval;
  if (text === undefined) return undefined;
  return /[.eE]/.test(text) ? 'numeric' : 'bigint';
}

function isString(node: unknown): boolean {
  return (node as { A_Const?: { sval?: unknown } } | undefined)?.A_Const?.sval !== undefined;
}

const shown = (type: string) => formatTypeName({ schema: 'pg_catalog', name: type, arrayDims: 0 });

/** The operator-does-not-exist refusal of an `A_Expr` of `table`, as the server words it, or undefined. */
export function missingOperator(table: TableDraft, node: Record<string, unknown>): string | undefined {
  const op = stringsOf(node.name as Node[] | undefined).join('.');
  const kind = String(node.kind ?? '');
  const left = ownColumnType(table, node.lexpr);
  const right = ownColumnType(table, node.rexpr);
  if (['AEXPR_LIKE', 'AEXPR_ILIKE', 'AEXPR_OP'].includes(kind) && PATTERN_OPS.has(op)) {
    if (left !== undefined && NO_PATTERN.has(left) && isString(node.rexpr))
      return `operator does not exist: ${shown(left)} ${op} unknown`;
    return undefined;
  }
  if (kind === 'AEXPR_OP' && COMPARISONS.has(op)) {
    const pairs: [string | undefined, unknown][] = [
      [left, node.rexpr],
      [right, node.lexpr],
    ];
    for (const [column, other] of pairs) {
      const number = numberType(other);
      if (column === undefined || number === undefined || !NO_NUMBER.has(column)) continue;
      return column === left
        ? `operator does not exist: ${shown(column)} ${op} ${number}`
        : `operator does not exist: ${number} ${op} ${shown(column)}`;
    }
    return undefined;
  }
  if (kind === 'AEXPR_IN' && left !== undefined && NO_NUMBER.has(left)) {
    const items = (node.rexpr as { List?: { items?: unknown[] } } | undefined)?.List?.items ?? [];
    const number = items.map(numberType).find((t) => t !== undefined);
    if (number !== undefined) return `operator does not exist: ${shown(left)} = ${number}`;
  }
  return undefined;
}

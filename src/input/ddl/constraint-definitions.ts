/**
 * Constraint definitions PostgreSQL refuses whatever the columns hold: a
 * column named twice in a primary key or unique constraint, a foreign key's
 * `ON DELETE SET NULL (col)` naming a column outside its own columns, an
 * exclusion constraint whose operator is not commutative (`<`, `@>`) or, under
 * btree or hash, not their equality (`<>`). The server refuses the statement;
 * datagen, which writes the constraint back post-data, wrote output whose
 * load stopped there (exit 0).
 */
import type { Constraint } from 'libpg-query';
import type { SourceLocation } from '../../errors.js';
import { displayName } from '../../schema/names.js';
import { quoteIdent } from '../../schema/quote.js';
import { listItems, stringsOf } from './ast.js';
import type { DdlContext } from './ddl-context.js';
import type { TableDraft } from './schema-builder.js';

/** Operators whose commutator is another operator (`<` is `>`'s), never themselves, whatever their types. */
const NOT_COMMUTATIVE: ReadonlySet<string> = new Set([
  '<',
  '>',
  '<=',
  '>=',
  '@>',
  '<@',
  '<<',
  '>>',
  '&<',
  '&>',
  '<<|',
  '|>>',
  '&<|',
  '|&>',
  '<^',
  '>^',
]);

/** Access methods whose operator families hold one commutative operator only, equality. */
const EQUALITY_ONLY: ReadonlySet<string> = new Set(['btree', 'hash']);

function problem(ctx: Pick<DdlContext, 'builder'>, location: SourceLocation, message: string): void {
  ctx.builder.problems.push({ location, message });
}

/** A primary key or unique constraint naming a column twice (`PRIMARY KEY (a, a)`). */
export function reportRepeatedKeyColumn(
  ctx: Pick<DdlContext, 'builder'>,
  table: TableDraft,
  name: string,
  primary: boolean,
  columns: readonly string[],
  location: SourceLocation,
): void {
  const repeated = columns.find((c, i) => columns.indexOf(c) !== i);
  if (repeated === undefined) return;
  const kind = primary ? 'primary key' : 'unique';
  problem(
    ctx,
    location,
    `${primary ? 'PRIMARY KEY' : 'UNIQUE'}${name === '' ? '' : ` ${name}`} on ${displayName(table)} names column ${quoteIdent(repeated)} twice: PostgreSQL refuses it ("column "${repeated}" appears twice in ${kind} constraint"); name each column once`,
  );
}

/** `ON DELETE SET NULL (c)` / `SET DEFAULT (c)` naming a column that is not one of the foreign key's. */
export function reportSetColumnsOutsideKey(
  ctx: Pick<DdlContext, 'builder'>,
  table: TableDraft,
  node: Constraint,
  columns: readonly string[],
  location: SourceLocation,
): void {
  const outside = stringsOf(node.fk_del_set_cols).find((c) => !columns.includes(c));
  if (outside === undefined) return;
  problem(
    ctx,
    location,
    `foreign key ${node.conname ?? ''} of ${displayName(table)}: its ON DELETE SET action names column ${quoteIdent(outside)}, which is not one of its columns (${columns.map(quoteIdent).join(', ')}): PostgreSQL refuses it ("column "${outside}" referenced in ON DELETE SET action must be part of foreign key"); name only the key's own columns`,
  );
}

/** An EXCLUDE element whose operator PostgreSQL refuses: not commutative, or not btree's/hash's equality. */
export function reportRefusedExclusionOperator(
  ctx: Pick<DdlContext, 'builder' | 'userOperators'>,
  table: TableDraft,
  node: Constraint,
  location: SourceLocation,
): void {
  const method = node.access_method ?? 'btree';
  for (const pair of node.exclusions ?? []) {
    const [, ops] = listItems(pair);
    const operator = stringsOf(listItems(ops)).at(-1) ?? '';
    if (operator === '' || ctx.userOperators.has(operator)) continue;
    const server = NOT_COMMUTATIVE.has(operator)
      ? `operator ${operator} is not commutative`
      : EQUALITY_ONLY.has(method) && operator !== '='
        ? `operator ${operator} is not a member of operator family of ${method}`
        : undefined;
    if (server === undefined) continue;
    problem(
      ctx,
      location,
      `exclusion constraint ${node.conname ?? ''} on ${displayName(table)} USING ${method} (… WITH ${operator}): PostgreSQL refuses it ("${server}"); an exclusion operator must be commutative (a WITH b means b WITH a)${EQUALITY_ONLY.has(method) ? `, and ${method}'s only such operator is =: for another operator use gist (CREATE EXTENSION btree_gist for plain types)` : ''}`,
    );
    return;
  }
}

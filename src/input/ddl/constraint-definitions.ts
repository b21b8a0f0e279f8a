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
import type { ColumnDraft, TableDraft } from './schema-builder.js';

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

/** The types an identity column may have (PostgreSQL: "identity column type must be smallint, integer, or bigint"). */
const IDENTITY_TYPES: ReadonlySet<string> = new Set(['int2', 'int4', 'int8']);

/**
 * A column's own constraints that contradict each other, as the server refuses them: NULL with NOT NULL, two
 * DEFAULTs (serial's own among them), a DEFAULT with an identity or a generation expression, an identity with
 * a generation expression, an identity of any type but smallint, integer or bigint (a domain over one too: the
 * server judges the type named). Before: exit 0 and a load that stopped at the CREATE TABLE.
 */
export function reportConflictingColumnConstraints(
  ctx: Pick<DdlContext, 'builder'>,
  table: TableDraft,
  column: ColumnDraft,
  constraints: readonly Constraint[],
  serial: boolean,
  location: SourceLocation,
): void {
  const count = (type: Constraint['contype']) => constraints.filter((c) => c.contype === type).length;
  const of = `column ${quoteIdent(column.name)} of table ${displayName(table)}`;
  const defaults = count('CONSTR_DEFAULT') + (serial ? 1 : 0);
  const identity = count('CONSTR_IDENTITY');
  const generated = count('CONSTR_GENERATED');
  const nulls = count('CONSTR_NULL') > 0;
  const keepOne = 'keep one';
  let refused: [string, string] | undefined;
  if (nulls && (count('CONSTR_NOTNULL') > 0 || identity > 0))
    refused = [
      `conflicting NULL/NOT NULL declarations for ${of}${identity > 0 ? ' (an identity is NOT NULL)' : ''}`,
      'drop the NULL',
    ];
  else if (defaults > 1)
    refused = [`multiple default values specified for ${of}${serial ? ' (serial makes one)' : ''}`, keepOne];
  else if (identity > 1) refused = [`multiple identity specifications for ${of}`, keepOne];
  else if (defaults > 0 && identity > 0)
    refused = [
      `both default and identity specified for ${of}${serial ? ' (serial makes a default)' : ''}`,
      keepOne,
    ];
  else if (defaults > 0 && generated > 0)
    refused = [`both default and generation expression specified for ${of}`, keepOne];
  else if (identity > 0 && generated > 0)
    refused = [`both identity and generation expression specified for ${of}`, keepOne];
  else if (
    identity > 0 &&
    (column.type.schema !== 'pg_catalog' ||
      column.type.arrayDims > 0 ||
      !IDENTITY_TYPES.has(column.type.name))
  )
    refused = [
      `identity column type must be smallint, integer, or bigint (${of})`,
      'give it one of those types, or a DEFAULT instead of the identity',
    ];
  if (refused !== undefined) problem(ctx, location, `${refused[0]}: PostgreSQL refuses it; ${refused[1]}`);
}

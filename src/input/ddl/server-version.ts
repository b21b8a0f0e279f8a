/**
 * The oldest PostgreSQL major version whose syntax a statement uses, for
 * the archive header's "Dumped from database version" (15 when nothing
 * newer appears: the oldest server datagen's DDL front end targets).
 *
 * The parser is PostgreSQL 18's: 18's own syntax (VIRTUAL generated columns,
 * NOT ENFORCED, WITHOUT OVERLAPS and PERIOD keys, named table-level NOT NULL)
 * is read from the parse tree, 18's new built-in functions by name.
 */
import type { Node } from 'libpg-query';
import { stringsOf } from './ast.js';

/** The version datagen's output assumes when the DDL uses nothing newer. */
export const BASE_SERVER_VERSION = 15;

/** Parse-node kinds that first appeared in a release (SQL/JSON constructors 16, JSON_TABLE and queries 17). */
const NODE_VERSIONS: Readonly<Record<string, number>> = {
  JsonIsPredicate: 16,
  JsonObjectConstructor: 16,
  JsonArrayConstructor: 16,
  JsonArrayQueryConstructor: 16,
  JsonObjectAgg: 16,
  JsonArrayAgg: 16,
  JsonTable: 17,
  JsonFuncExpr: 17,
  JsonParseExpr: 17,
  JsonScalarExpr: 17,
  JsonSerializeExpr: 17,
};

/** Built-in functions by the release that added them (pg_catalog, unqualified or qualified). */
const FUNCTION_VERSIONS: Readonly<Record<string, number>> = {
  any_value: 16,
  random_normal: 16,
  pg_input_is_valid: 16,
  pg_input_error_info: 16,
  array_sample: 16,
  array_shuffle: 16,
  date_add: 16,
  date_subtract: 16,
  erf: 16,
  erfc: 16,
  system_user: 16,
  to_bin: 17,
  to_oct: 17,
  uuid_extract_timestamp: 17,
  uuid_extract_version: 17,
  uuidv4: 18,
  uuidv7: 18,
  casefold: 18,
  array_sort: 18,
  array_reverse: 18,
  crc32: 18,
  crc32c: 18,
  gamma: 18,
  lgamma: 18,
};

/** Constraint attributes (`CHECK (...) NOT ENFORCED` on a column) that only PostgreSQL 18 parses. */
const PG18_CONSTRAINT_TYPES = new Set(['CONSTR_ATTR_ENFORCED', 'CONSTR_ATTR_NOT_ENFORCED']);

/**
 * PostgreSQL 18's constraint syntax: VIRTUAL generated columns (also the
 * default when neither STORED nor VIRTUAL is written, which 17 refuses),
 * NOT ENFORCED CHECKs and FKs, `WITHOUT OVERLAPS` keys, `PERIOD` FKs, a
 * table-level `CONSTRAINT name NOT NULL col`, `NOT NULL ... NO INHERIT`.
 */
function constraintVersion(body: Record<string, unknown>): number {
  const type = String(body.contype);
  if (PG18_CONSTRAINT_TYPES.has(type)) return 18;
  if (type === 'CONSTR_GENERATED' && body.generated_kind === 'v') return 18;
  if ((type === 'CONSTR_CHECK' || type === 'CONSTR_FOREIGN') && body.is_enforced !== true) return 18;
  if (body.without_overlaps === true || body.fk_with_period === true || body.pk_with_period === true)
    return 18;
  if (type === 'CONSTR_NOTNULL' && (Array.isArray(body.keys) || body.is_no_inherit === true)) return 18;
  return 0;
}

/** ALTER TABLE subcommands by the release that added them. */
const ALTER_TABLE_VERSIONS: Readonly<Record<string, number>> = {
  AT_SetExpression: 17,
};

function nodeVersion(
  kind: string,
  body: Record<string, unknown>,
  userFunction: (name: string) => boolean,
): number {
  const own = NODE_VERSIONS[kind];
  if (own !== undefined) return own;
  if (kind === 'FuncCall') {
    const name = stringsOf(body.funcname as Node[] | undefined);
    const last = name.at(-1) ?? '';
    if (name[0] === 'pg_catalog' || (name.length === 1 && !userFunction(last))) {
      // random(min, max) is 17's; random() is older.
      if (last === 'random' && Array.isArray(body.args) && body.args.length === 2) return 17;
      return FUNCTION_VERSIONS[last] ?? 0;
    }
  }
  if (kind === 'Constraint') return constraintVersion(body);
  // In a BEGIN ATOMIC body: RETURNING WITH (OLD AS o, NEW AS n) is 18's, MERGE ... RETURNING 17's.
  const returning = body.returningClause as { options?: unknown[] } | undefined;
  if ((returning?.options?.length ?? 0) > 0) return 18;
  if (kind === 'MergeStmt' && returning !== undefined) return 17;
  if (
    kind === 'ATAlterConstraint' &&
    (body.alterEnforceability === true || body.alterInheritability === true)
  )
    return 18;
  if (kind === 'AlterTableCmd') return ALTER_TABLE_VERSIONS[String(body.subtype)] ?? 0;
  // FROM (SELECT ...) without an alias is 16's.
  if (kind === 'RangeSubselect' && body.alias === undefined) return 16;
  // CREATE TABLE (c int STORAGE external): column storage in CREATE TABLE is 16's.
  if (kind === 'ColumnDef' && typeof body.storage_name === 'string' && body.storage_name !== '') return 16;
  return 0;
}

/**
 * The oldest major version that parses this statement, at least
 * `BASE_SERVER_VERSION`. `userFunction` says whether the DDL defines a
 * function of that name (then an unqualified call is the user's).
 *
 * @example
 * requiredServerVersion(parse('CREATE TABLE t (id uuid DEFAULT uuidv7())')) // 18
 */
export function requiredServerVersion(
  node: Node,
  userFunction: (name: string) => boolean = () => false,
): number {
  let version = BASE_SERVER_VERSION;
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const v of value) visit(v);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    for (const [key, body] of Object.entries(value)) {
      if (body !== null && typeof body === 'object' && !Array.isArray(body) && /^[A-Z]/.test(key))
        version = Math.max(version, nodeVersion(key, body as Record<string, unknown>, userFunction));
      visit(body);
    }
  };
  visit(node);
  return version;
}

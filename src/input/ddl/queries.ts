/**
 * Queries in a DDL file (`SELECT * FROM v1;` after a view, to show it): they
 * change nothing a schema holds, and one kept in the output can fail where
 * the source did not (it reads a materialized view before its data is there,
 * as pg_dump's order refreshes it after the data). Left out, with one
 * warning, as INSERTs are. A SELECT that calls any other function is kept
 * (`SELECT create_hypertable('t', 'at')`, `SELECT setval(...)`).
 */
import type { Node } from 'libpg-query';
import { stringsOf, walkAst } from './ast.js';
import { BUILTIN_AGGREGATES } from './builtin-functions.js';

/** Functions that only compute (aggregates, windows, formatting, catalog reads). */
const READ_ONLY_FUNCTIONS: ReadonlySet<string> = new Set([
  ...BUILTIN_AGGREGATES,
  'row_number',
  'rank',
  'dense_rank',
  'json_build_object',
  'jsonb_build_object',
  'jsonb_pretty',
  'to_json',
  'to_jsonb',
  'lower',
  'upper',
  'length',
  'char_length',
  'concat',
  'format',
  'now',
  'date_trunc',
  'extract',
  'date_part',
  'to_char',
  'round',
  'abs',
  'unnest',
  'array_length',
  'cardinality',
  'pg_typeof',
  'format_type',
  'version',
  'current_database',
  'current_schema',
  'obj_description',
  'col_description',
  'pg_get_viewdef',
  'pg_get_constraintdef',
  'pg_get_indexdef',
  'pg_relation_size',
  'pg_total_relation_size',
  'pg_size_pretty',
]);

/** The tag under which `SELECT pg_extension_config_dump(...)` statements are left out (parse-ddl's warning). */
export const EXTENSION_CONFIG_DUMP = 'SELECT pg_extension_config_dump()';

/**
 * True for a SELECT whose only calls are `pg_extension_config_dump(...)`: an extension's script (PostGIS
 * topology and tiger geocoder, TimescaleDB) marks its configuration tables for pg_dump with it, and it fails
 * outside CREATE EXTENSION, so the script read as DDL would load only up to it.
 */
export function isExtensionConfigDump(node: Node): boolean {
  if (!('SelectStmt' in node)) return false;
  const select = node.SelectStmt;
  if (select.intoClause !== undefined || select.fromClause !== undefined) return false;
  const targets = select.targetList ?? [];
  // Every item a call of it (its arguments may call others: TimescaleDB's `pg_get_serial_sequence(...)`).
  return (
    targets.length > 0 &&
    targets.every((t) => {
      const value = 'ResTarget' in t ? t.ResTarget.val : undefined;
      if (value === undefined || !('FuncCall' in value)) return false;
      const names = stringsOf(value.FuncCall.funcname);
      const schema = names.length >= 2 ? names.at(-2) : 'pg_catalog';
      return schema === 'pg_catalog' && names.at(-1)?.toLowerCase() === 'pg_extension_config_dump';
    })
  );
}

/** The tag under which PostgreSQL 18's statistics statements are left out (parse-ddl's warning). */
export const STATISTICS_RESTORE = 'SELECT pg_restore_relation_stats()';

/** The functions pg_dump 18 restores a table's or column's planner statistics with (`--statistics`, pg_upgrade). */
const STATISTICS_FUNCTIONS: ReadonlySet<string> = new Set([
  'pg_restore_relation_stats',
  'pg_restore_attribute_stats',
  'pg_clear_relation_stats',
  'pg_clear_attribute_stats',
]);

/**
 * True for a SELECT whose only calls restore planner statistics (pg_dump 18's
 * `SELECT * FROM pg_catalog.pg_restore_relation_stats('version', …, 'reltuples', …)`,
 * its "STATISTICS DATA" entries): they describe the source's rows, not the
 * rows datagen writes, and the functions exist only from PostgreSQL 18 on.
 */
export function isStatisticsRestore(node: Node): boolean {
  if (!('SelectStmt' in node) || node.SelectStmt.intoClause !== undefined) return false;
  let calls = 0;
  let others = 0;
  walkAst(node, (key, n) => {
    if (key !== 'FuncCall' && key !== 'funccall') return;
    const names = stringsOf(n.funcname as Node[] | undefined);
    const schema = names.length >= 2 ? names.at(-2) : 'pg_catalog';
    if (schema === 'pg_catalog' && STATISTICS_FUNCTIONS.has((names.at(-1) ?? '').toLowerCase())) calls += 1;
    else others += 1;
  });
  return calls > 0 && others === 0;
}

/** True for a SELECT that only reads: no INTO, and every function it calls only computes. */
export function isReadOnlyQuery(node: Node): boolean {
  if (!('SelectStmt' in node) || node.SelectStmt.intoClause !== undefined) return false;
  let readOnly = true;
  walkAst(node, (key, n) => {
    if (key !== 'FuncCall' && key !== 'funccall') return;
    const names = stringsOf(n.funcname as Node[] | undefined);
    const schema = names.length >= 2 ? names.at(-2) : 'pg_catalog';
    const name = (names.at(-1) ?? '').toLowerCase();
    if (schema !== 'pg_catalog' || !READ_ONLY_FUNCTIONS.has(name)) readOnly = false;
  });
  return readOnly;
}

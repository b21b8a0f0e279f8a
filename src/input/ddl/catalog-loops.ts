/**
 * Loops of a DO block over a catalog query's rows, as migrations write them to change one column in every
 * table of a schema that has it (TEKSI wastewater's 2026.1.0 changelog):
 *
 *   FOR r IN SELECT n.nspname AS schema_name, c.relname AS table_name, a.attname AS column_name
 *       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
 *       JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_type t ON t.oid = a.atttypid
 *       WHERE n.nspname = 'tww_od' AND c.relkind = 'r' AND a.attname = 'obj_id' AND NOT a.attisdropped
 *         AND t.typname <> 'interlis_standardoid'
 *   LOOP
 *     EXECUTE format('ALTER TABLE %I.%I ALTER COLUMN %I TYPE tww_od.interlis_standardoid',
 *       r.schema_name, r.table_name, r.column_name);
 *   END LOOP;
 *
 * Where the query reads pg_namespace, pg_class, pg_attribute and pg_type joined on their keys, or
 * information_schema.tables and .columns, and its WHERE compares their name columns with constants
 * (`=`, `<>`, `IN`, AND, OR, NOT), its rows are known from the schema read so far: one per table (per column
 * where it reads columns), the loop's record fields set to them (conditional-do.ts runs the body once per row,
 * the EXECUTEs read as written plainly). Any other query keeps the block opaque.
 */
import type { Node } from 'libpg-query';
import { stringsOf } from './ast.js';
import { constantValue } from './code-values.js';
import type { DdlContext } from './ddl-context.js';
import { singleSelect } from './pg-parser.js';
import type { ColumnDraft, TableDraft } from './schema-builder.js';

type Json = Record<string, unknown>;

/** A catalog query the model answers: its relations by alias, its WHERE, and its output fields. */
export interface CatalogQuery {
  /** Whether a relation holds a row per column (pg_attribute, pg_type, information_schema.columns). */
  readonly perColumn: boolean;
  readonly where: Node | undefined;
  /** The relations it reads, by alias (`n` → `pg_namespace`). */
  readonly relations: ReadonlyMap<string, string>;
  /** Output field (lower case) → the catalog column it selects. */
  readonly fields: ReadonlyMap<string, string>;
}

/** The catalog relations read, and the columns of each that the model answers (keys, joined on, aside). */
const RELATIONS: Record<string, { perColumn: boolean; columns: readonly string[] }> = {
  pg_namespace: { perColumn: false, columns: ['nspname'] },
  pg_class: { perColumn: false, columns: ['relname', 'relkind'] },
  pg_attribute: { perColumn: true, columns: ['attname', 'attisdropped'] },
  pg_type: { perColumn: true, columns: ['typname'] },
  tables: { perColumn: false, columns: ['table_schema', 'table_name', 'table_type'] },
  columns: { perColumn: true, columns: ['table_schema', 'table_name', 'column_name', 'udt_name'] },
};

/** The columns relations are joined on: `c.oid = a.attrelid`, `t.table_name = c.table_name`. */
const JOIN_COLUMNS = new Set(['oid', 'attrelid', 'relnamespace', 'atttypid', 'table_schema', 'table_name']);

/** A loop's query as a catalog query the model answers, or undefined. */
export function catalogQuery(query: string): CatalogQuery | undefined {
  const select: Json | undefined = singleSelect(query);
  if (select === undefined || select.groupClause !== undefined || select.distinctClause !== undefined)
    return undefined;
  const relations = new Map<string, string>();
  const joins: Node[] = [];
  for (const item of (select.fromClause as Node[] | undefined) ?? [])
    if (!fromItem(item, relations, joins)) return undefined;
  if (relations.size === 0) return undefined;
  const columnOf = (ref: Node | undefined) => catalogColumn(ref, relations);
  if (!joins.every((q) => joinedOnKeys(q, relations))) return undefined;
  const fields = new Map<string, string>();
  for (const t of (select.targetList as Json[] | undefined) ?? []) {
    const target = t.ResTarget as Json | undefined;
    const column = columnOf(target?.val as Node | undefined);
    if (column === undefined) return undefined;
    fields.set(String(target?.name ?? column).toLowerCase(), column);
  }
  const where = select.whereClause as Node | undefined;
  if (where !== undefined && readRow(where, relations, () => 'x') === undefined) return undefined;
  // pg_class holds indexes, views and sequences too, which the model does not list: the query must ask for tables.
  if ([...relations.values()].includes('pg_class') && !tablesOnly(where, relations)) return undefined;
  const perColumn = [...relations.values()].some((r) => RELATIONS[r]?.perColumn === true);
  return { perColumn, where, relations, fields };
}

/** A FROM item: catalog relations (by alias) and the join conditions to check; false for anything else. */
function fromItem(item: Node, relations: Map<string, string>, joins: Node[]): boolean {
  if ('RangeVar' in item) {
    const rv = item.RangeVar;
    const name = rv.relname ?? '';
    const schema = rv.schemaname;
    const known =
      RELATIONS[name] !== undefined &&
      (name === 'tables' || name === 'columns'
        ? schema === 'information_schema'
        : schema !== 'information_schema');
    if (!known || (schema !== undefined && schema !== 'pg_catalog' && schema !== 'information_schema'))
      return false;
    relations.set(rv.alias?.aliasname ?? name, name);
    return true;
  }
  if (!('JoinExpr' in item)) return false;
  const join = item.JoinExpr;
  if (join.jointype !== 'JOIN_INNER' || join.larg === undefined || join.rarg === undefined) return false;
  if (join.quals !== undefined) joins.push(join.quals);
  return fromItem(join.larg, relations, joins) && fromItem(join.rarg, relations, joins);
}

/** `x.k = y.k2 [AND ...]` over the columns relations are joined on. */
function joinedOnKeys(quals: Node, relations: ReadonlyMap<string, string>): boolean {
  if ('BoolExpr' in quals)
    return (
      quals.BoolExpr.boolop === 'AND_EXPR' &&
      (quals.BoolExpr.args ?? []).every((a) => joinedOnKeys(a, relations))
    );
  if (!('A_Expr' in quals) || quals.A_Expr.kind !== 'AEXPR_OP' || stringsOf(quals.A_Expr.name).join() !== '=')
    return false;
  return [quals.A_Expr.lexpr, quals.A_Expr.rexpr].every((side) => {
    const ref = columnRef(side, relations);
    return ref !== undefined && JOIN_COLUMNS.has(ref.column);
  });
}

/** A column reference of the query (`n.nspname`, `nspname`): its relation and column. */
function columnRef(
  node: Node | undefined,
  relations: ReadonlyMap<string, string>,
): { relation: string; column: string } | undefined {
  if (node === undefined || !('ColumnRef' in node)) return undefined;
  const names = stringsOf(node.ColumnRef.fields);
  if (names.length !== (node.ColumnRef.fields ?? []).length || names.length === 0 || names.length > 2)
    return undefined;
  const column = names.at(-1) ?? '';
  if (names.length === 2) {
    const relation = relations.get(names[0] ?? '');
    return relation === undefined ? undefined : { relation, column };
  }
  const owners = [...relations.values()].filter((r) => RELATIONS[r]?.columns.includes(column));
  return owners.length === 1 && owners[0] !== undefined ? { relation: owners[0], column } : undefined;
}

/** A selected or compared catalog column the model answers. */
function catalogColumn(node: Node | undefined, relations: ReadonlyMap<string, string>): string | undefined {
  const ref = columnRef(node, relations);
  return ref !== undefined && RELATIONS[ref.relation]?.columns.includes(ref.column) ? ref.column : undefined;
}

/** Whether one of the WHERE's top-level conjuncts keeps tables alone: `c.relkind = 'r'`, `c.relkind IN ('r', 'p')`. */
function tablesOnly(where: Node | undefined, relations: ReadonlyMap<string, string>): boolean {
  const conjuncts = (node: Node): Node[] =>
    'BoolExpr' in node && node.BoolExpr.boolop === 'AND_EXPR'
      ? (node.BoolExpr.args ?? []).flatMap(conjuncts)
      : [node];
  return (where === undefined ? [] : conjuncts(where)).some((c) => {
    if (!('A_Expr' in c) || catalogColumn(c.A_Expr.lexpr, relations) !== 'relkind') return false;
    if (stringsOf(c.A_Expr.name).join() !== '=' || c.A_Expr.rexpr === undefined) return false;
    const rexpr = c.A_Expr.rexpr;
    const items = c.A_Expr.kind === 'AEXPR_IN' && 'List' in rexpr ? (rexpr.List.items ?? []) : [rexpr];
    return items.length > 0 && items.every((i) => ['r', 'p'].includes(String(constantValue(i))));
  });
}

type Value = string | boolean;

/**
 * The WHERE's value on a row (`value` gives a catalog column's), undefined where it holds anything else than
 * comparisons of catalog columns with constants under AND, OR and NOT.
 */
function readRow(
  node: Node | undefined,
  relations: ReadonlyMap<string, string>,
  value: (column: string) => Value,
): boolean | undefined {
  if (node === undefined) return true;
  if ('BoolExpr' in node) {
    const args = (node.BoolExpr.args ?? []).map((a) => readRow(a, relations, value));
    if (args.some((a) => a === undefined)) return undefined;
    if (node.BoolExpr.boolop === 'NOT_EXPR') return args.length === 1 ? !args[0] : undefined;
    return node.BoolExpr.boolop === 'AND_EXPR' ? args.every(Boolean) : args.some(Boolean);
  }
  const bare = catalogColumn(node, relations);
  if (bare !== undefined) return bare === 'attisdropped' ? value(bare) === true : undefined;
  if (!('A_Expr' in node)) return undefined;
  const column = catalogColumn(node.A_Expr.lexpr, relations);
  if (column === undefined || node.A_Expr.rexpr === undefined) return undefined;
  const op = stringsOf(node.A_Expr.name).join();
  const left = value(column);
  if (node.A_Expr.kind === 'AEXPR_IN') {
    const items = 'List' in node.A_Expr.rexpr ? (node.A_Expr.rexpr.List.items ?? []) : [];
    const constants = items.map(constantValue);
    if (items.length === 0 || !constants.every((c) => typeof c === 'string')) return undefined;
    return op === '=' ? constants.includes(left as string) : !constants.includes(left as string);
  }
  const right = constantValue(node.A_Expr.rexpr);
  if (node.A_Expr.kind !== 'AEXPR_OP' || typeof right !== 'string') return undefined;
  if (op === '=') return left === right;
  return op === '<>' || op === '!=' ? left !== right : undefined;
}

/** A table's or column's answer to a catalog column. */
function answer(table: TableDraft, column: ColumnDraft | undefined, name: string): Value {
  switch (name) {
    case 'nspname':
    case 'table_schema':
      return table.schema;
    case 'relname':
    case 'table_name':
      return table.name;
    case 'relkind':
      return table.partitionBy === null ? 'r' : 'p';
    case 'table_type':
      return 'BASE TABLE';
    case 'attisdropped':
      return false;
    case 'attname':
    case 'column_name':
      return column?.name ?? '';
    default:
      // typname, udt_name: an array type's name is its element's with `_` before it.
      return column === undefined ? '' : `${column.type.arrayDims > 0 ? '_' : ''}${column.type.name}`;
  }
}

/** The query's rows on the schema read so far: each output field's value, as text. */
export function catalogRows(ctx: DdlContext, query: CatalogQuery): Map<string, string>[] {
  const { where, relations } = query;
  const rows: Map<string, string>[] = [];
  for (const table of ctx.builder.tables.values())
    for (const column of query.perColumn ? table.columns : [undefined]) {
      if (readRow(where, relations, (c) => answer(table, column, c)) !== true) continue;
      rows.push(new Map([...query.fields].map(([field, c]) => [field, String(answer(table, column, c))])));
    }
  return rows;
}

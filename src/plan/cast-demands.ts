/**
 * Text columns that an index, a generated column or a CHECK casts to another
 * type (`CREATE INDEX ON builds ((number::integer))`): PostgreSQL evaluates
 * the cast on every row, at CREATE INDEX or INSERT, so every value must be a
 * valid literal of that type. Such a column is given a pattern of that type's
 * literals (digits for numbers, ISO dates, booleans, UUIDs), which the
 * pattern generators honour, unique ones included.
 */

import { type ColumnHints, type PatternHint, TEXT_TYPES } from '../checks/check-hints.js';
import { resolveDomains, type TypeLookup } from '../checks/type-resolution.js';
import { walkAst } from '../input/ddl/ast-walk.js';
import type { Schema, Table } from '../schema/model.js';
import { nameKey } from '../schema/names.js';

const DATE = '20[0-2][0-9]-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])';
const TIME = '(0[0-9]|1[0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]';

/** Literals of a cast's target type, as a pattern; undefined for targets any text casts to. */
const LITERALS: Readonly<Record<string, string>> = {
  int2: '^[1-9][0-9]{0,3}$',
  smallint: '^[1-9][0-9]{0,3}$',
  int4: '^[1-9][0-9]{0,6}$',
  int: '^[1-9][0-9]{0,6}$',
  integer: '^[1-9][0-9]{0,6}$',
  int8: '^[1-9][0-9]{0,8}$',
  bigint: '^[1-9][0-9]{0,8}$',
  numeric: '^[1-9][0-9]{0,5}$',
  decimal: '^[1-9][0-9]{0,5}$',
  float4: '^[1-9][0-9]{0,5}$',
  float8: '^[1-9][0-9]{0,5}$',
  real: '^[1-9][0-9]{0,5}$',
  oid: '^[1-9][0-9]{0,6}$',
  json: '^[1-9][0-9]{0,5}$',
  // `x IS JSON OBJECT` / `ARRAY` (PostgreSQL 16): small documents of that kind.
  'json object': '^\\{"[a-z]{1,8}": [1-9][0-9]{0,4}\\}$',
  'json array': '^\\[[1-9][0-9]{0,4}(, [1-9][0-9]{0,4}){0,3}\\]$',
  jsonb: '^[1-9][0-9]{0,5}$',
  date: `^${DATE}$`,
  timestamp: `^${DATE} ${TIME}$`,
  timestamptz: `^${DATE} ${TIME}$`,
  time: `^${TIME}$`,
  // Durations as times of day before 20:00 (GTFS' `start_time::interval`, also in its key: no alternatives, so
  // unique ones are constructed); the other text forms a cast reads.
  interval: '^[01][0-9]:[0-5][0-9]:[0-5][0-9]$',
  timetz: `^${TIME}\\+00$`,
  cidr: '^10\\.[0-9]{1,2}\\.0\\.0/16$',
  macaddr: '^08:00:2b:[0-9a-f]{2}:[0-9a-f]{2}:[0-9a-f]{2}$',
  money: '^[1-9][0-9]{0,4}\\.[0-9]{2}$',
  bool: '^(true|false)$',
  boolean: '^(true|false)$',
  uuid: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$',
  inet: '^10\\.[0-9]{1,2}\\.[0-9]{1,2}\\.[0-9]{1,2}$',
  // Roles every cluster has (PostgreSQL 10 on): a cast to regrole looks the name up.
  regrole: '^(pg_monitor|pg_read_all_settings|pg_read_all_stats|pg_stat_scan_tables|pg_signal_backend)$',
  // Well-known text (PostGIS' `txt::geometry`, ST_GeomFromText(txt, 4326)): points, latitudes within ±90.
  geometry: '^POINT\\([1-9]?[0-9] [1-8]?[0-9]\\)$',
  geography: '^POINT\\([1-9]?[0-9] [1-8]?[0-9]\\)$',
};

/** PostGIS functions that parse their first argument as well-known text: as a cast to geometry reads it. */
const WKT_READERS: ReadonlySet<string> = new Set([
  'st_geomfromtext',
  'st_geometryfromtext',
  'st_geomfromewkt',
  'st_geogfromtext',
  'st_geographyfromtext',
  'st_pointfromtext',
  'st_wkttosql',
]);

type Node = Record<string, unknown>;

/** `col::type` (or `CAST(col AS type)`) anywhere in an AST: column → the target's last type name. */
function castsIn(ast: unknown, found: Map<string, string>): void {
  if (Array.isArray(ast)) {
    for (const item of ast) castsIn(item, found);
    return;
  }
  if (typeof ast !== 'object' || ast === null) return;
  const isJson = (ast as Node).JsonIsPredicate as { expr?: Node; item_type?: string } | undefined;
  const jsonColumn = (
    isJson?.expr?.ColumnRef as { fields?: { String?: { sval?: string } }[] } | undefined
  )?.fields?.at(-1)?.String?.sval;
  if (jsonColumn !== undefined && !found.has(jsonColumn)) {
    const kind =
      isJson?.item_type === 'JS_TYPE_OBJECT'
        ? 'json object'
        : isJson?.item_type === 'JS_TYPE_ARRAY'
          ? 'json array'
          : 'json';
    found.set(jsonColumn, kind);
  }
  const call = (ast as Node).FuncCall as
    | { funcname?: { String?: { sval?: string } }[]; args?: Node[] }
    | undefined;
  const read = call?.funcname?.at(-1)?.String?.sval;
  const argument = (call?.args?.[0]?.ColumnRef as { fields?: { String?: { sval?: string } }[] } | undefined)
    ?.fields;
  const wkt = argument?.at(-1)?.String?.sval;
  if (read !== undefined && WKT_READERS.has(read.toLowerCase()) && wkt !== undefined && !found.has(wkt))
    found.set(wkt, 'geometry');
  const cast = (ast as Node).TypeCast as { arg?: Node; typeName?: { names?: unknown[] } } | undefined;
  const fields = (cast?.arg?.ColumnRef as { fields?: unknown[] } | undefined)?.fields;
  const names = cast?.typeName?.names;
  if (fields && Array.isArray(names)) {
    const column = (fields[fields.length - 1] as { String?: { sval?: string } })?.String?.sval;
    const type = (names[names.length - 1] as { String?: { sval?: string } })?.String?.sval;
    if (column !== undefined && type !== undefined && !found.has(column)) found.set(column, type);
  }
  for (const value of Object.values(ast)) castsIn(value, found);
}

/** The pattern a text column cast to json or jsonb gets (json-path-demands.ts gives documents instead where paths are read). */
export const JSON_CAST_PATTERN = LITERALS.json as string;

/** Per table (by nameKey): columns cast to a type in its index expressions, generated columns and CHECKs. */
export function castDemands(schema: Schema): Map<string, Map<string, string>> {
  const byTable = new Map<string, Map<string, string>>();
  const of = (key: string) => {
    const map = byTable.get(key) ?? new Map<string, string>();
    byTable.set(key, map);
    return map;
  };
  for (const s of schema.statements) {
    const index = (
      s.ast as { IndexStmt?: { relation?: { relname?: string }; indexParams?: unknown } } | undefined
    )?.IndexStmt;
    const relation = index?.relation?.relname;
    if (index && relation !== undefined && s.namespace !== null)
      castsIn(index.indexParams, of(nameKey({ schema: s.namespace, name: relation })));
  }
  for (const s of schema.statements) {
    const query = (s.ast as { CreateTableAsStmt?: { query?: unknown } } | undefined)?.CreateTableAsStmt
      ?.query;
    // A materialized view's refresh evaluates its casts on every row of the tables it reads.
    if (query !== undefined)
      for (const table of tablesRead(schema, s, query)) castsIn(query, of(nameKey(table)));
  }
  for (const table of schema.tables) {
    const found = of(nameKey(table));
    for (const column of table.columns) if (column.generated) castsIn(column.generated.ast, found);
    for (const check of table.checks) castsIn(check.expr.ast, found);
    for (const key of table.uniques) for (const e of key.expressions ?? []) if (e) castsIn(e.ast, found);
  }
  return byTable;
}

/** The tables a query reads (its RangeVars), each found by its schema or the statement's search_path. */
function tablesRead(schema: Schema, s: Schema['statements'][number], query: unknown): Table[] {
  const read: Table[] = [];
  walkAst(query, (_key, node) => {
    const rv = node.RangeVar as { schemaname?: string; relname?: string } | undefined;
    if (rv?.relname === undefined) return;
    const schemas = rv.schemaname ? [rv.schemaname] : s.searchPath.length > 0 ? s.searchPath : ['public'];
    const table = schemas
      .map((name) => schema.tables.find((t) => t.schema === name && t.name === rv.relname))
      .find((t) => t !== undefined);
    if (table !== undefined && !read.includes(table)) read.push(table);
  });
  return read;
}

/** The labels of an enum a cast names by its last name (the table's schema, then public). */
function enumLabels(type: string, schema: string, lookup: TypeLookup): readonly string[] | undefined {
  for (const s of [schema, 'public']) {
    const def = lookup.resolveType(s, type);
    if (def?.kind === 'enum') return def.values;
  }
  return undefined;
}

/** The hints with a literal pattern (an enum's labels) added to each text column a cast needs to read. */
export function withCastPatterns(
  table: Table,
  hints: Map<string, ColumnHints>,
  demands: ReadonlyMap<string, string> | undefined,
  lookup: TypeLookup,
): void {
  if (!demands) return;
  for (const [name, type] of demands) {
    const column = table.columns.find((c) => c.name === name);
    const labels = enumLabels(type, table.schema, lookup);
    const source = LITERALS[type];
    if ((source === undefined && labels === undefined) || column === undefined || column.generated) continue;
    const base = resolveDomains(column.type, lookup).base;
    if (base.arrayDims > 0 || !TEXT_TYPES.has(base.name) || base.name === 'name') continue;
    const current = hints.get(name) ?? {};
    if (labels !== undefined) {
      // A cast to an enum (`status::order_status`): the column holds its labels (a label the CHECK lists).
      const oneOf = current.oneOf ? current.oneOf.filter((v) => labels.includes(v)) : labels;
      if (oneOf.length > 0 && current.patterns === undefined) hints.set(name, { ...current, oneOf });
      continue;
    }
    if (source === undefined) continue;
    if ((current.patterns ?? []).some((p) => !p.negated) || current.oneOf !== undefined) continue;
    const pattern: PatternHint = { source, insensitive: false, negated: false };
    hints.set(name, { ...current, patterns: [...(current.patterns ?? []), pattern] });
  }
}

/**
 * PostGIS's AddGeometryColumn called by the DDL itself, as PostGIS 1.x taught
 * and older GIS schemas keep:
 *
 *   SELECT AddGeometryColumn('roads', 'geom', 4326, 'LINESTRING', 2);
 *
 * PostGIS 2 and later run it as `ALTER TABLE roads ADD COLUMN geom
 * geometry(LineString,4326)`. From generator version 22 the call is read as
 * that statement (and written so): the column is in the model, gets values,
 * and the indexes and constraints later DDL puts on it are read. Before, the
 * call was kept as written: the column got no values, and DDL naming it was
 * refused (the column was not there). At an earlier version a DDL refused so
 * is read again with the calls read (`geometryCallsMayHelp`): what loaded
 * before is unchanged, what was refused loads. Only calls with constant
 * arguments are read (a non-constant one is unknown until it runs). From
 * version 23 (and at 22 where the DDL is refused without it), `use_typmod =>
 * false` is read as the bare geometry column with the enforce_* CHECKs PostGIS
 * adds, and `SELECT DropGeometryColumn(...)` as its DROP COLUMN; before,
 * those calls stay as written.
 */
import type { Node } from 'libpg-query';
import { ErrorCodes, isDatagenError } from '../../errors.js';
import { nameKey } from '../../schema/names.js';
import { quoteIdent } from '../../schema/quote.js';
import { effectiveGeneratorVersion } from '../../version.js';
import type { DdlContext, SourceStatement } from './ddl-context.js';
import { parsedStatements } from './guarded-do.js';
import { selectedTarget } from './pg-parser.js';

/** The generator version from which the call is read as the column it adds. */
const FROM_VERSION = 22;

/** Whether a run of this version reads the calls as the columns they add. */
export function readsGeometryCalls(generatorVersion: number | undefined): boolean {
  return effectiveGeneratorVersion(generatorVersion) >= FROM_VERSION;
}

/**
 * `parse` with the calls read as the options say; a DDL that run refuses and
 * that calls AddGeometryColumn is read again with the calls read (the refusal
 * may be DDL naming the column a call adds). Nothing that loaded reads differently.
 */
export async function withGeometryCallsRead<
  S extends { readonly text: string },
  O extends { readonly readGeometryCalls?: boolean },
  R,
>(sources: readonly S[], options: O, parse: (sources: readonly S[], options: O) => Promise<R>): Promise<R> {
  try {
    return await parse(sources, options);
  } catch (error) {
    const refused = isDatagenError(error) && error.code === ErrorCodes.SCHEMA_INVALID;
    if (options.readGeometryCalls === true || !refused) throw error;
    if (!sources.some((s) => /\baddgeometrycolumn\s*\(/i.test(s.text))) throw error;
    return parse(sources, { ...options, readGeometryCalls: true });
  }
}

/** A constant argument: a string, an integer or a boolean (a cast of one, as `'geom'::varchar`, too). */
type Constant = string | number | boolean;

/**
 * The `ALTER TABLE ... ADD COLUMN` a top-level `SELECT AddGeometryColumn(...)`
 * runs, handled in its place (true); false when the statement is not such a
 * call, or one this reads no column from (it is then handled as before).
 */
export function addGeometryColumnCall(
  ctx: DdlContext,
  stmt: SourceStatement,
  handle: (ctx: DdlContext, stmt: SourceStatement) => void,
): boolean {
  if (!ctx.readsGeometryCalls) return false;
  const call = geometryCall(stmt.node);
  if (call === undefined) return false;
  const sql = call.drop ? droppedColumnSql(ctx, call.args) : addedColumnSql(ctx, call.args);
  const statements = sql === undefined ? undefined : parsedStatements(sql, stmt, true);
  if (statements === undefined || statements.length === 0) return false;
  for (const statement of statements) handle(ctx, statement);
  return true;
}

/** `s.t` of a call's names (column last), quoted; undefined where the model lacks the table. */
function tableName(ctx: DdlContext, column: { schema?: string; table: string }): string | undefined {
  const table = ctx.resolveRelation(
    column.schema === undefined
      ? { relname: column.table }
      : { schemaname: column.schema, relname: column.table },
  );
  if (!ctx.builder.tables.has(nameKey(table))) return undefined;
  return column.schema === undefined
    ? quoteIdent(column.table)
    : `${quoteIdent(column.schema)}.${quoteIdent(column.table)}`;
}

/**
 * What AddGeometryColumn runs: `ADD COLUMN g geometry(Point,4326)`; with `use_typmod => false` (read from
 * version 23, `readsCallDdl`) a bare geometry column and the enforce_dims_, enforce_geotype_ and
 * enforce_srid_ CHECKs PostGIS adds (postgis-checks.ts reads them as the typmod they say).
 */
function addedColumnSql(ctx: DdlContext, args: readonly Constant[]): string | undefined {
  const column = addedColumn(args, ctx.readsCallDdl === true);
  const name = column === undefined ? undefined : tableName(ctx, column);
  if (column === undefined || name === undefined) return undefined;
  const col = quoteIdent(column.column);
  if (column.typmod) return `ALTER TABLE ${name} ADD COLUMN ${col} geometry(${column.type},${column.srid})`;
  const check = (kind: string, expr: string) =>
    `ALTER TABLE ${name} ADD CONSTRAINT ${quoteIdent(`enforce_${kind}_${column.column}`)} CHECK (${expr})`;
  return [
    `ALTER TABLE ${name} ADD COLUMN ${col} geometry`,
    check('dims', `st_ndims(${col}) = ${column.dims}`),
    ...(column.written === 'GEOMETRY'
      ? []
      : [check('geotype', `geometrytype(${col}) = '${column.written}'::text OR ${col} IS NULL`)]),
    check('srid', `st_srid(${col}) = ${column.srid}`),
  ].join(';\n');
}

/** What DropGeometryColumn([[catalog,] schema,] table, column) runs, read from version 23: `DROP COLUMN`. */
function droppedColumnSql(ctx: DdlContext, args: readonly Constant[]): string | undefined {
  if (ctx.readsCallDdl !== true || args.length < 2 || args.length > 4) return undefined;
  if (!args.every((a): a is string => typeof a === 'string')) return undefined;
  const [column, table, schema] = [...args].reverse();
  if (column === undefined || table === undefined) return undefined;
  const name = tableName(ctx, { ...(schema === undefined ? {} : { schema }), table });
  return name === undefined ? undefined : `ALTER TABLE ${name} DROP COLUMN ${quoteIdent(column)}`;
}

/** The constant arguments of `SELECT [schema.]AddGeometryColumn(...)` (or DropGeometryColumn), or undefined. */
function geometryCall(node: Node): { drop: boolean; args: Constant[] } | undefined {
  const target = selectedTarget(node);
  if (target === undefined || !('FuncCall' in target)) return undefined;
  const fn = target.FuncCall;
  const names = (fn.funcname ?? []).map((n) => ('String' in n ? (n.String.sval ?? '') : ''));
  const called = names.at(-1)?.toLowerCase();
  if ((called !== 'addgeometrycolumn' && called !== 'dropgeometrycolumn') || names.length > 2)
    return undefined;
  if (fn.agg_order !== undefined || fn.agg_filter !== undefined || fn.over !== undefined) return undefined;
  const args = (fn.args ?? []).map(constant);
  return args.every((a): a is Constant => a !== undefined)
    ? { drop: called === 'dropgeometrycolumn', args }
    : undefined;
}

function constant(node: Node): Constant | undefined {
  if ('TypeCast' in node) return node.TypeCast.arg === undefined ? undefined : constant(node.TypeCast.arg);
  if (!('A_Const' in node) || node.A_Const.isnull === true) return undefined;
  const c = node.A_Const;
  if (c.sval !== undefined) return c.sval.sval ?? '';
  if (c.ival !== undefined) return c.ival.ival ?? 0;
  if (c.boolval !== undefined) return c.boolval.boolval ?? false;
  return undefined;
}

interface AddedColumn {
  readonly schema?: string;
  readonly table: string;
  readonly column: string;
  readonly srid: number;
  /** The typmod's geometry type with its dimensions (`Point`, `LineStringZ`, `PolygonZM`). */
  readonly type: string;
  /** The type as the call writes it, upper case (`POINT`), and its dimensions: the CHECKs' words. */
  readonly written: string;
  readonly dims: number;
  /** `use_typmod` (true unless the call's last argument says false). */
  readonly typmod: boolean;
}

/**
 * The column of each of PostGIS's signatures: (table, column, srid, type, dim[, use_typmod]),
 * (schema, table, ...[, use_typmod]) and (catalog, schema, table, ...[, use_typmod]).
 */
function addedColumn(args: readonly Constant[], bare: boolean): AddedColumn | undefined {
  const typmod = typeof args.at(-1) === 'boolean' ? args.at(-1) : true;
  const rest = typeof args.at(-1) === 'boolean' ? args.slice(0, -1) : args;
  if ((typmod !== true && !bare) || rest.length < 5 || rest.length > 7) return undefined;
  const names = rest.slice(0, rest.length - 3);
  const [srid, type, dim] = rest.slice(rest.length - 3);
  if (!names.every((n): n is string => typeof n === 'string') || typeof type !== 'string') return undefined;
  const sridNumber = typeof srid === 'string' ? Number(srid) : srid;
  const dims = typeof dim === 'string' ? Number(dim) : dim;
  if (
    typeof sridNumber !== 'number' ||
    !Number.isInteger(sridNumber) ||
    (dims !== 2 && dims !== 3 && dims !== 4)
  )
    return undefined;
  const shape = typmodType(type, dims);
  if (shape === undefined) return undefined;
  const [column, table, schema] = [...names].reverse();
  if (column === undefined || table === undefined) return undefined;
  // PostGIS takes -1 (1.x's unknown SRID) as 0.
  const known = Math.max(sridNumber, 0);
  return {
    ...(schema === undefined ? {} : { schema }),
    table,
    column,
    srid: known,
    type: shape,
    written: type.toUpperCase(),
    dims,
    typmod: typmod === true,
  };
}

const SHAPES = [
  'Geometry',
  'Point',
  'LineString',
  'Polygon',
  'MultiPoint',
  'MultiLineString',
  'MultiPolygon',
  'GeometryCollection',
  'CircularString',
  'CompoundCurve',
  'CurvePolygon',
  'MultiCurve',
  'MultiSurface',
  'PolyhedralSurface',
  'Triangle',
  'Tin',
];

/** PostGIS's typmod name: the type, Z for a third dimension (M when the type names it), ZM for a fourth. */
function typmodType(type: string, dims: 2 | 3 | 4): string | undefined {
  const upper = type.toUpperCase();
  const measured = upper.endsWith('M');
  const base = measured ? upper.slice(0, -1) : upper;
  const shape = SHAPES.find((s) => s.toUpperCase() === base);
  if (shape === undefined) return undefined;
  if (measured) return dims === 3 ? `${shape}M` : undefined;
  return dims === 2 ? shape : dims === 3 ? `${shape}Z` : `${shape}ZM`;
}

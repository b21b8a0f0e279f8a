/**
 * PostGIS' st_x, st_y, st_z and st_m take only points (`Argument to ST_Y() must have type POINT`). A
 * materialized view whose query, or a view it reads, calls one on a table's unconstrained `geometry` column
 * evaluates it on every row at its refresh, run after the data: such a column is read as `geometry(Point)`,
 * so its values are points (OpenAQ's locations_view_cached reads `st_y(l.geom)` of sensor_nodes through
 * locations_view; before, a polygon made the refresh fail). A plain view is not evaluated at load: what it
 * reads counts only where a materialized view reads the view.
 */
import type { Node, RangeVar } from 'libpg-query';
import type { QualifiedName } from '../../schema/model.js';
import { nameKey } from '../../schema/names.js';
import { stringsOf } from './ast.js';
import { walkAst } from './ast-walk.js';
import type { DdlContext } from './ddl-context.js';

const POINT_ONLY: ReadonlySet<string> = new Set(['st_x', 'st_y', 'st_z', 'st_m']);

/** A column a query passes to a point-only function: its relation's key and its name. */
interface PointRead {
  readonly relation: string;
  readonly column: string;
}

/** Per DDL: the point reads of each view (by key), its own and those of the views it reads. */
const viewReads = new WeakMap<DdlContext, Map<string, readonly PointRead[]>>();
/** Per DDL: the point reads of its materialized views, read as typmods once the tables are complete. */
const refreshReads = new WeakMap<DdlContext, PointRead[]>();

/** The column a point-only call reads (`st_y(l.geom)`, `st_x(geom::geometry)`): its name's parts. */
function pointArgument(node: Record<string, unknown>): string[] | undefined {
  const call = node.FuncCall as { funcname?: Node[]; args?: Record<string, unknown>[] } | undefined;
  const fn = stringsOf(call?.funcname).at(-1)?.toLowerCase();
  if (fn === undefined || !POINT_ONLY.has(fn) || call?.args?.length !== 1) return undefined;
  const cast = call.args[0]?.TypeCast as { arg?: Record<string, unknown> } | undefined;
  const ref = (cast?.arg ?? call.args[0])?.ColumnRef as { fields?: Node[] } | undefined;
  const parts = stringsOf(ref?.fields);
  return parts.length === 1 || parts.length === 2 ? parts : undefined;
}

/** The point reads of a query: each call's column in the relation its qualifier names (any it reads, bare). */
function pointReadsOf(ctx: DdlContext, query: unknown): PointRead[] {
  const relations = new Map<string, string>();
  const calls: string[][] = [];
  walkAst(query, (_key, node) => {
    const rv = node.RangeVar as RangeVar | undefined;
    if (rv?.relname !== undefined)
      relations.set(rv.alias?.aliasname ?? rv.relname, nameKey(ctx.resolveRelation(rv)));
    const parts = pointArgument(node);
    if (parts !== undefined) calls.push(parts);
  });
  const known = viewReads.get(ctx);
  const reads = [...relations.values()].flatMap((key) => known?.get(key) ?? []);
  for (const parts of calls) {
    const column = parts.at(-1) ?? '';
    const named = parts.length === 2 ? relations.get(parts[0] ?? '') : undefined;
    const over = parts.length === 2 ? (named === undefined ? [] : [named]) : [...relations.values()];
    for (const relation of over) reads.push({ relation, column });
  }
  return reads;
}

/** Notes what a view's query passes to point-only functions, and what a materialized view's refresh does. */
export function notePointReads(
  ctx: DdlContext,
  view: QualifiedName,
  query: unknown,
  materialized: boolean,
): void {
  const reads = pointReadsOf(ctx, query);
  const known = viewReads.get(ctx) ?? new Map<string, readonly PointRead[]>();
  viewReads.set(ctx, known.set(nameKey(view), reads));
  if (materialized) refreshReads.set(ctx, [...(refreshReads.get(ctx) ?? []), ...reads]);
}

/** A typmod's shape where it names none (`geometryz`, as PostGIS CHECKs read leave it): the dimensions' suffix. */
const NO_SHAPE = /^geometry(z|m|zm)?$/;

/**
 * Each table column a materialized view's refresh passes to a point-only function, where it is a
 * `geometry` of no shape (its PostGIS CHECKs read, postgis-checks.ts), read as holding points.
 */
export function pointReadsAsTypmods(ctx: DdlContext): void {
  for (const { relation, column: name } of refreshReads.get(ctx) ?? []) {
    const column = ctx.builder.tables.get(relation)?.columns.find((c) => c.name === name);
    const type = column?.type;
    if (type?.name !== 'geometry' || type.arrayDims !== 0 || type.typmods.length > 0) continue;
    const [shape = 'geometry', ...rest] = type.typmodNames ?? [];
    const bare = NO_SHAPE.exec(shape.toLowerCase());
    if (bare !== null && column !== undefined)
      column.type = { ...type, typmodNames: [`point${bare[1] ?? ''}`, ...rest] };
  }
}

/**
 * PostGIS 1.x constraints on an unconstrained `geometry` column, as
 * AddGeometryColumn wrote them and old dumps and the tiger geocoder keep them:
 * `CHECK (st_ndims(g) = 2)`, `CHECK (st_srid(g) = 4269)`,
 * `CHECK (geometrytype(g) = 'MULTIPOLYGON'::text OR g IS NULL)`. Each says
 * what a typmod says (`geometry(MultiPolygon, 4269)`): read as the column's
 * typmod, the values are made to it and meet the CHECKs by construction, so
 * the CHECKs leave the model's (they stay in the DDL written). Without this
 * the CHECKs could not be read and their tables got no rows.
 *
 * The same CHECKs on a column whose typmod already says what they say
 * (`CHECK (st_srid(geom) = 4326)` on a `geometry(Point, 4326)`, a geography's
 * SRID 4326 without one) are met by construction and leave the model too.
 *
 * Likewise the CHECKs PostGIS applications write on any geometry or geography
 * column that its values meet by construction (values/types/postgis.ts: rings
 * star-shaped around their centre, closed, members apart): `st_isvalid(g)`,
 * and `st_area(g) > 0` where the column holds polygons (`geometry(Polygon)`,
 * `MultiPolygon`), each also with `OR g IS NULL`.
 */
import type { CheckConstraint } from '../../schema/model.js';
import { sridBox } from '../../schema/postgis-boxes.js';
import { stringsOf } from './ast.js';
import type { ColumnDraft, TableDraft } from './schema-builder.js';

interface Facts {
  dims?: number;
  srid?: number;
  shape?: string;
}

type Ast = Record<string, unknown>;

const DIMS = new Set(['st_ndims', 'ndims']);
const SRID = new Set(['st_srid', 'srid']);
const TYPE = new Set(['geometrytype', 'st_geometrytype']);
const SHAPES = /^(point|linestring|polygon|multipoint|multilinestring|multipolygon|geometrycollection)(m?)$/;

/** `f(column)` (or `f(column::geometry)`) of a PostGIS function (any schema): [function, column]. */
function postgisCall(node: unknown): [string, string] | undefined {
  const call = (node as Ast | undefined)?.FuncCall as { funcname?: never; args?: Ast[] } | undefined;
  // The column itself, or cast between geography and geometry (same coordinates and SRID): `st_x(loc::geometry)`.
  const cast = call?.args?.[0]?.TypeCast as { arg?: Ast; typeName?: { names?: never } } | undefined;
  const castTo = stringsOf(cast?.typeName?.names).at(-1);
  const operand = castTo === 'geometry' || castTo === 'geography' ? cast?.arg : call?.args?.[0];
  const arg = call?.args?.length === 1 ? (operand?.ColumnRef as { fields?: never } | undefined) : undefined;
  if (call === undefined || arg === undefined) return undefined;
  const fn = stringsOf(call.funcname).at(-1)?.toLowerCase() ?? '';
  const column = stringsOf(arg.fields);
  return column.length === 1 ? [fn, column[0] ?? ''] : undefined;
}

/** Whether a node is the constant 0. */
function zero(node: unknown): boolean {
  return constant(node) === 0;
}

/** A typmod's shape names a polygon type (`polygon`, `multipolygonz`, ...). */
const POLYGONAL = /^(multi)?polygon(z|m|zm)?$/;
/** A geometry typmod's curved polygonal shape (values/types/postgis-curves.ts: circles, never of zero area). */
const CURVED_POLYGONAL = /^(curvepolygon|multisurface)(z|m|zm)?$/;

/** A column's declared PostGIS shape (`multipolygonz`), lower case; '' without a typmod. */
function declaredShape(column: ColumnDraft): string {
  return column.type.typmodNames?.[0]?.toLowerCase() ?? '';
}

/**
 * The column a CHECK met by construction names: `st_isvalid(g)`, or `st_area(g) > 0` (also `>= 0`,
 * `0 < st_area(g)`) where `polygonal(g)` (`OR g IS NULL` around it: metByConstruction).
 */
function constructedCheck(ast: unknown, polygonal: (column: string) => boolean): string | undefined {
  const call = postgisCall(ast);
  if (call !== undefined && call[0] === 'st_isvalid') return call[1];
  const op = (ast as Ast).A_Expr as
    | { kind?: string; name?: never; lexpr?: unknown; rexpr?: unknown }
    | undefined;
  if (op?.kind !== 'AEXPR_OP') return undefined;
  const name = stringsOf(op.name).join();
  const left = postgisCall(op.lexpr);
  const right = postgisCall(op.rexpr);
  if (left?.[0] === 'st_area' && (name === '>' || name === '>=') && zero(op.rexpr) && polygonal(left[1]))
    return left[1];
  if (right?.[0] === 'st_area' && (name === '<' || name === '<=') && zero(op.lexpr) && polygonal(right[1]))
    return right[1];
  return undefined;
}

/** Whether a column is a PostGIS geometry or geography (not an array, not a domain over one). */
function postgisColumn(column: ColumnDraft | undefined): column is ColumnDraft {
  const type = column?.type;
  return (
    type !== undefined && (type.name === 'geometry' || type.name === 'geography') && type.arrayDims === 0
  );
}

/** A constant integer or (text-cast) string. */
function constant(node: unknown): number | string | undefined {
  const cast = (node as Ast | undefined)?.TypeCast as { arg?: unknown } | undefined;
  const c = ((cast?.arg ?? node) as Ast | undefined)?.A_Const as
    | { ival?: { ival?: number }; sval?: { sval?: string } }
    | undefined;
  if (c?.sval !== undefined) return c.sval.sval ?? '';
  if (c !== undefined && 'ival' in c) return c.ival?.ival ?? 0;
  return undefined;
}

/** The column and fact a CHECK states, or undefined when it is not one of the three shapes. */
function readCheck(ast: unknown): { column: string; facts: Facts } | undefined {
  let node = ast as Ast;
  let nullAllowed: string | undefined;
  const bool = node.BoolExpr as { boolop?: string; args?: Ast[] } | undefined;
  if (bool !== undefined) {
    // `geometrytype(g) = 'X'::text OR g IS NULL`
    const [left, right] = bool.args ?? [];
    const test = right?.NullTest as { arg?: Ast; nulltesttype?: string } | undefined;
    if (bool.boolop !== 'OR_EXPR' || bool.args?.length !== 2 || test?.nulltesttype !== 'IS_NULL')
      return undefined;
    nullAllowed = stringsOf((test.arg?.ColumnRef as { fields?: never } | undefined)?.fields).join('.');
    node = left as Ast;
  }
  const op = node.A_Expr as { kind?: string; name?: never; lexpr?: unknown; rexpr?: unknown } | undefined;
  if (op?.kind !== 'AEXPR_OP' || stringsOf(op.name).join() !== '=') return undefined;
  const call = postgisCall(op.lexpr);
  const value = constant(op.rexpr);
  if (call === undefined || value === undefined) return undefined;
  const [fn, column] = call;
  if (nullAllowed !== undefined && nullAllowed !== column) return undefined;
  if (DIMS.has(fn) && typeof value === 'number' && value >= 2 && value <= 4)
    return { column, facts: { dims: value } };
  if (SRID.has(fn) && typeof value === 'number' && value >= 0) return { column, facts: { srid: value } };
  const shape = typeof value === 'string' ? value.toLowerCase().replace(/^st_/, '') : '';
  if (TYPE.has(fn) && SHAPES.test(shape)) return { column, facts: { shape } };
  return undefined;
}

/** The typmod names the facts make (`['multipolygonz', '4269']`), or undefined when they disagree. */
function typmodOf(facts: Facts): string[] | undefined {
  const [, base = 'geometry', mFlag = ''] = SHAPES.exec(facts.shape ?? '') ?? [];
  const m = mFlag === 'm';
  const dims = facts.dims ?? (m ? 3 : 2);
  if (m && dims === 2) return undefined;
  const suffix = dims === 4 ? 'zm' : dims === 3 ? (m ? 'm' : 'z') : '';
  return [`${base}${suffix}`, ...(facts.srid === undefined ? [] : [String(facts.srid)])];
}

function unconstrainedGeometry(column: ColumnDraft | undefined): column is ColumnDraft {
  const type = column?.type;
  return (
    type !== undefined &&
    type.name === 'geometry' &&
    type.arrayDims === 0 &&
    type.typmods.length === 0 &&
    type.typmodNames === undefined
  );
}

/** The facts a PostGIS column's typmod states (`geometry(PointZ, 4326)`; geography's SRID is 4326 without one). */
function typmodFacts(column: ColumnDraft): Required<Facts> | undefined {
  const [shapeName, sridText] = column.type.typmodNames ?? [];
  const typmod = /^([a-z]+?)(z|m|zm)?$/.exec(shapeName?.toLowerCase() ?? '');
  if (typmod === null) return undefined;
  const [, base = '', suffix = ''] = typmod;
  const srid = sridText === undefined ? (column.type.name === 'geography' ? 4326 : 0) : Number(sridText);
  const dims = suffix === 'zm' ? 4 : suffix === '' ? 2 : 3;
  return { dims, srid, shape: `${base}${suffix === 'm' ? 'm' : ''}` };
}

/**
 * Whether a CHECK states only what the column's typmod says (`CHECK (st_srid(g) = 4326)` on a
 * `geometry(Point, 4326)`): its values, made to the typmod, meet it by construction.
 */
function typmodSays(column: ColumnDraft | undefined, facts: Facts): boolean {
  if (!postgisColumn(column) || column.type.typmodNames === undefined) return false;
  const says = typmodFacts(column);
  if (says === undefined || (facts.shape !== undefined && says.shape === 'geometry')) return false;
  return Object.entries(facts).every(([k, v]) => says[k as keyof Facts] === v);
}

/** Reads each table's PostGIS constraint CHECKs into its geometry columns' typmods, taking them out of the model. */
export function postgisChecksAsTypmods(tables: Iterable<TableDraft>): void {
  for (const table of tables) {
    const read = new Map<string, { facts: Facts; checks: CheckConstraint[] }>();
    for (const check of table.checks) {
      const found = readCheck(check.expr.ast);
      if (found === undefined) continue;
      if (!unconstrainedGeometry(table.columns.find((c) => c.name === found.column))) continue;
      const seen = read.get(found.column) ?? { facts: {}, checks: [] };
      const clash = Object.entries(found.facts).some(
        ([k, v]) => seen.facts[k as keyof Facts] !== undefined && seen.facts[k as keyof Facts] !== v,
      );
      if (clash) continue;
      read.set(found.column, { facts: { ...seen.facts, ...found.facts }, checks: [...seen.checks, check] });
    }
    for (const [name, { facts, checks }] of read) {
      const names = typmodOf(facts);
      const column = table.columns.find((c) => c.name === name);
      if (names === undefined || column === undefined) continue;
      column.type = { ...column.type, typmodNames: names };
      table.checks = table.checks.filter((c) => !checks.includes(c));
    }
    shapeListsAsTypmods(table);
    metChecksOut(table);
  }
}

/** A shape a geometry-type function returns, as a typmod's shape: `'ST_MultiPolygon'`, `'POLYGONM'` → `multipolygon`, `polygonm`. */
function shapeValue(node: unknown): string | undefined {
  const value = constant(node);
  const shape = typeof value === 'string' ? value.toLowerCase().replace(/^st_/, '') : '';
  return SHAPES.test(shape) ? shape : undefined;
}

/**
 * `geometrytype(g) IN ('POINT', 'MULTIPOINT')`, `st_geometrytype(g) = ANY (ARRAY['ST_Polygon', ...])` or an OR of
 * such equalities on one column: [column, shapes], or undefined when not one of those.
 */
function readShapeList(ast: unknown): [string, string[]] | undefined {
  const bool = (ast as Ast).BoolExpr as { boolop?: string; args?: Ast[] } | undefined;
  if (bool?.boolop === 'OR_EXPR') {
    const parts = (bool.args ?? []).map(readShapeList);
    const column = parts[0]?.[0];
    if (column === undefined || parts.some((p) => p?.[0] !== column)) return undefined;
    return [column, parts.flatMap((p) => p?.[1] ?? [])];
  }
  const op = (ast as Ast).A_Expr as
    | { kind?: string; name?: never; lexpr?: unknown; rexpr?: unknown }
    | undefined;
  const call = postgisCall(op?.lexpr);
  if (op === undefined || call === undefined || !TYPE.has(call[0]) || stringsOf(op.name).join() !== '=')
    return undefined;
  const array = ((op.rexpr as Ast | undefined)?.A_ArrayExpr as { elements?: unknown[] } | undefined)
    ?.elements;
  const inList = (op.rexpr as { List?: { items?: unknown[] } } | unknown[] | undefined) ?? [];
  const listed = Array.isArray(inList) ? inList : inList.List?.items;
  const items =
    op.kind === 'AEXPR_IN'
      ? listed
      : op.kind === 'AEXPR_OP_ANY'
        ? array
        : op.kind === 'AEXPR_OP'
          ? [op.rexpr]
          : undefined;
  const shapes = items?.map(shapeValue);
  if (shapes === undefined || shapes.length === 0 || shapes.some((x) => x === undefined)) return undefined;
  return [call[1], shapes as string[]];
}

/**
 * A geometry column of any shape (`geometry`, `geometry(Geometry, 4326)`) whose CHECK lists the shapes it takes
 * gets the first one as its typmod's (SRID and dimensions kept), so its values, made to it, meet the CHECK.
 */
function shapeListsAsTypmods(table: TableDraft): void {
  for (const check of table.checks) {
    const [name, shapes] = readShapeList(check.expr.ast) ?? [];
    const column = table.columns.find((c) => c.name === name);
    if (shapes === undefined || column?.type.name !== 'geometry' || column.type.arrayDims !== 0) continue;
    const says = column.type.typmodNames === undefined ? undefined : typmodFacts(column);
    if (says !== undefined ? says.shape !== 'geometry' : column.type.typmods.length > 0) continue;
    const shape = shapes[0] ?? '';
    const dims = says?.dims ?? (shape.endsWith('m') ? 3 : 2);
    const names = typmodOf({ shape, dims, ...(says?.srid ? { srid: says.srid } : {}) });
    if (names !== undefined) column.type = { ...column.type, typmodNames: names };
  }
}

/**
 * Whether the generated values of a table's PostGIS columns meet a CHECK by construction: a constructed one
 * (`st_isvalid(g)`, a polygon's `st_area(g) > 0`), one restating the typmod (`st_srid(g) = 4326`), the shape
 * list the typmod is in, `NOT st_isempty(g)` (no value is empty), a point's `st_x(g)`/`st_y(g)` kept in a range its
 * SRID's box lies in (`st_x(g) BETWEEN -180 AND 180`), an AND of those, any with `OR g IS NULL`. `version`: the
 * generator version whose values are judged (0: every version's); from 20 a strict bound at a point box's
 * edge, from 21 a curved polygon's (`CURVEPOLYGON`, `MULTISURFACE`: whole circles) `st_area(g) > 0` too.
 */
function metByConstruction(ast: unknown, table: TableDraft, version = 0): boolean {
  const edge = version >= 20;
  const column = (name: string) => table.columns.find((c) => c.name === name);
  const bool = (ast as Ast).BoolExpr as { boolop?: string; args?: Ast[] } | undefined;
  if (bool?.boolop === 'AND_EXPR')
    return (bool.args ?? []).every((a) => metByConstruction(a, table, version));
  if (bool?.boolop === 'NOT_EXPR') {
    const call = postgisCall(bool.args?.[0]);
    return call?.[0] === 'st_isempty' && postgisColumn(column(call[1]));
  }
  if (bool?.boolop === 'OR_EXPR' && bool.args?.length === 2) {
    const test = (n: Ast | undefined) => n?.NullTest as { arg?: Ast; nulltesttype?: string } | undefined;
    const at = bool.args.findIndex((a) => test(a)?.nulltesttype === 'IS_NULL');
    if (at !== -1 && metByConstruction(bool.args[1 - at], table, version)) return true;
  }
  const polygonal = (name: string) => {
    const c = column(name);
    return (
      postgisColumn(c) &&
      (POLYGONAL.test(declaredShape(c)) || (version >= 21 && CURVED_POLYGONAL.test(declaredShape(c))))
    );
  };
  const constructed = constructedCheck(ast, polygonal);
  if (constructed !== undefined) return postgisColumn(column(constructed));
  const found = readCheck(ast);
  if (found !== undefined) return typmodSays(column(found.column), found.facts);
  if (coordinateRangeMet(ast, table, edge)) return true;
  const [name, shapes] = readShapeList(ast) ?? [];
  const c = name === undefined ? undefined : column(name);
  if (shapes === undefined || !postgisColumn(c) || c.type.typmodNames === undefined) return false;
  const shape = typmodFacts(c)?.shape;
  return shape !== undefined && shape !== 'geometry' && shapes.includes(shape);
}

/** A numeric constant (`-180`, `90.5`, `0`, cast or not), or undefined. */
function numberConstant(node: unknown): number | undefined {
  const cast = (node as Ast | undefined)?.TypeCast as { arg?: unknown } | undefined;
  const c = ((cast?.arg ?? node) as Ast | undefined)?.A_Const as
    | { ival?: { ival?: number }; fval?: { fval?: string } }
    | undefined;
  if (c?.fval?.fval !== undefined) return Number(c.fval.fval);
  if (c !== undefined && 'ival' in c) return c.ival?.ival ?? 0;
  return undefined;
}

/** The range an `st_x(g)`/`st_y(g)` comparison allows: [column, axis, lowest, highest, strict at each end]. */
function coordinateRange(ast: unknown): [string, 'x' | 'y', number, number, boolean, boolean] | undefined {
  const op = (ast as Ast).A_Expr as
    | { kind?: string; name?: never; lexpr?: unknown; rexpr?: unknown }
    | undefined;
  if (op === undefined) return undefined;
  const axisOf = (node: unknown) => {
    const call = postgisCall(node);
    return call?.[0] === 'st_x' || call?.[0] === 'st_y'
      ? ([call[1], call[0] === 'st_x' ? 'x' : 'y'] as const)
      : undefined;
  };
  if (op.kind === 'AEXPR_BETWEEN') {
    const on = axisOf(op.lexpr);
    const list = op.rexpr as { List?: { items?: unknown[] } } | unknown[] | undefined;
    const [lo, hi] = (Array.isArray(list) ? list : (list?.List?.items ?? [])).map(numberConstant);
    return on && lo !== undefined && hi !== undefined ? [on[0], on[1], lo, hi, false, false] : undefined;
  }
  if (op.kind !== 'AEXPR_OP') return undefined;
  const name = stringsOf(op.name).join();
  const flipped: Record<string, string> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' };
  const left = axisOf(op.lexpr);
  const on = left ?? axisOf(op.rexpr);
  const bound = numberConstant(left ? op.rexpr : op.lexpr);
  const relation = left ? name : flipped[name];
  if (on === undefined || bound === undefined || relation === undefined) return undefined;
  if (relation === '>' || relation === '>=')
    return [on[0], on[1], bound, Number.POSITIVE_INFINITY, relation === '>', false];
  if (relation === '<' || relation === '<=')
    return [on[0], on[1], Number.NEGATIVE_INFINITY, bound, false, relation === '<'];
  return undefined;
}

/**
 * Whether a point column's coordinates, made inside its SRID's box, meet an `st_x`/`st_y` range CHECK. `edge`:
 * a strict bound at the box's edge too (`st_x(g) > -180`), as no point is made on the edge (the frames'
 * margins, values/types/postgis-frames.ts).
 */
function coordinateRangeMet(ast: unknown, table: TableDraft, edge: boolean): boolean {
  const [name, axis, lo, hi, strictLo, strictHi] = coordinateRange(ast) ?? [];
  const column = table.columns.find((c) => c.name === name);
  if (axis === undefined || !postgisColumn(column) || column.type.typmodNames === undefined) return false;
  const says = typmodFacts(column);
  if (says?.shape !== 'point' && says?.shape !== 'pointm') return false;
  const { box } = sridBox(says.srid, column.type.name === 'geography');
  const [min, max] = axis === 'x' ? [box[0], box[2]] : [box[1], box[3]];
  return (
    (strictLo && !edge ? (lo as number) < min : (lo as number) <= min) &&
    (strictHi && !edge ? max < (hi as number) : max <= (hi as number))
  );
}

/** Takes the CHECKs the generated values meet by construction out of the table's model (they stay in the DDL). */
function metChecksOut(table: TableDraft): void {
  table.checks = table.checks
    .filter((check) => !metByConstruction(check.expr.ast, table))
    .map((check) => {
      const from = [20, 21].find((version) => metByConstruction(check.expr.ast, table, version));
      return from === undefined ? check : { ...check, metFrom: from };
    });
}

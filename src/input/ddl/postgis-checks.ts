/**
 * PostGIS 1.x constraints on an unconstrained `geometry` column, as
 * AddGeometryColumn wrote them and old dumps and the tiger geocoder keep them:
 * `CHECK (st_ndims(g) = 2)`, `CHECK (st_srid(g) = 4269)`,
 * `CHECK (geometrytype(g) = 'MULTIPOLYGON'::text OR g IS NULL)`. Each says
 * what a typmod says (`geometry(MultiPolygon, 4269)`): read as the column's
 * typmod, the values are made to it and meet the CHECKs by construction, so
 * the CHECKs leave the model's (they stay in the DDL written). Without this
 * the CHECKs could not be read and their tables got no rows.
 */
import type { CheckConstraint } from '../../schema/model.js';
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

/** `f(column)` of a PostGIS function (any schema): [function, column]. */
function postgisCall(node: unknown): [string, string] | undefined {
  const call = (node as Ast | undefined)?.FuncCall as { funcname?: never; args?: Ast[] } | undefined;
  const arg =
    call?.args?.length === 1 ? (call.args[0]?.ColumnRef as { fields?: never } | undefined) : undefined;
  if (call === undefined || arg === undefined) return undefined;
  const fn = stringsOf(call.funcname).at(-1)?.toLowerCase() ?? '';
  const column = stringsOf(arg.fields);
  return column.length === 1 ? [fn, column[0] ?? ''] : undefined;
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
  }
}

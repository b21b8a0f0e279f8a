/**
 * pg_dump's order for the objects before the data: sorted by kind (types,
 * functions, aggregates, then tables, sequences and views together), schema
 * and name, then made to respect every dependency the way pg_dump's
 * TopoSort does (the object needed is moved just before the first that
 * needs it). The model's table order, and so the output's, is pg_dump's.
 */
import { type CatalogContext, type CatalogStatement, catalogRows } from './catalog-query.js';
import {
  callsFunctionOf,
  LOOPING_CHECK,
  LOOPING_DEFAULT,
  LOOPING_DOMAIN_CHECK,
  viewReads,
} from './dependency-loops.js';

/** The class (`l`) an operator or function (`catalog`, its family column `family`) of d.objid is part of, else its family (`f`). */
const familyMember = (catalog: string, family: string) =>
  `(SELECT coalesce((SELECT 'l' || md.refobjid FROM pg_catalog.pg_depend md
      WHERE md.classid = d.classid AND md.objid = d.objid AND md.refclassid = 'pg_catalog.pg_opclass'::pg_catalog.regclass),
    'f' || m.${family}) FROM pg_catalog.${catalog} m WHERE m.oid = d.objid)`;

/** pg_dump's sort priorities of the kinds written here (pg_dump_sort.c). */
export const PRIORITY = {
  type: 6,
  cast: 7,
  function: 8,
  aggregate: 9,
  operator: 11,
  operatorFamily: 12,
  textSearchDictionary: 15,
  textSearchConfiguration: 16,
  table: 20,
} as const;

/**
 * An object to order: its key ('c' + pg_class oid, 't' + pg_type oid, 'p' + pg_proc oid, 'o' + pg_operator oid,
 * 'k' + pg_cast oid, 'f' + pg_opfamily oid, 'l' + pg_opclass oid), kind, schema and name.
 */
export interface OrderedObject extends CatalogStatement {
  readonly key: string;
  readonly priority: number;
  readonly schema: string;
  readonly name: string;
}

/** Statements (with their schema and name) as objects to order, under a key prefix and a priority. */
export function orderedObjects(
  statements: readonly CatalogStatement[],
  prefix: string,
  priority: number,
): OrderedObject[] {
  return statements.map((s) => ({
    ...s,
    key: `${prefix}${s.oid}`,
    priority,
    schema: s.schema ?? '',
    name: s.name ?? '',
  }));
}

/** Byte order of UTF-8 text, as pg_dump's strcmp. */
const bytes = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/**
 * Which object needs which: normal dependencies (a column's type or
 * default's sequence, a view's tables, a function's argument types, a
 * domain's base type, an inheriting table's parent), each side mapped to the
 * object that is written (an attribute default (not one written apart,
 * tables.ts SEPARATE_DEFAULT), a constraint or a view's
 * `_RETURN` rule to its relation (a table's other rules are written apart,
 * after the tables: they tie nothing); a table's row type to the table; an array to its
 * element type; a CHECK to its table or domain, but keys and foreign keys
 * come after the tables); an owned or identity sequence needs its table.
 * A piece written apart to break a loop (dependency-loops.ts) ties nothing,
 * nor does a view's read of a view that reads it back (both made first with
 * NULL columns).
 */
async function dependencies(context: CatalogContext): Promise<[string, string][]> {
  const rows = await catalogRows(
    context,
    `WITH m AS (
       SELECT CASE d.classid
           WHEN 'pg_catalog.pg_class'::pg_catalog.regclass THEN
             (SELECT CASE WHEN r.relkind = 'c' THEN 't' || r.reltype ELSE 'c' || r.oid END FROM pg_catalog.pg_class r WHERE r.oid = d.objid)
           WHEN 'pg_catalog.pg_attrdef'::pg_catalog.regclass THEN (SELECT 'c' || ad.adrelid FROM pg_catalog.pg_attrdef ad
              WHERE ad.oid = d.objid AND NOT ${LOOPING_DEFAULT} AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend od
                WHERE od.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND od.objid = d.refobjid AND od.deptype = 'a'
                  AND od.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND od.refobjid = ad.adrelid))
           WHEN 'pg_catalog.pg_constraint'::pg_catalog.regclass THEN
             (SELECT CASE WHEN k.conrelid <> 0 THEN 'c' || k.conrelid ELSE 't' || k.contypid END FROM pg_catalog.pg_constraint k
              WHERE k.oid = d.objid AND k.contype = 'c' AND NOT ${LOOPING_CHECK} AND NOT ${LOOPING_DOMAIN_CHECK})
           WHEN 'pg_catalog.pg_rewrite'::pg_catalog.regclass THEN (SELECT 'c' || w.ev_class FROM pg_catalog.pg_rewrite w
              WHERE w.oid = d.objid AND w.rulename = '_RETURN'
                AND NOT ${callsFunctionOf('pg_rewrite', 'w.oid', '(SELECT wc.reltype FROM pg_catalog.pg_class wc WHERE wc.oid = w.ev_class)')}
                AND NOT (d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND ${viewReads('d.refobjid', 'w.ev_class')}))
           WHEN 'pg_catalog.pg_type'::pg_catalog.regclass THEN 't' || d.objid
           WHEN 'pg_catalog.pg_proc'::pg_catalog.regclass THEN 'p' || d.objid
           WHEN 'pg_catalog.pg_cast'::pg_catalog.regclass THEN 'k' || d.objid
           WHEN 'pg_catalog.pg_opclass'::pg_catalog.regclass THEN 'l' || d.objid
           WHEN 'pg_catalog.pg_opfamily'::pg_catalog.regclass THEN 'f' || d.objid
           -- An operator or function of a class is written in the class, one added to a family alone in the family.
           WHEN 'pg_catalog.pg_amop'::pg_catalog.regclass THEN ${familyMember('pg_amop', 'amopfamily')}
           WHEN 'pg_catalog.pg_amproc'::pg_catalog.regclass THEN ${familyMember('pg_amproc', 'amprocfamily')} END AS object,
         CASE d.refclassid
           WHEN 'pg_catalog.pg_class'::pg_catalog.regclass THEN
             (SELECT CASE WHEN r.relkind = 'c' THEN 't' || r.reltype ELSE 'c' || r.oid END FROM pg_catalog.pg_class r WHERE r.oid = d.refobjid)
           WHEN 'pg_catalog.pg_type'::pg_catalog.regclass THEN
             (SELECT CASE WHEN r.relkind IS NOT NULL AND r.relkind <> 'c' THEN 'c' || r.oid ELSE 't' || t.oid END
              FROM pg_catalog.pg_type t0 LEFT JOIN pg_catalog.pg_type e ON e.typarray = t0.oid
                JOIN pg_catalog.pg_type t ON t.oid = coalesce(e.oid, t0.oid)
                LEFT JOIN pg_catalog.pg_class r ON r.oid = t.typrelid
              WHERE t0.oid = d.refobjid)
           WHEN 'pg_catalog.pg_proc'::pg_catalog.regclass THEN 'p' || d.refobjid
           WHEN 'pg_catalog.pg_operator'::pg_catalog.regclass THEN 'o' || d.refobjid
           WHEN 'pg_catalog.pg_opfamily'::pg_catalog.regclass THEN 'f' || d.refobjid END AS ref
       FROM pg_catalog.pg_depend d
       WHERE d.deptype = 'n' AND d.objid >= 16384 AND d.refobjid >= 16384
       UNION ALL
       SELECT 'c' || d.objid, 'c' || d.refobjid
       FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_class s ON s.oid = d.objid AND s.relkind = 'S'
       WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
         AND d.deptype IN ('a', 'i') AND d.refobjsubid > 0
       UNION ALL
       SELECT 'l' || oc.oid, 'f' || oc.opcfamily FROM pg_catalog.pg_opclass oc WHERE oc.oid >= 16384)
     SELECT DISTINCT object, ref FROM m WHERE object IS NOT NULL AND ref IS NOT NULL AND object <> ref`,
  );
  return rows.map((r) => [String(r.object), String(r.ref)]);
}

/** The objects in pg_dump's order: by kind, schema and name, then every dependency before what needs it. */
export async function dumpOrder(
  context: CatalogContext,
  objects: readonly OrderedObject[],
): Promise<OrderedObject[]> {
  const sorted = [...objects].sort(
    (a, b) => a.priority - b.priority || bytes(a.schema, b.schema) || bytes(a.name, b.name) || a.oid - b.oid,
  );
  const index = new Map(sorted.map((o, i) => [o.key, i]));
  const needs = sorted.map(() => [] as number[]);
  const neededBy = sorted.map(() => 0);
  for (const [object, ref] of await dependencies(context)) {
    const i = index.get(object);
    const j = index.get(ref);
    if (i === undefined || j === undefined || i === j) continue;
    needs[i]?.push(j);
    neededBy[j] = (neededBy[j] ?? 0) + 1;
  }
  return topoSort(sorted, needs, neededBy);
}

/**
 * pg_dump's TopoSort: filled from the end, each place taking the latest
 * object (in the sorted order) that nothing left needs. A cycle (which
 * pg_dump breaks by splitting objects) leaves its objects in sorted order.
 */
function topoSort(sorted: readonly OrderedObject[], needs: number[][], neededBy: number[]): OrderedObject[] {
  const ready = new Set<number>();
  neededBy.forEach((n, i) => {
    if (n === 0) ready.add(i);
  });
  const out: OrderedObject[] = [];
  const placed = new Set<number>();
  while (ready.size > 0) {
    const last = Math.max(...ready);
    ready.delete(last);
    placed.add(last);
    out.push(sorted[last] as OrderedObject);
    for (const j of needs[last] ?? []) {
      neededBy[j] = (neededBy[j] ?? 0) - 1;
      if (neededBy[j] === 0) ready.add(j);
    }
  }
  const left = sorted.filter((_, i) => !placed.has(i));
  return [...left, ...out.reverse()];
}

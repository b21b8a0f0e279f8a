/**
 * pg_dump's cycle-breaking (pg_dump_sort.c's repairDependencyLoop) for the
 * loops a schema can have through a function that takes or returns a
 * relation's row type or a domain: the piece that calls the function is
 * written apart, after the function, as pg_dump writes it.
 *
 * - a table's CHECK calling it: added after the tables (ALTER TABLE ADD
 *   CONSTRAINT, post-data);
 * - a column's default calling it: ALTER TABLE ONLY ... SET DEFAULT after
 *   the tables (tables.ts SEPARATE_DEFAULT);
 * - a domain's CHECK calling it: ALTER DOMAIN ... ADD CONSTRAINT after the
 *   objects before the data;
 * - a view whose query calls it: made first with NULL columns of its types,
 *   its query set after the tables' keys and indexes (CREATE OR REPLACE VIEW).
 *
 * A view that reads itself, directly or through other views (made by CREATE
 * then CREATE OR REPLACE VIEW: PostgREST's `infinite_recursion`), is written
 * the same way, each view of the loop (pg_dump 15 breaks a loop of two views
 * so, but writes a view reading itself as it is, which fails to load).
 *
 * Each test is an SQL condition on the catalog (one function between the
 * two: a longer loop is left in the order the kinds give).
 */

/** A function (oid expression) whose arguments or result use type `type` (an oid expression) or its array. */
const usesType = (proc: string, type: string) => `EXISTS (SELECT 1 FROM pg_catalog.pg_depend fd
  WHERE fd.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND fd.objid = ${proc}
    AND fd.refclassid = 'pg_catalog.pg_type'::pg_catalog.regclass
    AND (fd.refobjid = ${type} OR fd.refobjid = (SELECT ft.typarray FROM pg_catalog.pg_type ft WHERE ft.oid = ${type})))`;

/** The object (`catalog`, oid expression) calls a function that uses type `type`: it closes a loop. */
export const callsFunctionOf = (
  catalog: string,
  oid: string,
  type: string,
) => `EXISTS (SELECT 1 FROM pg_catalog.pg_depend ld
  WHERE ld.classid = 'pg_catalog.${catalog}'::pg_catalog.regclass AND ld.objid = ${oid}
    AND ld.refclassid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND ${usesType('ld.refobjid', type)})`;

/** A table's CHECK (alias k) written apart: it calls a function of its table's row type. */
export const LOOPING_CHECK = callsFunctionOf(
  'pg_constraint',
  'k.oid',
  '(SELECT kc.reltype FROM pg_catalog.pg_class kc WHERE kc.oid = k.conrelid)',
);

/** A domain's CHECK (alias k) written apart: it calls a function of the domain. */
export const LOOPING_DOMAIN_CHECK = callsFunctionOf('pg_constraint', 'k.oid', 'k.contypid');

/** A default (alias ad) written apart: it calls a function of its table's row type. */
export const LOOPING_DEFAULT = callsFunctionOf(
  'pg_attrdef',
  'ad.oid',
  '(SELECT dc.reltype FROM pg_catalog.pg_class dc WHERE dc.oid = ad.adrelid)',
);

/**
 * A view's read of a view (vw: its `_RETURN` rule, vd: the rule's normal
 * dependency, vc: the view read). A rule's dependency on its own view's whole
 * row is left out (PostgreSQL 15 and older record one for every view: OLD, NEW).
 */
const VIEW_READ = `(pg_catalog.pg_rewrite vw
  JOIN pg_catalog.pg_depend vd ON vd.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass AND vd.objid = vw.oid
    AND vd.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND vd.deptype = 'n'
    AND (vd.refobjid <> vw.ev_class OR vd.refobjsubid > 0)
  JOIN pg_catalog.pg_class vc ON vc.oid = vd.refobjid AND vc.relkind = 'v')`;

/** View `view` (an oid expression) reads view `target` (another), directly or through other views. */
export const viewReads = (view: string, target: string) => `EXISTS (WITH RECURSIVE read_views(oid) AS (
    SELECT vd.refobjid FROM ${VIEW_READ} WHERE vw.ev_class = ${view} AND vw.rulename = '_RETURN'
  UNION
    SELECT vd.refobjid FROM read_views rv JOIN ${VIEW_READ} ON vw.ev_class = rv.oid AND vw.rulename = '_RETURN')
  SELECT 1 FROM read_views WHERE read_views.oid = ${target})`;

/**
 * A view (alias c) made first with NULL columns: its query calls a function
 * of its row type, or it reads itself (through other views too).
 */
export const LOOPING_VIEW = `(EXISTS (SELECT 1 FROM pg_catalog.pg_rewrite vr
  WHERE vr.ev_class = c.oid AND vr.rulename = '_RETURN' AND ${callsFunctionOf('pg_rewrite', 'vr.oid', 'c.reltype')})
  OR ${viewReads('c.oid', 'c.oid')})`;

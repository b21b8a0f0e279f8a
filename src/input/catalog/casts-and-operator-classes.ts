/**
 * User-defined casts, operator families and operator classes as pg_dump
 * writes them (dumpCast, dumpOpfamily, dumpOpclass): objects a column's
 * assignment (`CREATE CAST ... AS ASSIGNMENT`) or an index (`(n app.abs_ops)`)
 * relies on, so a script without them fails at that statement. Those an
 * extension makes are its own (CREATE EXTENSION makes them), as pg_dump
 * leaves them out.
 */

import { commentOn } from './annotations.js';
import {
  type CatalogContext,
  type CatalogStatement,
  catalogStatements,
  notInExtension,
  USER_NAMESPACE,
} from './catalog-query.js';

/** CREATE CAST (its function, WITH INOUT or WITHOUT FUNCTION; AS ASSIGNMENT / IMPLICIT) and its comment. */
export function castStatements(context: CatalogContext): Promise<CatalogStatement[]> {
  const signature = `pg_catalog.format('(%s AS %s)', pg_catalog.format_type(k.castsource, NULL),
    pg_catalog.format_type(k.casttarget, NULL))`;
  return catalogStatements(
    context,
    // Sorted as pg_dump names a cast: its types' bare names (`mood int4`).
    `SELECT k.oid, '' AS schema, (SELECT st.typname FROM pg_catalog.pg_type st WHERE st.oid = k.castsource) || ' '
          || (SELECT tt.typname FROM pg_catalog.pg_type tt WHERE tt.oid = k.casttarget) AS name,
        'CREATE CAST ' || ${signature} || CASE k.castmethod
          WHEN 'f' THEN ' WITH FUNCTION ' || k.castfunc::pg_catalog.regprocedure::text
          WHEN 'i' THEN ' WITH INOUT' ELSE ' WITHOUT FUNCTION' END
        || CASE k.castcontext WHEN 'a' THEN ' AS ASSIGNMENT' WHEN 'i' THEN ' AS IMPLICIT' ELSE '' END || ';'
        || ${commentOn('CAST', signature, 'pg_cast', 'k.oid')} AS sql
     FROM pg_catalog.pg_cast k
     WHERE k.oid >= 16384 AND ${notInExtension('pg_cast', 'k')}
       -- Not a range's cast to its multirange: CREATE TYPE ... AS RANGE makes it (an internal dependency).
       AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_cast'::pg_catalog.regclass
         AND d.objid = k.oid AND d.deptype = 'i')`,
  );
}

/**
 * The operators (`OPERATOR 1 app.<|(integer,integer)`, `FOR ORDER BY` a sort
 * family) and support functions (`FUNCTION 1 (integer, integer) app.f(...)`)
 * that belong to an object (`refclass`, oid `ref`): an operator class's, or
 * those added to a family itself. An SQL expression: the items joined as
 * pg_dump joins them, NULL when none.
 */
function members(refclass: string, ref: string): string {
  const dependsOn = (classid: string, oid: string) => `EXISTS (SELECT 1 FROM pg_catalog.pg_depend md
    WHERE md.classid = 'pg_catalog.${classid}'::pg_catalog.regclass AND md.objid = ${oid}
      AND md.refclassid = 'pg_catalog.${refclass}'::pg_catalog.regclass AND md.refobjid = ${ref})`;
  return `(SELECT pg_catalog.string_agg(m.item, E' ,\\n    ' ORDER BY m.o, m.n) FROM (
      SELECT 1 AS o, ao.amopstrategy AS n, 'OPERATOR ' || ao.amopstrategy || ' ' || ao.amopopr::pg_catalog.regoperator::text
          || CASE WHEN ao.amoppurpose = 'o' THEN (SELECT pg_catalog.format(' FOR ORDER BY %I.%I', sn.nspname, sf.opfname)
               FROM pg_catalog.pg_opfamily sf JOIN pg_catalog.pg_namespace sn ON sn.oid = sf.opfnamespace
               WHERE sf.oid = ao.amopsortfamily) ELSE '' END AS item
        FROM pg_catalog.pg_amop ao WHERE ${dependsOn('pg_amop', 'ao.oid')}
      UNION ALL
      SELECT 2, ap.amprocnum, pg_catalog.format('FUNCTION %s (%s, %s) %s', ap.amprocnum,
          pg_catalog.format_type(ap.amproclefttype, NULL), pg_catalog.format_type(ap.amprocrighttype, NULL),
          ap.amproc::pg_catalog.regprocedure::text)
        FROM pg_catalog.pg_amproc ap WHERE ${dependsOn('pg_amproc', 'ap.oid')}) m)`;
}

/** CREATE OPERATOR FAMILY, the operators and functions added to it apart from its classes, its owner and comment. */
export function operatorFamilyStatements(context: CatalogContext): Promise<CatalogStatement[]> {
  const name = `pg_catalog.format('%I.%I USING %I', n.nspname, f.opfname, am.amname)`;
  return catalogStatements(
    context,
    `SELECT f.oid, n.nspname AS schema, f.opfname AS name,
        'CREATE OPERATOR FAMILY ' || ${name} || ';'
        || coalesce(E'\\nALTER OPERATOR FAMILY ' || ${name} || E' ADD\\n    ' || ${members('pg_opfamily', 'f.oid')} || ';', '')
        || E'\\nALTER OPERATOR FAMILY ' || ${name} || ' OWNER TO ' || pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(f.opfowner)) || ';'
        || ${commentOn('OPERATOR FAMILY', name, 'pg_opfamily', 'f.oid')} AS sql
     FROM pg_catalog.pg_opfamily f JOIN pg_catalog.pg_namespace n ON n.oid = f.opfnamespace
       JOIN pg_catalog.pg_am am ON am.oid = f.opfmethod
     WHERE ${USER_NAMESPACE} AND ${notInExtension('pg_opfamily', 'f')}`,
  );
}

/** CREATE OPERATOR CLASS (DEFAULT, its type, family, STORAGE, operators and functions), its owner and comment. */
export function operatorClassStatements(context: CatalogContext): Promise<CatalogStatement[]> {
  const name = `pg_catalog.format('%I.%I USING %I', n.nspname, oc.opcname, am.amname)`;
  const storage = `CASE WHEN oc.opckeytype <> 0 THEN 'STORAGE ' || pg_catalog.format_type(oc.opckeytype, NULL) END`;
  return catalogStatements(
    context,
    `SELECT oc.oid, n.nspname AS schema, oc.opcname AS name,
        pg_catalog.format(E'CREATE OPERATOR CLASS %I.%I\\n    ', n.nspname, oc.opcname)
        || CASE WHEN oc.opcdefault THEN 'DEFAULT ' ELSE '' END
        || pg_catalog.format('FOR TYPE %s USING %I FAMILY %I.%I AS', pg_catalog.format_type(oc.opcintype, NULL), am.amname,
             fn.nspname, f.opfname)
        || E'\\n    ' || coalesce(NULLIF(pg_catalog.concat_ws(E' ,\\n    ', ${storage}, ${members('pg_opclass', 'oc.oid')}), ''),
             'STORAGE ' || pg_catalog.format_type(oc.opcintype, NULL)) || ';'
        || E'\\nALTER OPERATOR CLASS ' || ${name} || ' OWNER TO ' || pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(oc.opcowner)) || ';'
        || ${commentOn('OPERATOR CLASS', name, 'pg_opclass', 'oc.oid')} AS sql
     FROM pg_catalog.pg_opclass oc JOIN pg_catalog.pg_namespace n ON n.oid = oc.opcnamespace
       JOIN pg_catalog.pg_am am ON am.oid = oc.opcmethod
       JOIN pg_catalog.pg_opfamily f ON f.oid = oc.opcfamily JOIN pg_catalog.pg_namespace fn ON fn.oid = f.opfnamespace
     WHERE ${USER_NAMESPACE} AND ${notInExtension('pg_opclass', 'oc')}`,
  );
}

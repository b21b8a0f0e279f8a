/**
 * Functions, procedures, aggregates and views as DDL: the server's own
 * pg_get_functiondef and pg_get_viewdef text.
 */
import {
  type CatalogContext,
  type CatalogStatement,
  catalogStatements,
  notInExtension,
  USER_NAMESPACE,
} from './catalog-query.js';

// Not a range type's constructors (its multirange's too): CREATE TYPE ... AS RANGE makes them, the
// server records them as internal dependencies of the type, and pg_dump leaves them out.
const USER_ROUTINES = `pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
  WHERE ${USER_NAMESPACE} AND ${notInExtension('pg_proc', 'p')}
    AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass
      AND d.objid = p.oid AND d.deptype = 'i')`;

const routineOwner = (kind: string) =>
  `pg_catalog.format(E'\\nALTER ${kind} %I.%I(%s) OWNER TO %I;', n.nspname, p.proname,
     pg_catalog.pg_get_function_identity_arguments(p.oid), pg_catalog.pg_get_userbyid(p.proowner))`;

/** CREATE FUNCTION / PROCEDURE (pg_get_functiondef's text, as CREATE rather than CREATE OR REPLACE). */
export function functionStatements(context: CatalogContext): Promise<CatalogStatement[]> {
  return catalogStatements(
    context,
    `SELECT p.oid, n.nspname AS schema, p.proname AS name, pg_catalog.regexp_replace(pg_catalog.rtrim(pg_catalog.pg_get_functiondef(p.oid), E'\\n'),
          '^CREATE OR REPLACE ', 'CREATE ') || ';'
        || CASE WHEN p.prokind = 'p' THEN ${routineOwner('PROCEDURE')} ELSE ${routineOwner('FUNCTION')} END AS sql
     FROM ${USER_ROUTINES} AND p.prokind IN ('f', 'p', 'w')`,
  );
}

/** CREATE AGGREGATE from pg_aggregate (the plain and ordered-set options PostgreSQL stores). */
export function aggregateStatements(context: CatalogContext): Promise<CatalogStatement[]> {
  return catalogStatements(
    context,
    `SELECT p.oid, n.nspname AS schema, p.proname AS name, pg_catalog.format('CREATE AGGREGATE %I.%I(%s) (', n.nspname, p.proname,
          pg_catalog.pg_get_function_arguments(p.oid))
        || E'\\n    SFUNC = ' || a.aggtransfn::pg_catalog.regproc::text
        || E',\\n    STYPE = ' || pg_catalog.format_type(a.aggtranstype, NULL)
        || CASE WHEN a.aggtransspace <> 0 THEN E',\\n    SSPACE = ' || a.aggtransspace ELSE '' END
        || CASE WHEN a.aggfinalfn <> 0 THEN E',\\n    FINALFUNC = ' || a.aggfinalfn::pg_catalog.regproc::text ELSE '' END
        || CASE WHEN a.aggfinalextra THEN E',\\n    FINALFUNC_EXTRA' ELSE '' END
        || CASE WHEN a.aggcombinefn <> 0 THEN E',\\n    COMBINEFUNC = ' || a.aggcombinefn::pg_catalog.regproc::text ELSE '' END
        || CASE WHEN a.aggserialfn <> 0 THEN E',\\n    SERIALFUNC = ' || a.aggserialfn::pg_catalog.regproc::text ELSE '' END
        || CASE WHEN a.aggdeserialfn <> 0 THEN E',\\n    DESERIALFUNC = ' || a.aggdeserialfn::pg_catalog.regproc::text ELSE '' END
        || CASE WHEN a.agginitval IS NOT NULL THEN E',\\n    INITCOND = ' || pg_catalog.quote_literal(a.agginitval) ELSE '' END
        || CASE WHEN a.aggsortop <> 0 THEN E',\\n    SORTOP = ' || a.aggsortop::pg_catalog.regoperator::text ELSE '' END
        || CASE WHEN a.aggkind = 'h' THEN E',\\n    HYPOTHETICAL' ELSE '' END
        || E'\\n);' || ${routineOwner('AGGREGATE')} AS sql
     FROM ${USER_ROUTINES.replace('WHERE', 'JOIN pg_catalog.pg_aggregate a ON a.aggfnoid = p.oid WHERE')}
       AND p.prokind = 'a'`,
  );
}

/** CREATE VIEW / MATERIALIZED VIEW (WITH NO DATA: datagen fills tables, not views), its options and owner. */
export function viewStatements(context: CatalogContext): Promise<CatalogStatement[]> {
  return catalogStatements(
    context,
    `SELECT c.oid, n.nspname AS schema, c.relname AS name, CASE WHEN c.relkind = 'm' THEN 'CREATE MATERIALIZED VIEW ' ELSE 'CREATE VIEW ' END
        || pg_catalog.format('%I.%I', n.nspname, c.relname)
        || CASE WHEN c.reloptions IS NOT NULL THEN ' WITH (' || pg_catalog.array_to_string(c.reloptions, ', ') || ')' ELSE '' END
        || E' AS\\n' || pg_catalog.rtrim(pg_catalog.pg_get_viewdef(c.oid), ';')
        || CASE WHEN c.relkind = 'm' THEN E'\\n  WITH NO DATA' ELSE '' END || ';'
        || pg_catalog.format(E'\\nALTER %s %I.%I OWNER TO %I;', CASE WHEN c.relkind = 'm' THEN 'MATERIALIZED VIEW' ELSE 'VIEW' END,
             n.nspname, c.relname, pg_catalog.pg_get_userbyid(c.relowner)) AS sql
     FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE ${USER_NAMESPACE} AND ${notInExtension('pg_class', 'c')} AND c.relkind IN ('v', 'm')
     ORDER BY c.oid`,
  );
}

/**
 * Functions, procedures, aggregates and views as DDL: the server's own
 * pg_get_functiondef and pg_get_viewdef text.
 */

import { aclCommands, baseline, columnComments, commentOn, privilegeCount } from './annotations.js';
import {
  type CatalogContext,
  type CatalogStatement,
  catalogStatements,
  notInExtension,
  USER_NAMESPACE,
} from './catalog-query.js';
import { LOOPING_VIEW } from './dependency-loops.js';
import { RELATION_NAME, relationAcl } from './tables.js';

// Not a range type's constructors (its multirange's too): CREATE TYPE ... AS RANGE makes them, the
// server records them as internal dependencies of the type, and pg_dump leaves them out.
const USER_ROUTINES = `pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
  WHERE ${USER_NAMESPACE} AND ${notInExtension('pg_proc', 'p')}
    AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass
      AND d.objid = p.oid AND d.deptype = 'i')`;

/** An aggregate's arguments by `fn` (pg_get_function_arguments or its identity form): `*` when it takes none, as pg_dump writes it. */
const aggregateArguments = (fn: string) =>
  `CASE WHEN p.pronargs = 0 THEN '*' ELSE pg_catalog.${fn}(p.oid) END`;

const routineOwner = (kind: string, args = 'pg_catalog.pg_get_function_identity_arguments(p.oid)') =>
  `pg_catalog.format(E'\\nALTER ${kind} %I.%I(%s) OWNER TO %I;', n.nspname, p.proname,
     ${args}, pg_catalog.pg_get_userbyid(p.proowner))`;

/** A routine's name with its identity arguments (alias p, namespace n), as COMMENT and GRANT name it. */
const ROUTINE_NAME = `pg_catalog.format('%I.%I(%s)', n.nspname, p.proname, pg_catalog.pg_get_function_identity_arguments(p.oid))`;

/** A routine's comment (COMMENT ON FUNCTION, PROCEDURE or AGGREGATE) and its ACL column. */
const routineComment = (kind: string, name = ROUTINE_NAME) => commentOn(kind, name, 'pg_proc', 'p.oid');
/** A routine's GRANT/REVOKE (alias p, namespace n; `word`: FUNCTION or PROCEDURE). */
export const routineAcl = (word: string) =>
  `${aclCommands({
    word,
    name: ROUTINE_NAME,
    owner: 'p.proowner',
    acl: 'p.proacl',
    baseline: baseline('pg_proc', 'p.oid', 'f', 'p.proowner'),
    all: privilegeCount('f'),
  })}`;

/** CREATE FUNCTION / PROCEDURE (pg_get_functiondef's text, as CREATE rather than CREATE OR REPLACE). */
export function functionStatements(context: CatalogContext): Promise<CatalogStatement[]> {
  return catalogStatements(
    context,
    `SELECT p.oid, n.nspname AS schema, p.proname AS name, pg_catalog.regexp_replace(pg_catalog.rtrim(pg_catalog.pg_get_functiondef(p.oid), E'\\n'),
          '^CREATE OR REPLACE ', 'CREATE ') || ';'
        || CASE WHEN p.prokind = 'p' THEN ${routineOwner('PROCEDURE')} || ${routineComment('PROCEDURE')}
           ELSE ${routineOwner('FUNCTION')} || ${routineComment('FUNCTION')} END AS sql,
        CASE WHEN p.prokind = 'p' THEN ${routineAcl('PROCEDURE')} ELSE ${routineAcl('FUNCTION')} END AS acl
     FROM ${USER_ROUTINES} AND p.prokind IN ('f', 'p', 'w')`,
  );
}

const IDENTITY_AGGREGATE_ARGUMENTS = aggregateArguments('pg_get_function_identity_arguments');

/** CREATE AGGREGATE from pg_aggregate (the plain and ordered-set options PostgreSQL stores). */
export function aggregateStatements(context: CatalogContext): Promise<CatalogStatement[]> {
  return catalogStatements(
    context,
    `SELECT p.oid, n.nspname AS schema, p.proname AS name, pg_catalog.format('CREATE AGGREGATE %I.%I(%s) (', n.nspname, p.proname,
          ${aggregateArguments('pg_get_function_arguments')})
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
        || E'\\n);' || ${routineOwner('AGGREGATE', IDENTITY_AGGREGATE_ARGUMENTS)}
        || ${routineComment('AGGREGATE', `pg_catalog.format('%I.%I(%s)', n.nspname, p.proname, ${IDENTITY_AGGREGATE_ARGUMENTS})`)} AS sql, ${routineAcl('FUNCTION')} AS acl
     FROM ${USER_ROUTINES.replace('WHERE', 'JOIN pg_catalog.pg_aggregate a ON a.aggfnoid = p.oid WHERE')}
       AND p.prokind = 'a'`,
  );
}

/** A view's (alias c) stand-in query, as pg_dump writes it: each column NULL of its type. */
const DUMMY_VIEW_QUERY = `E'SELECT\\n' || (SELECT pg_catalog.string_agg(pg_catalog.format('    NULL::%s AS %I',
    pg_catalog.format_type(va.atttypid, va.atttypmod), va.attname), E',\\n' ORDER BY va.attnum)
  FROM pg_catalog.pg_attribute va WHERE va.attrelid = c.oid AND va.attnum > 0 AND NOT va.attisdropped)`;

/**
 * CREATE OR REPLACE VIEW: the query of a view made first with NULL columns
 * (it calls a function of its own row type: dependency-loops.ts), after the
 * tables' keys and indexes, as pg_dump writes its rule apart.
 */
export function loopingViewStatements(context: CatalogContext): Promise<CatalogStatement[]> {
  return catalogStatements(
    context,
    `SELECT c.oid, pg_catalog.format(E'CREATE OR REPLACE VIEW %I.%I AS\\n', n.nspname, c.relname)
        || pg_catalog.rtrim(pg_catalog.pg_get_viewdef(c.oid), ';') || ';' AS sql
     FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE ${USER_NAMESPACE} AND ${notInExtension('pg_class', 'c')} AND c.relkind = 'v' AND ${LOOPING_VIEW}
     ORDER BY n.nspname, c.relname`,
  );
}

/** CREATE VIEW / MATERIALIZED VIEW (WITH NO DATA: datagen fills tables, not views), its options and owner. */
export function viewStatements(context: CatalogContext): Promise<CatalogStatement[]> {
  return catalogStatements(
    context,
    `SELECT c.oid, n.nspname AS schema, c.relname AS name, CASE WHEN c.relkind = 'm' THEN 'CREATE MATERIALIZED VIEW ' ELSE 'CREATE VIEW ' END
        || pg_catalog.format('%I.%I', n.nspname, c.relname)
        || CASE WHEN c.reloptions IS NOT NULL THEN ' WITH (' || pg_catalog.array_to_string(c.reloptions, ', ') || ')' ELSE '' END
        || E' AS\\n' || CASE WHEN c.relkind = 'v' AND ${LOOPING_VIEW} THEN ${DUMMY_VIEW_QUERY}
           ELSE pg_catalog.rtrim(pg_catalog.pg_get_viewdef(c.oid), ';') END
        || CASE WHEN c.relkind = 'm' THEN E'\\n  WITH NO DATA' ELSE '' END || ';'
        || pg_catalog.format(E'\\nALTER %s %I.%I OWNER TO %I;', CASE WHEN c.relkind = 'm' THEN 'MATERIALIZED VIEW' ELSE 'VIEW' END,
             n.nspname, c.relname, pg_catalog.pg_get_userbyid(c.relowner))
        || CASE WHEN c.relkind = 'm' THEN ${commentOn('MATERIALIZED VIEW', RELATION_NAME, 'pg_class', 'c.oid')}
           ELSE ${commentOn('VIEW', RELATION_NAME, 'pg_class', 'c.oid')} END
        || ${columnComments()} AS sql, ${relationAcl('TABLE', 'r')} AS acl
     FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE ${USER_NAMESPACE} AND ${notInExtension('pg_class', 'c')} AND c.relkind IN ('v', 'm')
     ORDER BY c.oid`,
  );
}

/** An operator's argument types (alias o) as ALTER/COMMENT name them: `(text, text)`, NONE for a prefix operator's left. */
const OPERATOR_ARGS = `'(' || CASE WHEN o.oprleft = 0 THEN 'NONE' ELSE pg_catalog.format_type(o.oprleft, NULL) END
  || ', ' || pg_catalog.format_type(o.oprright, NULL) || ')'`;

/** CREATE OPERATOR as pg_dump writes it (function, argument types, commutator, negator, estimators, HASHES, MERGES), its owner and comment. */
export function operatorStatements(context: CatalogContext): Promise<CatalogStatement[]> {
  const other = (column: string) => `(SELECT pg_catalog.format('OPERATOR(%I.%s)', xn.nspname, x.oprname)
    FROM pg_catalog.pg_operator x JOIN pg_catalog.pg_namespace xn ON xn.oid = x.oprnamespace WHERE x.oid = o.${column})`;
  const name = `pg_catalog.format('%I.%s ', n.nspname, o.oprname) || ${OPERATOR_ARGS}`;
  return catalogStatements(
    context,
    `SELECT o.oid, n.nspname AS schema, o.oprname AS name, pg_catalog.format(E'CREATE OPERATOR %I.%s (\\n    FUNCTION = %s',
          n.nspname, o.oprname, o.oprcode::pg_catalog.regproc::text)
        || CASE WHEN o.oprleft <> 0 THEN E',\\n    LEFTARG = ' || pg_catalog.format_type(o.oprleft, NULL) ELSE '' END
        || E',\\n    RIGHTARG = ' || pg_catalog.format_type(o.oprright, NULL)
        || coalesce(E',\\n    COMMUTATOR = ' || ${other('oprcom')}, '')
        || coalesce(E',\\n    NEGATOR = ' || ${other('oprnegate')}, '')
        || CASE WHEN o.oprcanmerge THEN E',\\n    MERGES' ELSE '' END
        || CASE WHEN o.oprcanhash THEN E',\\n    HASHES' ELSE '' END
        || CASE WHEN o.oprrest <> 0 THEN E',\\n    RESTRICT = ' || o.oprrest::pg_catalog.regproc::text ELSE '' END
        || CASE WHEN o.oprjoin <> 0 THEN E',\\n    JOIN = ' || o.oprjoin::pg_catalog.regproc::text ELSE '' END
        || E'\\n);' || E'\\nALTER OPERATOR ' || ${name} || ' OWNER TO '
        || pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(o.oprowner)) || ';'
        || ${commentOn('OPERATOR', name, 'pg_operator', 'o.oid')} AS sql
     FROM pg_catalog.pg_operator o JOIN pg_catalog.pg_namespace n ON n.oid = o.oprnamespace
     WHERE ${USER_NAMESPACE} AND ${notInExtension('pg_operator', 'o')}`,
  );
}

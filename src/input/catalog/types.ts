/**
 * Schemas, extensions and user types (enum, composite, range, domain with
 * its CHECKs) as DDL, written by the server from its catalog.
 */

import { aclCommands, baseline, commentOn, literal, privilegeCount } from './annotations.js';
import {
  type CatalogContext,
  type CatalogStatement,
  catalogStatements,
  notInExtension,
  USER_NAMESPACE,
} from './catalog-query.js';
import { LOOPING_DOMAIN_CHECK } from './dependency-loops.js';

/**
 * The public schema's baseline: its initial privileges with pg_database_owner
 * read as its owner (pg_dump writes no GRANT for a public schema only given
 * to another owner).
 */
function publicBaseline(version: number): string {
  const initial = baseline('pg_namespace', 'n.oid', 'n', 'n.nspowner');
  if (version < 140000) return initial;
  // The owner as an aclitem names it (quoted where needed): the grantor of its default item.
  const owner = `pg_catalog.regexp_replace((pg_catalog.acldefault('n', n.nspowner))[1]::text, '^.*/', '')`;
  return `ARRAY(SELECT pg_catalog.replace(i::text, 'pg_database_owner', ${owner})::pg_catalog.aclitem
    FROM pg_catalog.unnest(${initial}) i)`;
}

/**
 * CREATE SCHEMA for every user schema but public, its owner and comment;
 * for public (made by initdb), as pg_dump: its owner when not the default
 * (pg_database_owner, 15+), its comment when not initdb's. Each with its ACL.
 */
export async function schemaStatements(context: CatalogContext): Promise<CatalogStatement[]> {
  const publicOwner =
    context.version >= 150000
      ? `CASE WHEN n.nspowner <> 'pg_database_owner'::pg_catalog.regrole
           THEN pg_catalog.format('ALTER SCHEMA public OWNER TO %I;', pg_catalog.pg_get_userbyid(n.nspowner)) ELSE '' END`
      : "''";
  const comment = commentOn('SCHEMA', 'pg_catalog.quote_ident(n.nspname)', 'pg_namespace', 'n.oid');
  const statements = await catalogStatements(
    context,
    `SELECT n.oid, CASE WHEN n.nspname = 'public' THEN ${publicOwner}
          || CASE WHEN (SELECT cd.description FROM pg_catalog.pg_description cd
                        WHERE cd.classoid = 'pg_catalog.pg_namespace'::pg_catalog.regclass AND cd.objoid = n.oid)
                       IS DISTINCT FROM 'standard public schema' THEN ${comment} ELSE '' END
        ELSE pg_catalog.format('CREATE SCHEMA %I;', n.nspname)
          || pg_catalog.format(E'\\nALTER SCHEMA %I OWNER TO %I;', n.nspname, pg_catalog.pg_get_userbyid(n.nspowner))
          || ${comment} END AS sql,
        ${aclCommands({
          word: 'SCHEMA',
          name: 'pg_catalog.quote_ident(n.nspname)',
          owner: 'n.nspowner',
          acl: 'n.nspacl',
          baseline: `CASE WHEN n.nspname = 'public' THEN ${publicBaseline(context.version)}
            ELSE ${baseline('pg_namespace', 'n.oid', 'n', 'n.nspowner')} END`,
          all: privilegeCount('n'),
        })} AS acl
     FROM pg_catalog.pg_namespace n
     WHERE ${USER_NAMESPACE} AND ${notInExtension('pg_namespace', 'n')}
     ORDER BY n.nspname`,
  );
  return statements.map((s) => ({ ...s, sql: s.sql.replace(/^\n/, '') }));
}

/** CREATE EXTENSION for every extension but plpgsql (which every database has). */
export function extensionStatements(context: CatalogContext): Promise<CatalogStatement[]> {
  return catalogStatements(
    context,
    `SELECT e.oid, pg_catalog.format('CREATE EXTENSION IF NOT EXISTS %I WITH SCHEMA %I;', e.extname, n.nspname)
        || ${commentOn('EXTENSION', 'pg_catalog.quote_ident(e.extname)', 'pg_extension', 'e.oid')} AS sql
     FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
     WHERE e.extname <> 'plpgsql'
     ORDER BY e.extname`,
  );
}

/** A type's qualified name (alias t, namespace n), its GRANT/REVOKE (also an extension member's) and owner statement. */
const TYPE_NAME = `pg_catalog.format('%I.%I', n.nspname, t.typname)`;
export const TYPE_ACL = aclCommands({
  word: 'TYPE',
  name: TYPE_NAME,
  owner: 't.typowner',
  acl: 't.typacl',
  baseline: baseline('pg_type', 't.oid', 'T', 't.typowner'),
  all: privilegeCount('T'),
});
const typeOwner = (kind: string) =>
  `pg_catalog.format(E'\\nALTER ${kind} %I.%I OWNER TO %I;', n.nspname, t.typname, pg_catalog.pg_get_userbyid(t.typowner))`;
const userTypes = (
  joins = '',
) => `pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace ${joins}
  WHERE ${USER_NAMESPACE} AND ${notInExtension('pg_type', 't')}`;

/** CREATE TYPE ... AS ENUM, labels in their sort order. */
function enumStatements(context: CatalogContext): Promise<CatalogStatement[]> {
  return catalogStatements(
    context,
    `SELECT t.oid, n.nspname AS schema, t.typname AS name, 'CREATE TYPE ' || ${TYPE_NAME} || E' AS ENUM (\\n    '
        || coalesce((SELECT pg_catalog.string_agg(pg_catalog.quote_literal(e.enumlabel), E',\\n    ' ORDER BY e.enumsortorder)
                     FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid), '')
        || E'\\n);' || ${typeOwner('TYPE')}
        || ${commentOn('TYPE', TYPE_NAME, 'pg_type', 't.oid')} AS sql, ${TYPE_ACL} AS acl
     FROM ${userTypes()} AND t.typtype = 'e'`,
  );
}

/** CREATE TYPE ... AS (attributes), a free-standing composite type (not a table's row type). */
function compositeStatements(context: CatalogContext): Promise<CatalogStatement[]> {
  return catalogStatements(
    context,
    `SELECT t.oid, n.nspname AS schema, t.typname AS name, 'CREATE TYPE ' || ${TYPE_NAME} || E' AS (\\n'
        || coalesce((SELECT pg_catalog.string_agg(pg_catalog.format('    %I %s', a.attname,
                       pg_catalog.format_type(a.atttypid, a.atttypmod))
                       || CASE WHEN a.attcollation <> at.typcollation AND a.attcollation <> 0
                          THEN (SELECT pg_catalog.format(' COLLATE %I.%I', cn.nspname, co.collname)
                                FROM pg_catalog.pg_collation co JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace
                                WHERE co.oid = a.attcollation) ELSE '' END,
                       E',\\n' ORDER BY a.attnum)
                     FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type at ON at.oid = a.atttypid
                     WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped), '')
        || E'\\n);' || ${typeOwner('TYPE')}
        || ${commentOn('TYPE', TYPE_NAME, 'pg_type', 't.oid')} AS sql, ${TYPE_ACL} AS acl
     FROM ${userTypes()} AND t.typtype = 'c'
       AND (SELECT c.relkind FROM pg_catalog.pg_class c WHERE c.oid = t.typrelid) = 'c'`,
  );
}

/** CREATE TYPE ... AS RANGE, with the options that are not the defaults. */
function rangeStatements(context: CatalogContext): Promise<CatalogStatement[]> {
  return catalogStatements(
    context,
    `SELECT t.oid, n.nspname AS schema, t.typname AS name, 'CREATE TYPE ' || ${TYPE_NAME} || E' AS RANGE (\\n    subtype = '
        || pg_catalog.format_type(r.rngsubtype, NULL)
        || CASE WHEN NOT opc.opcdefault THEN pg_catalog.format(E',\\n    subtype_opclass = %I.%I', opn.nspname, opc.opcname) ELSE '' END
        || CASE WHEN r.rngcollation <> 0 AND r.rngcollation <> st.typcollation
           THEN (SELECT pg_catalog.format(E',\\n    collation = %I.%I', cn.nspname, co.collname)
                 FROM pg_catalog.pg_collation co JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace
                 WHERE co.oid = r.rngcollation) ELSE '' END
        || CASE WHEN r.rngcanonical <> 0 THEN E',\\n    canonical = ' || r.rngcanonical::pg_catalog.regproc::text ELSE '' END
        || CASE WHEN r.rngsubdiff <> 0 THEN E',\\n    subtype_diff = ' || r.rngsubdiff::pg_catalog.regproc::text ELSE '' END
        || E'\\n);' || ${typeOwner('TYPE')}
        || ${commentOn('TYPE', TYPE_NAME, 'pg_type', 't.oid')} AS sql, ${TYPE_ACL} AS acl
     FROM ${userTypes(`JOIN pg_catalog.pg_range r ON r.rngtypid = t.oid
       JOIN pg_catalog.pg_type st ON st.oid = r.rngsubtype
       JOIN pg_catalog.pg_opclass opc ON opc.oid = r.rngsubopc
       JOIN pg_catalog.pg_namespace opn ON opn.oid = opc.opcnamespace`)} AND t.typtype = 'r'`,
  );
}

/** CREATE DOMAIN with its collation, default, NOT NULL and CHECKs (NOT VALID ones as ALTER DOMAIN ADD). */
function domainStatements(context: CatalogContext): Promise<CatalogStatement[]> {
  return catalogStatements(
    context,
    `SELECT t.oid, n.nspname AS schema, t.typname AS name, 'CREATE DOMAIN ' || ${TYPE_NAME} || ' AS ' || pg_catalog.format_type(t.typbasetype, t.typtypmod)
        || CASE WHEN t.typcollation <> 0 AND t.typcollation <> bt.typcollation
           THEN (SELECT pg_catalog.format(' COLLATE %I.%I', cn.nspname, co.collname)
                 FROM pg_catalog.pg_collation co JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace
                 WHERE co.oid = t.typcollation) ELSE '' END
        || CASE WHEN t.typdefault IS NOT NULL THEN ' DEFAULT ' || t.typdefault ELSE '' END
        || CASE WHEN t.typnotnull THEN ' NOT NULL' ELSE '' END
        || coalesce((SELECT pg_catalog.string_agg(pg_catalog.format(E'\\n\\tCONSTRAINT %I ', c.conname)
                       || pg_catalog.pg_get_constraintdef(c.oid), '' ORDER BY c.conname)
                     FROM pg_catalog.pg_constraint c WHERE c.contypid = t.oid AND c.contype = 'c' AND c.convalidated
                       AND NOT ${LOOPING_DOMAIN_CHECK.replaceAll('k.', 'c.')}), '')
        || ';'
        || coalesce((SELECT pg_catalog.string_agg(pg_catalog.format(E'\\nALTER DOMAIN %I.%I ADD CONSTRAINT %I ', n.nspname, t.typname, c.conname)
                       || pg_catalog.pg_get_constraintdef(c.oid) || ';', '' ORDER BY c.conname)
                     FROM pg_catalog.pg_constraint c WHERE c.contypid = t.oid AND c.contype = 'c' AND NOT c.convalidated
                       AND NOT ${LOOPING_DOMAIN_CHECK.replaceAll('k.', 'c.')}), '')
        || ${typeOwner('DOMAIN')}
        || ${commentOn('DOMAIN', TYPE_NAME, 'pg_type', 't.oid')}
        || coalesce((SELECT pg_catalog.string_agg(pg_catalog.format(E'\\nCOMMENT ON CONSTRAINT %I ON DOMAIN %I.%I IS ', c.conname, n.nspname, t.typname)
                       || ${literal('cd.description')} || ';', '' ORDER BY c.conname)
                     FROM pg_catalog.pg_constraint c JOIN pg_catalog.pg_description cd ON cd.objoid = c.oid
                       AND cd.classoid = 'pg_catalog.pg_constraint'::pg_catalog.regclass
                     WHERE c.contypid = t.oid AND NOT ${LOOPING_DOMAIN_CHECK.replaceAll('k.', 'c.')}), '') AS sql, ${TYPE_ACL} AS acl
     FROM ${userTypes('JOIN pg_catalog.pg_type bt ON bt.oid = t.typbasetype')} AND t.typtype = 'd'`,
  );
}

/** Every user type's DDL, with its oid (the caller orders types and functions by creation). */
export async function typeStatements(context: CatalogContext): Promise<CatalogStatement[]> {
  return [
    ...(await enumStatements(context)),
    ...(await compositeStatements(context)),
    ...(await rangeStatements(context)),
    ...(await domainStatements(context)),
  ];
}

/**
 * A domain's CHECK that calls a function of the domain, as pg_dump writes it
 * apart: ALTER DOMAIN ... ADD CONSTRAINT, after the function (dependency-loops.ts).
 */
export function loopingDomainCheckStatements(context: CatalogContext): Promise<CatalogStatement[]> {
  return catalogStatements(
    context,
    `SELECT k.oid, pg_catalog.format(E'ALTER DOMAIN %I.%I\\n    ADD CONSTRAINT %I ', n.nspname, t.typname, k.conname)
        || pg_catalog.pg_get_constraintdef(k.oid) || ';'
        || ${commentOn('CONSTRAINT', "pg_catalog.format('%I ON DOMAIN %I.%I', k.conname, n.nspname, t.typname)", 'pg_constraint', 'k.oid')} AS sql
     FROM ${userTypes('JOIN pg_catalog.pg_constraint k ON k.contypid = t.oid')} AND k.contype = 'c' AND ${LOOPING_DOMAIN_CHECK}
     ORDER BY n.nspname, t.typname, k.conname`,
  );
}

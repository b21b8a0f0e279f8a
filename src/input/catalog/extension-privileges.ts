/**
 * Privileges changed on an extension's own objects: CREATE EXTENSION makes
 * them (the reader leaves them out), but a GRANT or REVOKE on one afterwards
 * (GRANT SELECT ON pg_stat_statements, REVOKE EXECUTE ON a pgcrypto
 * function, REVOKE USAGE ON TYPE hstore) is the database's own. As pg_dump
 * does, each member type's, routine's and relation's ACL is written against its initial privileges
 * (pg_init_privs, recorded by CREATE EXTENSION), else its kind's default:
 * nothing when unchanged.
 */
import {
  type CatalogContext,
  type CatalogStatement,
  catalogStatements,
  notInExtension,
} from './catalog-query.js';
import { routineAcl } from './routines.js';
import { relationAcl } from './tables.js';
import { TYPE_ACL } from './types.js';

/** The GRANT/REVOKE text of every extension member whose privileges were changed (as CatalogStatements' sql). */
export async function extensionMemberAcls(context: CatalogContext): Promise<CatalogStatement[]> {
  const rows = await catalogStatements(
    context,
    `SELECT q.oid, q.acl AS sql FROM (
       SELECT c.oid, CASE WHEN c.relkind = 'S' THEN ${relationAcl('SEQUENCE', 's')} ELSE ${relationAcl('TABLE', 'r')} END AS acl,
              n.nspname, c.relname AS name, 1 AS family
         FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') AND NOT ${notInExtension('pg_class', 'c')}
       UNION ALL
       SELECT p.oid, CASE WHEN p.prokind = 'p' THEN ${routineAcl('PROCEDURE')} ELSE ${routineAcl('FUNCTION')} END,
              n.nspname, p.proname, 0
         FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
        WHERE NOT ${notInExtension('pg_proc', 'p')}
       UNION ALL
       SELECT t.oid, ${TYPE_ACL}, n.nspname, t.typname, -1
         FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
        WHERE NOT ${notInExtension('pg_type', 't')}) q
      WHERE q.acl IS NOT NULL
      ORDER BY q.family, q.nspname COLLATE "C", q.name COLLATE "C", q.oid`,
  );
  return rows;
}

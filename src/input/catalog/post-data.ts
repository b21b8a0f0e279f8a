/**
 * What pg_dump writes after the tables: keys and exclusion constraints,
 * indexes (partial, expression) and their partitions' ATTACH, CHECKs not
 * validated, rules, foreign keys (with deferrability, NOT VALID), triggers, row
 * level security and its policies. Each from the server's own deparser
 * (pg_get_constraintdef, pg_get_indexdef, pg_get_triggerdef, pg_get_expr).
 */

import { commentOn } from './annotations.js';
import {
  type CatalogContext,
  type CatalogStatement,
  catalogStatements,
  notInExtension,
  USER_NAMESPACE,
} from './catalog-query.js';
import { loopingViewStatements } from './routines.js';
import { checkInTable } from './tables.js';

/** User tables (alias c, namespace n) and their constraints (alias k). */
const TABLE_CONSTRAINTS = `pg_catalog.pg_constraint k JOIN pg_catalog.pg_class c ON c.oid = k.conrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE ${USER_NAMESPACE} AND ${notInExtension('pg_class', 'c')}`;

/** A constraint's comment (alias k on table c). */
const CONSTRAINT_COMMENT = commentOn(
  'CONSTRAINT',
  "pg_catalog.format('%I ON %I.%I', k.conname, n.nspname, c.relname)",
  'pg_constraint',
  'k.oid',
);

const addConstraint = (only: string) =>
  `pg_catalog.format(E'ALTER TABLE ${only}%I.%I\\n    ADD CONSTRAINT %I ', n.nspname, c.relname, k.conname)
     || pg_catalog.pg_get_constraintdef(k.oid) || ';' || ${CONSTRAINT_COMMENT}`;

/** PRIMARY KEY, UNIQUE and EXCLUDE constraints, every table's own (a partition's too: its index is attached below). */
function keyStatements(context: CatalogContext): Promise<CatalogStatement[]> {
  return catalogStatements(
    context,
    `SELECT k.oid, ${addConstraint('ONLY ')} AS sql
     FROM ${TABLE_CONSTRAINTS} AND k.contype IN ('p', 'u', 'x')
     ORDER BY n.nspname, c.relname, k.conname`,
  );
}

/** CHECKs added NOT VALID (a valid one is in its CREATE TABLE), written where they were added. */
function unvalidatedCheckStatements(context: CatalogContext): Promise<CatalogStatement[]> {
  return catalogStatements(
    context,
    `SELECT k.oid, ${addConstraint('')} AS sql
     FROM ${TABLE_CONSTRAINTS} AND k.contype = 'c' AND k.conislocal AND NOT ${checkInTable(context.version)}
     ORDER BY n.nspname, c.relname, k.conname`,
  );
}

/** Indexes no constraint makes. */
function indexStatements(context: CatalogContext): Promise<CatalogStatement[]> {
  return catalogStatements(
    context,
    `SELECT x.indexrelid AS oid, pg_catalog.pg_get_indexdef(x.indexrelid) || ';'
        || ${commentOn('INDEX', "pg_catalog.format('%I.%I', n.nspname, ic.relname)", 'pg_class', 'ic.oid')} AS sql
     FROM pg_catalog.pg_index x JOIN pg_catalog.pg_class c ON c.oid = x.indrelid
       JOIN pg_catalog.pg_class ic ON ic.oid = x.indexrelid
       JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE ${USER_NAMESPACE} AND ${notInExtension('pg_class', 'c')} AND c.relkind IN ('r', 'p', 'm')
       AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k
                       WHERE k.conindid = x.indexrelid AND k.conrelid = x.indrelid AND k.contype IN ('p', 'u', 'x'))
     ORDER BY n.nspname, ic.relname`,
  );
}

/** ALTER INDEX ... ATTACH PARTITION: a partition's index (or key) as its parent's. */
function indexAttachStatements(context: CatalogContext): Promise<CatalogStatement[]> {
  return catalogStatements(
    context,
    `SELECT ic.oid, pg_catalog.format('ALTER INDEX %I.%I ATTACH PARTITION %I.%I;', pn.nspname, pc.relname, n.nspname, ic.relname) AS sql
     FROM pg_catalog.pg_inherits i JOIN pg_catalog.pg_class ic ON ic.oid = i.inhrelid
       JOIN pg_catalog.pg_namespace n ON n.oid = ic.relnamespace
       JOIN pg_catalog.pg_class pc ON pc.oid = i.inhparent JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace
     WHERE ic.relkind IN ('i', 'I') AND ${USER_NAMESPACE}
     ORDER BY n.nspname, ic.relname`,
  );
}

/** FOREIGN KEYs, each where it was declared (a partition's clone is made by its parent's). */
function foreignKeyStatements(context: CatalogContext): Promise<CatalogStatement[]> {
  return catalogStatements(
    context,
    `SELECT k.oid, CASE WHEN c.relkind = 'p' THEN ${addConstraint('')} ELSE ${addConstraint('ONLY ')} END AS sql
     FROM ${TABLE_CONSTRAINTS} AND k.contype = 'f' AND k.conparentid = 0
     ORDER BY n.nspname, c.relname, k.conname`,
  );
}

/**
 * The ALTER TABLE a trigger or rule (of table c in namespace n) needs when it
 * is not simply enabled: `D` disabled, `A` always, `R` replica (`O`: nothing).
 */
const enabledState = (kind: 'TRIGGER' | 'RULE', state: string, name: string) =>
  `CASE ${state} ${[
    ['D', 'DISABLE'],
    ['A', 'ENABLE ALWAYS'],
    ['R', 'ENABLE REPLICA'],
  ]
    .map(
      ([code, action]) =>
        `WHEN '${code}' THEN pg_catalog.format(E'\\nALTER TABLE %I.%I ${action} ${kind} %I;', n.nspname, c.relname, ${name})`,
    )
    .join(' ')} ELSE '' END`;

/** User triggers (a partition's clone is made by its parent's), and the ones disabled. */
function triggerStatements(context: CatalogContext): Promise<CatalogStatement[]> {
  const notClone = context.version >= 130000 ? 'AND g.tgparentid = 0' : '';
  return catalogStatements(
    context,
    `SELECT g.oid, pg_catalog.pg_get_triggerdef(g.oid) || ';'
        || ${enabledState('TRIGGER', 'g.tgenabled', 'g.tgname')}
        || ${commentOn('TRIGGER', "pg_catalog.format('%I ON %I.%I', g.tgname, n.nspname, c.relname)", 'pg_trigger', 'g.oid')} AS sql
     FROM pg_catalog.pg_trigger g JOIN pg_catalog.pg_class c ON c.oid = g.tgrelid
       JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE ${USER_NAMESPACE} AND ${notInExtension('pg_class', 'c')} AND NOT g.tgisinternal ${notClone}
     ORDER BY n.nspname, c.relname, g.tgname`,
  );
}

/**
 * Rules on tables (a view's `_RETURN` rule is its query), written apart
 * after the tables as pg_dump writes them, and the ones disabled. A rule may
 * name a table made after its own (LedgerSMB's rules on
 * `file_secondary_attachment` insert into its inheriting tables).
 */
function ruleStatements(context: CatalogContext): Promise<CatalogStatement[]> {
  return catalogStatements(
    context,
    `SELECT w.oid, pg_catalog.pg_get_ruledef(w.oid)
        || ${enabledState('RULE', 'w.ev_enabled', 'w.rulename')}
        || ${commentOn('RULE', "pg_catalog.format('%I ON %I.%I', w.rulename, n.nspname, c.relname)", 'pg_rewrite', 'w.oid')} AS sql
     FROM pg_catalog.pg_rewrite w JOIN pg_catalog.pg_class c ON c.oid = w.ev_class
       JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE ${USER_NAMESPACE} AND ${notInExtension('pg_class', 'c')} AND w.rulename <> '_RETURN'
     ORDER BY n.nspname, c.relname, w.rulename`,
  );
}

/** ENABLE / FORCE ROW LEVEL SECURITY, then every policy (pg_policies' deparsed USING and WITH CHECK). */
function rowSecurityStatements(context: CatalogContext): Promise<CatalogStatement[]> {
  return catalogStatements(
    context,
    `SELECT c.oid, pg_catalog.format('ALTER TABLE %I.%I ENABLE ROW LEVEL SECURITY;', n.nspname, c.relname)
        || CASE WHEN c.relforcerowsecurity THEN pg_catalog.format(E'\\nALTER TABLE %I.%I FORCE ROW LEVEL SECURITY;', n.nspname, c.relname)
           ELSE '' END AS sql
     FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE ${USER_NAMESPACE} AND ${notInExtension('pg_class', 'c')} AND c.relrowsecurity
     UNION ALL
     SELECT 0, pg_catalog.format('CREATE POLICY %I ON %I.%I AS %s FOR %s TO %s', p.policyname, p.schemaname, p.tablename,
          p.permissive, p.cmd,
          (SELECT pg_catalog.string_agg(CASE WHEN r = 'public' THEN 'PUBLIC' ELSE pg_catalog.quote_ident(r) END, ', ')
           FROM pg_catalog.unnest(p.roles) r))
        || coalesce(' USING (' || p.qual || ')', '') || coalesce(' WITH CHECK (' || p.with_check || ')', '') || ';'
        || ${commentOn('POLICY', "pg_catalog.format('%I ON %I.%I', p.policyname, p.schemaname, p.tablename)", 'pg_policy', 'pol.oid')}
     FROM pg_catalog.pg_policies p
       JOIN pg_catalog.pg_namespace pn ON pn.nspname = p.schemaname
       JOIN pg_catalog.pg_class pc ON pc.relnamespace = pn.oid AND pc.relname = p.tablename
       JOIN pg_catalog.pg_policy pol ON pol.polrelid = pc.oid AND pol.polname = p.policyname`,
  );
}

/** Everything after the tables, in pg_dump's order. */
export async function postDataStatements(context: CatalogContext): Promise<CatalogStatement[]> {
  return [
    ...(await unvalidatedCheckStatements(context)),
    ...(await keyStatements(context)),
    ...(await indexStatements(context)),
    ...(await indexAttachStatements(context)),
    ...(await loopingViewStatements(context)),
    ...(await ruleStatements(context)),
    ...(await foreignKeyStatements(context)),
    ...(await triggerStatements(context)),
    ...(await rowSecurityStatements(context)),
  ];
}

/**
 * What pg_dump writes at the end: extended statistics (CREATE STATISTICS,
 * after the indexes), publications with their tables and schemas, and
 * event triggers (last: one made earlier would fire on the rest of the
 * restore's DDL). Those an extension makes are its own, as pg_dump leaves
 * them out.
 */

import { commentOn } from './annotations.js';
import {
  type CatalogContext,
  type CatalogStatement,
  catalogStatements,
  notInExtension,
  USER_NAMESPACE,
} from './catalog-query.js';

/** CREATE STATISTICS (pg_get_statisticsobjdef), its statistics target where set, owner and comment. */
export function statisticsStatements(context: CatalogContext): Promise<CatalogStatement[]> {
  const name = `pg_catalog.format('%I.%I', n.nspname, s.stxname)`;
  // stxstattarget from 13; -1 (before 17) or NULL (from 17) is the default.
  const target =
    context.version >= 130000
      ? `CASE WHEN s.stxstattarget >= 0 THEN E'\\nALTER STATISTICS ' || ${name} || ' SET STATISTICS ' || s.stxstattarget || ';' ELSE '' END`
      : "''";
  return catalogStatements(
    context,
    `SELECT s.oid, pg_catalog.pg_get_statisticsobjdef(s.oid) || ';' || ${target}
        || E'\\nALTER STATISTICS ' || ${name} || ' OWNER TO ' || pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(s.stxowner)) || ';'
        || ${commentOn('STATISTICS', name, 'pg_statistic_ext', 's.oid')} AS sql
     FROM pg_catalog.pg_statistic_ext s JOIN pg_catalog.pg_namespace n ON n.oid = s.stxnamespace
       JOIN pg_catalog.pg_class c ON c.oid = s.stxrelid
     WHERE ${USER_NAMESPACE} AND ${notInExtension('pg_statistic_ext', 's')} AND ${notInExtension('pg_class', 'c')}
     ORDER BY n.nspname, s.stxname`,
  );
}

/**
 * CREATE PUBLICATION (FOR ALL TABLES, its publish list and options) with its
 * owner and comment, then each table it publishes (`ADD TABLE ONLY`, with
 * its column list and row filter from 15) and each schema (from 15), as
 * pg_dump writes them, in its order (publications by name, their tables
 * by schema and name, then publication; schemas by name).
 */
export function publicationStatements(context: CatalogContext): Promise<CatalogStatement[]> {
  const v = context.version;
  const options = [
    "'publish = ' || pg_catalog.quote_literal(pg_catalog.concat_ws(', ', CASE WHEN p.pubinsert THEN 'insert' END, CASE WHEN p.pubupdate THEN 'update' END, CASE WHEN p.pubdelete THEN 'delete' END, CASE WHEN p.pubtruncate THEN 'truncate' END))",
    ...(v >= 130000 ? ["CASE WHEN p.pubviaroot THEN 'publish_via_partition_root = true' END"] : []),
    ...(v >= 180000 ? ["CASE WHEN p.pubgencols = 's' THEN 'publish_generated_columns = stored' END"] : []),
  ];
  const columns =
    v >= 150000
      ? `coalesce((SELECT ' (' || pg_catalog.string_agg(pg_catalog.quote_ident(a.attname), ', ' ORDER BY k.i) || ')'
           FROM pg_catalog.unnest(pr.prattrs) WITH ORDINALITY k(attnum, i)
             JOIN pg_catalog.pg_attribute a ON a.attrelid = pr.prrelid AND a.attnum = k.attnum), '')
         || coalesce(' WHERE (' || pg_catalog.pg_get_expr(pr.prqual, pr.prrelid) || ')', '')`
      : "''";
  const schemas =
    v >= 150000
      ? `UNION ALL
     SELECT pn.oid, 3, sn.nspname, '', p.pubname, pg_catalog.format('ALTER PUBLICATION %I ADD TABLES IN SCHEMA %I;', p.pubname, sn.nspname)
     FROM pg_catalog.pg_publication_namespace pn JOIN pg_catalog.pg_publication p ON p.oid = pn.pnpubid
       JOIN pg_catalog.pg_namespace sn ON sn.oid = pn.pnnspid`
      : '';
  return catalogStatements(
    context,
    `SELECT oid, sql FROM (
     SELECT p.oid, 1 AS part, p.pubname AS sort, '' AS within, '' AS publication, pg_catalog.format('CREATE PUBLICATION %I', p.pubname)
        || CASE WHEN p.puballtables THEN ' FOR ALL TABLES' ELSE '' END
        || ' WITH (' || pg_catalog.concat_ws(', ', ${options.join(', ')}) || ');'
        || pg_catalog.format(E'\\nALTER PUBLICATION %I OWNER TO %I;', p.pubname, pg_catalog.pg_get_userbyid(p.pubowner))
        || ${commentOn('PUBLICATION', 'pg_catalog.quote_ident(p.pubname)', 'pg_publication', 'p.oid')} AS sql
     FROM pg_catalog.pg_publication p WHERE ${notInExtension('pg_publication', 'p')}
     UNION ALL
     SELECT pr.oid, 2, n.nspname, c.relname, p.pubname, pg_catalog.format('ALTER PUBLICATION %I ADD TABLE ONLY %I.%I', p.pubname, n.nspname, c.relname)
        || ${columns} || ';'
     FROM pg_catalog.pg_publication_rel pr JOIN pg_catalog.pg_publication p ON p.oid = pr.prpubid
       JOIN pg_catalog.pg_class c ON c.oid = pr.prrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE ${USER_NAMESPACE}
     ${schemas}) x
     ORDER BY part, sort COLLATE "C", within COLLATE "C", publication COLLATE "C"`,
  );
}

/** CREATE EVENT TRIGGER (its event, tags and function), ENABLE / DISABLE where not the default, owner and comment. */
export function eventTriggerStatements(context: CatalogContext): Promise<CatalogStatement[]> {
  return catalogStatements(
    context,
    `SELECT e.oid, pg_catalog.format(E'CREATE EVENT TRIGGER %I ON %I', e.evtname, e.evtevent)
        || coalesce(E'\\n         WHEN TAG IN (' || (SELECT pg_catalog.string_agg(pg_catalog.quote_literal(t), ', ')
             FROM pg_catalog.unnest(e.evttags) t) || ')', '')
        || pg_catalog.format(E'\\n   EXECUTE FUNCTION %I.%I();', fn.nspname, f.proname)
        || CASE e.evtenabled WHEN 'D' THEN pg_catalog.format(E'\\nALTER EVENT TRIGGER %I DISABLE;', e.evtname)
             WHEN 'A' THEN pg_catalog.format(E'\\nALTER EVENT TRIGGER %I ENABLE ALWAYS;', e.evtname)
             WHEN 'R' THEN pg_catalog.format(E'\\nALTER EVENT TRIGGER %I ENABLE REPLICA;', e.evtname) ELSE '' END
        || pg_catalog.format(E'\\nALTER EVENT TRIGGER %I OWNER TO %I;', e.evtname, pg_catalog.pg_get_userbyid(e.evtowner))
        || ${commentOn('EVENT TRIGGER', 'pg_catalog.quote_ident(e.evtname)', 'pg_event_trigger', 'e.oid')} AS sql
     FROM pg_catalog.pg_event_trigger e JOIN pg_catalog.pg_proc f ON f.oid = e.evtfoid
       JOIN pg_catalog.pg_namespace fn ON fn.oid = f.pronamespace
     WHERE ${notInExtension('pg_event_trigger', 'e')}
     ORDER BY e.evtname`,
  );
}

/**
 * Collations and text search dictionaries and configurations as pg_dump
 * writes them: objects a column, an index (`name COLLATE musicbrainz`) or a
 * generated column (`to_tsvector('app.simple_unaccent', body)`) names, so a
 * script without them fails at that statement. MusicBrainz makes an ICU
 * collation and a text search configuration over unaccent.
 */

import { commentOn, literal } from './annotations.js';
import {
  type CatalogContext,
  type CatalogStatement,
  catalogStatements,
  notInExtension,
  USER_NAMESPACE,
} from './catalog-query.js';

/** The ICU locale's column: collcollate before 15, colliculocale in 15 and 16, colllocale from 17. */
function icuLocale(version: number): string {
  if (version >= 170000) return 'co.colllocale';
  return version >= 150000 ? 'co.colliculocale' : 'co.collcollate';
}

/** CREATE COLLATION (provider, deterministic, locale or lc_collate/lc_ctype, ICU rules from 16), owner, comment. */
export function collationStatements(context: CatalogContext): Promise<CatalogStatement[]> {
  const rules =
    context.version >= 160000 ? `coalesce(', rules = ' || ${literal('co.collicurules')}, '')` : "''";
  const locale = `CASE co.collprovider
      WHEN 'c' THEN CASE WHEN co.collcollate = co.collctype THEN ', locale = ' || ${literal('co.collcollate')}
        ELSE ', lc_collate = ' || ${literal('co.collcollate')} || ', lc_ctype = ' || ${literal('co.collctype')} END
      WHEN 'i' THEN ', locale = ' || ${literal(icuLocale(context.version))} || ${rules}
      ELSE coalesce(', locale = ' || ${literal(context.version >= 170000 ? 'co.colllocale' : 'NULL::text')}, '') END`;
  return catalogStatements(
    context,
    `SELECT co.oid, pg_catalog.format('CREATE COLLATION %I.%I (provider = %s', n.nspname, co.collname,
          CASE co.collprovider WHEN 'i' THEN 'icu' WHEN 'c' THEN 'libc' WHEN 'b' THEN 'builtin' ELSE 'default' END)
        || CASE WHEN co.collisdeterministic THEN '' ELSE ', deterministic = false' END
        || ${locale} || ');'
        || pg_catalog.format(E'\\nALTER COLLATION %I.%I OWNER TO %I;', n.nspname, co.collname,
             pg_catalog.pg_get_userbyid(co.collowner))
        || ${commentOn('COLLATION', "pg_catalog.format('%I.%I', n.nspname, co.collname)", 'pg_collation', 'co.oid')} AS sql
     FROM pg_catalog.pg_collation co JOIN pg_catalog.pg_namespace n ON n.oid = co.collnamespace
     WHERE ${USER_NAMESPACE} AND ${notInExtension('pg_collation', 'co')}
     ORDER BY n.nspname, co.collname`,
  );
}

/** CREATE TEXT SEARCH DICTIONARY (its template and options), owner, comment. */
export function dictionaryStatements(context: CatalogContext): Promise<CatalogStatement[]> {
  return catalogStatements(
    context,
    `SELECT td.oid, n.nspname AS schema, td.dictname AS name,
        pg_catalog.format(E'CREATE TEXT SEARCH DICTIONARY %I.%I (\\n    TEMPLATE = %I.%I', n.nspname, td.dictname,
          tn.nspname, t.tmplname)
        || coalesce(E',\\n    ' || td.dictinitoption, '') || ' );'
        || pg_catalog.format(E'\\nALTER TEXT SEARCH DICTIONARY %I.%I OWNER TO %I;', n.nspname, td.dictname,
             pg_catalog.pg_get_userbyid(td.dictowner))
        || ${commentOn('TEXT SEARCH DICTIONARY', "pg_catalog.format('%I.%I', n.nspname, td.dictname)", 'pg_ts_dict', 'td.oid')} AS sql
     FROM pg_catalog.pg_ts_dict td JOIN pg_catalog.pg_namespace n ON n.oid = td.dictnamespace
       JOIN pg_catalog.pg_ts_template t ON t.oid = td.dicttemplate
       JOIN pg_catalog.pg_namespace tn ON tn.oid = t.tmplnamespace
     WHERE ${USER_NAMESPACE} AND ${notInExtension('pg_ts_dict', 'td')}
     ORDER BY n.nspname, td.dictname`,
  );
}

/** CREATE TEXT SEARCH CONFIGURATION (its parser), then ADD MAPPING per token type, owner, comment. */
export function configurationStatements(context: CatalogContext): Promise<CatalogStatement[]> {
  return catalogStatements(
    context,
    `SELECT tc.oid, n.nspname AS schema, tc.cfgname AS name,
        pg_catalog.format(E'CREATE TEXT SEARCH CONFIGURATION %I.%I (\\n    PARSER = %I.%I );', n.nspname, tc.cfgname,
          pn.nspname, p.prsname)
        || coalesce((SELECT pg_catalog.string_agg(pg_catalog.format(E'\\nALTER TEXT SEARCH CONFIGURATION %I.%I\\n    ADD MAPPING FOR %s WITH %s;',
                n.nspname, tc.cfgname, tt.alias, m.dicts), '' ORDER BY m.maptokentype)
              FROM (SELECT mm.maptokentype,
                      pg_catalog.string_agg(mm.mapdict::pg_catalog.regdictionary::pg_catalog.text, ', ' ORDER BY mm.mapseqno) AS dicts
                    FROM pg_catalog.pg_ts_config_map mm WHERE mm.mapcfg = tc.oid GROUP BY mm.maptokentype) m
                JOIN pg_catalog.ts_token_type(tc.cfgparser) tt ON tt.tokid = m.maptokentype), '')
        || pg_catalog.format(E'\\nALTER TEXT SEARCH CONFIGURATION %I.%I OWNER TO %I;', n.nspname, tc.cfgname,
             pg_catalog.pg_get_userbyid(tc.cfgowner))
        || ${commentOn('TEXT SEARCH CONFIGURATION', "pg_catalog.format('%I.%I', n.nspname, tc.cfgname)", 'pg_ts_config', 'tc.oid')} AS sql
     FROM pg_catalog.pg_ts_config tc JOIN pg_catalog.pg_namespace n ON n.oid = tc.cfgnamespace
       JOIN pg_catalog.pg_ts_parser p ON p.oid = tc.cfgparser
       JOIN pg_catalog.pg_namespace pn ON pn.oid = p.prsnamespace
     WHERE ${USER_NAMESPACE} AND ${notInExtension('pg_ts_config', 'tc')}
     ORDER BY n.nspname, tc.cfgname`,
  );
}

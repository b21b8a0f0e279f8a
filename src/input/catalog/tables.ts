/**
 * Sequences and tables as DDL: columns (format_type with typmods, collation,
 * identity, generated, default, NOT NULL), CHECKs made valid, INHERITS,
 * PARTITION BY, then each partition's ATTACH with its bounds and each
 * serial sequence's OWNED BY.
 */

import { aclCommands, baseline, columnComments, commentOn, literal, privilegeCount } from './annotations.js';
import {
  type CatalogContext,
  type CatalogStatement,
  catalogRows,
  catalogStatements,
  notInExtension,
  USER_NAMESPACE,
} from './catalog-query.js';
import { LOOPING_CHECK, LOOPING_DEFAULT } from './dependency-loops.js';

/** A relation's qualified name (alias c, namespace n). */
export const RELATION_NAME = `pg_catalog.format('%I.%I', n.nspname, c.relname)`;

/**
 * A relation's GRANT/REVOKE (`word`: TABLE or SEQUENCE; `kind`: acldefault's
 * letter), then its columns' (relation alias `c`, namespace alias `n`).
 */
export function relationAcl(word: string, kind: string, c = 'c', n = 'n'): string {
  const name = `pg_catalog.format('%I.%I', ${n}.nspname, ${c}.relname)`;
  const table = aclCommands({
    word,
    name,
    owner: `${c}.relowner`,
    acl: `${c}.relacl`,
    baseline: baseline('pg_class', `${c}.oid`, kind, `${c}.relowner`),
    all: privilegeCount(kind),
  });
  const column = aclCommands({
    word,
    name,
    owner: `${c}.relowner`,
    acl: 'ca.attacl',
    baseline: baseline('pg_class', `${c}.oid`, 'c', `${c}.relowner`, 'ca.attnum'),
    all: '4',
    column: 'ca.attname',
  });
  return `NULLIF(pg_catalog.concat_ws(E'\\n', ${table},
    (SELECT pg_catalog.string_agg(${column}, E'\\n' ORDER BY ca.attnum) FROM pg_catalog.pg_attribute ca
     WHERE ca.attrelid = ${c}.oid AND ca.attnum > 0 AND NOT ca.attisdropped AND ca.attacl IS NOT NULL)), '')`;
}

/** The least or greatest value of a sequence's type (alias s). */
function typeBound(end: 'min' | 'max'): string {
  const [i2, i4, i8] =
    end === 'min'
      ? ['-32768', '-2147483648', '-9223372036854775808']
      : ['32767', '2147483647', '9223372036854775807'];
  return `CASE s.seqtypid WHEN 'pg_catalog.int2'::pg_catalog.regtype THEN ${i2}
    WHEN 'pg_catalog.int4'::pg_catalog.regtype THEN ${i4} ELSE ${i8} END`;
}

/** A sequence's options (alias s: pg_sequence), as CREATE SEQUENCE and an identity column's options write them (NO MINVALUE/MAXVALUE for the type's defaults, as pg_dump). */
const SEQUENCE_OPTIONS = `pg_catalog.format(E'\\n    START WITH %s\\n    INCREMENT BY %s\\n    %s\\n    %s\\n    CACHE %s%s',
    s.seqstart, s.seqincrement,
    CASE WHEN s.seqmin = CASE WHEN s.seqincrement > 0 THEN 1 ELSE ${typeBound('min')} END THEN 'NO MINVALUE' ELSE 'MINVALUE ' || s.seqmin END,
    CASE WHEN s.seqmax = CASE WHEN s.seqincrement > 0 THEN ${typeBound('max')} ELSE -1 END THEN 'NO MAXVALUE' ELSE 'MAXVALUE ' || s.seqmax END,
    s.seqcache, CASE WHEN s.seqcycle THEN E'\\n    CYCLE' ELSE '' END)`;

/** A sequence that is an identity column's (made with its column). */
const IDENTITY_SEQUENCE = (alias: string) => `EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
  WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = ${alias}.oid AND d.deptype = 'i'
    AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass)`;

/** CREATE SEQUENCE for every sequence but identity columns' own, and its owner. */
export function sequenceStatements(context: CatalogContext): Promise<CatalogStatement[]> {
  return catalogStatements(
    context,
    `SELECT c.oid, n.nspname AS schema, c.relname AS name, pg_catalog.format('CREATE SEQUENCE %I.%I', n.nspname, c.relname)
        || CASE WHEN s.seqtypid <> 'pg_catalog.int8'::pg_catalog.regtype
           THEN E'\\n    AS ' || pg_catalog.format_type(s.seqtypid, NULL) ELSE '' END
        || ${SEQUENCE_OPTIONS} || ';'
        || pg_catalog.format(E'\\nALTER TABLE %I.%I OWNER TO %I;', n.nspname, c.relname, pg_catalog.pg_get_userbyid(c.relowner))
        || coalesce((SELECT pg_catalog.format(E'\\nALTER SEQUENCE %I.%I OWNED BY %I.%I.%I;', n.nspname, c.relname, tn.nspname, t.relname, a.attname)
           FROM ${OWNER_COLUMN}), '')
        || ${commentOn('SEQUENCE', RELATION_NAME, 'pg_class', 'c.oid')} AS sql, ${relationAcl('SEQUENCE', 's')} AS acl
     FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_catalog.pg_sequence s ON s.seqrelid = c.oid
     WHERE ${USER_NAMESPACE} AND ${notInExtension('pg_class', 'c')} AND c.relkind = 'S' AND NOT ${IDENTITY_SEQUENCE('c')}
     ORDER BY n.nspname, c.relname`,
  );
}

/** The column that owns sequence c (serial: dropped with it): table t, schema tn, column a. */
const OWNER_COLUMN = `pg_catalog.pg_depend d JOIN pg_catalog.pg_class t ON t.oid = d.refobjid
    JOIN pg_catalog.pg_namespace tn ON tn.oid = t.relnamespace
    JOIN pg_catalog.pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
  WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = c.oid
    AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.deptype = 'a' AND d.refobjsubid > 0`;

/**
 * A default (alias ad) that pg_dump writes apart from its CREATE TABLE, as
 * ALTER TABLE ... SET DEFAULT: one that reads a sequence its own table owns
 * (the sequence is made after the table, so the table cannot name it), or
 * one that calls a function of its table's row type (dependency-loops.ts).
 */
export const SEPARATE_DEFAULT = `(EXISTS (SELECT 1 FROM pg_catalog.pg_depend dd JOIN pg_catalog.pg_depend od
    ON od.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND od.objid = dd.refobjid AND od.deptype = 'a'
      AND od.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND od.refobjid = ad.adrelid
  WHERE dd.classid = 'pg_catalog.pg_attrdef'::pg_catalog.regclass AND dd.objid = ad.oid
    AND dd.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND dd.deptype = 'n') OR ${LOOPING_DEFAULT})`;

/** ALTER TABLE ONLY ... ALTER COLUMN ... SET DEFAULT: the defaults written apart (after every table). */
export function separateDefaultStatements(context: CatalogContext): Promise<CatalogStatement[]> {
  return catalogStatements(
    context,
    `SELECT ad.oid, pg_catalog.format('ALTER TABLE ONLY %I.%I ALTER COLUMN %I SET DEFAULT ', n.nspname, c.relname, a.attname)
        || pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) || ';' AS sql
     FROM pg_catalog.pg_attrdef ad JOIN pg_catalog.pg_class c ON c.oid = ad.adrelid
       JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum = ad.adnum
     WHERE ${USER_NAMESPACE} AND ${notInExtension('pg_class', 'c')} AND c.relkind IN ('r', 'p')
       AND a.attgenerated = '' AND ${SEPARATE_DEFAULT} AND (a.attislocal OR c.relispartition)
     ORDER BY n.nspname, c.relname, a.attnum`,
  );
}

/** One column's definition (alias a: pg_attribute, of table c), as CREATE TABLE writes it. */
function columnDefinition(version: number): string {
  const generated = `CASE a.attgenerated WHEN 's' THEN ' STORED' ${version >= 180000 ? "WHEN 'v' THEN ' VIRTUAL'" : ''} ELSE '' END`;
  return `pg_catalog.format('    %I %s', a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod))
    || CASE WHEN a.attcollation <> 0 AND a.attcollation <> at.typcollation
       THEN (SELECT pg_catalog.format(' COLLATE %I.%I', cn.nspname, co.collname)
             FROM pg_catalog.pg_collation co JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace
             WHERE co.oid = a.attcollation) ELSE '' END
    || coalesce((SELECT CASE WHEN a.attgenerated <> ''
                   THEN ' GENERATED ALWAYS AS (' || pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) || ')' || ${generated}
                   ELSE ' DEFAULT ' || pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) END
                 FROM pg_catalog.pg_attrdef ad WHERE ad.adrelid = c.oid AND ad.adnum = a.attnum
                   AND (a.attgenerated <> '' OR NOT ${SEPARATE_DEFAULT})), '')
    || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END`;
}

/**
 * ALTER TABLE ... ADD GENERATED ... AS IDENTITY (its sequence's name and
 * options) for each identity column, as pg_dump writes it: the sequence's
 * own object, placed by the sequence's name after its table.
 */
export function identityStatements(context: CatalogContext): Promise<CatalogStatement[]> {
  return catalogStatements(
    context,
    `SELECT sc.oid, sn.nspname AS schema, sc.relname AS name,
        pg_catalog.format(E'ALTER TABLE %I.%I ALTER COLUMN %I ADD GENERATED %s AS IDENTITY (\\n    SEQUENCE NAME %I.%I',
          n.nspname, c.relname, a.attname, CASE a.attidentity WHEN 'a' THEN 'ALWAYS' ELSE 'BY DEFAULT' END, sn.nspname, sc.relname)
        || ${SEQUENCE_OPTIONS} || E'\\n);'
        || ${commentOn('SEQUENCE', "pg_catalog.format('%I.%I', sn.nspname, sc.relname)", 'pg_class', 'sc.oid')} AS sql,
        ${relationAcl('SEQUENCE', 's', 'sc', 'sn')} AS acl
     FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attidentity IN ('a', 'd') AND (a.attislocal OR c.relispartition)
       JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.refobjid = c.oid
         AND d.refobjsubid = a.attnum AND d.deptype = 'i'
       JOIN pg_catalog.pg_class sc ON sc.oid = d.objid AND sc.relkind = 'S'
       JOIN pg_catalog.pg_namespace sn ON sn.oid = sc.relnamespace JOIN pg_catalog.pg_sequence s ON s.seqrelid = sc.oid
     WHERE ${USER_NAMESPACE} AND ${notInExtension('pg_class', 'c')} AND c.relkind IN ('r', 'p')`,
  );
}

/**
 * A CHECK (alias k) written in its CREATE TABLE: a validated one, or (18+)
 * one NOT ENFORCED, which PostgreSQL never validates; else added NOT VALID,
 * or after the tables when it calls a function of its table's row type
 * (dependency-loops.ts).
 */
export function checkInTable(version: number): string {
  const valid = version >= 180000 ? '(k.convalidated OR NOT k.conenforced)' : 'k.convalidated';
  return `(${valid} AND NOT ${LOOPING_CHECK})`;
}

/** A CHECK's text in its CREATE TABLE: a NOT ENFORCED one (never validated) without the NOT VALID 18 prints after it. */
function checkText(version: number): string {
  return version >= 180000
    ? `CASE WHEN k.conenforced THEN pg_catalog.pg_get_constraintdef(k.oid)
       ELSE pg_catalog.regexp_replace(pg_catalog.pg_get_constraintdef(k.oid), ' NOT VALID$', '') END`
    : 'pg_catalog.pg_get_constraintdef(k.oid)';
}

/**
 * CREATE TABLE for every table: a partition with all its columns (attached
 * later, as pg_dump writes it), an inheriting table with its own columns only.
 */
async function tableRows(context: CatalogContext): Promise<Record<string, string>[]> {
  return catalogRows(
    context,
    `SELECT c.oid, n.nspname AS schema, c.relname AS name,
        (SELECT pg_catalog.string_agg(pg_catalog.format('%I.%I', pn.nspname, pc.relname), ', ' ORDER BY i.inhseqno)
         FROM pg_catalog.pg_inherits i JOIN pg_catalog.pg_class pc ON pc.oid = i.inhparent
           JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace
         WHERE i.inhrelid = c.oid AND NOT c.relispartition) AS inherits,
        CASE WHEN c.relpersistence = 'u' THEN 'CREATE UNLOGGED TABLE ' ELSE 'CREATE TABLE ' END
        || pg_catalog.format('%I.%I (', n.nspname, c.relname)
        || coalesce(E'\\n' || pg_catalog.array_to_string(pg_catalog.array_remove(ARRAY[
             (SELECT pg_catalog.string_agg(${columnDefinition(context.version)}, E',\\n' ORDER BY a.attnum)
              FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type at ON at.oid = a.atttypid
              WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND (a.attislocal OR c.relispartition)),
             (SELECT pg_catalog.string_agg(pg_catalog.format('    CONSTRAINT %I ', k.conname) || ${checkText(context.version)},
                E',\\n' ORDER BY k.conname)
              FROM pg_catalog.pg_constraint k
              WHERE k.conrelid = c.oid AND k.contype = 'c' AND (k.conislocal OR c.relispartition) AND ${checkInTable(context.version)})], NULL), E',\\n'), '')
        || E'\\n)' AS head,
        CASE WHEN c.relkind = 'p' THEN ' PARTITION BY ' || pg_catalog.pg_get_partkeydef(c.oid) ELSE '' END
        || CASE WHEN c.reloptions IS NOT NULL THEN E'\\nWITH (' || pg_catalog.array_to_string(c.reloptions, ', ') || ')' ELSE '' END
        || ';' || pg_catalog.format(E'\\nALTER TABLE %I.%I OWNER TO %I;', n.nspname, c.relname,
             pg_catalog.pg_get_userbyid(c.relowner))
        || ${commentOn('TABLE', RELATION_NAME, 'pg_class', 'c.oid')} || ${columnComments()}
        || coalesce((SELECT pg_catalog.string_agg(pg_catalog.format(E'\\nCOMMENT ON CONSTRAINT %I ON %I.%I IS ', k.conname, n.nspname, c.relname)
               || ${literal('cd.description')} || ';', '' ORDER BY k.conname)
             FROM pg_catalog.pg_constraint k JOIN pg_catalog.pg_description cd ON cd.objoid = k.oid
               AND cd.classoid = 'pg_catalog.pg_constraint'::pg_catalog.regclass
             WHERE k.conrelid = c.oid AND k.contype = 'c' AND (k.conislocal OR c.relispartition)
               AND ${checkInTable(context.version)}), '') AS tail,
        ${relationAcl('TABLE', 'r')} AS acl
     FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE ${USER_NAMESPACE} AND ${notInExtension('pg_class', 'c')} AND c.relkind IN ('r', 'p')
     ORDER BY n.nspname, c.relname`,
  );
}

/** Every table's CREATE TABLE, with its schema and name (dump-order.ts places it). */
export async function tableStatements(context: CatalogContext): Promise<CatalogStatement[]> {
  return (await tableRows(context)).map((row) => ({
    oid: Number(row.oid),
    schema: String(row.schema),
    name: String(row.name),
    sql: `${row.head}${row.inherits ? `\nINHERITS (${row.inherits})` : ''}${row.tail}`,
    ...(row.acl ? { acl: String(row.acl) } : {}),
  }));
}

/** ALTER TABLE ONLY parent ATTACH PARTITION child FOR VALUES ...: every partition, after the tables. */
export function attachStatements(context: CatalogContext): Promise<CatalogStatement[]> {
  return catalogStatements(
    context,
    `SELECT c.oid, pg_catalog.format('ALTER TABLE ONLY %I.%I ATTACH PARTITION %I.%I ', pn.nspname, p.relname, n.nspname, c.relname)
        || pg_catalog.pg_get_expr(c.relpartbound, c.oid) || ';' AS sql
     FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_catalog.pg_inherits i ON i.inhrelid = c.oid
       JOIN pg_catalog.pg_class p ON p.oid = i.inhparent JOIN pg_catalog.pg_namespace pn ON pn.oid = p.relnamespace
     WHERE ${USER_NAMESPACE} AND c.relispartition AND c.relkind IN ('r', 'p')
     ORDER BY pn.nspname, p.relname, n.nspname, c.relname`,
  );
}

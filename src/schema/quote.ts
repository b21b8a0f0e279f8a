/**
 * Identifier and literal quoting the way pg_dump does it (fe_utils `fmtId`):
 * an identifier is left bare only when it is all lower-case ASCII letters,
 * digits and underscores, does not start with a digit, and is not a keyword
 * other than an unreserved one.
 */
import type { QualifiedName } from './model.js';

// PostgreSQL 17 kwlist.h: every keyword that is not UNRESERVED_KEYWORD
// (RESERVED, COL_NAME and TYPE_FUNC_NAME), which fmtId always quotes.
const QUOTED_KEYWORDS = new Set(
  (
    'all analyse analyze and any array as asc asymmetric authorization between bigint binary bit boolean both ' +
    'case cast char character check coalesce collate collation column concurrently constraint create cross ' +
    'current_catalog current_date current_role current_schema current_time current_timestamp current_user dec ' +
    'decimal default deferrable desc distinct do else end except exists extract false fetch float for foreign ' +
    'freeze from full grant greatest group grouping having ilike in initially inner inout int integer intersect ' +
    'interval into is isnull join json json_array json_arrayagg json_exists json_object json_objectagg ' +
    'json_query json_scalar json_serialize json_table json_value lateral leading least left like limit ' +
    'localtime localtimestamp merge_action national natural nchar none normalize not notnull null nullif numeric ' +
    'offset on only or order out outer overlaps overlay placing position precision primary real references ' +
    'returning right row select session_user setof similar smallint some substring symmetric system_user table ' +
    'tablesample then time timestamp to trailing treat trim true union unique user using values varchar ' +
    'variadic verbose when where window with xmlattributes xmlconcat xmlelement xmlexists xmlforest ' +
    'xmlnamespaces xmlparse xmlpi xmlroot xmlserialize xmltable'
  ).split(' '),
);

const SAFE_IDENT = /^[a-z_][a-z0-9_]*$/;

/** Quote an identifier as pg_dump would: `user` → `"user"`, `Film` → `"Film"`, `film` → `film`. */
export function quoteIdent(name: string): string {
  if (SAFE_IDENT.test(name) && !QUOTED_KEYWORDS.has(name)) return name;
  return `"${name.replaceAll('"', '""')}"`;
}

/** `schema.name`, each part quoted as needed. */
export function quoteQualified(q: QualifiedName): string {
  return `${quoteIdent(q.schema)}.${quoteIdent(q.name)}`;
}

/**
 * A table's name as `--rows NAME=N` reads it back: `schema.table`, each part quoted only where it holds a dot
 * or a double quote (`a."b.c"`, which the plain `a.b.c` cannot tell from `"a.b".c`).
 */
export function optionTableName(q: QualifiedName): string {
  const part = (name: string) => (/[."]/.test(name) ? quoteIdent(name) : name);
  return `${part(q.schema)}.${part(q.name)}`;
}

/** A standard-conforming string literal: `it's` → `'it''s'`. */
export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * What PostgreSQL's `format()` makes of `template` (`%s`, `%I` quoted as an
 * identifier, `%L` as a literal, `%%`), its n-th specifier taking `value(n)`:
 * the text and how many values it took; undefined when one it takes is not
 * known. Positional specifiers (`%1$s`) are left as written: callers that
 * meet them refuse the template.
 */
export function formatSql(
  template: string,
  value: (n: number) => string | undefined,
): { readonly text: string; readonly used: number } | undefined {
  let used = 0;
  let unknown = false;
  const text = template.replace(/%([%sIL])/g, (_, spec: string) => {
    if (spec === '%') return '%';
    const v = value(used++);
    if (v === undefined) {
      unknown = true;
      return '';
    }
    return spec === 'I' ? quoteIdent(v) : spec === 'L' ? quoteLiteral(v) : v;
  });
  return unknown ? undefined : { text, used };
}

/**
 * A type's name as PostgreSQL's `format_type(oid, NULL)` prints it under
 * pg_dump's empty search_path: SQL spellings for built-ins (`integer`,
 * `character varying`), other types schema-qualified, `[]` for arrays. pg_dump
 * writes routine and operator signatures (TOC tags) with it.
 */
import type { TypeRef } from './model.js';
import { quoteIdent } from './quote.js';

const SQL_NAMES: Readonly<Record<string, string>> = {
  bool: 'boolean',
  int2: 'smallint',
  int4: 'integer',
  int8: 'bigint',
  float4: 'real',
  float8: 'double precision',
  varchar: 'character varying',
  bpchar: 'character',
  char: '"char"',
  bit: 'bit',
  varbit: 'bit varying',
  timestamp: 'timestamp without time zone',
  timestamptz: 'timestamp with time zone',
  time: 'time without time zone',
  timetz: 'time with time zone',
};

/**
 * @example
 * formatTypeName({ kind: 'type-ref', schema: 'pg_catalog', name: 'int4', typmods: [], arrayDims: 0 }) // 'integer'
 * formatTypeName({ kind: 'type-ref', schema: 'shop', name: 'price', typmods: [], arrayDims: 1 }) // 'shop.price[]'
 */
export function formatTypeName(type: Pick<TypeRef, 'schema' | 'name' | 'arrayDims'>): string {
  const base =
    type.schema === 'pg_catalog'
      ? (SQL_NAMES[type.name] ?? type.name)
      : `${quoteIdent(type.schema)}.${quoteIdent(type.name)}`;
  return base + (type.arrayDims > 0 ? '[]' : '');
}

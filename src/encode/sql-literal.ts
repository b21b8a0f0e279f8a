/**
 * SQL literals for `INSERT ... VALUES` (assuming standard_conforming_strings
 * on, the default since PostgreSQL 9.1, so backslashes are literal). A
 * quoted untyped literal works for every column type because the INSERT
 * target gives it its type; numbers and booleans are written bare when their
 * text is plainly one, which is what pg_dump --inserts does too.
 */
import type { TypeRef } from '../schema/model.js';

/** `it's` → `'it''s'`; null → `NULL`. */
export function sqlLiteral(value: string | null): string {
  if (value === null) return 'NULL';
  return value.indexOf("'") < 0 ? `'${value}'` : `'${value.replaceAll("'", "''")}'`;
}

const NUMERIC_TYPES = new Set(['int2', 'int4', 'int8', 'oid', 'numeric', 'float4', 'float8']);
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** A literal encoder for one column's type: bare numbers and booleans, quoted text otherwise. */
export function createSqlLiteralEncoder(type: TypeRef): (value: string | null) => string {
  const builtin = (type.schema === 'pg_catalog' || type.schema === '') && type.arrayDims === 0;
  if (builtin && NUMERIC_TYPES.has(type.name)) {
    // NaN/Infinity stay quoted: bare they would be column names.
    return (value) => (value === null ? 'NULL' : PLAIN_NUMBER.test(value) ? value : sqlLiteral(value));
  }
  if (builtin && type.name === 'bool') {
    return (value) => {
      if (value === null) return 'NULL';
      if (value === 't' || value === 'true') return 'true';
      if (value === 'f' || value === 'false') return 'false';
      return sqlLiteral(value);
    };
  }
  return sqlLiteral;
}

/** `(v1, v2, …)` for one row of a multi-row VALUES list, fields already encoded. */
export function sqlValuesRow(encoded: readonly string[]): string {
  return `(${encoded.join(', ')})`;
}

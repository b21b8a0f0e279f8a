/**
 * TypeName (parser AST) → TypeRef (model): PostgreSQL's internal type names
 * in pg_catalog for built-ins, the declaring schema for user and extension
 * types, numeric typmods, array dimensions and interval fields.
 */
import type { Node, TypeName } from 'libpg-query';
import type { TypeRef } from '../../schema/model.js';
import { bigintOf, stringOf, stringsOf } from './ast.js';

/** pg_catalog types a DDL may name without a schema (the grammar already maps SQL-standard spellings). */
const BUILTIN_TYPES = new Set(
  (
    'bool bytea char name int8 int2 int2vector int4 regproc text oid tid xid cid oidvector json xml ' +
    'pg_node_tree point lseg path box polygon line float4 float8 circle money macaddr macaddr8 inet cidr ' +
    'aclitem bpchar varchar date time timestamp timestamptz interval timetz bit varbit numeric refcursor ' +
    'regprocedure regoper regoperator regclass regcollation regtype regrole regnamespace regconfig ' +
    'regdictionary uuid pg_lsn tsvector gtsvector tsquery txid_snapshot pg_snapshot xid8 jsonb jsonpath ' +
    'int4range numrange tsrange tstzrange daterange int8range int4multirange nummultirange tsmultirange ' +
    'tstzmultirange datemultirange int8multirange record cstring any anyarray void trigger anyelement ' +
    'anyenum anyrange anynonarray anymultirange'
  ).split(' '),
);

/** Spellings PostgreSQL accepts unqualified that are aliases of an internal name. */
const ALIASES: Readonly<Record<string, string>> = {
  int: 'int4',
  integer: 'int4',
  smallint: 'int2',
  bigint: 'int8',
  real: 'float4',
  float: 'float8',
  boolean: 'bool',
  decimal: 'numeric',
};

/** serial pseudo-types: the column type they stand for. */
export const SERIAL_TYPES: Readonly<Record<string, string>> = {
  serial: 'int4',
  serial4: 'int4',
  bigserial: 'int8',
  serial8: 'int8',
  smallserial: 'int2',
  serial2: 'int2',
};

// INTERVAL_MASK bits (src/include/utils/datetime.h): MONTH 1, YEAR 2, DAY 3, HOUR 10, MINUTE 11, SECOND 12.
const INTERVAL_FULL_RANGE = 0x7fff;
const INTERVAL_FIELDS: ReadonlyMap<number, string> = new Map([
  [1 << 2, 'YEAR'],
  [1 << 1, 'MONTH'],
  [1 << 3, 'DAY'],
  [1 << 10, 'HOUR'],
  [1 << 11, 'MINUTE'],
  [1 << 12, 'SECOND'],
  [(1 << 2) | (1 << 1), 'YEAR TO MONTH'],
  [(1 << 3) | (1 << 10), 'DAY TO HOUR'],
  [(1 << 3) | (1 << 10) | (1 << 11), 'DAY TO MINUTE'],
  [(1 << 3) | (1 << 10) | (1 << 11) | (1 << 12), 'DAY TO SECOND'],
  [(1 << 10) | (1 << 11), 'HOUR TO MINUTE'],
  [(1 << 10) | (1 << 11) | (1 << 12), 'HOUR TO SECOND'],
  [(1 << 11) | (1 << 12), 'MINUTE TO SECOND'],
]);

/** Finds the schema of an unqualified non-built-in type name, or null when unknown. */
export type TypeSchemaResolver = (name: string) => string | null;

export interface ResolvedTypeRef {
  readonly type: TypeRef;
  /** The serial pseudo-type used (`serial`, `bigserial`, …), if any. */
  readonly serial: string | null;
  /** False when an unqualified name could not be found (the caller warns). */
  readonly resolved: boolean;
}

/**
 * Normalise a parsed type name. `shadowing` finds a type of a built-in's name
 * in a schema the search path lists before pg_catalog (`SET search_path =
 * public, pg_catalog`, as pg_dump before 10 wrote it): that type, not the
 * built-in, is what PostgreSQL takes.
 */
export function typeRefOf(
  typeName: TypeName,
  resolve: TypeSchemaResolver,
  fallbackSchema: string,
  shadowing: TypeSchemaResolver = () => null,
): ResolvedTypeRef {
  const names = stringsOf(typeName.names);
  const rawName = names[names.length - 1] ?? '';
  let schema = names.length >= 2 ? (names[names.length - 2] ?? '') : '';
  let name = rawName;
  let serial: string | null = null;
  let resolved = true;
  const numbers: number[] = [];
  // PostGIS typmods are identifiers (`geometry(Point, 4326)`): keep every modifier's text too.
  const texts: string[] = [];
  let named = false;
  for (const m of typeName.typmods ?? []) {
    const value = bigintOf(m);
    if (value !== null) {
      numbers.push(Number(value));
      texts.push(String(value));
      continue;
    }
    const text = typmodText(m);
    if (text !== null) {
      named = true;
      texts.push(text);
    }
  }
  const arrayDims = typeName.arrayBounds?.length ?? 0;
  if (schema === '') {
    const serialType = arrayDims === 0 ? SERIAL_TYPES[rawName] : undefined;
    if (serialType !== undefined) {
      serial = rawName;
      name = serialType;
      schema = 'pg_catalog';
    } else if (BUILTIN_TYPES.has(rawName)) schema = shadowing(rawName) ?? 'pg_catalog';
    else if (ALIASES[rawName] !== undefined) {
      schema = 'pg_catalog';
      name = ALIASES[rawName] ?? rawName;
    } else {
      const found = resolve(rawName);
      resolved = found !== null;
      schema = found ?? fallbackSchema;
    }
  }
  let typmods = numbers;
  let intervalFields: string | undefined;
  if (schema === 'pg_catalog' && name === 'interval' && numbers.length > 0) {
    const mask = numbers[0] ?? INTERVAL_FULL_RANGE;
    if (mask !== INTERVAL_FULL_RANGE) intervalFields = INTERVAL_FIELDS.get(mask);
    typmods = numbers.slice(1);
  }
  const type: TypeRef = {
    kind: 'type-ref',
    schema,
    name,
    typmods,
    arrayDims,
    ...(named ? { typmodNames: texts } : {}),
    ...(intervalFields === undefined ? {} : { intervalFields }),
  };
  return { type, serial, resolved };
}

/** A non-numeric typmod's text: an identifier (`Point` → `point`, as the parser folds it) or a string constant. */
function typmodText(node: Node): string | null {
  if ('ColumnRef' in node) {
    const fields = stringsOf(node.ColumnRef.fields);
    return fields.length > 0 ? fields.join('.') : null;
  }
  return stringOf(node);
}

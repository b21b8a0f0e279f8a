/**
 * Whether a foreign key's column type can reference its key column's type.
 * PostgreSQL needs an equality operator between them, or an implicit cast of
 * the referencing type to the referenced one; this knows the built-in type
 * categories (as pg_type.typcategory has them) and calls a pair incompatible
 * only when it is sure the server would refuse it.
 */
import type { TypeDefinition, TypeRef } from '../../schema/model.js';
import { nameKey } from '../../schema/names.js';

/** Built-in types by category; money has no implicit cast from any other type. */
const CATEGORY: Readonly<Record<string, string>> = {
  int2: 'N',
  int4: 'N',
  int8: 'N',
  numeric: 'N',
  float4: 'N',
  float8: 'N',
  oid: 'N',
  money: 'money',
  text: 'S',
  varchar: 'S',
  bpchar: 'S',
  name: 'S',
  bool: 'B',
  date: 'D',
  timestamp: 'D',
  timestamptz: 'D',
  time: 'time',
  timetz: 'timetz',
  interval: 'T',
  uuid: 'uuid',
  bytea: 'bytea',
  inet: 'I',
  cidr: 'I',
  macaddr: 'macaddr',
  macaddr8: 'macaddr8',
  json: 'json',
  jsonb: 'jsonb',
  bit: 'V',
  varbit: 'V',
};

/** Follow domains to their base type. */
function baseOf(type: TypeRef, types: ReadonlyMap<string, TypeDefinition>): TypeRef {
  let current = type;
  for (let depth = 0; depth < 32; depth++) {
    const def = types.get(nameKey(current));
    if (def?.kind !== 'domain' || current.arrayDims > 0) break;
    current = { ...def.baseType, arrayDims: def.baseType.arrayDims + current.arrayDims };
  }
  return current;
}

function label(type: TypeRef): string {
  const name = type.schema === 'pg_catalog' ? type.name : `${type.schema}.${type.name}`;
  return `${name}${'[]'.repeat(type.arrayDims)}`;
}

/** A reason the server would refuse `fk → pk`, or null when they are (or may be) compatible. */
export function foreignKeyTypeMismatch(
  fk: TypeRef,
  pk: TypeRef,
  types: ReadonlyMap<string, TypeDefinition>,
): string | null {
  const a = baseOf(fk, types);
  const b = baseOf(pk, types);
  if (a.arrayDims > 0 !== b.arrayDims > 0) return `${label(fk)} and ${label(pk)}`;
  const userA = types.get(nameKey(a));
  const userB = types.get(nameKey(b));
  // Enums: only the same enum compares with itself.
  if (userA?.kind === 'enum' || userB?.kind === 'enum') {
    return nameKey(a) === nameKey(b) ? null : `${label(fk)} and ${label(pk)}`;
  }
  if (a.schema !== 'pg_catalog' || b.schema !== 'pg_catalog') return null;
  const ca = CATEGORY[a.name];
  const cb = CATEGORY[b.name];
  if (ca === undefined || cb === undefined || ca === cb) return null;
  return `${label(fk)} and ${label(pk)}`;
}

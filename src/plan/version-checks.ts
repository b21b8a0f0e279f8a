/**
 * The CHECKs a generator version reads: before version 22, a CHECK whose call of an overloaded one-expression
 * function is inlined by its arguments' types (input/ddl/inline-overloads.ts) is read as it was, the call
 * unread (`CheckConstraint.before22`), so those versions' rows stay as they were.
 */
import type { Schema, Table } from '../schema/model.js';

const older = (t: Table) => t.checks.some((c) => c.before22 !== undefined);

/** The schema whose tables' CHECKs are those `version` reads (the same object when none differ). */
export function checksOfVersion(schema: Schema, version: number): Schema {
  if (version >= 22 || !schema.tables.some(older)) return schema;
  const tables = schema.tables.map((t) =>
    older(t)
      ? { ...t, checks: t.checks.map((c) => (c.before22 === undefined ? c : { ...c, expr: c.before22 })) }
      : t,
  );
  return { ...schema, tables };
}

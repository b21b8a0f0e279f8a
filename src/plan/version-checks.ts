/**
 * The CHECKs a generator version reads: before version 22, a CHECK whose call of an overloaded one-expression
 * function is inlined by its arguments' types (input/ddl/inline-overloads.ts) is read as it was, the call
 * unread (`CheckConstraint.before22`), so those versions' rows stay as they were. Before version 23 so too
 * a generated column's expression (`Column.generatedBefore23`); a domain's CHECKs: checks/type-resolution.ts.
 */
import type { Schema, Table } from '../schema/model.js';

const older = (t: Table) => t.checks.some((c) => c.before22 !== undefined);

/** The schema whose tables' CHECKs are those `version` reads (the same object when none differ). */
export function checksOfVersion(schema: Schema, version: number): Schema {
  const checks = version < 22 && schema.tables.some(older);
  const generated = version < 23 && schema.tables.some(olderGenerated);
  if (!checks && !generated) return schema;
  const tables = schema.tables.map((t) => {
    let table = t;
    if (checks && older(table))
      table = {
        ...table,
        checks: table.checks.map((c) => (c.before22 === undefined ? c : { ...c, expr: c.before22 })),
      };
    if (generated && olderGenerated(table))
      table = {
        ...table,
        columns: table.columns.map((c) =>
          c.generatedBefore23 === undefined ? c : { ...c, generated: c.generatedBefore23 },
        ),
      };
    return table;
  });
  return { ...schema, tables };
}

const olderGenerated = (t: Table) => t.columns.some((c) => c.generatedBefore23 !== undefined);

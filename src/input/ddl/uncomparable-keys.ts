/**
 * Unique keys over a column whose values PostgreSQL cannot compare: an array (or a composite, or a domain
 * over one) of a type without a btree operator class (`json[]`, `point[]`, `xml[]`). The server takes
 * `UNIQUE (tags)` on `tags json[]` (array_ops is any array's), and an empty table's index; the first row
 * that must be compared with another fails ("could not identify a comparison function for type json"):
 * the key's index built after the data, or a second row's insert. Exit 0 with output that failed to load;
 * now such a table gets no rows, warned with the column and the fix (its dependants follow).
 */
import type { TypeDefinition, TypeRef } from '../../schema/model.js';
import { displayColumn, nameKey } from '../../schema/names.js';
import type { SchemaBuilder } from './schema-builder.js';

/** Built-in types without a default btree operator class: their values never compare inside an array or row. */
const NO_BTREE = new Set(['json', 'xml', 'point', 'line', 'lseg', 'box', 'path', 'polygon', 'circle']);

/** The type (`json` of `json[]`) whose values cannot be compared inside `type`'s; undefined when all can. */
function uncomparableInside(
  type: TypeRef,
  types: ReadonlyMap<string, TypeDefinition>,
  inArray: boolean,
  depth = 0,
): string | undefined {
  if (depth > 16) return undefined;
  const nested = inArray || type.arrayDims > 0;
  if (type.schema === 'pg_catalog') return nested && NO_BTREE.has(type.name) ? type.name : undefined;
  const def = types.get(nameKey(type));
  if (def?.kind === 'domain') return uncomparableInside(def.baseType, types, nested, depth + 1);
  if (def?.kind === 'composite')
    for (const attribute of def.attributes) {
      const found = uncomparableInside(attribute.type, types, true, depth + 1);
      if (found !== undefined) return found;
    }
  return undefined;
}

/** Tables whose PRIMARY KEY or UNIQUE (constraint or index) holds such a column: no rows, warned by the planner. */
export function leaveTablesWithUncomparableKeys(builder: SchemaBuilder): void {
  for (const table of builder.tables.values()) {
    if (table.noRowsBecause !== undefined) continue;
    const keys = [...(table.primaryKey ? [table.primaryKey] : []), ...table.uniques];
    for (const key of keys) {
      const columns = key.columns.flatMap((name) => {
        const column = table.columns.find((c) => c.name === name);
        const inside =
          column === undefined ? undefined : uncomparableInside(column.type, builder.types, false);
        return column === undefined || inside === undefined ? [] : [{ column: column.name, inside }];
      });
      const [first] = columns;
      if (first === undefined) continue;
      const kind = key.kind === 'primary-key' ? 'PRIMARY KEY' : key.isIndex ? 'unique index' : 'UNIQUE';
      table.noRowsBecause = `${displayColumn(table, first.column)} is in ${kind} ${key.name}, and its values hold ${first.inside}, which has no btree comparison: PostgreSQL cannot compare two rows' values (the key's index fails with "could not identify a comparison function for type ${first.inside}" once the table holds them), so no rows are written; drop the column from the key, or make it jsonb (or text) in a copy of the DDL you generate from`;
      break;
    }
  }
}

/**
 * Foreign keys that read a column back from itself across tables: `l.a
 * REFERENCES m (a)` and `m.a REFERENCES l (a)` (two tables sharing their key
 * both ways; Synapse's worker_read_write_locks ↔ worker_read_write_locks_mode
 * over (lock_name, lock_key)). Each column takes its value from the other's,
 * so no value is ever made (it recursed until the stack ran out). Such a
 * table gets no rows, with the loop named; a self-referencing FK is the tree
 * rules' (tree-roots.ts), not followed here.
 */
import type { ForeignKey } from '../schema/model.js';
import { quoteIdent } from '../schema/quote.js';
import type { ColumnSource, TablePlan } from './plan-model.js';

/** Where a column takes its value through an FK: the parent table's index, its column and the FK. */
interface ReadFrom {
  readonly parent: number;
  readonly parentColumn: string;
  readonly fk: ForeignKey;
}

/** The parent column an FK-sourced column reads (self references left to the tree rules). */
function readFrom(
  source: ColumnSource | undefined,
  fks: readonly ForeignKey[],
  parentOf: (fk: number) => number,
  self: number,
): ReadFrom | undefined {
  if (source?.kind !== 'foreign-key') return undefined;
  const parent = parentOf(source.fk);
  const fk = fks[source.fk];
  return parent < 0 || parent === self || fk === undefined
    ? undefined
    : { parent, parentColumn: source.parentColumn, fk };
}

/**
 * Why the table gets no rows when one of its FK columns reads its value back
 * from itself through other tables' FK columns (as the previous planning
 * pass sourced them), else undefined.
 */
export function foreignKeyValueLoop(
  self: number,
  sources: ReadonlyMap<string, ColumnSource>,
  fks: readonly ForeignKey[],
  fkParents: readonly number[],
  previous: readonly TablePlan[] | null,
  tableName: (index: number) => string,
): string | undefined {
  if (previous === null) return undefined;
  const step = (table: number, column: string): ReadFrom | undefined => {
    if (table === self) return readFrom(sources.get(column), fks, (i) => fkParents[i] ?? -1, self);
    const plan = previous[table];
    const source = plan?.columns.find((c) => c.column.name === column)?.source;
    return (
      plan &&
      readFrom(
        source,
        plan.foreignKeys.map((f) => f.fk),
        (i) => plan.foreignKeys[i]?.parent ?? -1,
        table,
      )
    );
  };
  for (const column of sources.keys()) {
    const path: string[] = [];
    const seen = new Set<string>();
    let at = { table: self, column };
    for (;;) {
      const next = step(at.table, at.column);
      if (next === undefined || seen.has(`${next.parent}\u0000${next.parentColumn}`)) break;
      path.push(
        `${tableName(at.table)}.${quoteIdent(at.column)} → ${tableName(next.parent)}.${quoteIdent(next.parentColumn)} (${next.fk.name})`,
      );
      if (next.parent === self && next.parentColumn === column) {
        return (
          `its foreign keys read ${tableName(self)}.${quoteIdent(column)} back from itself (${path.join(', ')}), so no first value can be made. ` +
          'Drop one of these foreign keys from a copy of the DDL you generate from, or load these tables’ rows yourself'
        );
      }
      seen.add(`${next.parent}\u0000${next.parentColumn}`);
      at = { table: next.parent, column: next.parentColumn };
    }
  }
  return undefined;
}

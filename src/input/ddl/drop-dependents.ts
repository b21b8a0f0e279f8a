/**
 * What a DROP TABLE without CASCADE would leave pointing at the table: a
 * foreign key of another table (not one dropped by the same statement, not
 * the table's own or its partitions'). PostgreSQL refuses such a drop
 * ("cannot drop table ... because other objects depend on it"), so the
 * output would stop loading there: a located problem.
 */
import type { Node } from 'libpg-query';
import type { QualifiedName } from '../../schema/model.js';
import { displayName, nameKey } from '../../schema/names.js';
import type { DdlContext, SourceStatement } from './ddl-context.js';
import { relationName } from './drop-existence.js';

export function reportDroppedWithDependents(
  ctx: DdlContext,
  stmt: SourceStatement,
  q: QualifiedName,
  objects: readonly Node[],
): void {
  const dropped = new Set(objects.map((o) => nameKey(ctx.resolveRelation(relationName(o)))));
  const partOf = (t: { partitionOf: { parent: QualifiedName } | null }): boolean => {
    for (let at = t.partitionOf; at !== null; at = ctx.builder.table(at.parent)?.partitionOf ?? null)
      if (dropped.has(nameKey(at.parent))) return true;
    return false;
  };
  for (const other of ctx.builder.tables.values()) {
    if (dropped.has(nameKey(other)) || other.changedUnseenBy !== undefined || partOf(other)) continue;
    const fk = other.foreignKeys.find((f) => nameKey(f.references) === nameKey(q));
    if (fk === undefined) continue;
    ctx.builder.problems.push({
      location: stmt.location,
      message: `DROP TABLE ${displayName(q)}: foreign key ${fk.name} of ${displayName(other)} references it, so PostgreSQL refuses the drop (cannot drop table ${q.name} because other objects depend on it); drop that constraint (or ${displayName(other)}) first, or write DROP TABLE ... CASCADE`,
    });
    return;
  }
}

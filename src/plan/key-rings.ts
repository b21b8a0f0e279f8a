/**
 * Tables whose primary keys are also foreign keys to each other, 1:1 in a ring (`a.id REFERENCES b (id)`
 * and `b.id REFERENCES a (id)`; or a → b → c → a), DEFERRABLE or not. Each key column reads its value
 * through the next table's, so no first value could be made (foreign-key-loops.ts emptied them all). The
 * rows are possible: every table of the ring holds the same keys. So the first table's FK into the ring
 * is left out of the planning (its key is made as any key, the FK still written), the others take their
 * keys from the table they reference, one parent row each (a key over an FK: a bijection onto the
 * parent's rows), and every table of the ring gets the same rows: each table's keys are then all of its
 * parent's, and the FK left out holds. The output adds its FKs after the rows, as pg_dump does, so the
 * ring loads whether or not its FKs are DEFERRABLE.
 */
import { counted, type Warning } from '../errors.js';
import type { ForeignKey, Table } from '../schema/model.js';
import { displayName } from '../schema/names.js';
import type { TableFamily } from './table-family.js';
import { vacatedKey } from './vacated-foreign-keys.js';

export interface KeyRings {
  /** The FK left out of the planning, by `vacatedKey` (the ring's first table's). */
  readonly broken: ReadonlySet<string>;
  /** The tables of each table's ring, by table index. */
  readonly ringOf: ReadonlyMap<number, readonly number[]>;
}

/** Whether `fk` is the table's whole primary key referencing the parent's whole primary key, column for column. */
function keyToKey(table: Table, fk: ForeignKey, parent: Table | undefined): boolean {
  const own = table.primaryKey?.columns;
  const theirs = parent?.primaryKey?.columns;
  if (!own || !theirs || own.length === 0 || fk.columns.length !== own.length) return false;
  return own.every((c, i) => fk.columns[i] === c) && theirs.every((c, i) => fk.referencedColumns[i] === c);
}

/** The rings of primary keys referencing each other (see the top of this file). */
export function keyRings(family: TableFamily): KeyRings {
  const { tables } = family;
  // Each table's one FK from its whole key to another table's whole key (none, or more than one: no ring).
  const next = tables.map((t, i) => {
    const edges = family.foreignKeysOf(t).flatMap((fk, k) => {
      const parent = family.parentIndex(t, k);
      return parent >= 0 && parent !== i && keyToKey(t, fk, tables[parent]) ? [{ fk, parent }] : [];
    });
    return edges.length === 1 ? edges[0] : undefined;
  });
  const broken = new Set<string>();
  const ringOf = new Map<number, readonly number[]>();
  tables.forEach((_, start) => {
    if (ringOf.has(start)) return;
    const ring = [start];
    let at = next[start]?.parent;
    while (at !== undefined && at !== start && !ring.includes(at)) {
      ring.push(at);
      at = next[at]?.parent;
    }
    const partitioned = (m: number) =>
      Boolean(tables[m]?.partitionOf) || family.partitionsOf(tables[m] as Table).length > 0;
    if (at !== start || ring.length < 2 || ring.some(partitioned)) return;
    const first = Math.min(...ring);
    broken.add(vacatedKey(tables[first] as Table, (next[first] as { fk: ForeignKey }).fk));
    for (const member of ring) ringOf.set(member, ring);
  });
  return { broken, ringOf };
}

/** A ring's table held to its ring's fewest rows, told where that is fewer than it would get. */
export function holdToRing(
  rings: KeyRings,
  table: Table,
  index: number,
  work: { rows: number; readonly warnings: Warning[] },
  rowsOf: (member: number) => number,
  nameOf: (member: number) => string,
): void {
  const ring = rings.ringOf.get(index);
  if (ring === undefined) return;
  const least = Math.min(...ring.map(rowsOf));
  if (least >= work.rows) return;
  const others = ring.filter((m) => m !== index).map(nameOf);
  const where = displayName(table);
  work.warnings.push({
    code: 'ROWS_REDUCED',
    where,
    message: `${where} gets ${counted(least, 'row')} instead of ${work.rows}: its primary key and ${others.join(', ')}'s reference each other, so they hold the same keys and as many rows. Ask for as many rows of each to change it.`,
  });
  work.rows = least;
}

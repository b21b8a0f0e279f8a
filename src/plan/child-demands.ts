/**
 * What the foreign keys that copy a table's columns ask of their values: a
 * column a NOT NULL FK column takes is never NULL (a composite FK to a key
 * over a nullable column, Boundary's `target_alias_proxy_certificate` over
 * `alias_target (public_id, destination_id)`, else picks a NULL), and a column
 * the child copies into a stricter domain over its type (Boundary's
 * `alias_target.value wt_target_alias`, a DNS pattern, over `alias.value
 * wt_alias`) is made to the child's domain, so every parent row the child
 * picks (one fixed by a key too) meets it. Not through a vacated FK, whose
 * values the child does not take.
 */
import { resolveDomains, type TypeLookup } from '../checks/type-resolution.js';
import type { Column, Table, TypeRef } from '../schema/model.js';
import type { TableFamily } from './table-family.js';
import { vacatedKey } from './vacated-foreign-keys.js';

/** Per parent table index: each FK column that takes one of its columns, [child column, parent column]. */
type Copied = Map<number, [Column, Column][]>;
const copiedByFamily = new WeakMap<TableFamily, WeakMap<ReadonlySet<string>, Copied>>();

/** The FK columns that take a column of each table, worked out once per family (not per table). */
function copiedColumns(family: TableFamily, vacated: ReadonlySet<string>): Copied {
  const known = copiedByFamily.get(family)?.get(vacated);
  if (known) return known;
  const out: Copied = new Map();
  for (const child of family.tables) {
    family.foreignKeysOf(child).forEach((fk, i) => {
      const parent = family.tables[family.parentIndex(child, i)];
      if (parent === undefined || vacated.has(vacatedKey(child, fk))) return;
      const list = out.get(family.parentIndex(child, i)) ?? [];
      fk.columns.forEach((column, k) => {
        const parentColumn = parent.columns.find((c) => c.name === fk.referencedColumns[k]);
        const childColumn = child.columns.find((c) => c.name === column);
        if (parentColumn !== undefined && childColumn !== undefined) list.push([childColumn, parentColumn]);
      });
      out.set(family.parentIndex(child, i), list);
    });
  }
  const byVacated = copiedByFamily.get(family) ?? new WeakMap<ReadonlySet<string>, Copied>();
  byVacated.set(vacated, out);
  copiedByFamily.set(family, byVacated);
  return out;
}

export interface ChildDemands {
  /** Per column: the child's domain its values are made to (the strictest, when they nest). */
  readonly types: Map<string, TypeRef>;
  /** Nullable columns a NOT NULL FK column takes. */
  readonly notNull: Set<string>;
}

export function childDemands(
  table: Table,
  family: TableFamily,
  lookup: TypeLookup,
  vacated: ReadonlySet<string>,
): ChildDemands {
  const chosen = new Map<string, { type: TypeRef; domains: readonly string[] }>();
  const notNull = new Set<string>();
  for (const [childColumn, parentColumn] of copiedColumns(family, vacated).get(family.positionOf(table)) ??
    []) {
    const parent = resolveDomains(parentColumn.type, lookup);
    const child = resolveDomains(childColumn.type, lookup);
    const keyed = table.primaryKey?.columns.includes(parentColumn.name) === true;
    if ((childColumn.notNull || child.notNull) && !parentColumn.notNull && !parent.notNull && !keyed)
      notNull.add(parentColumn.name);
    const own = parent.domains;
    const domains = child.domains;
    const floor = chosen.get(parentColumn.name)?.domains ?? own;
    // The child's domains end with the parent's (or the stricter one chosen so far): a domain over it.
    const over = own.length > 0 || sameBase(childColumn.type, parentColumn.type, lookup);
    if (domains.length > floor.length && endsWith(domains, floor) && over)
      chosen.set(parentColumn.name, { type: childColumn.type, domains });
  }
  return { types: new Map([...chosen].map(([c, { type }]) => [c, type])), notNull };
}

function endsWith(list: readonly string[], tail: readonly string[]): boolean {
  return tail.every((d, i) => list[list.length - tail.length + i] === d);
}

function sameBase(a: TypeRef, b: TypeRef, lookup: TypeLookup): boolean {
  const x = resolveDomains(a, lookup).base;
  const y = resolveDomains(b, lookup).base;
  return (
    x.name === y.name &&
    x.schema === y.schema &&
    x.arrayDims === y.arrayDims &&
    x.typmods.join() === y.typmods.join()
  );
}

/**
 * Partitions that are partitioned again with no DEFAULT at any level
 * (`sales_2023` LIST (region), each region LIST (quarter)): a row reaches a
 * leaf only when the key of every level on its way holds a value of that
 * leaf's path. Each leaf is a route: the root's choice is repeated once per
 * leaf below it, and the deeper key columns take the choice the route names
 * (`route` in their partition-key source), so a row's keys always agree.
 */

import type { Table } from '../schema/model.js';
import { type HashLevelRoute, hashLevelRoute } from './hash-routes.js';
import { type PartitionRouting, partitionRouting } from './partition-choices.js';
import type { HashRoute, PartitionChoice } from './plan-model.js';

/**
 * A choice that takes any value, a nested partition's included (HASH), so rows there would miss its deeper
 * keys; a LIST level's DEFAULT (`except` the listed values) lands in no other partition and is routed.
 */
function anyWithoutExcept(c: PartitionChoice): boolean {
  return c.kind === 'any' && c.except === undefined && c.outside === undefined;
}

/** One step of a leaf's path below the root: a key column and the choice its value takes. */
interface Step {
  readonly column: string;
  readonly choice: PartitionChoice;
}

export interface NestedRoutes {
  /** The root's routing, a nested partition's choice repeated once per leaf below it (the others as before). */
  readonly routing: PartitionRouting;
  /** Per deeper key column: its choices, and the choice each root choice gives it (-1: the route does not read it). */
  readonly columns: ReadonlyMap<string, { choices: PartitionChoice[]; byRoute: number[] }>;
  /** Per deeper key column below a HASH partition: its choices there, and the hash routes into them. */
  readonly hashed: ReadonlyMap<string, { choices: PartitionChoice[]; routes: HashRoute[] }>;
}

/** A HASH partition's deeper key route, gated on the root's choice `route`, added to `hashed`. */
function addHashLevel(
  hashed: Map<string, { choices: PartitionChoice[]; routes: HashRoute[] }>,
  level: HashLevelRoute,
  rootColumn: string,
  route: number,
): void {
  const entry = hashed.get(level.column) ?? { choices: [], routes: [] };
  const offset = entry.choices.length;
  entry.choices.push(...level.choices);
  entry.routes.push({
    ...level.route,
    when: { column: rootColumn, choices: [route] },
    partitions: level.route.partitions.map((p) => ({ ...p, choices: p.choices.map((c) => c + offset) })),
  });
  hashed.set(level.column, entry);
}

/**
 * The leaf paths below a partition partitioned again with no DEFAULT, or null when no row can be routed
 * there: a key that is an expression, a column an upper level already keys or something else decides
 * (`free`), or a level mixing partitions that take any value with nested ones (an any value may land
 * in a nested one with its deeper keys unset).
 */
function leafPaths(
  partition: Table,
  childrenOf: (t: Table) => readonly Table[],
  used: ReadonlySet<string>,
  free: (column: string) => boolean,
): Step[][] | null {
  const routing = partitionRouting(partition, childrenOf(partition), childrenOf, true);
  const column = routing.column;
  if (column === null || routing.problem !== null || used.has(column) || !free(column)) return null;
  if (routing.nested.length > 0 && routing.choices.some(anyWithoutExcept)) return null;
  const paths: Step[][] = [];
  routing.choices.forEach((choice, i) => {
    if (!routing.nested.includes(i)) {
      paths.push([{ column, choice }]);
      return;
    }
    const below = leafPaths(routing.partitions[i] as Table, childrenOf, new Set([...used, column]), free);
    for (const path of below ?? []) paths.push([{ column, choice }, ...path]);
  });
  return paths.length > 0 ? paths : null;
}

/**
 * The root's routing with its nested partitions (no DEFAULT below them) expanded into one choice per
 * leaf, or undefined when it has none that can be routed. `free(column)`: a key column nothing else
 * decides. Nested partitions that cannot be routed keep their "gets no rows" reason in `skipped`.
 */
export function nestedPartitionRoutes(
  root: Table,
  childrenOf: (t: Table) => readonly Table[],
  free: (column: string) => boolean,
): NestedRoutes | undefined {
  const routing = partitionRouting(root, childrenOf(root), childrenOf, true);
  const rootColumn = routing.column;
  if (rootColumn === null || routing.nested.length === 0 || routing.choices.some(anyWithoutExcept))
    return undefined;
  const choices: PartitionChoice[] = [];
  const partitions: Table[] = [];
  const paths: (readonly Step[])[] = [];
  const skipped = [...routing.skipped];
  const hashed = new Map<string, { choices: PartitionChoice[]; routes: HashRoute[] }>();
  routing.choices.forEach((choice, i) => {
    const partition = routing.partitions[i] as Table;
    // A HASH partition partitioned again: its rows' deeper key follows PostgreSQL's hash of theirs.
    const level = routing.nested.includes(i)
      ? hashLevelRoute(partition, root, childrenOf, (c) => c !== rootColumn && free(c))
      : undefined;
    if (level !== undefined) {
      addHashLevel(hashed, level, rootColumn, choices.length);
      choices.push(choice);
      partitions.push(partition);
      paths.push([]);
      return;
    }
    const below = routing.nested.includes(i)
      ? leafPaths(partition, childrenOf, new Set([rootColumn]), free)
      : [[]];
    if (below === null) {
      skipped.push(
        `partition ${partition.name} is itself partitioned with no DEFAULT partition, and datagen cannot route rows through its partitions' keys, so it gets no rows`,
      );
      return;
    }
    for (const path of below) {
      choices.push(choice);
      partitions.push(partition);
      paths.push(path);
    }
  });
  if (choices.length === 0 || (paths.every((p) => p.length === 0) && hashed.size === 0)) return undefined;
  const columns = new Map<string, { choices: PartitionChoice[]; byRoute: number[] }>();
  paths.forEach((path, route) => {
    for (const step of path) {
      const entry = columns.get(step.column) ?? { choices: [], byRoute: paths.map(() => -1) };
      entry.byRoute[route] = entry.choices.length;
      entry.choices.push(step.choice);
      columns.set(step.column, entry);
    }
  });
  return {
    routing: { ...routing, choices, partitions, skipped, nested: [] },
    columns,
    hashed,
  };
}

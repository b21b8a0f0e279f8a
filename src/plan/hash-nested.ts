/**
 * A HASH level some of whose partitions are partitioned again with no
 * DEFAULT (`ev` HASH (id), `ev_0` LIST (kind) with 'a' and 'b'), where
 * plan/hash-routes.ts cannot route rows by PostgreSQL's hash (a key type whose
 * hash datagen does not compute: numeric, an enum, an expression; or deeper
 * levels): a row may land in any hash partition. Every row's deeper key
 * then takes a value that each such partition accepts (the values their
 * partitions all list, or the one nested partition's choices): every row
 * fits wherever it lands, and every leaf gets rows. Where no value fits all
 * of them, the table gets no rows (before, the rows hashed into the nested
 * partition failed to load).
 */
import type { Table } from '../schema/model.js';
import { hashKeyTypes } from './hash-routes.js';
import { partitionRouting, storesEveryRow } from './partition-choices.js';
import type { PartitionChoice } from './plan-model.js';

export type HashNestedKeys =
  | {
      readonly kind: 'keys';
      readonly column: string;
      readonly choices: PartitionChoice[];
      readonly nested: string[];
      /** Why the hash partition of a row is not computed. */
      readonly why: string;
    }
  | { readonly kind: 'empty'; readonly because: string };

/** The deeper key every row of a HASH root takes; undefined when the table is no such root. */
export function hashNestedKeys(
  table: Table,
  childrenOf: (t: Table) => readonly Table[],
  free: (column: string) => boolean,
): HashNestedKeys | undefined {
  const spec = table.partitionBy;
  if (spec?.strategy !== 'hash') return undefined;
  const nested = childrenOf(table).filter((p) => !storesEveryRow(p, childrenOf));
  if (nested.length === 0) return undefined;
  const names = nested.map((p) => p.name);
  const key = hashKeyTypes(table, table);
  const why =
    'because' in key
      ? key.because
      : 'the partitions below them are partitioned again with no DEFAULT partition';
  const because = `its HASH partitions ${names.join(', ')} are partitioned again with no DEFAULT partition, and datagen cannot route rows by their hash (${why}) and finds no value of their key that all of them accept. Add a DEFAULT partition to each to give it rows`;
  const subs = nested.map((p) => partitionRouting(p, childrenOf(p), childrenOf));
  const column = subs[0]?.column ?? null;
  if (
    column === null ||
    spec.columns.includes(column) ||
    !free(column) ||
    subs.some(
      (s) => s.column !== column || s.problem !== null || s.skipped.length > 0 || s.choices.length === 0,
    )
  )
    return { kind: 'empty', because };
  if (subs.length === 1)
    return { kind: 'keys', column, choices: [...(subs[0]?.choices ?? [])], nested: names, why };
  // Several: the values every one of them lists.
  const lists = subs.map((s) =>
    s.choices.every((c) => c.kind === 'list') ? new Set(s.choices.flatMap((c) => c.values)) : undefined,
  );
  if (lists.some((l) => l === undefined)) return { kind: 'empty', because };
  const common = [...(lists[0] as Set<string>)].filter((v) => lists.every((l) => l?.has(v)));
  if (common.length === 0) return { kind: 'empty', because };
  return {
    kind: 'keys',
    column,
    choices: common.map((v) => ({ kind: 'list', values: [v] })),
    nested: names,
    why,
  };
}

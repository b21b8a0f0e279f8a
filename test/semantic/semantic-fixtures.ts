/**
 * Builders for semantic-generator tests: model tables from a compact column
 * list, and a row harness that wires every column's generator to its
 * siblings the way the engine does (pure per-row value functions).
 */

import type { Column, Table, TypeRef } from '../../src/schema/model.js';
import { RowRandom, streamKey } from '../../src/values/random.js';
import {
  createSemanticGenerator,
  detectSemantic,
  type RowContext,
  type SemanticKind,
} from '../../src/values/semantic/index.js';

export function type(name: string, ...typmods: number[]): TypeRef {
  return { kind: 'type-ref', schema: 'pg_catalog', name, typmods, arrayDims: 0 };
}

export function column(name: string, columnType: TypeRef): Column {
  return {
    kind: 'column',
    name,
    type: columnType,
    notNull: false,
    default: null,
    identity: null,
    generated: null,
    sequence: null,
    collation: null,
  };
}

export function table(name: string, columns: readonly Column[]): Table {
  return {
    kind: 'table',
    schema: 'public',
    name,
    columns,
    primaryKey: null,
    uniques: [],
    foreignKeys: [],
    checks: [],
    exclusions: [],
    partitionBy: null,
    partitionOf: null,
    inherits: [],
    unlogged: false,
    location: null,
  };
}

/** The kind detected for one column in a table of just that column (or of `others` too). */
export function kindOf(
  tableName: string,
  name: string,
  columnType: TypeRef,
  others: readonly Column[] = [],
  version?: number,
): SemanticKind | null {
  const c = column(name, columnType);
  return detectSemantic(table(tableName, [c, ...others]), c, columnType, version);
}

export interface RowHarness {
  readonly kinds: ReadonlyMap<string, SemanticKind | null>;
  /** The value of a column at a row (columns without a kind return undefined). */
  value(column: string, row: number): string | undefined;
}

/** Every semantic column of the table generating with `seed`, siblings read through a RowContext. */
export function createRowHarness(t: Table, seed: number): RowHarness {
  const kinds = new Map(t.columns.map((c) => [c.name, detectSemantic(t, c, c.type)]));
  const fns = new Map<string, (row: number) => string>();
  const ctx: RowContext = {
    sibling: (name, row) => (kinds.has(name) ? (fns.get(name)?.(row) ?? null) : undefined),
    siblingKind: (name) => kinds.get(name) ?? null,
  };
  for (const c of t.columns) {
    const kind = kinds.get(c.name);
    if (!kind) continue;
    const generator = createSemanticGenerator(kind, t, c, c.type, ctx);
    const random = new RowRandom();
    const key = streamKey(seed, t.schema, t.name, c.name);
    fns.set(c.name, (row) => generator.random(random.at(key, row), row));
  }
  return { kinds, value: (name, row) => fns.get(name)?.(row) };
}

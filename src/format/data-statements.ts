/**
 * The data-section statements every output format shares: which tables get
 * a data block, their COPY statements, and the `setval` calls that move each
 * sequence past the keys that were generated.
 */

import type { ValueFn } from '../generate/value-source.js';
import type { GenerationPlan } from '../plan/plan-model.js';
import { sequenceSteps } from '../plan/sequence-steps.js';
import { leftToCode as leftToCallCode } from '../plan/table-drafts.js';
import type { QualifiedName, Schema, Sequence, Table } from '../schema/model.js';
import { nameKey } from '../schema/names.js';
import { quoteIdent, quoteLiteral, quoteQualified } from '../schema/quote.js';
import { effectiveGeneratorVersion } from '../version.js';

/**
 * A table that gets no data block and no setval: one a DO block reshapes (no COPY naming columns it may no
 * longer have), one whose rows kept code writes before the data (its sequences stay past those rows) or
 * alters unread.
 */
function leftToCode(plan: GenerationPlan, table: Table): boolean {
  return (
    table.changedUnseenBy !== undefined ||
    leftToCallCode(table, effectiveGeneratorVersion(plan.generatorVersion))
  );
}

export interface DataTable {
  readonly index: number;
  readonly table: Table;
  /** Written columns, in table order. */
  readonly columns: readonly string[];
}

/** Tables that get a data block: all but partitions (their rows go through the root) and tables left out by -t/-T/-n/-N. */
export function dataTables(source: { readonly plan: GenerationPlan }): DataTable[] {
  return source.plan.tables.flatMap((t, index) =>
    t.filledThrough || t.excluded || leftToCode(source.plan, t.table)
      ? []
      : [{ index, table: t.table, columns: t.columns.filter((c) => c.written).map((c) => c.column.name) }],
  );
}

export interface SequenceSet {
  readonly sequence: QualifiedName;
  /** The plan table whose key column it feeds (a parallel load sets it on the connection that loaded that table). */
  readonly tableIndex: number;
  /** `SELECT pg_catalog.setval(...);\n` */
  readonly sql: string;
  /** The sequence as an SQL expression of type text (its name, or the serial-sequence lookup). */
  readonly target?: string;
  /** The largest value its key column holds, as an SQL scalar subquery (bigint, NULL when none). */
  readonly keyMaximum?: string;
  /** The table whose rows its `setval` reads (version 26's stepped keys): an archive entry waits for its data. */
  readonly readsTable?: QualifiedName;
}

/**
 * `SELECT pg_catalog.setval(...)` for every sequence that feeds a generated key: past the key of the table's last
 * row, where a CHECK moved the keys from 1..rows (`id serial CHECK (id >= 1000)`: 1000, 1001, …), else at rows.
 */
export function sequenceSetStatements(
  schema: Schema,
  source: { readonly plan: GenerationPlan; valueOf(tableIndex: number, column: string): ValueFn },
): SequenceSet[] {
  const { plan } = source;
  const last = (index: number, column: string) =>
    source.valueOf(index, column)((plan.tables[index]?.rows ?? 1) - 1);
  return sequenceStatements(schema, plan, { kind: 'rows', last });
}

/**
 * --append: every sequence that feeds a generated key set past the largest
 * value its column now holds (the rows there before and the new ones), never
 * moved back behind a value it already gave out; a column whose keys all lie
 * below the sequence's minimum (a seeded `-1` default row) leaves it as it
 * is, as setval would refuse them.
 */
export function sequencesPastTables(schema: Schema, plan: GenerationPlan): SequenceSet[] {
  return sequenceStatements(schema, plan, { kind: 'past-table' });
}

/**
 * A direct load whose triggers fire: before any row, every sequence that
 * feeds a generated key set past the last key the load will write (`last`:
 * a key column's value at a table's last row), never moved back. Rows a
 * trigger inserts into a table datagen also fills then take keys past the
 * generated ones instead of colliding with them.
 */
export function sequencesAheadOfRows(
  schema: Schema,
  plan: GenerationPlan,
  last: (tableIndex: number, column: string) => string | null,
): SequenceSet[] {
  return sequenceStatements(schema, plan, { kind: 'ahead', last });
}

type SequenceTarget =
  | { readonly kind: 'rows'; readonly last: (tableIndex: number, column: string) => string | null }
  | { readonly kind: 'past-table' }
  | { readonly kind: 'ahead'; readonly last: (tableIndex: number, column: string) => string | null };

function sequenceStatements(schema: Schema, plan: GenerationPlan, mode: SequenceTarget): SequenceSet[] {
  const sequences = new Map(schema.sequences.map((s) => [nameKey(s), s]));
  const statements: SequenceSet[] = [];
  const done = new Set<string>();
  const written = new Set(
    schema.statements
      .filter((s) => s.desc === 'SEQUENCE' && s.namespace !== null)
      .map((s) => nameKey({ schema: s.namespace ?? '', name: s.tag })),
  );
  for (const [index, t] of plan.tables.entries()) {
    if (t.excluded || leftToCode(plan, t.table)) continue;
    // A partition's rows are made through its root (which feeds the same sequence).
    if (mode.kind === 'ahead' && (t.filledThrough || t.rows === 0)) continue;
    for (const c of t.columns) {
      const seq = c.column.sequence;
      if (!seq || c.source.kind !== 'unique' || !t.drivers[c.source.driver]?.ordered) continue;
      const key = nameKey(seq);
      if (done.has(key)) continue;
      done.add(key);
      const def = sequences.get(key);
      // A sequence with its own CREATE (or identity) statement has the name written there, as in pg_dump.
      const ownedHere =
        !written.has(key) &&
        (c.column.identity !== null ||
          (def?.ownedBy &&
            nameKey(def.ownedBy.table) === nameKey(t.table) &&
            def.ownedBy.column === c.column.name));
      // pg_get_serial_sequence finds the real name of an owned sequence (PostgreSQL truncates long ones).
      const target = ownedHere
        ? `pg_catalog.pg_get_serial_sequence(${quoteLiteral(quoteQualified(t.table))}, ${quoteLiteral(c.column.name)})`
        : quoteLiteral(quoteQualified(seq));
      if (mode.kind === 'ahead') {
        const last = mode.last(index, c.column.name);
        if (last === null || !/^-?\d+$/.test(last) || BigInt(last) < (def?.minValue ?? 1n)) continue;
        if (def !== undefined && def.increment < 0n) continue;
        statements.push({
          sequence: seq,
          tableIndex: index,
          sql: `SELECT pg_catalog.setval(${target}, GREATEST(${last}::bigint, pg_catalog.pg_sequence_last_value(${target}::regclass)));\n`,
          target,
          keyMaximum: `(SELECT max(${quoteIdent(c.column.name)})::bigint FROM ${quoteQualified(t.table)})`,
        });
        continue;
      }
      // Version 26: keys from the sequence's START a step of its INCREMENT apart (plan/sequence-steps.ts): set
      // past the largest written, as --append does.
      const stepped =
        def !== undefined &&
        sequenceSteps(def) !== undefined &&
        effectiveGeneratorVersion(plan.generatorVersion) >= 26;
      if (mode.kind === 'past-table' || stepped) {
        statements.push({
          sequence: seq,
          tableIndex: index,
          ...(stepped ? { readsTable: t.table } : {}),
          sql: `SELECT pg_catalog.setval(${target}, GREATEST(m, pg_catalog.pg_sequence_last_value(${target}::regclass))) FROM (SELECT max(${quoteIdent(c.column.name)})::bigint AS m FROM ${quoteQualified(t.table)}) AS k WHERE m >= (SELECT s.seqmin FROM pg_catalog.pg_sequence s WHERE s.seqrelid = ${target}::regclass) AND m <= (SELECT s.seqmax FROM pg_catalog.pg_sequence s WHERE s.seqrelid = ${target}::regclass);\n`,
        });
        continue;
      }
      const min = def?.minValue ?? 1n;
      const rows = BigInt(t.rows);
      if (def !== undefined && def.increment < 0n) {
        // Keys 1..rows were written; a descending sequence goes on below them: from 0 where it may, else as it is.
        const sql = descendingPastKeys(def, target);
        if (sql !== null) statements.push({ sequence: seq, tableIndex: index, sql });
        continue;
      }
      const moved = movedLastKey(def, rows, mode.last(index, c.column.name));
      statements.push({
        sequence: seq,
        tableIndex: index,
        sql:
          rows >= min && rows > 0n
            ? `SELECT pg_catalog.setval(${target}, ${moved ?? rows}, true);\n`
            : `SELECT pg_catalog.setval(${target}, ${min}, false);\n`,
      });
    }
  }
  return statements;
}

/**
 * The last row's key where a CHECK moved the keys past 1..rows (`CHECK (id >= 1000)`), so nextval after the load
 * neither collides with them nor fails the CHECK; undefined where it is rows (or outside the sequence's bounds,
 * where setval would fail the load).
 */
function movedLastKey(def: Sequence | undefined, rows: bigint, last: string | null): bigint | undefined {
  if (rows === 0n || last === null || !/^\d+$/.test(last)) return undefined;
  const key = BigInt(last);
  const max = def?.maxValue ?? null;
  return key > rows && (max === null || key <= max) ? key : undefined;
}

/**
 * A descending sequence (`INCREMENT BY -1`, whose MAXVALUE is -1 unless set)
 * beside keys 1..rows: set to 0 where its bounds hold 0, so it goes on below
 * the keys; else left as it is (setval outside its bounds fails the load).
 */
function descendingPastKeys(def: Sequence, target: string): string | null {
  const max = def.maxValue ?? -1n;
  const min = def.minValue ?? -(2n ** 63n);
  return min <= 0n && max >= 0n ? `SELECT pg_catalog.setval(${target}, 0, true);\n` : null;
}

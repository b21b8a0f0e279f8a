/**
 * A table whose integer column takes a sequence's values (`DEFAULT
 * nextval('s')`, serial, identity) holds no more rows than the sequence
 * gives out: datagen counts such a column 1, 2, 3, … and sets the sequence
 * past the last row, and PostgreSQL refuses `setval` beyond MAXVALUE (a
 * `cardstypes_id_seq ... MAXVALUE 66` beside 200 rows exited 0 with a
 * script that failed at its setval). As with a unique key too small for
 * the rows (key-capacity.ts): the table gets that many rows, warned; rows
 * asked for by name are an error.
 */

import { resolveDomains, type TypeLookup } from '../checks/type-resolution.js';
import { counted, DatagenError, ErrorCodes, type Warning } from '../errors.js';
import type { Schema, Sequence } from '../schema/model.js';
import { displayColumn, displayName, nameKey } from '../schema/names.js';
import { quoteQualified } from '../schema/quote.js';
import { INTEGER_TYPES } from './key-capacity.js';
import type { GenerationPlan } from './plan-model.js';

const TYPE_MAX: Readonly<Record<string, bigint>> = {
  int2: 32767n,
  int4: 2147483647n,
  int8: 9223372036854775807n,
};

/** The largest value an ascending sequence gives out (its MAXVALUE, else its type's), undefined for a descending one. */
function sequenceMax(sequence: Sequence): bigint | undefined {
  if (sequence.increment < 0n) return undefined;
  return sequence.maxValue ?? TYPE_MAX[sequence.dataType] ?? TYPE_MAX.int8;
}

/** Rows per table index held to the sequences their integer columns count through. */
export function capRowsBySequences(
  schema: Schema,
  lookup: TypeLookup,
  rows: number[],
  explicit: readonly boolean[],
  selected: ReadonlySet<string> | null | undefined,
  warnings: Warning[],
): void {
  const sequences = new Map(schema.sequences.map((s) => [nameKey(s), s]));
  for (const [index, table] of schema.tables.entries()) {
    const asked = rows[index] ?? 0;
    if (asked === 0 || table.partitionOf || selected?.has(nameKey(table)) === false) continue;
    for (const column of table.columns) {
      const sequence = column.sequence ? sequences.get(nameKey(column.sequence)) : undefined;
      const base = resolveDomains(column.type, lookup).base;
      if (!sequence || base.arrayDims > 0 || !INTEGER_TYPES.has(base.name)) continue;
      const max = sequenceMax(sequence);
      const current = rows[index] ?? 0;
      if (max === undefined || BigInt(current) <= max) continue;
      const capacity = max < 0n ? 0 : Number(max);
      const what = `${displayColumn(table, column.name)} takes the values of sequence ${quoteQualified(sequence)}, which gives out no value past ${max}`;
      if (explicit[index]) {
        throw new DatagenError(
          ErrorCodes.UNIQUE_SPACE_TOO_SMALL,
          `${displayName(table)}: ${counted(current, 'row')} were requested but ${what}. Ask for at most ${counted(capacity, 'row')} (--rows ${table.name}=${capacity}) or raise the sequence's MAXVALUE.`,
          { table: displayName(table), requested: current, capacity },
        );
      }
      warnings.push({
        code: 'ROWS_REDUCED',
        where: `${displayColumn(table, column.name)}`,
        message: `${displayName(table)} gets ${counted(capacity, 'row')} instead of ${current}: ${what} (its MAXVALUE). To get more rows, raise its MAXVALUE (ALTER SEQUENCE ${quoteQualified(sequence)} MAXVALUE n).`,
      });
      rows[index] = capacity;
    }
  }
}

/** An appended table cut to the values its sequence has left past the key it holds. */
export interface SequenceAppendCut {
  readonly table: string;
  readonly free: number;
  readonly warning: Warning;
}

/**
 * --append: a table whose counting-up key takes a sequence's values starts
 * past the key it holds (`held`: a driver's held maximum, by table index and
 * driver), so it has MAXVALUE minus that maximum values left, not MAXVALUE:
 * its rows cut to them (none when nothing is left), warned, instead of a
 * `setval` past MAXVALUE that fails the load (Yota's 66-value sequence).
 */
export function sequenceAppendCuts(
  schema: Schema,
  plan: GenerationPlan,
  held: (table: number, driver: number) => string | null | undefined,
): SequenceAppendCut[] {
  const sequences = new Map(schema.sequences.map((s) => [nameKey(s), s]));
  const cuts: SequenceAppendCut[] = [];
  for (const [index, t] of plan.tables.entries()) {
    if (t.excluded || t.filledThrough || t.rows === 0) continue;
    let cut: SequenceAppendCut | undefined;
    for (const c of t.columns) {
      const sequence = c.column.sequence ? sequences.get(nameKey(c.column.sequence)) : undefined;
      if (!sequence || c.source.kind !== 'unique' || !t.drivers[c.source.driver]?.ordered) continue;
      const maximum = held(index, c.source.driver);
      const max = sequenceMax(sequence);
      if (maximum == null || max === undefined || !/^-?\d+$/.test(maximum)) continue;
      const left = max - BigInt(maximum);
      const free = left <= 0n ? 0 : left < BigInt(t.rows) ? Number(left) : t.rows;
      if (free >= t.rows || (cut && cut.free <= free)) continue;
      const name = displayName(t.table);
      cut = {
        table: name,
        free,
        warning: {
          code: 'APPEND_KEY_FULL',
          where: displayColumn(t.table, c.column.name),
          message: `${name} gets ${free} new row${free === 1 ? '' : 's'} instead of ${t.rows}: ${displayColumn(t.table, c.column.name)} takes the values of sequence ${quoteQualified(sequence)}, which gives out no value past ${max}, and the table already holds keys up to ${maximum}. To get more rows, raise its MAXVALUE (ALTER SEQUENCE ${quoteQualified(sequence)} MAXVALUE n), or --truncate to start again.`,
        },
      };
    }
    if (cut) cuts.push(cut);
  }
  return cuts;
}

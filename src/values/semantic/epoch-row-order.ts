/**
 * Version 6: a unique moment kept as an integer (`ts bigint UNIQUE`,
 * `expires_at integer UNIQUE`) in its row's time order: at or after the
 * row's creation column, still unique by construction. Row r of n takes
 * `ceil((created + d) / n) * n + r` seconds, d ≥ 0 its kind's distance from
 * the creation (none for a creation, mostly soon after for a later event, up
 * to a year for a deadline): any two rows differ in `r`, and every value is
 * at or after the creation, less than 2n seconds past `created + d`. The row
 * is the key's k only where the column alone is its key and no held keys
 * shape it (generate/key-source-values.ts' `inRowOrder`); elsewhere
 * (`--append`) the version 5 bijection of the window stays.
 */
import { SECONDS_PER_DAY } from '../../checks/calendar.js';
import type { Column, Table, TypeRef } from '../../schema/model.js';
import type { RowRandom } from '../random.js';
import { nameTokens } from './column-names.js';
import { createEpochWriter, isEpochMillis } from './epoch-times.js';
import { isCreationName } from './number-time-names.js';
import type { RowContext } from './semantic-generator.js';
import type { SemanticKind } from './semantic-kind.js';
import { isTimeKind } from './time-stages.js';
import { readTimestampSeconds } from './time-text.js';
import { CREATED_FIRST_DAY, REFERENCE_DAY } from './time-values.js';

/**
 * More rows than this and the values would reach well past the window: the
 * bijection of the window stays. Version 7: ten million (a bucket of n
 * seconds is then at most 116 days, every value still before the deadline
 * year's end); version 6: one million.
 */
export function maxOrderedRows(version: number): number {
  return version >= 7 ? 10_000_000 : 1_000_000;
}
const YEAR = 365 * SECONDS_PER_DAY;

/** What a unique epoch column reads of its row, or null where it keeps version 5's bijection. */
export interface EpochRowOrder {
  readonly rowValue: (k: number, rand: RowRandom, row: number) => string;
}

/** The creation column a unique epoch column of a table of `rows` rows follows (never a creation itself), or null. */
export function epochOrderCreation(
  column: string,
  columns: readonly string[],
  rows: number,
  kindOf: (column: string) => SemanticKind | null,
  version: number,
): string | null {
  // A creation itself (`created integer UNIQUE`) follows nothing: the column it would read may read it.
  if (rows < 1 || rows > maxOrderedRows(version) || isCreationName(column)) return null;
  return (
    columns.find((name) => name !== column && isCreationName(name) && kindOf(name) === 'created_at') ?? null
  );
}

/**
 * The row-ordered values of a unique moment kept as an integer, or null
 * (no creation column beside it, too many rows, no row context).
 */
export function epochRowOrder(
  kind: SemanticKind | null,
  table: Table,
  column: Column,
  base: TypeRef,
  rows: number,
  row: RowContext | undefined,
  version: number,
): EpochRowOrder | null {
  if (row === undefined || kind === null || !isTimeKind(kind)) return null;
  if (base.name !== 'int4' && base.name !== 'int8') return null;
  const names = table.columns.map((c) => c.name);
  const creation = epochOrderCreation(column.name, names, rows, (name) => row.siblingKind(name), version);
  if (creation === null) return null;
  const write = createEpochWriter(isEpochMillis(nameTokens(column.name), base));
  const first = CREATED_FIRST_DAY * SECONDS_PER_DAY;
  const reference = REFERENCE_DAY * SECONDS_PER_DAY;
  /** The latest start of a bucket: every value stays before a deadline's year past the reference date. */
  const last = reference + YEAR - 2 * rows;
  const distance = (rand: RowRandom, created: number): number => {
    if (kind === 'created_at') return 0;
    if (kind === 'due_at') return Math.floor(rand.float() * YEAR);
    const u = rand.float();
    return Math.floor(Math.max(reference - rows * 2 - created, 0) * u * u);
  };
  return {
    rowValue: (_k, rand, r) => {
      const text = row.sibling(creation, r);
      const created = typeof text === 'string' ? (readTimestampSeconds(text) ?? first) : first;
      const at = Math.ceil(created) + distance(rand, Math.ceil(created));
      // Inside the window whatever the creation (a configured one may lie outside): CHECK bounds hold it.
      const kept = Math.min(Math.max(at, first), last);
      return write(Math.ceil(kept / rows) * rows + r);
    },
  };
}

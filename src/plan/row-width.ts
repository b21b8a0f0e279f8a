/**
 * A row must fit in a heap page: at most MaxHeapTupleSize (8160 bytes with
 * PostgreSQL's 8 kB blocks) once TOAST has moved out every variable-length
 * value it can (a value of more than 24 bytes becomes an 18-byte pointer;
 * shorter ones stay in the row). A table of hundreds of columns can pass it
 * with every column filled, and the load stops at "row is too big". Nullable
 * columns are then left NULL (a NULL takes no room), from the last column
 * back, until the widest row fits; with too few of them the table gets no rows.
 */

import { resolveDomains, type TypeLookup } from '../checks/type-resolution.js';
import type { Warning } from '../errors.js';
import { counted } from '../errors.js';
import type { Column, Table } from '../schema/model.js';
import { displayName } from '../schema/names.js';

/** MaxHeapTupleSize for 8 kB blocks: BLCKSZ - MAXALIGN(SizeOfPageHeaderData + sizeof(ItemIdData)). */
export const MAX_ROW_BYTES = 8160;

/** The most a variable-length value takes in a row after TOAST: values over 24 bytes go out of line. */
const VARLENA_IN_ROW = 24;

/** Fixed-width types: [size, alignment] as pg_type has them (typlen, typalign). */
const FIXED: Readonly<Record<string, readonly [number, number]>> = {
  bool: [1, 1],
  char: [1, 1],
  int2: [2, 2],
  int4: [4, 4],
  oid: [4, 4],
  xid: [4, 4],
  cid: [4, 4],
  regclass: [4, 4],
  regtype: [4, 4],
  regproc: [4, 4],
  float4: [4, 4],
  date: [4, 4],
  int8: [8, 8],
  xid8: [8, 8],
  float8: [8, 8],
  money: [8, 8],
  time: [8, 8],
  timestamp: [8, 8],
  timestamptz: [8, 8],
  pg_lsn: [8, 8],
  timetz: [12, 8],
  interval: [16, 8],
  uuid: [16, 1],
  tid: [6, 2],
  macaddr: [6, 4],
  macaddr8: [8, 4],
  name: [64, 1],
  point: [16, 8],
  circle: [24, 8],
  line: [24, 8],
  lseg: [32, 8],
  box: [32, 8],
};

/** A column's [size, alignment] in a row: a variable-length value's most, unaligned (a short or TOAST pointer header). */
function columnLayout(column: Column, lookup: TypeLookup): readonly [number, number] {
  const { base } = resolveDomains(column.type, lookup);
  if (base.arrayDims > 0) return [VARLENA_IN_ROW, 1];
  if (base.schema !== 'pg_catalog') {
    const defined = lookup.resolveType(base.schema, base.name);
    return defined?.kind === 'enum' ? [4, 4] : [VARLENA_IN_ROW, 1];
  }
  return FIXED[base.name] ?? [VARLENA_IN_ROW, 1];
}

/** The most bytes a row takes with `filled` columns non-NULL: the header, its null bitmap, then each value aligned. */
function rowBytes(columnCount: number, filled: readonly (readonly [number, number])[]): number {
  let offset = Math.ceil((23 + Math.ceil(columnCount / 8)) / 8) * 8;
  for (const [size, align] of filled) offset = Math.ceil(offset / align) * align + size;
  return offset;
}

/** Text is cut no shorter than this before nullable columns are left NULL instead. */
const SHORTEST_CUT = 8;

export interface RowWidthFallback {
  /** Nullable columns left NULL so every row fits. */
  readonly nullColumns: readonly string[];
  /** Text columns whose values are cut to `length` characters so every row fits. */
  readonly cut?: { readonly columns: readonly string[]; readonly length: number };
  /** Why the table gets no rows (no row of it fits), if it does not. */
  readonly empty?: string;
  readonly warnings: readonly Warning[];
}

export interface RowWidthColumns {
  /** May the column be left NULL (nullable, not in a key, not a foreign key's)? */
  nullable(column: string): boolean;
  /** May its text be cut shorter (text or varchar, values not fixed by a key, list or pattern)? */
  cuttable(column: string): boolean;
  /** Columns NULL in every row already. */
  readonly leftNull: ReadonlySet<string>;
}

/**
 * How a row of `table` fits in a heap page: text columns cut shorter (to at
 * least 8 characters), then nullable columns left NULL from the last one
 * back, then text cut shorter still; no rows when nothing fits.
 */
export function rowWidthFallback(table: Table, which: RowWidthColumns, lookup: TypeLookup): RowWidthFallback {
  const columns = table.columns.filter((c) => !which.leftNull.has(c.name));
  const layouts = columns.map((c) => columnLayout(c, lookup));
  const widest = rowBytes(table.columns.length, layouts);
  if (widest <= MAX_ROW_BYTES) return { nullColumns: [], warnings: [] };
  const cuttable = columns.map((c) => c.generated === null && which.cuttable(c.name));
  const filled = columns.map(() => true);
  // The longest cut (characters, at most 23: a longer value goes out of line anyway) that fits, or 0.
  const cutThatFits = (): number => {
    for (let length = VARLENA_IN_ROW - 1; length >= 1; length--) {
      const cutLayouts = layouts.flatMap((layout, i) =>
        !filled[i] ? [] : cuttable[i] ? [[length + 1, 1] as const] : [layout],
      );
      if (rowBytes(table.columns.length, cutLayouts) <= MAX_ROW_BYTES) return length;
    }
    return 0;
  };
  const nullColumns: string[] = [];
  for (let i = columns.length - 1; i >= 0 && cutThatFits() < SHORTEST_CUT; i--) {
    const column = columns[i] as Column;
    if (column.generated !== null || !which.nullable(column.name)) continue;
    filled[i] = false;
    nullColumns.unshift(column.name);
  }
  const length = cutThatFits();
  const name = displayName(table);
  const need = `a row of its ${counted(table.columns.length, 'column')} can take up to ${counted(widest, 'byte')}, more than the ${MAX_ROW_BYTES} bytes PostgreSQL fits in one row (after TOAST)`;
  const fix = 'split the table into tables of fewer columns in a copy of the DDL you generate from';
  if (length === 0) {
    return {
      nullColumns: [],
      empty: `${name}: ${need}, even with its nullable columns NULL and its text cut short`,
      warnings: [
        {
          code: 'TABLE_LEFT_EMPTY',
          where: name,
          message: `${name}: ${need}, even with its nullable columns NULL and its text cut short; it gets no rows (tables with NOT NULL foreign keys to it too). To fill it, ${fix}.`,
        },
      ],
    };
  }
  const cutColumns = columns.filter((_, i) => filled[i] && cuttable[i]).map((c) => c.name);
  const done: string[] = [];
  if (nullColumns.length > 0)
    done.push(
      `${nullColumns.length} nullable column${nullColumns.length === 1 ? '' : 's'} (${span(nullColumns)}) left NULL in every row`,
    );
  if (cutColumns.length > 0)
    done.push(
      `the text of ${cutColumns.length} column${cutColumns.length === 1 ? '' : 's'} (${span(cutColumns)}) cut to at most ${counted(length, 'character')}`,
    );
  return {
    nullColumns,
    ...(cutColumns.length === 0 ? {} : { cut: { columns: cutColumns, length } }),
    warnings: [
      {
        code: 'ROW_TOO_WIDE',
        where: name,
        message: `${name}: ${need}; so that each row fits, ${done.join(' and ')}. To fill them, ${fix}.`,
      },
    ],
  };
}

function span(names: readonly string[]): string {
  return names.length === 1 ? (names[0] as string) : `${names[0]} … ${names[names.length - 1]}`;
}

/**
 * The contracts of semantic generators: what the engine gives them (the row's
 * other columns, on demand) and what they return. Also the per-column build
 * context every kind's factory receives.
 */
import type { ByteOut } from '../../checks/digits.js';
import type { Column, Table, TypeRef } from '../../schema/model.js';
import { effectiveGeneratorVersion } from '../../version.js';
import type { RowRandom } from '../random.js';
import { escapeFreeTexts } from '../types/escape-free.js';
import { nameTokens } from './detect-semantic.js';
import type { LocaleDictionary } from './locale-dictionary.js';
import type { SemanticKind } from './semantic-kind.js';
import { fitting, textMaxLength } from './text-fit.js';
import { readTimestampSeconds } from './time-text.js';

/** What a semantic generator may ask about the rest of its row. */
export interface RowContext {
  /** The value of another column of the same row (computed on demand, pure), or undefined if no such column. */
  sibling(column: string, row: number): string | null | undefined;
  /** The semantic kind of another column, when it has one. */
  siblingKind(column: string): SemanticKind | null;
  /**
   * Another column's value function, resolved once when the reading column is
   * built (undefined: read through `sibling`). Its value is computed once per
   * row, however many columns of the row read it.
   */
  siblingReader?(column: string): ((row: number) => string | null | undefined) | undefined;
  /**
   * The earliest time (seconds since the epoch) a start-of-life column of this
   * row may take: its parent rows' starts (see generate/parent-time.ts), for a
   * column of base type `typeName`; undefined when no parent bounds it.
   */
  earliestStart?: (row: number, typeName: string) => number | undefined;
  /**
   * Version 13: the start (as `earliestStart`) of the one parent row the
   * row's foreign key `fk` picks, a function of that pick alone (a
   * history's periods after their employee's hire_date).
   */
  parentStartThrough?(fk: number): ((row: number, typeName: string) => number | undefined) | undefined;
  /**
   * The country of this row's place as its parent rows say it (a `city` row's
   * `country_id` → the country row's name or code; through a chain of FKs:
   * an address → its city → its country); absent when no parent has one.
   */
  parentCountry?: (row: number) => string | null | undefined;
  /**
   * Version 9: the first column `accepts` of the tables the row's foreign
   * keys lead to (up to three hops, the nearest first), read at the row
   * reached (generate/ancestor-values.ts); undefined when none.
   */
  ancestorColumn?(accepts: AncestorTest): AncestorColumn | undefined;
  /**
   * Version 32: the table's rows where a self-reference named for a manager picks each row's manager
   * among the rows before it (generate/manager-rows.ts); undefined when the table has no such FK.
   */
  readonly managerTreeRows?: number;
  /**
   * Version 4: a table's primary key (plan index `tableIndex`): its rows and row j's key, for a column
   * that names the table without an FK (plan/implied-keys.ts); undefined when it has none or no rows.
   */
  tableKeys?(
    tableIndex: number,
  ): { readonly rows: number; readonly keyAt: (row: number) => string | null } | undefined;
  /**
   * Version 12: the first child table `accepts` whose foreign key to this table has an exact fan-out
   * (`per_parent: {min, max}`): a row's child rows and that table's columns read at them
   * (generate/child-rows.ts); undefined when none.
   */
  childRows?(accepts: (table: Table) => boolean): ChildRows | undefined;
  /**
   * Version 17: the first child table `accepts` keyed by its foreign key to this table and a counter of
   * its own (`lineitem (l_orderkey, l_linenumber)`): a row's child rows, found by the key's inverse
   * permutation (generate/child-rows.ts `keyedChildRowsOf`); undefined when none.
   */
  keyedChildRows?(accepts: (table: Table) => boolean): ChildRows | undefined;
  /**
   * Version 12: the row's place among its parent row's children, through the table's first foreign key
   * with an exact fan-out (`per_parent: {min, max}`); undefined when none.
   */
  placeAmongSiblings?(): ((row: number) => SiblingPlace) | undefined;
  /**
   * Version 20: the rows of the row's parent row through the table's first foreign key with an exact
   * fan-out (its own among them) and that parent row (generate/child-rows.ts); undefined when none.
   */
  siblingRows?(): SiblingRows | undefined;
  /**
   * Version 14: a history's periods by their start column (a date beside the
   * parent's FK in the key, `salaries (emp_no, from_date)`;
   * generate/series-offsets.ts); undefined where the column is no such series.
   */
  periodChain?(startColumn: string): PeriodChain | undefined;
  /**
   * Version 15: the row's period among its owner's rows in a table keyed by two parents (`dept_emp
   * (emp_no, dept_no)`: an employee's departments; `dept_manager`: a department's managers;
   * generate/owner-periods.ts); undefined where the table is no such history.
   */
  ownerPeriods?(): ((row: number) => OwnerPeriod) | undefined;
  /** The run's locale other than en (`--locale`); absent: en's built-in dictionaries. */
  readonly locale?: LocaleDictionary;
  /** The value generators' version (absent: GENERATOR_VERSION). */
  readonly generatorVersion?: number;
  /** Version 10: the run's seed, for values a row shares with other rows (a price series' walk, price-series.ts). */
  readonly seed?: number;
}

/** A row's parent row and that parent's rows in the row's own table (see RowContext.siblingRows). */
export interface SiblingRows {
  /** The row's parent row. */
  parentOf(row: number): number;
  /** A parent row's rows in the table (none for a parent without). */
  rowsOf(parent: number): readonly number[];
}

/** A parent row's children in a child table (an order's lines), read without storing them. */
export interface ChildRows {
  readonly table: Table;
  /** The child rows of a parent row. */
  rowsOf(parentRow: number): readonly number[];
  /** A column of the child table, read at a child row (undefined: no such column). */
  column(name: string): ((row: number) => string | null) | undefined;
}

/** A child row's place among its parent's children: `index` from 0, of `count`. */
/** A row's period among its parent's (see RowContext.periodChain). */
export interface PeriodChain {
  /** The start of the parent's next period, as the start column's text; null for the parent's latest. */
  nextStart(row: number): string | null;
  /** The row's parent (an index), its place k among its periods (0: the latest, 1 the one before…) of `slots`. */
  place(row: number): {
    readonly parent: number;
    readonly k: number;
    readonly slots: number;
    /** Version 15: how many of the parent's periods there are before this one (rows, not slots). */
    readonly earlier?: number;
  };
}

/** A row's period among its owner's (see RowContext.ownerPeriods), in days since 1970-01-01. */
export interface OwnerPeriod {
  /** The period's first day. */
  readonly startDay: number;
  /** The owner's next period's first day; null for the owner's latest. */
  readonly nextDay: number | null;
}

export interface SiblingPlace {
  readonly index: number;
  readonly count: number;
}

/** Whether an ancestor table's column is the one a generator reads (its meaning: `kind`). */
export type AncestorTest = (table: Table, column: Column, kind: SemanticKind | null) => boolean;

/** An ancestor's column, read at the row a row's foreign keys lead to (undefined: none, NULL FK). */
export interface AncestorColumn {
  readonly table: string;
  readonly column: string;
  read(row: number): string | null | undefined;
}

/** A sibling column's values, resolved at build time where the engine allows it, else read on demand. */
export function siblingReader(ctx: RowContext, column: string): (row: number) => string | null | undefined {
  return ctx.siblingReader?.(column) ?? ((row) => ctx.sibling(column, row));
}

/** A sibling date or timestamp column's value as seconds since the epoch (undefined where NULL or not a time). */
export function siblingSeconds(ctx: RowContext, column: string): (row: number) => number | undefined {
  const read = siblingReader(ctx, column);
  return (row) => {
    const text = read(row);
    return typeof text === 'string' ? readTimestampSeconds(text) : undefined;
  };
}

export interface SemanticGenerator {
  /** A realistic value for this row, as PostgreSQL text input. `rand` is already positioned at (column, row). */
  random(rand: RowRandom, row: number): string;
  /**
   * `random(rand, row)`'s bytes written at `out.pos` (the same draws), for
   * the COPY writer's hot path; only where every value is escape-free (a
   * date or timestamp, an escape-free dictionary's entry, an email).
   */
  write?(rand: RowRandom, row: number, out: ByteOut): void;
  /**
   * Every value is printable ASCII without a backslash (a dictionary checked
   * when built, or text made of such pieces): the COPY writer copies it
   * without its escape scan (values/types/escape-free.ts).
   */
  readonly escapeFree?: boolean;
}

/** Everything a kind's factory needs to know about its column, computed once. */
export interface SemanticBuild {
  readonly table: Table;
  readonly column: Column;
  readonly base: TypeRef;
  readonly ctx: RowContext;
  /** Most characters the type accepts (Infinity when unlimited or not text). */
  readonly maxLength: number;
  /** The column name's words, lower-case (`billingCity` → billing, city). */
  readonly tokens: readonly string[];
  /** The run's locale other than en, or null for en. */
  readonly locale: LocaleDictionary | null;
  /** The value generators' version (see GENERATOR_VERSION). */
  readonly version: number;
}

export function createBuild(table: Table, column: Column, base: TypeRef, ctx: RowContext): SemanticBuild {
  return {
    table,
    column,
    base,
    ctx,
    maxLength: textMaxLength(base),
    tokens: nameTokens(column.name),
    locale: ctx.locale ?? null,
    version: effectiveGeneratorVersion(ctx.generatorVersion),
  };
}

/**
 * The first other column of the table whose kind is one of `kinds` (in the
 * order given), or null. Only readers call this, and only for kinds that
 * never read back, so row dependencies cannot form a cycle.
 */
export function siblingOfKind(build: SemanticBuild, ...kinds: readonly SemanticKind[]): string | null {
  // Version 19: a column of the same prefix first (`shipping_state` reads `shipping_city`, not `billing_city`).
  const prefixed = build.version >= 19 ? samePrefixSibling(build, kinds) : null;
  if (prefixed !== null) return prefixed;
  for (const kind of kinds) {
    for (const column of build.table.columns) {
      if (column === build.column || column.name === build.column.name || column.generated) continue;
      if (build.ctx.siblingKind(column.name) === kind) return column.name;
    }
  }
  return null;
}

/** The first other column of one of `kinds` whose name's words before its last are the column's (`shipping_`), or null. */
function samePrefixSibling(build: SemanticBuild, kinds: readonly SemanticKind[]): string | null {
  const prefix = build.tokens.slice(0, -1).join('_');
  if (prefix === '') return null;
  for (const kind of kinds) {
    for (const column of build.table.columns) {
      if (column === build.column || column.name === build.column.name || column.generated) continue;
      if (build.ctx.siblingKind(column.name) !== kind) continue;
      const tokens = nameTokens(column.name);
      if (tokens.length > 1 && tokens.slice(0, -1).join('_') === prefix) return column.name;
    }
  }
  return null;
}

/**
 * A generator that picks uniformly from a non-empty list; an escape-free
 * list (ASCII) is also encoded once as bytes, which `write` copies.
 */
export function createPicker(list: readonly string[]): SemanticGenerator {
  const random = (rand: RowRandom): string => list[rand.below(list.length)] as string;
  if (!escapeFreeTexts(list)) return { random, escapeFree: false };
  const encoded = encodeList(list);
  return {
    random,
    escapeFree: true,
    write: (rand, _row, out) => writeEntry(out, encoded, rand.below(list.length)),
  };
}

/**
 * An escape-free (ASCII) list's entries as bytes, once: entry i is `bytes[starts[i], starts[i + 1])`;
 * `view` reads them four at a time (`bytes` followed by 4 zero bytes, so a read past the last entry's end
 * stays inside).
 */
export interface EncodedList {
  readonly bytes: Uint8Array;
  readonly starts: Int32Array;
  readonly view: DataView;
}

/** The most characters an entry of `list` has. */
export function longestOf(list: readonly string[]): number {
  let n = 0;
  for (const item of list) if (item.length > n) n = item.length;
  return n;
}

/** ASCII words written at `out.pos` with one space between them (`${a} ${b}`'s bytes, no string built). */
export function writeWords(out: ByteOut, a: string, b: string, c?: string): void {
  const n = a.length + 1 + b.length + (c === undefined ? 0 : c.length + 1);
  out.ensure(n);
  const buf = out.buf;
  let p = out.pos;
  for (let i = 0; i < a.length; i++) buf[p++] = a.charCodeAt(i);
  buf[p++] = 32;
  for (let i = 0; i < b.length; i++) buf[p++] = b.charCodeAt(i);
  if (c !== undefined) {
    buf[p++] = 32;
    for (let i = 0; i < c.length; i++) buf[p++] = c.charCodeAt(i);
  }
  out.pos = p;
}

/** `list` (ASCII) encoded once as bytes. */
export function encodeList(list: readonly string[]): EncodedList {
  const text = list.join('');
  const padded = new Uint8Array(text.length + 4);
  padded.set(Buffer.from(text, 'latin1'));
  const starts = new Int32Array(list.length + 1);
  for (let i = 0; i < list.length; i++) starts[i + 1] = (starts[i] as number) + (list[i] as string).length;
  return { bytes: padded.subarray(0, text.length), starts, view: new DataView(padded.buffer) };
}

/** The output array `putEntry` last wrote to, and a view of it (made again when the writer's buffer changes). */
let viewed: Uint8Array | null = null;
let viewedAs: DataView = new DataView(new ArrayBuffer(0));

/** Entry `i` of an encoded list, written at `out.pos`. */
function writeEntry(out: ByteOut, list: EncodedList, i: number): void {
  out.ensure((list.starts[i + 1] as number) - (list.starts[i] as number));
  out.pos = putEntry(out.buf, out.pos, list, i);
}

/**
 * Entry `i` of an encoded list into `buf` at `p` (room made by the caller); returns the position after it.
 * Copied four bytes at a time where `buf` has 3 bytes to spare after the entry: the 1 to 3 bytes past
 * its end are written too, past the position returned (what the caller writes next overwrites them;
 * bytes past a writer's position are never output). The same bytes up to the returned position.
 */
export function putEntry(buf: Uint8Array, p: number, list: EncodedList, i: number): number {
  const { bytes, starts } = list;
  const start = starts[i] as number;
  const end = starts[i + 1] as number;
  const n = end - start;
  if (p + n + 3 >= buf.length) {
    for (let j = start; j < end; j++) buf[p++] = bytes[j] as number;
    return p;
  }
  if (buf !== viewed) {
    viewedAs = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    viewed = buf;
  }
  const from = list.view;
  for (let k = 0; k < n; k += 4) viewedAs.setUint32(p + k, from.getUint32(start + k, true), true);
  return p + n;
}

/** The factory of a kind that picks from a dictionary, narrowed to what fits each column. */
export function pickerOf(list: readonly string[]): (build: SemanticBuild) => SemanticGenerator {
  return (build) => createPicker(fitting(list, build.maxLength));
}

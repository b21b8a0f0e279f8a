/**
 * Flat columns of text, integer, date, timestamp and decimal types are
 * written by datagen's own column writer (src/encode/parquet-direct.ts,
 * through parquet-row-group.ts) instead of hyparquet-writer's: the file must
 * be the very bytes hyparquet-writer writes from the converted values (same
 * pages, dictionaries, statistics and footer), NULLs, negative numbers,
 * non-ASCII text (whose byte order is not JavaScript's; short and long), dictionaries and
 * plain columns included, and an INT64 beyond 2^53 (left to hyparquet-writer
 * for its group) too.
 */
import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ByteOut } from '../../src/checks/digits.js';
import { loadHyparquet } from '../../src/encode/hyparquet-module.js';
import { type ParquetValue, parquetColumn } from '../../src/encode/parquet-columns.js';
import { utf8Order } from '../../src/encode/parquet-direct.js';
import { ParquetFooter } from '../../src/encode/parquet-footer.js';
import { appendRowGroup, encodeRowGroup, type GroupColumn } from '../../src/encode/parquet-row-group.js';
import { snappyCompress } from '../../src/encode/snappy.js';
import type { TypeRef } from '../../src/schema/model.js';

const type = (name: string, typmods: number[] = []): TypeRef => ({
  kind: 'type-ref',
  schema: 'pg_catalog',
  name,
  typmods,
  arrayDims: 0,
});

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const WORDS = ['apple', 'Äpfel', 'éclair', 'zebra', '😀 smile', '\uE000 private', 'ﬀ ligature', 'naïve', ''];

/** name, type, NOT NULL, the value's text of row i (null for NULL). */
const COLUMNS: [string, TypeRef, boolean, (i: number) => string | null][] = [
  ['id', type('int4'), true, (i) => String(i + 1)],
  ['small', type('int2'), false, (i) => (i % 7 === 0 ? null : String((i % 5) - 2))],
  ['big', type('int8'), true, (i) => String((i % 2 ? -1 : 1) * (2 ** 52 + i * 3))],
  ['huge', type('int8'), false, (i) => (i === 450 ? '9223372036854775807' : i % 3 ? String(i) : null)],
  ['day', type('date'), false, (i) => (i === 5 ? '0044-03-15 BC' : `2020-01-${pad((i % 28) + 1)}`)],
  [
    'at',
    type('timestamptz'),
    false,
    (i) =>
      i % 11 === 0
        ? null
        : `2024-05-${pad((i % 28) + 1)} ${pad(i % 24)}:${pad(i % 60)}:07.${pad(i, 6)}+05:30`,
  ],
  ['local', type('timestamp'), true, (i) => `1999-12-31 23:59:${pad(i % 60)}`],
  [
    'price',
    type('numeric', [10, 2]),
    false,
    (i) => (i % 13 === 0 ? null : `${i % 2 ? '-' : ''}${i * 37}.${pad(i % 100)}`),
  ],
  ['rate', type('numeric', [5, 1]), true, (i) => `${(i * 7) % 1000}.${i % 10}`],
  ['note', type('text'), false, (i) => (i % 17 === 0 ? null : `${WORDS[i % WORDS.length]} ${i * 7919}`)],
  ['status', type('varchar', [12]), true, (i) => WORDS[(i * 5) % WORDS.length]!],
  [
    // Past 32 characters (written by Buffer's encoder): non-ASCII in the first group, ASCII only in the second.
    'body',
    type('text'),
    false,
    (i) =>
      i % 19 === 0
        ? null
        : `${i < 400 ? WORDS[i % WORDS.length] : 'plain'} ${'lorem ipsum '.repeat(3 + (i % 4))}${i}`,
  ],
  ['nothing', type('text'), false, () => null],
];
const ROWS = 700;

function writeText(out: ByteOut, text: string | null): boolean {
  if (text === null) return false;
  const bytes = Buffer.from(text);
  out.ensure(bytes.length);
  out.buf.set(bytes, out.pos);
  out.pos += bytes.length;
  return true;
}
const GROUPS: [number, number][] = [
  [0, 400],
  [400, 300],
];

/** 20 groups of 35 rows: a list of row groups past the compact protocol's short list header (14). */
const MANY_GROUPS: [number, number][] = Array.from({ length: 20 }, (_, i) => [i * 35, 35]);

/** The footer `file` last kept (parquet-footer.ts). */
let lastFooter: ParquetFooter | undefined;

/**
 * The file as hyparquet-writer writes it, or ours (`direct`), the values' text taken from their functions or
 * written as bytes (`writes`), its footer by the writer's `finish` or by parquet-footer.ts (`footer`).
 */
function file(direct: boolean, writes = false, footer = false, groupRows = GROUPS): Buffer {
  const columns = COLUMNS.map(([name, t, notNull]) => parquetColumn(name, t, notNull));
  const writerOf = (writer: ByteWriter) =>
    new ParquetWriter({
      writer,
      schema: [{ name: 'schema', num_children: columns.length }, ...columns.flatMap((c) => c.elements)],
      compressors: { SNAPPY: snappyCompress },
      createdBy: 'test',
    });
  const writer = new ByteWriter();
  const parquet = writerOf(writer);
  if (direct) {
    const groups: GroupColumn[] = COLUMNS.map(([name, , , fn], c) => ({
      name,
      where: `public.t.${name}`,
      column: columns[c]!,
      fn,
      // As a generator writes its values (ColumnWrite): the text's bytes, false for NULL.
      ...(writes ? { write: (out: ByteOut, row: number) => writeText(out, fn(row)) } : {}),
    }));
    // Each group encoded apart (as on a generation worker), then placed in the file.
    const scratch = writerOf(new ByteWriter());
    const kept = footer ? new ParquetFooter(parquet) : undefined;
    lastFooter = kept;
    for (const [start, rows] of groupRows)
      appendRowGroup(parquet, encodeRowGroup(scratch, groups, start, rows), kept);
    if (kept !== undefined) {
      kept.finish();
      return Buffer.from(writer.getBuffer());
    }
  } else {
    parquet.write({
      columnData: COLUMNS.map(([name, , , fn], c) => ({
        name,
        data: Array.from({ length: ROWS }, (_, i): ParquetValue => {
          const text = fn(i);
          return text === null ? null : columns[c]!.convert(text);
        }),
      })),
      rowGroupSize: groupRows.map(([, rows]) => rows),
    });
  }
  parquet.finish();
  return Buffer.from(writer.getBuffer());
}

describe('Parquet columns written directly', () => {
  // As parquet-table.ts sets its writer up: the encoders read the package loaded here.
  beforeAll(loadHyparquet);

  it("give hyparquet-writer's bytes for the same values", () => {
    const ours = file(true);
    const theirs = file(false);
    expect(ours.length).toBe(theirs.length);
    expect(ours.equals(theirs)).toBe(true);
  });

  it('read numbers from the bytes their generators write as from their text', () => {
    // Integers past 15 digits, a BC date, offsets with minutes: read from the text; past 2^53: hyparquet-writer's.
    expect(file(true, true).equals(file(false))).toBe(true);
  });

  it("give the writer's footer from row groups encoded as they are placed (parquet-footer.ts)", () => {
    // The second group's `huge` is hyparquet-writer's (past 2^53): its group kept until its page index is placed.
    expect(file(true, false, true).equals(file(false))).toBe(true);
    expect(file(true, true, true, MANY_GROUPS).equals(file(false, false, false, MANY_GROUPS))).toBe(true);
    // Its groups' metadata encoded by parquet-row-group-thrift.ts (NULL-only, dictionary, decimal, truncated text statistics).
    expect(lastFooter?.encodesDirectly).toBe(true);
  });

  it('order strings as their UTF-8 bytes', () => {
    const strings = ['', 'a', 'ab', 'b', 'é', '\uE000', '😀', '\uFFFF', 'z', 'Z'];
    const byBytes = [...strings].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    expect([...strings].sort(utf8Order)).toEqual(byBytes);
  });
});

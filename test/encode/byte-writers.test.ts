/**
 * Values written as bytes (the COPY writer's hot path: `write` of a type
 * generator, the calendar's and digits' byte writers) are the bytes of the
 * text the same generator returns, draw for draw.
 */
import { describe, expect, it } from 'vitest';
import {
  daysFromCivil,
  formatDate,
  formatTimestamp,
  writeDate,
  writeTimestamp,
} from '../../src/checks/calendar.js';
import { type ByteOut, padDigits, putTwoDigits, writeInteger, writePadded } from '../../src/checks/digits.js';
import type { TypeRef } from '../../src/schema/model.js';
import { RowRandom, streamKey } from '../../src/values/random.js';
import { encodeList, putEntry } from '../../src/values/semantic/semantic-generator.js';
import { formatScaled, writeScaled } from '../../src/values/types/format.js';
import {
  createUniqueValueGenerator,
  createValueGenerator,
  type GeneratorHints,
  type TypeContext,
} from '../../src/values/types/index.js';
import { byteOut } from '../helpers/byte-out.js';
import { builtin } from '../types/load-values.js';

const ctx: TypeContext = { resolveType: () => undefined };

/** What `write` puts in a fresh buffer. */
function written(write: (out: ByteOut) => void): string {
  const out = byteOut('latin1');
  write(out);
  return out.text();
}

const RANDOM_CASES: readonly (readonly [string, TypeRef, GeneratorHints?])[] = [
  ['int2', builtin('int2')],
  ['int4', builtin('int4')],
  ['int8', builtin('int8')],
  ['int4 in [-50, 50]', builtin('int4'), { min: -50, max: 50 }],
  ['int8 down to -2^40', builtin('int8'), { min: -(2 ** 40), max: 10 }],
  ['numeric', builtin('numeric')],
  ['numeric(10,2)', builtin('numeric', [10, 2])],
  ['numeric(5,0)', builtin('numeric', [5, 0])],
  ['numeric(3,5)', builtin('numeric', [3, 5])],
  ['numeric(30,12)', builtin('numeric', [30, 12])],
  ['numeric(8,3) in [-5, 5]', builtin('numeric', [8, 3]), { min: -5, max: 5 }],
  ['numeric(12,2) > 0', builtin('numeric', [12, 2]), { min: 0, minExclusive: true }],
  ['bool', builtin('bool')],
  ['date', builtin('date')],
  ['date from 0001-01-01', builtin('date'), { min: '0001-01-01', max: '0003-01-01' }],
  ['timestamp', builtin('timestamp')],
  ['timestamp(3)', builtin('timestamp', [3])],
  ['timestamptz', builtin('timestamptz')],
  ['timestamptz(6)', builtin('timestamptz', [6])],
];

describe('values written as bytes', () => {
  const randomCases = RANDOM_CASES.map(([name, type, hints]) => ({ name, type, hints }));
  it.each(randomCases)('$name: write gives the bytes of random, draw for draw', ({ type, hints }) => {
    const generator = createValueGenerator(type, ctx, hints);
    expect(generator.write).toBeDefined();
    const write = generator.write as NonNullable<typeof generator.write>;
    const key = streamKey(7, 'bytes', type.name);
    const a = new RowRandom();
    const b = new RowRandom();
    for (let row = 0; row < 3000; row++) {
      const text = generator.random(a.at(key, row));
      expect(written((out) => write(b.at(key, row), out))).toBe(text);
      // The same number of draws: the next word agrees too.
      expect(b.next()).toBe(a.next());
    }
  });

  it.each([
    ['int4', builtin('int4'), {}],
    ['int8', builtin('int8'), {}],
    ['int4 in [-3, 3]', builtin('int4'), { min: -3, max: 3 }],
  ] as const)('%s unique: write gives the bytes of value', (_, type, hints) => {
    const generator = createUniqueValueGenerator(type, ctx, hints);
    const write = generator.write as NonNullable<typeof generator.write>;
    expect(write).toBeDefined();
    const ks = [0, 1, 2, 3, 4, 5, 6, 9, 10, 99, 100, 2 ** 31 - 2, 2 ** 31, 2 ** 40 + 7, 2 ** 52 - 1];
    for (const k of ks.filter((n) => n < generator.space)) {
      expect(written((out) => write(k, out))).toBe(generator.value(k));
    }
  });

  it('integers, padded digits, dates and timestamps as their texts', () => {
    const edges = [0, 1, 9, 10, 99, 100, 2 ** 31 - 1, 2 ** 31, 2 ** 32, 2 ** 53 - 1, 123456789012];
    for (const n of [...edges, ...edges.map((e) => -e)]) {
      expect(written((out) => writeInteger(out, n))).toBe(String(n));
    }
    for (const [n, width] of [
      [0, 1],
      [7, 2],
      [59, 2],
      [5, 6],
      [123456, 6],
      [99999999, 8],
      [1234567, 7],
      [305, 5],
      [7, 9],
      [2 ** 31 - 1, 10],
      [1000000000, 10],
    ] as const) {
      expect(written((out) => writePadded(out, n, width))).toBe(padDigits(n, width));
    }
    const days = [
      daysFromCivil(1, 1, 1),
      daysFromCivil(1, 1, 1) - 1,
      daysFromCivil(1969, 12, 31),
      0,
      daysFromCivil(2000, 2, 29),
      daysFromCivil(9999, 12, 31),
      daysFromCivil(10000, 1, 1),
      daysFromCivil(12345, 6, 7),
    ];
    // Twice each, so the second comes from the byte cache (and a colliding day replaces it).
    for (const day of [...days, ...days, ...days.map((d) => d + 4096), ...days.map((d) => d + 32768)]) {
      expect(written((out) => writeDate(out, day))).toBe(formatDate(day));
    }
    for (const n of [...Array.from({ length: 100 }, (_, i) => i), 9.5, 59.99]) {
      const two = written((out) => {
        out.ensure(2);
        putTwoDigits(out.buf, out.pos, n);
        out.pos += 2;
      });
      expect(two).toBe(written((out) => writePadded(out, n, 2)));
    }
    const seconds = [0, 59, 3599, 45296, 86399, 86400, 1_700_000_000, -1, -86401, 253402300799];
    for (const s of seconds) expect(written((out) => writeTimestamp(out, s))).toBe(formatTimestamp(s));
  });

  it("scaled decimals (money, amounts) as formatScaled's text: one pass below 2^31, the old path above", () => {
    const edges = [
      0,
      -0,
      1,
      9,
      10,
      99,
      100,
      101,
      999,
      1000,
      123456,
      99999999,
      999999999,
      1e9,
      2 ** 31 - 1,
      2 ** 31,
    ];
    const more = [2 ** 31 + 7, 2 ** 40 + 3, 2 ** 53 - 1];
    for (const scale of [1, 2, 3, 4, 6, 9]) {
      for (const n of [...edges, ...more, ...edges.map((e) => -e), ...more.map((e) => -e)]) {
        expect(written((out) => writeScaled(out, n, scale))).toBe(formatScaled(n, scale));
      }
    }
  });

  it('encoded list entries: the same bytes at every position, up to the end of the buffer', () => {
    const list = ['', 'a', 'ab', 'abc', 'abcd', 'abcde', 'Senior', 'Solutions Supervisor', 'x'.repeat(37)];
    const encoded = encodeList(list);
    const mismatches: string[] = [];
    for (const size of [8, 24, 41, 64]) {
      const buf = new Uint8Array(size);
      for (let i = 0; i < list.length; i++) {
        const entry = list[i] as string;
        for (let p = 0; p + entry.length <= size; p++) {
          buf.fill(0x2a);
          const end = putEntry(buf, p, encoded, i);
          const text = Buffer.from(buf.subarray(p, end)).toString('latin1');
          // Bytes before the position are left as they were.
          if (end !== p + entry.length || text !== entry || buf.subarray(0, p).some((b) => b !== 0x2a))
            mismatches.push(`${size}:${p}:${entry}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});

/**
 * pgvector's vector, halfvec and sparsevec, checked offline (the test server
 * has no pgvector): every value is read by a strict parser of the text forms
 * pgvector's input functions accept, and its dimension, range and (for
 * unique generators) distinctness as a vector are checked.
 */
import { describe, expect, it } from 'vitest';
import type { TypeRef } from '../../src/schema/model.js';
import { RowRandom, streamKey } from '../../src/values/random.js';
import {
  createUniqueValueGenerator,
  createValueGenerator,
  type TypeContext,
} from '../../src/values/types/index.js';
import { probeKeys } from './load-values.js';

const ctx: TypeContext = { resolveType: () => undefined };
const NUMBER = /^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const HALF_MAX = 65504;

function pgvector(name: string, dims?: number): TypeRef {
  return {
    kind: 'type-ref',
    schema: 'public',
    name,
    typmods: dims === undefined ? [] : [dims],
    arrayDims: 0,
  };
}

/** vector_in / halfvec_in: `[x,y,…]`, at least one finite element, no spaces needed. Returns the numbers. */
function parseDense(text: string, half: boolean): number[] {
  const m = /^\[(.*)\]$/.exec(text);
  if (!m?.[1]) throw new Error(`not a vector: ${text}`);
  return m[1].split(',').map((s) => {
    if (!NUMBER.test(s)) throw new Error(`bad element ${s} in ${text}`);
    const x = Number(s);
    if (!Number.isFinite(x) || (half && Math.abs(x) > HALF_MAX)) throw new Error(`out of range ${s}`);
    return x;
  });
}

/** sparsevec_in: `{i:x,…}/n`, 1 <= i <= n ascending and distinct, values non-zero. Returns a dense copy's key. */
function parseSparse(text: string): { dims: number; entries: [number, number][] } {
  const m = /^\{(.*)\}\/(\d+)$/.exec(text);
  if (!m) throw new Error(`not a sparsevec: ${text}`);
  const dims = Number(m[2]);
  const entries: [number, number][] =
    m[1] === ''
      ? []
      : (m[1] as string).split(',').map((pair) => {
          const [i, x] = pair.split(':');
          if (!/^\d+$/.test(i ?? '') || !NUMBER.test(x ?? ''))
            throw new Error(`bad entry ${pair} in ${text}`);
          return [Number(i), Number(x)];
        });
  entries.forEach(([i, x], k) => {
    if (i < 1 || i > dims) throw new Error(`index ${i} outside 1..${dims} in ${text}`);
    if (k > 0 && i <= (entries[k - 1] as [number, number])[0])
      throw new Error(`indexes not ascending: ${text}`);
    if (x === 0) throw new Error(`zero value in ${text}`);
  });
  return { dims, entries };
}

function randomValues(type: TypeRef, count: number): string[] {
  const gen = createValueGenerator(type, ctx);
  const rand = new RowRandom();
  const key = streamKey(5, type.name);
  return Array.from({ length: count }, (_, i) => gen.random(rand.at(key, i)));
}

describe('pgvector text forms (offline)', () => {
  it.each([
    ['vector', 1536],
    ['vector', 3],
    ['vector', 1],
    ['halfvec', 768],
    ['halfvec', 2],
    ['vector', undefined],
  ] as const)('%s(%s): random and unique values have the dimension and parse', (name, dims) => {
    const type = pgvector(name, dims);
    const want = dims ?? 3;
    const half = name === 'halfvec';
    const random = randomValues(type, dims === 1536 ? 200 : 2000);
    for (const v of random) {
      const xs = parseDense(v, half);
      expect(xs.length).toBe(want);
      expect(xs.every((x) => Math.abs(x) <= 1)).toBe(true);
    }
    expect(new Set(random).size).toBeGreaterThan(random.length / 2);
    const unique = createUniqueValueGenerator(type, ctx);
    const keys = probeKeys(unique.space, dims === 1536 ? 300 : 3000);
    const values = keys.map((k) => parseDense(unique.value(k), half));
    for (const xs of values) {
      expect(xs.length).toBe(want);
      // Exactly representable: integers within the float's exact range.
      expect(xs.every((x) => Number.isInteger(x) && x < (half ? 2 ** 11 : 2 ** 24))).toBe(true);
    }
    expect(new Set(values.map((xs) => xs.join())).size).toBe(keys.length);
  });

  it.each([[1000], [5], [1], [undefined]] as const)(
    'sparsevec(%s): entries in range, ascending, non-zero; unique values distinct',
    (dims) => {
      const type = pgvector('sparsevec', dims);
      const want = dims ?? 3;
      for (const v of randomValues(type, 2000)) {
        const parsed = parseSparse(v);
        expect(parsed.dims).toBe(want);
        expect(parsed.entries.length).toBeGreaterThan(0);
      }
      const unique = createUniqueValueGenerator(type, ctx);
      const keys = probeKeys(unique.space, 3000);
      const values = keys.map((k) => parseSparse(unique.value(k)));
      for (const v of values) {
        expect(v.dims).toBe(want);
        for (const [, x] of v.entries) expect(Number.isInteger(x) && x < 2 ** 24).toBe(true);
      }
      expect(new Set(values.map((v) => JSON.stringify(v.entries))).size).toBe(keys.length);
    },
  );
});

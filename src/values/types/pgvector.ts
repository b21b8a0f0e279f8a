/**
 * pgvector's types in their text forms, with the column's dimension:
 * `vector(3)` and `halfvec(3)` as `[0.12,-0.5,0.031]`, `sparsevec(5)` as
 * `{1:0.12,4:-0.5}/5` (1-based ascending indexes, non-zero values). Random
 * components are in [-1, 1] as embeddings are; unique values count in
 * integer components, which float4 (up to 2^24) and float16 (up to 2^11)
 * hold exactly.
 */
import type { TypeRef } from '../../schema/model.js';
import type { RowRandom } from '../random.js';
import { formatScaled } from './format.js';
import type { TypeSupport } from './generator.js';

/** Dimensions when the column has none (any is accepted). */
const DEFAULT_DIMS = 3;
/** pgvector's limits: dense types hold 16,000 dimensions, sparse ones 1,000,000,000 (16,000 non-zero). */
const MAX_DENSE = 16_000;
const MAX_SPARSE_DIMS = 1_000_000_000;
const MAX_SPACE = 2 ** 52;

function dimensions(type: TypeRef, max: number): number {
  const n = type.typmods[0];
  return n !== undefined && n >= 1 && n <= max ? n : DEFAULT_DIMS;
}

/** A component in [-1, 1] with four decimals: exact enough for float16 and short. */
function component(rand: RowRandom): string {
  return formatScaled(rand.below(20_001) - 10_000, 4, true);
}

/** A dense vector whose first components are the base-`radix` digits of k. */
function denseUnique(dims: number, radix: number): TypeSupport['unique'] {
  const digits = Math.max(1, Math.min(dims, Math.floor(Math.log(MAX_SPACE) / Math.log(radix))));
  const space = Math.min(MAX_SPACE, radix ** digits);
  const zeros = ',0'.repeat(dims - digits);
  return () => ({
    space,
    value(k) {
      let rest = k;
      let out = '[';
      for (let i = 0; i < digits; i++) {
        out += (i === 0 ? '' : ',') + String(rest % radix);
        rest = Math.floor(rest / radix);
      }
      return `${out}${zeros}]`;
    },
  });
}

function denseSupport(radix: number): TypeSupport {
  return {
    random: (type) => {
      const dims = dimensions(type, MAX_DENSE);
      return {
        random(rand) {
          let out = `[${component(rand)}`;
          for (let i = 1; i < dims; i++) out += `,${component(rand)}`;
          return `${out}]`;
        },
      };
    },
    unique: (type, hints) => denseUnique(dimensions(type, MAX_DENSE), radix)(type, hints),
  };
}

export const vectorSupport: TypeSupport = denseSupport(2 ** 24);
export const halfvecSupport: TypeSupport = denseSupport(2 ** 11);

export const sparsevecSupport: TypeSupport = {
  random: (type) => {
    const dims = dimensions(type, MAX_SPARSE_DIMS);
    return {
      random(rand) {
        // Up to 8 non-zero entries at ascending indexes.
        const want = Math.min(dims, 1 + rand.below(8));
        let out = '{';
        let index = 0;
        for (let i = 0; i < want; i++) {
          const room = dims - index - (want - i - 1);
          index += 1 + rand.below(Math.max(1, Math.min(room, Math.ceil(dims / want))));
          if (index > dims) break;
          let value = component(rand);
          if (/^-?0$/.test(value)) value = '0.5';
          out += `${i === 0 ? '' : ','}${index}:${value}`;
        }
        return `${out}}/${dims}`;
      },
    };
  },
  unique: (type) => {
    const dims = dimensions(type, MAX_SPARSE_DIMS);
    // One non-zero entry: its index and its (integer, float4-exact) value.
    return {
      space: Math.min(MAX_SPACE, dims * 2 ** 24),
      value: (k) => `{${1 + (k % dims)}:${1 + Math.floor(k / dims)}}/${dims}`,
    };
  },
};

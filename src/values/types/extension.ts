/**
 * Types from common extensions, recognised by name in any schema: hstore
 * (`"k"=>"v"` pairs), ltree (`a.b.c` labels), cube (`(x, y, z)`). citext is
 * in text.ts.
 */
import type { RowRandom } from '../random.js';
import { formatScaled } from './format.js';
import type { TypeSupport } from './generator.js';
import { CODE_ALPHABET, encodeCode, WORDS } from './words.js';

/** hstore pairs whose keys and values are `words` (lorem before generator version 3, readable words after). */
export function createHstoreSupport(words: readonly string[]): TypeSupport {
  const word = (rand: RowRandom): string => words[rand.below(words.length)]!;
  return {
    random: () => ({
      random(rand) {
        const n = 1 + rand.below(3);
        // Keys are consecutive words from a random start: never repeated.
        const start = rand.below(words.length);
        let out = '';
        for (let i = 0; i < n; i++) {
          out += `${i === 0 ? '' : ', '}"${words[(start + i) % words.length]}"=>"${word(rand)}"`;
        }
        return out;
      },
    }),
    unique: () => ({ space: Number.POSITIVE_INFINITY, value: (k) => `"id"=>"${k + 1}"` }),
  };
}

/** ltree paths whose labels are `words`. */
export function createLtreeSupport(words: readonly string[]): TypeSupport {
  const word = (rand: RowRandom): string => words[rand.below(words.length)]!;
  return {
    random: () => ({
      random(rand) {
        const n = 1 + rand.below(4);
        let out = word(rand);
        for (let i = 1; i < n; i++) out += `.${word(rand)}`;
        return out;
      },
    }),
    unique: () => ({ space: Number.POSITIVE_INFINITY, value: (k) => encodeCode(k, CODE_ALPHABET) }),
  };
}

export const hstoreSupport: TypeSupport = createHstoreSupport(WORDS);
export const ltreeSupport: TypeSupport = createLtreeSupport(WORDS);

export const cubeSupport: TypeSupport = {
  random: () => ({
    random(rand) {
      const n = 1 + rand.below(3);
      let out = '(';
      for (let i = 0; i < n; i++)
        out += (i === 0 ? '' : ', ') + formatScaled(rand.below(200001) - 100000, 2, true);
      return `${out})`;
    },
  }),
  unique: () => ({ space: Number.POSITIVE_INFINITY, value: (k) => `(${k})` }),
};

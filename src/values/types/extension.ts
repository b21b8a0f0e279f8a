/**
 * Types from common extensions, recognised by name in any schema: hstore
 * (`"k"=>"v"` pairs), ltree (`a.b.c` labels), cube (`(x, y, z)`). citext is
 * in text.ts.
 */
import type { RowRandom } from '../random.js';
import { formatScaled } from './format.js';
import type { TypeSupport } from './generator.js';
import { CODE_ALPHABET, encodeCode, WORDS } from './words.js';

const word = (rand: RowRandom): string => WORDS[rand.below(WORDS.length)]!;

export const hstoreSupport: TypeSupport = {
  random: () => ({
    random(rand) {
      const n = 1 + rand.below(3);
      // Keys are consecutive words from a random start: never repeated.
      const start = rand.below(WORDS.length);
      let out = '';
      for (let i = 0; i < n; i++) {
        out += `${i === 0 ? '' : ', '}"${WORDS[(start + i) % WORDS.length]}"=>"${word(rand)}"`;
      }
      return out;
    },
  }),
  unique: () => ({ space: Number.POSITIVE_INFINITY, value: (k) => `"id"=>"${k + 1}"` }),
};

export const ltreeSupport: TypeSupport = {
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

/** tsvector (a few lexemes) and tsquery (lexemes joined by & and |, sometimes negated). */
import type { RowRandom } from '../random.js';
import type { TypeSupport } from './generator.js';
import { CODE_ALPHABET, encodeCode, WORDS } from './words.js';

const word = (rand: RowRandom): string => WORDS[rand.below(WORDS.length)]!;

export const tsvectorSupport: TypeSupport = {
  random: () => ({
    random(rand) {
      const n = 1 + rand.below(6);
      let out = word(rand);
      for (let i = 1; i < n; i++) out += ` ${word(rand)}`;
      return out;
    },
  }),
  unique: () => ({ space: Number.POSITIVE_INFINITY, value: (k) => encodeCode(k, CODE_ALPHABET) }),
};

export const tsquerySupport: TypeSupport = {
  random: () => ({
    random(rand) {
      const n = 1 + rand.below(3);
      let out = rand.below(8) === 0 ? `!${word(rand)}` : word(rand);
      for (let i = 1; i < n; i++) out += ((rand.next() & 1) === 1 ? ' & ' : ' | ') + word(rand);
      return out;
    },
  }),
  unique: () => ({ space: Number.POSITIVE_INFINITY, value: (k) => encodeCode(k, CODE_ALPHABET) }),
};

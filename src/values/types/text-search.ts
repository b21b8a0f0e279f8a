/**
 * tsvector (lexemes with positions and weights, as to_tsvector plus
 * setweight produce: `'word':1A,5 'other':3`) and tsquery (lexemes joined by
 * &, | and the phrase operator <->, sometimes negated, weighted or prefix
 * matches).
 */
import type { RowRandom } from '../random.js';
import type { TypeSupport } from './generator.js';
import { CODE_ALPHABET, encodeCode, WORDS } from './words.js';

const WEIGHTS = ['A', 'B', 'C', ''];
const OPERATORS = [' & ', ' | ', ' <-> ', ' & '];

/** tsvector and tsquery whose lexemes are `words` (lorem before generator version 3, readable words after). */
export function createTextSearchSupports(words: readonly string[]): {
  readonly tsvector: TypeSupport;
  readonly tsquery: TypeSupport;
} {
  const word = (rand: RowRandom): string => words[rand.below(words.length)]!;
  const randomTsvector = (rand: RowRandom): string => {
    const n = 1 + rand.below(6);
    // Plain lexemes (a stripped vector) a quarter of the time; otherwise ascending positions.
    const positions = rand.below(4) !== 0;
    let pos = 0;
    let out = '';
    for (let i = 0; i < n; i++) {
      out += `${i === 0 ? '' : ' '}'${word(rand)}'`;
      if (!positions) continue;
      const count = 1 + rand.below(3);
      const weight = WEIGHTS[rand.below(WEIGHTS.length)]!;
      for (let p = 0; p < count; p++) {
        pos += 1 + rand.below(20);
        out += `${p === 0 ? ':' : ','}${pos}${weight}`;
      }
    }
    return out;
  };
  const operand = (rand: RowRandom): string => {
    const r = rand.below(10);
    if (r === 0) return `!${word(rand)}`;
    if (r === 1) return `${word(rand)}:*`;
    if (r === 2) return `${word(rand)}:${rand.below(2) === 0 ? 'A' : 'AB'}`;
    return word(rand);
  };
  return {
    tsvector: {
      random: () => ({ random: randomTsvector }),
      unique: () => ({ space: Number.POSITIVE_INFINITY, value: (k) => encodeCode(k, CODE_ALPHABET) }),
    },
    tsquery: {
      random: () => ({
        random(rand) {
          const n = 1 + rand.below(3);
          let out = operand(rand);
          for (let i = 1; i < n; i++) out += OPERATORS[rand.below(OPERATORS.length)]! + operand(rand);
          return out;
        },
      }),
      unique: () => ({ space: Number.POSITIVE_INFINITY, value: (k) => encodeCode(k, CODE_ALPHABET) }),
    },
  };
}

const LOREM_SUPPORTS = createTextSearchSupports(WORDS);
export const tsvectorSupport: TypeSupport = LOREM_SUPPORTS.tsvector;
export const tsquerySupport: TypeSupport = LOREM_SUPPORTS.tsquery;

/**
 * jsonpath: the paths applications store to pick fields out of documents
 * (`$."order"."items"[*]."price"`, filters, `last`, item methods). Keys are
 * always double-quoted, so words that are jsonpath keywords stay keys.
 */
import type { RowRandom } from '../random.js';
import type { TypeSupport } from './generator.js';
import { encodeWord, WORDS } from './words.js';

/** jsonpath whose keys are `words` (lorem before generator version 3, readable words after). */
export function createJsonpathSupport(words: readonly string[]): TypeSupport {
  const key = (rand: RowRandom): string => `."${words[rand.below(words.length)]!}"`;
  const STEPS: readonly ((rand: RowRandom) => string)[] = [
    key,
    key,
    (r) => `${key(r)}[*]`,
    (r) => `${key(r)}[${r.below(5)}]`,
    (r) => `${key(r)}[last]`,
    (r) => `${key(r)}[0 to ${1 + r.below(9)}]`,
  ];

  const TAILS: readonly ((rand: RowRandom) => string)[] = [
    () => '',
    () => '',
    (r) => ` ? (@${key(r)} > ${r.below(1000)})`,
    (r) => ` ? (@${key(r)} == "${words[r.below(words.length)]!}")`,
    (r) => ` ? (exists (@${key(r)}))`,
    () => '.size()',
    () => '.type()',
    () => '.double()',
  ];

  return {
    random: () => ({
      random(rand) {
        let out = rand.below(6) === 0 ? 'strict $' : '$';
        const n = 1 + rand.below(3);
        for (let i = 0; i < n; i++) out += STEPS[rand.below(STEPS.length)]!(rand);
        return out + TAILS[rand.below(TAILS.length)]!(rand);
      },
    }),
    unique: () => ({ space: Number.POSITIVE_INFINITY, value: (k) => `$."${encodeWord(k)}"` }),
  };
}

export const jsonpathSupport: TypeSupport = createJsonpathSupport(WORDS);

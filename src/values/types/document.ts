/**
 * json/jsonb (small objects with a few typed keys) and xml (a small
 * well-formed element). The words are plain ASCII, so no escaping is needed.
 */
import type { RowRandom } from '../random.js';
import { formatScaled } from './format.js';
import type { TypeSupport } from './generator.js';
import { WORDS } from './words.js';

type Field = readonly [string, (rand: RowRandom) => string];

/** Keys in a fixed order; a document takes a contiguous run of them so keys never repeat. */
function fields(words: readonly string[]): readonly Field[] {
  const word = (rand: RowRandom): string => words[rand.below(words.length)]!;
  return [
    ['"id": ', (r) => String(1 + r.below(100000))],
    ['"name": ', (r) => `"${word(r)}"`],
    ['"active": ', (r) => ((r.next() & 1) === 1 ? 'true' : 'false')],
    ['"score": ', (r) => formatScaled(r.below(100000), 2, true)],
    ['"tags": ', (r) => `["${word(r)}", "${word(r)}"]`],
    ['"type": ', (r) => `"${word(r)}"`],
    ['"count": ', (r) => String(r.below(1000))],
    ['"meta": ', (r) => `{"source": "${word(r)}", "version": ${1 + r.below(9)}}`],
  ];
}

/** json/jsonb whose words are `words` (plain ASCII: lorem before generator version 3, readable words after). */
export function createJsonSupport(words: readonly string[]): TypeSupport {
  const FIELDS = fields(words);
  const randomJson = (rand: RowRandom): string => {
    const count = 1 + rand.below(4);
    const start = rand.below(FIELDS.length);
    let out = '{';
    for (let i = 0; i < count; i++) {
      const [key, value] = FIELDS[(start + i) % FIELDS.length]!;
      out += (i === 0 ? '' : ', ') + key + value(rand);
    }
    return out + '}';
  };
  return {
    random: () => ({ random: randomJson }),
    unique: () => ({ space: Number.POSITIVE_INFINITY, value: (k) => `{"id": ${k + 1}}` }),
  };
}

/** xml whose words are `words`. */
export function createXmlSupport(words: readonly string[]): TypeSupport {
  const word = (rand: RowRandom): string => words[rand.below(words.length)]!;
  return {
    random: () => ({
      random: (rand) =>
        `<item id="${1 + rand.below(100000)}"><name>${word(rand)} ${word(rand)}</name></item>`,
    }),
    unique: () => ({ space: Number.POSITIVE_INFINITY, value: (k) => `<item id="${k + 1}"/>` }),
  };
}

export const jsonSupport: TypeSupport = createJsonSupport(WORDS);
export const xmlSupport: TypeSupport = createXmlSupport(WORDS);

/**
 * json/jsonb (small objects with a few typed keys) and xml (a small
 * well-formed element). The words are plain ASCII, so no escaping is needed.
 */
import type { RowRandom } from '../random.js';
import { formatScaled } from './format.js';
import type { TypeSupport } from './generator.js';
import { WORDS } from './words.js';

const word = (rand: RowRandom): string => WORDS[rand.below(WORDS.length)]!;

/** Keys in a fixed order; a document takes a contiguous run of them so keys never repeat. */
const FIELDS: readonly (readonly [string, (rand: RowRandom) => string])[] = [
  ['"id": ', (r) => String(1 + r.below(100000))],
  ['"name": ', (r) => `"${word(r)}"`],
  ['"active": ', (r) => ((r.next() & 1) === 1 ? 'true' : 'false')],
  ['"score": ', (r) => formatScaled(r.below(100000), 2, true)],
  ['"tags": ', (r) => `["${word(r)}", "${word(r)}"]`],
  ['"type": ', (r) => `"${word(r)}"`],
  ['"count": ', (r) => String(r.below(1000))],
  ['"meta": ', (r) => `{"source": "${word(r)}", "version": ${1 + r.below(9)}}`],
];

function randomJson(rand: RowRandom): string {
  const count = 1 + rand.below(4);
  const start = rand.below(FIELDS.length);
  let out = '{';
  for (let i = 0; i < count; i++) {
    const [key, value] = FIELDS[(start + i) % FIELDS.length]!;
    out += (i === 0 ? '' : ', ') + key + value(rand);
  }
  return out + '}';
}

export const jsonSupport: TypeSupport = {
  random: () => ({ random: randomJson }),
  unique: () => ({ space: Number.POSITIVE_INFINITY, value: (k) => `{"id": ${k + 1}}` }),
};

export const xmlSupport: TypeSupport = {
  random: () => ({
    random: (rand) => `<item id="${1 + rand.below(100000)}"><name>${word(rand)} ${word(rand)}</name></item>`,
  }),
  unique: () => ({ space: Number.POSITIVE_INFINITY, value: (k) => `<item id="${k + 1}"/>` }),
};

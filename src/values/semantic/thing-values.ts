/**
 * Organisations and things: company and product names, categories, titles,
 * descriptions, URLs, colours, currency and language codes, IP addresses.
 */
import type { ByteOut } from '../../checks/digits.js';
import type { RowRandom } from '../random.js';
import { escapeFreeTexts } from '../types/escape-free.js';
import { HEX2 } from '../types/format.js';
import { nameTokens } from './detect-semantic.js';
import {
  ADJECTIVES,
  ADVERBS,
  ALBUM_NAMES,
  BOOK_GENRES,
  BOOK_TITLES,
  COLORS,
  CURRENCY_CODES,
  DEPARTMENTS,
  DOMAIN_SUFFIXES,
  LANGUAGE_ALPHA2,
  LANGUAGE_ALPHA3,
  LANGUAGE_NAMES,
  LAST_NAMES,
  LEGAL_ENTITY_TYPES,
  MUSIC_GENRES,
  NOUNS,
  PRODUCT_ADJECTIVES,
  PRODUCT_MATERIALS,
  PRODUCT_NOUNS,
  SONG_NAMES,
  VERBS,
} from './locale-data.js';
import {
  createPicker,
  type EncodedList,
  encodeList,
  longestOf,
  type SemanticBuild,
  type SemanticGenerator,
  writeWords,
} from './semantic-generator.js';
import { asciiSlug, capitalize, cut, cutAtWord, fitting } from './text-fit.js';

const CAPITAL_ADJECTIVES: readonly string[] = ADJECTIVES.map(capitalize);
const CAPITAL_NOUNS: readonly string[] = NOUNS.map(capitalize);
const LAST_SLUGS: readonly string[] = LAST_NAMES.map(asciiSlug).filter((s) => s !== '');
const COMPANIES_ESCAPE_FREE = escapeFreeTexts(LAST_NAMES) && escapeFreeTexts(LEGAL_ENTITY_TYPES);
const PRODUCTS_ESCAPE_FREE =
  escapeFreeTexts(PRODUCT_ADJECTIVES) && escapeFreeTexts(PRODUCT_MATERIALS) && escapeFreeTexts(PRODUCT_NOUNS);
const TITLES_ESCAPE_FREE = escapeFreeTexts(CAPITAL_ADJECTIVES) && escapeFreeTexts(CAPITAL_NOUNS);

/** The table name's last word, singular enough for matching (`tracks` → track). */
function tableWord(build: SemanticBuild): string {
  const tokens = nameTokens(build.table.name);
  const last = tokens[tokens.length - 1] ?? '';
  return last.endsWith('s') && !last.endsWith('ss') ? last.slice(0, -1) : last;
}

/** `Abbott Inc`, `Hayes - Kuhn`, `Ward, Lind and Becker` (faker's name patterns), shortened to fit. */
export function createCompanyGenerator(build: SemanticBuild): SemanticGenerator {
  const { maxLength } = build;
  return {
    escapeFree: COMPANIES_ESCAPE_FREE,
    // Where no name can pass the limit, the same draws written as bytes (no string built).
    ...(COMPANIES_ESCAPE_FREE && LONGEST_COMPANY <= maxLength
      ? {
          write(rand: RowRandom, _row: number, out: ByteOut) {
            const shape = rand.below(4);
            const a = rand.pick(LAST_NAMES);
            if (shape === 2) writeWords(out, a, '-', rand.pick(LAST_NAMES));
            else if (shape === 3) {
              const b = rand.pick(LAST_NAMES);
              writeWords(out, `${a},`, b, 'and');
              writeWords(out, '', rand.pick(LAST_NAMES));
            } else writeWords(out, a, rand.pick(LEGAL_ENTITY_TYPES));
          },
        }
      : {}),
    random(rand) {
      const shape = rand.below(4);
      const a = rand.pick(LAST_NAMES);
      const name =
        shape === 2
          ? `${a} - ${rand.pick(LAST_NAMES)}`
          : shape === 3
            ? `${a}, ${rand.pick(LAST_NAMES)} and ${rand.pick(LAST_NAMES)}`
            : `${a} ${rand.pick(LEGAL_ENTITY_TYPES)}`;
      return name.length <= maxLength ? name : cut(a, maxLength);
    },
  };
}

/** The longest company name of the shapes below (`Ward, Lind and Becker`). */
const LONGEST_COMPANY =
  3 * longestOf(LAST_NAMES) + Math.max(7, longestOf(LEGAL_ENTITY_TYPES)) + ', '.length + ' and '.length;

/** `Ergonomic Wooden Chair`, shortened to `Ergonomic Chair` or `Chair` to fit. */
export function createProductNameGenerator(build: SemanticBuild): SemanticGenerator {
  const { maxLength } = build;
  return {
    escapeFree: PRODUCTS_ESCAPE_FREE,
    random(rand) {
      const adjective = rand.pick(PRODUCT_ADJECTIVES);
      const material = rand.pick(PRODUCT_MATERIALS);
      const product = rand.pick(PRODUCT_NOUNS);
      const full = `${adjective} ${material} ${product}`;
      if (full.length <= maxLength) return full;
      const short = `${adjective} ${product}`;
      return short.length <= maxLength ? short : cut(product, maxLength);
    },
  };
}

/** Shop departments, or genres in a genre table. */
export function createCategoryGenerator(build: SemanticBuild): SemanticGenerator {
  const genre = tableWord(build) === 'genre' || build.tokens.includes('genre');
  return createPicker(fitting(genre ? [...MUSIC_GENRES, ...BOOK_GENRES] : DEPARTMENTS, build.maxLength));
}

/**
 * A title: real song, album or book titles in tables of those, otherwise
 * `The Quiet Harbor`-style adjective–noun phrases.
 */
export function createTitleGenerator(build: SemanticBuild): SemanticGenerator {
  const word = tableWord(build);
  const list =
    word === 'song' || word === 'track'
      ? SONG_NAMES
      : word === 'album'
        ? ALBUM_NAMES
        : word === 'book' || word === 'novel' || word === 'publication'
          ? BOOK_TITLES
          : null;
  if (list !== null) return createPicker(fitting(list, build.maxLength));
  const { maxLength } = build;
  return {
    escapeFree: TITLES_ESCAPE_FREE,
    // Where no title can pass the limit, the same draws written as bytes (no string built).
    ...(TITLES_ESCAPE_FREE && LONGEST_TITLE <= maxLength
      ? {
          write(rand: RowRandom, _row: number, out: ByteOut) {
            const shape = rand.below(4);
            const adjective = rand.pick(CAPITAL_ADJECTIVES);
            const noun = rand.pick(CAPITAL_NOUNS);
            if (shape === 0) writeWords(out, 'The', adjective, noun);
            else if (shape === 1) {
              writeWords(out, noun, 'of', 'the');
              writeWords(out, '', rand.pick(CAPITAL_NOUNS));
            } else writeWords(out, adjective, noun);
          },
        }
      : {}),
    random(rand) {
      const shape = rand.below(4);
      const adjective = rand.pick(CAPITAL_ADJECTIVES);
      const noun = rand.pick(CAPITAL_NOUNS);
      const title =
        shape === 0
          ? `The ${adjective} ${noun}`
          : shape === 1
            ? `${noun} of the ${rand.pick(CAPITAL_NOUNS)}`
            : `${adjective} ${noun}`;
      return title.length <= maxLength ? title : cut(noun, maxLength);
    },
  };
}

/** The longest title of the shapes above (`Harbor of the Mountain`, `The Quiet Harbor`). */
const LONGEST_TITLE = 2 * longestOf(CAPITAL_NOUNS) + longestOf(CAPITAL_ADJECTIVES) + ' of the '.length + 4;

/** Sentence shapes over English words: {a} adjective, {n} noun, {v} verb, {d} adverb. */
const SENTENCES: readonly string[] = [
  'The {a} {n} will {v} the {n}.',
  'A {a} {n} for every {n}.',
  'Our {n} can {v} {d}.',
  'This {n} is {a} and {a}.',
  'Each {n} helps you {v} the {a} {n}.',
  'We {d} {v} the {n} before the {n}.',
  'A {n} with a {a} {n} and a {a} {n}.',
  'The {n} should {v} {d}, not the {n}.',
];

/** A word list with its article's end in front: `n apple`, ` river` (after a literal `a`/`A`). */
function articled(list: readonly string[]): readonly string[] {
  return list.map((w) => (/^[aeiou]/.test(w) ? `n ${w}` : ` ${w}`));
}

const WORD_SLOTS: Readonly<Record<string, readonly string[]>> = {
  a: ADJECTIVES,
  v: VERBS,
  d: ADVERBS,
  n: NOUNS,
};
const ARTICLED_SLOTS: Readonly<Record<string, readonly string[]>> = {
  a: articled(ADJECTIVES),
  v: articled(VERBS),
  d: articled(ADVERBS),
  n: articled(NOUNS),
};

/**
 * Each sentence shape as literal text and word slots (`{n}` noun, `{a}`
 * adjective, `{v}` verb, `{d}` adverb), split once. A slot after the word
 * `a` picks from its list with the article's end in front (`a` + `n apple`),
 * so "an" before a vowel costs nothing per sentence (no word is `a` itself).
 */
const SENTENCE_PARTS: readonly (readonly (string | readonly string[])[])[] = SENTENCES.map((shape) => {
  const parts: (string | readonly string[])[] = [];
  for (const part of shape.split(/(\{[navd]\})/)) {
    if (part === '') continue;
    const slot = /^\{([navd])\}$/.exec(part)?.[1];
    if (slot === undefined) {
      parts.push(part);
      continue;
    }
    const before = parts[parts.length - 1];
    if (typeof before === 'string' && /(^|[^A-Za-z])[Aa] $/.test(before)) {
      parts[parts.length - 1] = before.slice(0, -1);
      parts.push(ARTICLED_SLOTS[slot] as readonly string[]);
    } else parts.push(WORD_SLOTS[slot] as readonly string[]);
  }
  return parts;
});

/** Every literal and word of the sentence shapes is printable ASCII without a backslash. */
const SENTENCES_ESCAPE_FREE: boolean = SENTENCE_PARTS.every((parts) =>
  parts.every((part) => (typeof part === 'string' ? escapeFreeTexts([part]) : escapeFreeTexts(part))),
);

function sentence(rand: RowRandom): string {
  const parts = rand.pick(SENTENCE_PARTS);
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string | readonly string[];
    out += typeof part === 'string' ? part : part[rand.below(part.length)];
  }
  return out;
}

/** A sentence part as bytes: a literal (`words` null) or a word list to pick from. */
interface PartBytes {
  readonly list: EncodedList;
  readonly words: number | null;
}

/** SENTENCE_PARTS encoded once (they are escape-free), for the byte writer. */
const SENTENCE_BYTES: readonly (readonly PartBytes[])[] = SENTENCES_ESCAPE_FREE
  ? SENTENCE_PARTS.map((parts) =>
      parts.map((part) =>
        typeof part === 'string'
          ? { list: encodeList([part]), words: null }
          : { list: encodeList(part), words: part.length },
      ),
    )
  : [];

/** The most characters one sentence can have (its literals and each slot's longest word). */
const LONGEST_SENTENCE: number = Math.max(
  ...SENTENCE_PARTS.map((parts) =>
    parts.reduce(
      (sum, part) => sum + (typeof part === 'string' ? part.length : Math.max(...part.map((w) => w.length))),
      0,
    ),
  ),
);

/**
 * `sentence(rand)`'s bytes (the same draws) written into `buf` at `p`, which
 * has room for LONGEST_SENTENCE bytes; returns the position after them.
 */
function writeSentence(rand: RowRandom, buf: Uint8Array, p: number): number {
  const parts = SENTENCE_BYTES[rand.below(SENTENCE_BYTES.length)] as readonly PartBytes[];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as PartBytes;
    const { bytes, starts } = part.list;
    const k = part.words === null ? 0 : rand.below(part.words);
    const end = starts[k + 1] as number;
    for (let j = starts[k] as number; j < end; j++) buf[p++] = bytes[j] as number;
  }
  return p;
}

/** One to three sentences of English words (faker's word lists), ending at a word boundary within the limit. */
export function createDescriptionGenerator(build: SemanticBuild): SemanticGenerator {
  const { maxLength } = build;
  const long = build.tokens.includes('body') || build.tokens.includes('content');
  const maxSentences = long ? 6 : 3;
  const shorten = build.version >= 3 ? cutAtWord : cut;
  // Where no text of `maxSentences` sentences can reach the limit, nothing is ever cut: the bytes are
  // written as drawn, with no string built (the same draws as `random`).
  const neverCut = SENTENCES_ESCAPE_FREE && maxSentences * (LONGEST_SENTENCE + 1) <= maxLength;
  return {
    escapeFree: SENTENCES_ESCAPE_FREE,
    ...(neverCut
      ? {
          write(rand: RowRandom, _row: number, out: ByteOut) {
            const sentences = 1 + rand.below(maxSentences);
            out.ensure(sentences * (LONGEST_SENTENCE + 1));
            const buf = out.buf;
            let p = writeSentence(rand, buf, out.pos);
            for (let s = 1; s < sentences; s++) {
              buf[p++] = 32;
              p = writeSentence(rand, buf, p);
            }
            out.pos = p;
          },
        }
      : {}),
    random(rand) {
      const sentences = 1 + rand.below(maxSentences);
      let out = '';
      for (let s = 0; s < sentences; s++) {
        const next = out === '' ? sentence(rand) : `${out} ${sentence(rand)}`;
        if (next.length > maxLength) {
          if (out === '') out = shorten(next, maxLength);
          break;
        }
        out = next;
      }
      return out;
    },
  };
}

const IMAGE_WORDS = new Set('avatar image photo picture thumbnail logo icon img pic'.split(' '));

/** `https://www.abbott.com`, or an image path for `avatar_url`-like columns. */
export function createUrlGenerator(build: SemanticBuild): SemanticGenerator {
  const { maxLength } = build;
  const image = build.tokens.some((t) => IMAGE_WORDS.has(t));
  const hosts = build.locale?.lastSlugs ?? LAST_SLUGS;
  return {
    // Slugs (a-z, 0-9), words, hex and the URL's own punctuation.
    escapeFree: escapeFreeTexts(hosts) && escapeFreeTexts(DOMAIN_SUFFIXES),
    random(rand) {
      if (image) {
        const x = rand.next();
        const id = HEX2[x >>> 24]! + HEX2[(x >>> 16) & 255]! + HEX2[(x >>> 8) & 255]! + HEX2[x & 255]!;
        return cut(`https://images.example.com/${id}.jpg`, maxLength);
      }
      const host = rand.chance(0.5) ? rand.pick(hosts) : `${rand.pick(ADJECTIVES)}${rand.pick(NOUNS)}`;
      const www = rand.chance(0.7) ? 'www.' : '';
      return cut(`https://${www}${host}.${rand.pick(DOMAIN_SUFFIXES)}`, maxLength);
    },
  };
}

/** A colour name, or `#a1b2c3` for hex columns (`color_hex`, `char(7)`). */
export function createColorGenerator(build: SemanticBuild): SemanticGenerator {
  const n = build.base.typmods[0];
  const hex = build.tokens.includes('hex') || (build.base.name !== 'text' && (n === 6 || n === 7));
  if (!hex) return createPicker(fitting(COLORS, build.maxLength));
  const prefix = build.maxLength >= 7 ? '#' : '';
  const { maxLength } = build;
  return {
    escapeFree: true,
    random(rand) {
      const x = rand.next();
      return cut(prefix + HEX2[(x >>> 16) & 255]! + HEX2[(x >>> 8) & 255]! + HEX2[x & 255]!, maxLength);
    },
  };
}

/** The currencies most money is in, by rough share of rows (version 3); the rest of ISO 4217 after them. */
const COMMON_CURRENCIES: readonly (readonly [string, number])[] = [
  ['USD', 0.36],
  ['EUR', 0.22],
  ['GBP', 0.09],
  ['JPY', 0.05],
  ['CAD', 0.04],
  ['AUD', 0.04],
  ['CHF', 0.02],
  ['CNY', 0.02],
  ['INR', 0.02],
  ['SEK', 0.01],
  ['BRL', 0.01],
  ['MXN', 0.01],
];

/** An ISO 4217 code: version 3 skewed to the common ones (USD, EUR, GBP, …; 5% any other), else uniform. */
export function createCurrencyCodeGenerator(build: SemanticBuild): SemanticGenerator {
  const all = fitting(CURRENCY_CODES, build.maxLength);
  const uniform = createPicker(all);
  if (build.version < 3) return uniform;
  const common = COMMON_CURRENCIES.filter(([code]) => all.includes(code));
  if (common.length === 0) return uniform;
  const cumulative: number[] = [];
  let sum = 0;
  for (const [, share] of common) {
    sum += share;
    cumulative.push(sum);
  }
  return {
    escapeFree: uniform.escapeFree === true,
    random(rand) {
      const x = rand.float();
      for (let i = 0; i < common.length; i++)
        if (x < (cumulative[i] as number)) return common[i]?.[0] as string;
      return all[rand.below(all.length)] as string;
    },
  };
}

/** A language name, or an ISO 639 code for code columns and short types. */
export function createLanguageGenerator(build: SemanticBuild): SemanticGenerator {
  const { tokens, maxLength, base } = build;
  const code = tokens.includes('code') || tokens.includes('iso') || maxLength <= 3;
  if (!code) return createPicker(fitting(LANGUAGE_NAMES, maxLength));
  const alpha3 = tokens.includes('3') || (base.name === 'bpchar' && base.typmods[0] === 3);
  return createPicker(fitting(alpha3 ? LANGUAGE_ALPHA3 : LANGUAGE_ALPHA2, maxLength));
}

/** A public-looking IPv4 address (first octet 1..223). */
export function createIpGenerator(build: SemanticBuild): SemanticGenerator {
  const { maxLength } = build;
  return {
    escapeFree: true,
    random(rand) {
      const x = rand.next();
      return cut(
        `${1 + rand.below(223)}.${(x >>> 16) & 255}.${(x >>> 8) & 255}.${1 + rand.below(254)}`,
        maxLength,
      );
    },
  };
}

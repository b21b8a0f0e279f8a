/**
 * Organisations and things: company and product names, categories, titles,
 * URLs, colours, currency and language codes, IP addresses (descriptions:
 * description-values.ts).
 */
import type { ByteOut } from '../../checks/digits.js';
import type { RowRandom } from '../random.js';
import { escapeFreeTexts } from '../types/escape-free.js';
import { HEX2 } from '../types/format.js';
import { nameTokens } from './detect-semantic.js';
import {
  ADJECTIVES,
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
} from './locale-data.js';
import {
  createPicker,
  longestOf,
  type SemanticBuild,
  type SemanticGenerator,
  writeWords,
} from './semantic-generator.js';
import { asciiSlug, capitalize, cut, fitting } from './text-fit.js';

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

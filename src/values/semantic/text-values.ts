/**
 * Text whose column name tells no meaning (generator version 2; version 1
 * wrote lorem): readable words of the locale (`phrase`), a small vocabulary
 * per column that repeats like real categories (`label`: `kind`, `status`,
 * `varchar(10)`), code-like identifiers (`code`: `KXQ-04821`) and hex tokens
 * (`token`: `hash`, `token`). Word lists pass the blocklist
 * (word-blocklist.ts) in every locale.
 */
import { hashString, mix32, type RowRandom } from '../random.js';
import { escapeFreeTexts } from '../types/escape-free.js';
import { HEX2 } from '../types/format.js';
import { isPolymorphicType, polymorphicTypes } from './app-values.js';
import { ADJECTIVES, NOUNS, VERBS } from './locale-data.js';
import type { LocaleDictionary } from './locale-dictionary.js';
import type { SemanticBuild, SemanticGenerator } from './semantic-generator.js';
import { knownVocabulary } from './status-vocabularies.js';
import { capitalize, cut, fitting } from './text-fit.js';
import { withoutBlocked } from './word-blocklist.js';

/** A locale's words for text: nouns, adjectives, verbs (blocklist applied) and what goes between words. */
export interface WordPools {
  readonly nouns: readonly string[];
  readonly adjectives: readonly string[];
  readonly verbs: readonly string[];
  readonly separator: string;
}

const EN_POOLS: WordPools = {
  nouns: withoutBlocked(NOUNS),
  adjectives: withoutBlocked(ADJECTIVES),
  verbs: withoutBlocked(VERBS),
  separator: ' ',
};
const LOCALE_POOLS = new WeakMap<LocaleDictionary, WordPools>();

/** The words of the run's locale (en's without one), each list read once per process. */
export function wordPools(locale: LocaleDictionary | null): WordPools {
  if (locale === null) return EN_POOLS;
  let pools = LOCALE_POOLS.get(locale);
  if (!pools) {
    const nouns = withoutBlocked(locale.nouns);
    pools = {
      nouns,
      adjectives: withoutBlocked(locale.adjectives),
      verbs: locale.verbs.length > 0 ? withoutBlocked(locale.verbs) : nouns,
      separator: locale.wordSeparator,
    };
    LOCALE_POOLS.set(locale, pools);
  }
  return pools;
}

const CAPITALIZED = new WeakMap<readonly string[], readonly string[]>();

/**
 * A pool's words capitalised, made once per list: a column used to make its
 * own copy (two lists of ~1,000 new strings for a `name` column, about 64 KB
 * kept per table for the whole run: 1.1 GB of RSS at 10,000 tables).
 */
export function capitalized(words: readonly string[]): readonly string[] {
  let out = CAPITALIZED.get(words);
  if (out === undefined) {
    out = words.map(capitalize);
    CAPITALIZED.set(words, out);
  }
  return out;
}

/** Words per value: a few for short types, up to 8 where the type has no limit. */
function wordsFor(maxLength: number): number {
  return Number.isFinite(maxLength) ? Math.max(1, Math.min(10, Math.floor(maxLength / 8))) : 8;
}

/**
 * `Quiet harbor carry river`: one to a few of the locale's words (adjective,
 * noun, verb, noun, …), the first capitalised, whole words within the limit.
 */
export function createPhraseGenerator(build: SemanticBuild): SemanticGenerator {
  if (build.version >= 3 && build.tokens[build.tokens.length - 1] === 'name')
    return createThingNameGenerator(build);
  const { maxLength } = build;
  const pools = wordPools(build.locale);
  const first = capitalized(pools.adjectives);
  const cycle = [pools.nouns, pools.verbs, pools.nouns, pools.adjectives];
  const separator = pools.separator;
  const maxWords = wordsFor(maxLength);
  return {
    escapeFree: escapeFreeTexts(first) && cycle.every(escapeFreeTexts) && escapeFreeTexts([separator]),
    random(rand) {
      const count = 1 + rand.below(maxWords);
      let out = first[rand.below(first.length)] as string;
      if (out.length > maxLength) return cut(out, maxLength);
      for (let i = 1; i < count; i++) {
        const pool = cycle[(i - 1) & 3] as readonly string[];
        const word = pool[rand.below(pool.length)] as string;
        if (out.length + separator.length + word.length > maxLength) break;
        out += separator + word;
      }
      return out;
    },
  };
}

/**
 * Version 3: the name of a thing no rule reads (`api_key.name`,
 * `gateway.name`, `Collection.name`): one to three capitalised words, an
 * adjective and nouns (`Quiet Harbor`, `Frugal Lantern Works`), not a
 * sentence of up to eight words (`Mysterious willow think bid yummy larva`).
 */
function createThingNameGenerator(build: SemanticBuild): SemanticGenerator {
  const { maxLength } = build;
  const pools = wordPools(build.locale);
  const adjectives = capitalized(pools.adjectives);
  const nouns = capitalized(pools.nouns);
  const separator = pools.separator;
  return {
    escapeFree: escapeFreeTexts(adjectives) && escapeFreeTexts(nouns) && escapeFreeTexts([separator]),
    random(rand) {
      // One word in a sixth of rows, three in a sixth, else two.
      const shape = rand.below(6);
      let out =
        shape === 0
          ? (nouns[rand.below(nouns.length)] as string)
          : (adjectives[rand.below(adjectives.length)] as string);
      if (out.length > maxLength) return cut(out, maxLength);
      for (let i = shape === 0 ? 1 : shape === 5 ? 3 : 2, n = 1; n < i; n++) {
        const word = nouns[rand.below(nouns.length)] as string;
        if (out.length + separator.length + word.length > maxLength) break;
        out += separator + word;
      }
      return out;
    },
  };
}

/**
 * Version 3: readable words sized to a length CHECK (`length(x) >= 20`,
 * `length(code) = 10`): an adjective, then the locale's words until the
 * value reaches `min`; where the room left is shorter than the longest word,
 * a word of a length that fits it (so `min = max` ends on a whole word).
 * Cut at `max` only where no word fits. Null where no value of [min, max]
 * can be made (the caller's CHECK generator then).
 */
export function createSizedPhraseGenerator(
  build: SemanticBuild,
  min: number,
  max: number,
): ((rand: RowRandom) => string) | null {
  const pools = wordPools(build.locale);
  const separator = pools.separator;
  const first = fitting(capitalized(pools.adjectives), max);
  const words = [...pools.nouns, ...pools.verbs, ...pools.adjectives];
  if (max < min || max < 1 || first.length === 0 || words.length === 0) return null;
  const byLength: string[][] = [];
  for (const w of words) {
    const list = byLength[w.length] ?? [];
    list.push(w);
    byLength[w.length] = list;
  }
  const longest = byLength.length - 1;
  /** A word of length in [low, high], or null when none has one. */
  const sized = (rand: RowRandom, low: number, high: number): string | null => {
    let count = 0;
    for (let l = Math.max(1, low); l <= high && l <= longest; l++) if (byLength[l]) count++;
    if (count === 0) return null;
    let pick = rand.below(count);
    for (let l = Math.max(1, low); ; l++) {
      const list = byLength[l];
      if (list && pick-- === 0) return list[rand.below(list.length)] as string;
    }
  };
  return (rand) => {
    let out = first[rand.below(first.length)] as string;
    for (let i = 0; out.length < min && i < 4096; i++) {
      const room = max - out.length - separator.length;
      const word =
        room >= longest
          ? (words[rand.below(words.length)] as string)
          : sized(rand, min - out.length - separator.length, room);
      if (word === null) break;
      out += separator + word;
    }
    if (out.length >= min) return cut(out, max);
    // No whole word fits what is left: a word cut to the length the bound asks (never ending on a blank).
    // Unbounded above (`length(c) > 1000000` alone): as many copies as reach `min`, not Infinity's.
    const gap = out.length + separator.length < max ? separator : '';
    const word = words[rand.below(words.length)] as string;
    const copies = Number.isFinite(max) ? max : Math.ceil(min / word.length);
    return (out + gap + word.repeat(copies)).slice(0, max);
  };
}

/** The most values one label column takes (its vocabulary is 3 to this many words). */
const MAX_VOCABULARY = 12;

/** A `status`/`state` column's words: a lifecycle (status-dates.ts reads it: a cancelled order has no shipped date). */
const STATUS_WORDS: readonly string[] = (
  'active pending processing shipped delivered completed cancelled inactive archived draft approved ' +
  'rejected open closed paid refunded suspended'
).split(' ');

/**
 * A column's vocabulary: 3 to 12 single words of the locale (nouns and
 * adjectives that fit; lifecycle words for a status), chosen by the column's
 * name, so every run and every worker gives the column the same set.
 */
export function labelVocabulary(build: SemanticBuild): readonly string[] {
  const pools = wordPools(build.locale);
  const last = build.tokens[build.tokens.length - 1];
  const single = [...pools.nouns, ...pools.adjectives].filter((w) => !/\s/.test(w));
  const words =
    last === 'status' || last === 'state' ? STATUS_WORDS : single.length > 0 ? single : pools.nouns;
  const h = hashString(`label:${build.table.schema}.${build.table.name}.${build.column.name}`);
  const fit = fitting(words, build.maxLength);
  // Version 9: where fewer than 3 words fit (a char(2) `c_credit` took 'ad' in every row), capital-letter codes.
  const pool = build.version >= 9 && fit.length < 3 ? letterCodes(h, build.maxLength) : fit;
  const size = Math.min(pool.length, 3 + (h % (MAX_VOCABULARY - 2)));
  const chosen: string[] = [];
  for (let i = 0; chosen.length < size && i < size * 8; i++) {
    const word = pool[mix32(h + Math.imul(i, 0x9e3779b9)) % pool.length] as string;
    if (!chosen.includes(word)) chosen.push(word);
  }
  return chosen;
}

/** 26 codes of `length` (1 to 3) capital letters, told apart by their first letter, from the column's hash. */
function letterCodes(h: number, length: number): readonly string[] {
  const codes: string[] = [];
  for (let i = 0; i < 26; i++) {
    let code = LETTERS[(i + h) % 26] as string;
    for (let j = 1; j < Math.min(length, 3); j++) code += LETTERS[mix32(h + i * 31 + j) % 26];
    codes.push(code);
  }
  return codes;
}

/**
 * The 32-bit draws below which each word of a vocabulary of `size` is
 * picked: word i when u^a falls in [i/size, (i+1)/size), with `a` set so the
 * first word takes about 40% of rows in a vocabulary of 3, a quarter in one
 * of 12 (real categories are skewed, but `u²` gave the first of 3 words 58%).
 */
export function labelThresholds(size: number): Uint32Array {
  const head = Math.max(1 / size, Math.min(0.4, 1.5 / size + 0.12));
  const a = size <= 1 ? 1 : Math.log(1 / size) / Math.log(head);
  const thresholds = new Uint32Array(size);
  for (let i = 0; i < size; i++) {
    thresholds[i] = i === size - 1 ? 0xffffffff : Math.floor(((i + 1) / size) ** (1 / a) * 4294967296);
  }
  return thresholds;
}

/** A word of the column's vocabulary, the first ones more often (see `labelThresholds`). */
export function createLabelGenerator(build: SemanticBuild): SemanticGenerator {
  const status = build.version >= 13 ? createStatusGenerator(build) : null;
  if (status !== null) return status;
  // Version 3: a Rails polymorphic `*_type` (beside its `*_id`) names model classes (`Post`, `Photo`).
  const vocabulary =
    build.version >= 3 && isPolymorphicType(build) ? polymorphicTypes(build) : labelVocabulary(build);
  const size = vocabulary.length;
  if (build.version < 3) {
    return {
      escapeFree: escapeFreeTexts(vocabulary),
      random(rand) {
        const u = rand.next() / 4294967296;
        return vocabulary[Math.floor(u * u * size)] as string;
      },
    };
  }
  const thresholds = labelThresholds(size);
  const last = size - 1;
  return {
    escapeFree: escapeFreeTexts(vocabulary),
    random(rand) {
      const u = rand.next();
      let i = 0;
      while (i < last && u >= (thresholds[i] as number)) i++;
      return vocabulary[i] as string;
    },
  };
}

/**
 * Version 13: a status column's words by what its row is, and a gender's,
 * severity's, priority's or visibility's words, in their shares
 * (status-vocabularies.ts), or null where the name tells nothing of the row
 * or fewer than two of its words fit the type.
 */
function createStatusGenerator(build: SemanticBuild): SemanticGenerator | null {
  const words = knownVocabulary(
    build.tokens,
    build.table.name,
    build.maxLength,
    build.version,
    build.locale?.code,
  );
  return words === undefined ? null : createWeightedWordGenerator(words);
}

/** A word of the list drawn by its weight (`[word, weight]`: a weight of 3 drawn three times as often as one of 1). */
export function createWeightedWordGenerator(
  words: readonly (readonly [string, number])[],
): SemanticGenerator {
  const ends: number[] = [];
  let total = 0;
  for (const [, weight] of words) {
    total += weight;
    ends.push(total);
  }
  const vocabulary = words.map(([word]) => word);
  return {
    escapeFree: escapeFreeTexts(vocabulary),
    random(rand) {
      const u = rand.below(total);
      let i = 0;
      while (u >= (ends[i] as number)) i++;
      return vocabulary[i] as string;
    },
  };
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Three capital letters (0 <= n < 26³). */
export function codeLetters(n: number): string {
  return LETTERS[Math.floor(n / 676)]! + LETTERS[Math.floor(n / 26) % 26]! + LETTERS[n % 26]!;
}

/** `KXQ-04821`; without the dash and shortened where the type is shorter than nine characters. */
export function createCodeGenerator(build: SemanticBuild): SemanticGenerator {
  const { maxLength } = build;
  const long = maxLength >= 9;
  return {
    escapeFree: true,
    random(rand) {
      const letters = codeLetters(rand.below(17576));
      const digits = String(rand.below(100000)).padStart(5, '0');
      return long ? `${letters}-${digits}` : cut(letters + digits, maxLength);
    },
  };
}

/** 32 lower-case hex digits (a hash or token), shortened to the type. */
export function createTokenGenerator(build: SemanticBuild): SemanticGenerator {
  const { maxLength } = build;
  const length = Math.min(32, maxLength);
  return {
    escapeFree: true,
    random(rand) {
      let out = '';
      while (out.length < length) {
        const x = rand.next();
        out += HEX2[x >>> 24]! + HEX2[(x >>> 16) & 255]! + HEX2[(x >>> 8) & 255]! + HEX2[x & 255]!;
      }
      return out.length > length ? out.slice(0, length) : out;
    },
  };
}

/**
 * Version 17's values for the names version-seventeen-names.ts reads: a
 * birth's parts from the row's birth date, small status codes, slugs of the
 * row's title, tickers, subdivision codes and tag words.
 */
import type { RowRandom } from '../random.js';
import { escapeFreeTexts } from '../types/escape-free.js';
import { STATES } from './locale-data.js';
import { defaultsToZero } from './number-time-names.js';
import { listedSubdivisionCodes } from './region-codes.js';
import { type SemanticBuild, type SemanticGenerator, siblingReader } from './semantic-generator.js';
import { typeFamilyOf } from './semantic-kind.js';
import { isTagColumn, tagWordsOf } from './tag-words.js';
import { labelThresholds } from './text-values.js';
import {
  birthColumnOf,
  birthPartOf,
  isNumberedStatus,
  isSlugName,
  slugSourceOf,
  textCodeOf,
} from './version-seventeen-names.js';

const INTEGERS = new Set(['int2', 'int4', 'int8']);
/** Years a living person's birth falls in, where the row has no birth date. */
const FIRST_BIRTH_YEAR = 1930;
const LAST_BIRTH_YEAR = 2015;

/** Tickers of well-known listed companies and funds; others are made of 1 to 5 letters. */
const TICKERS =
  `AAPL MSFT GOOGL AMZN META TSLA NVDA JPM V JNJ WMT PG MA HD DIS NFLX ADBE CRM INTC AMD KO PEP CSCO
ORCL IBM NKE MCD BA GE F T XOM CVX PFE MRK BAC C WFC GS MS SBUX UBER ABNB PYPL SHOP SPOT BABA TSM SAP ASML NVO
SONY TM SPY QQQ VOO VTI IWM GLD BND ARKK`.split(/\s+/);
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** `text` in kebab case: ASCII letters and digits, lowercase, runs of anything else one hyphen. */
export function kebabCase(text: string): string {
  return text
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** A kebab-case text at most `max` characters: cut after its last whole word that fits. */
export function fitKebab(slug: string, max: number): string {
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max + 1);
  const end = cut.lastIndexOf('-');
  return (end > 0 ? cut.slice(0, end) : slug.slice(0, max)).replace(/-+$/, '');
}

/** A draw skewed to small values: 0..n-1, 0 most often. */
const skewed = (rand: RowRandom, n: number) => Math.min(n - 1, Math.floor(n * rand.float() ** 2));

/** Version 17's generator of such a column (see version-seventeen-names.ts), or null. */
export function versionSeventeenGenerator(
  build: SemanticBuild,
  usual: () => SemanticGenerator,
): SemanticGenerator | null {
  const { column, table } = build;
  if (INTEGERS.has(build.base.name)) {
    const part = birthPartOf(column);
    if (part !== null) return birthPartGenerator(build, part);
    if (isNumberedStatus(column) && !defaultsToZero(column))
      return { escapeFree: true, random: (rand) => String(skewed(rand, 5)) };
    return null;
  }
  // Tags, codes and slugs are words: a boolean `is_hashtag`, a numeric or a date (Plume's tags) keeps its kind's values.
  const family = typeFamilyOf(build.base.name);
  if (family === 'boolean' || family === 'decimal' || family === 'temporal') return null;
  if (isTagColumn(table, column)) return tagGenerator(build);
  const code = textCodeOf(column);
  if (code === 'ticker' && build.maxLength >= 5) return tickerGenerator();
  if (code === 'subdivision' && build.maxLength >= 6) return subdivisionGenerator(build.maxLength);
  const source = isSlugName(column) ? slugSourceOf(table, column) : null;
  if (source === null) return null;
  const read = siblingReader(build.ctx, source);
  const fallback = usual();
  return {
    random(rand, row) {
      const title = read(row);
      const slug = typeof title === 'string' ? fitKebab(kebabCase(title), build.maxLength) : '';
      return slug === '' ? fallback.random(rand, row) : slug;
    },
  };
}

/** A birth's year, month or day: the row's birth date's where it has one, else a plausible one. */
function birthPartGenerator(build: SemanticBuild, part: 'year' | 'month' | 'day'): SemanticGenerator {
  const birth = birthColumnOf(build.table);
  const read = birth === null ? null : siblingReader(build.ctx, birth);
  const [from, length] = part === 'year' ? [0, 4] : part === 'month' ? [5, 2] : [8, 2];
  return {
    escapeFree: true,
    random(rand, row) {
      const text = read?.(row);
      if (typeof text === 'string' && /^\d{4}-\d\d-\d\d/.test(text))
        return String(Number(text.slice(from, from + length)));
      if (part === 'year')
        return String(FIRST_BIRTH_YEAR + rand.below(LAST_BIRTH_YEAR - FIRST_BIRTH_YEAR + 1));
      return String(1 + rand.below(part === 'month' ? 12 : 28));
    },
  };
}

/** Tags of the table's subject, the first words most often. */
function tagGenerator(build: SemanticBuild): SemanticGenerator | null {
  const words = tagWordsOf(build.table, build.maxLength, build.version, build.locale?.code);
  if (words.length < 3) return null;
  const thresholds = labelThresholds(words.length);
  return {
    escapeFree: escapeFreeTexts(words),
    random(rand) {
      const u = rand.next();
      let i = 0;
      while (i < words.length - 1 && u >= (thresholds[i] as number)) i++;
      return words[i] as string;
    },
  };
}

/** A ticker: a well-known one in most rows, else 1 to 5 capital letters (3 or 4 most often). */
function tickerGenerator(): SemanticGenerator {
  return {
    escapeFree: true,
    random(rand) {
      if (rand.below(10) < 7) return TICKERS[rand.below(TICKERS.length)] as string;
      const length = [1, 2, 3, 3, 3, 4, 4, 4, 5][rand.below(9)] as number;
      let out = '';
      for (let i = 0; i < length; i++) out += LETTERS[rand.below(26)];
      return out;
    },
  };
}

/** An ISO 3166-2 code: a US state's in half the rows, else another listed country's subdivision. */
function subdivisionGenerator(max: number): SemanticGenerator {
  const us = STATES.map((s) => `US-${s.abbr}`).filter((c) => /^US-[A-Z]{2}$/.test(c));
  const others = listedSubdivisionCodes().filter((c) => c.length <= max);
  return {
    escapeFree: true,
    random: (rand) =>
      (rand.chance(0.5) && us.length > 0
        ? us[rand.below(us.length)]
        : others[rand.below(others.length)]) as string,
  };
}

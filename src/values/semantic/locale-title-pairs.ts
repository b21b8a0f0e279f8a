/**
 * Version 20: a title a unique slug is made of (titled-slugs.ts), under a
 * locale, is two of the locale's own words in its order, the slug their
 * ASCII fold: de an adjective declined before a feminine noun (`Zärtliche
 * Wahrheit`, `zartliche-wahrheit`: nouns whose ending tells the gender, so
 * the strong ending `-e` is right), fr and es a noun and an adjective that
 * agrees with either gender (`Collègue aimable`, `Puerta elegante`). Words
 * are kept once per folded form, so distinct pairs give distinct slugs.
 * Null (the locale's titles stay as before) where the words fold to no ASCII
 * (ja) or too few remain.
 */
import type { LocaleDictionary } from './locale-dictionary.js';
import { byFold, germanPairs, japanesePairs } from './locale-titles.js';
import { capitalize } from './text-fit.js';
import { wordPools } from './text-values.js';

/** Fewest words of each kind a locale's pairs need. */
const MIN_WORDS = 8;

/** Pair k of a locale: its slug (`value`; version 21 under ja null: its words fold to nothing) and its title. */
export interface LocalePairs {
  readonly space: number;
  value(k: number): string | null;
  title(k: number): string;
}

/** de nouns whose ending makes them feminine (`-ung`, `-heit`, `-keit`, `-schaft`, `-ion`, `-tät`, …). */
const GERMAN_FEMININE = /(ung|heit|keit|schaft|ion|tät|ie|ik|ei|ur|anz|enz)$/;

/** Adjectives and nouns of a locale (display forms) its pairs are made of, and their order. */
function pairWords(
  d: LocaleDictionary,
): { adjectives: readonly string[]; nouns: readonly string[]; nounFirst: boolean } | null {
  const { nouns, adjectives } = wordPools(d);
  const single = (w: string) => !w.includes(' ') && !w.includes('-') && !w.includes('’') && !w.includes("'");
  if (d.code === 'de')
    return {
      // Declined with the strong feminine ending; adjectives that change their stem (`dunkel`, `teuer`) left out.
      adjectives: adjectives
        .filter((a) => single(a) && /^[a-zäöüß]+$/.test(a) && !/(el|er|a)$/.test(a))
        .map((a) => (a.endsWith('e') ? a : `${a}e`)),
      nouns: nouns.filter((n) => single(n) && GERMAN_FEMININE.test(n)),
      nounFirst: false,
    };
  if (d.code === 'fr' || d.code === 'es')
    return {
      // Adjectives of both genders alike: fr's ending in -e, es's in -e or a consonant but -o/-a.
      adjectives: adjectives.filter((a) => single(a) && (d.code === 'fr' ? /e$/.test(a) : /[^oa]$/.test(a))),
      nouns: nouns.filter(single),
      nounFirst: true,
    };
  return null;
}

/** The locale's title pairs within `budget` characters of slug (see above; version 21: locale-titles.ts), or null. */
export function localeTitlePairs(d: LocaleDictionary, budget: number, version = 20): LocalePairs | null {
  if (version >= 21 && d.code === 'de') return germanPairs(wordPools(d), budget);
  if (version >= 21 && d.code === 'ja') return japanesePairs(d, budget);
  const words = pairWords(d);
  if (words === null) return null;
  const half = Math.floor((budget - 1) / 2);
  const adjectives = byFold(words.adjectives, half);
  const nouns = byFold(words.nouns, half);
  const a = adjectives.shown.length;
  const n = nouns.shown.length;
  if (a < MIN_WORDS || n < MIN_WORDS) return null;
  const parts = (k: number) => ({ i: k % a, j: Math.floor(k / a) % n });
  return {
    space: a * n,
    value(k) {
      const { i, j } = parts(k);
      const [adjective, noun] = [adjectives.folded[i] as string, nouns.folded[j] as string];
      return words.nounFirst ? `${noun}-${adjective}` : `${adjective}-${noun}`;
    },
    title(k) {
      const { i, j } = parts(k);
      const [adjective, noun] = [adjectives.shown[i] as string, nouns.shown[j] as string];
      return words.nounFirst ? `${capitalize(noun)} ${adjective}` : `${capitalize(adjective)} ${noun}`;
    },
  };
}

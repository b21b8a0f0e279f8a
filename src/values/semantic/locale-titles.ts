/**
 * Version 21: titles of two words in de and ja (locale-title-pairs.ts, for
 * titles a slug is made of and, titled-slugs.ts, for titles without one):
 * de an adjective with the strong ending of its noun's gender (`Dunkler
 * Vulkan`, `Dunkle Wolke`, `Dunkles Schiff`; german-genders.ts), ja a
 * modifier and a noun of the locale's own words in Japanese order with no
 * space (`ふわふわのおでん`: a food's adjective before a dish, a fruit or a
 * vegetable; `水色のカワセミ`: a colour before an animal), its slug none of
 * its own (the words fold to no ASCII).
 */

import { germanGender, withEnding } from './german-genders.js';
import type { LocaleDictionary } from './locale-dictionary.js';
import type { LocalePairs } from './locale-title-pairs.js';
import { asciiSlug, capitalize } from './text-fit.js';
import type { WordPools } from './text-values.js';

/** Fewest words of each kind a locale's pairs need. */
const MIN_WORDS = 8;

/** Words kept once per ASCII fold (a plain word of at most `max` letters), with their folds. */
export function byFold(words: readonly string[], max: number): { shown: string[]; folded: string[] } {
  const seen = new Set<string>();
  const shown: string[] = [];
  const folded: string[] = [];
  for (const w of words) {
    const f = asciiSlug(w);
    if (!/^[a-z]+$/.test(f) || f.length > max || seen.has(f)) continue;
    seen.add(f);
    shown.push(w);
    folded.push(f);
  }
  return { shown, folded };
}

const single = (w: string) => /^[a-zäöüß]+$/i.test(w);

/** de: adjectives (kept once per folded stem) declined by the gender of the noun they go before. */
export function germanPairs(
  pools: Pick<WordPools, 'nouns' | 'adjectives'>,
  budget: number,
): LocalePairs | null {
  // Adjectives whose stem changes when declined (`dunkel` → `dunkle`, `teuer` → `teure`) left out.
  const plain = pools.adjectives.filter((a) => single(a) && a === a.toLowerCase() && !/(el|er|a)$/.test(a));
  const half = Math.floor((budget - 1) / 2) - 2;
  const stems = byFold(
    plain.map((a) => (a.endsWith('e') ? a.slice(0, -1) : a)),
    half,
  );
  const gendered = pools.nouns.filter((n) => single(n) && germanGender(n) !== null);
  const nouns = byFold(gendered, Math.floor((budget - 1) / 2));
  const a = stems.shown.length;
  const n = nouns.shown.length;
  if (a < MIN_WORDS || n < MIN_WORDS) return null;
  const parts = (k: number) => {
    const noun = nouns.shown[Math.floor(k / a) % n] as string;
    const gender = germanGender(noun) ?? 'f';
    return { i: k % a, j: Math.floor(k / a) % n, gender };
  };
  return {
    space: a * n,
    value(k) {
      const { i, j, gender } = parts(k);
      return `${withEnding(stems.folded[i] as string, gender)}-${nouns.folded[j]}`;
    },
    title(k) {
      const { i, j, gender } = parts(k);
      return `${capitalize(withEnding(stems.shown[i] as string, gender))} ${nouns.shown[j]}`;
    },
  };
}

/** ja: a food's adjective before a food, a colour (`の`) before an animal or a food; no slug of their own. */
export function japanesePairs(d: LocaleDictionary, budget: number): LocalePairs | null {
  const fits = (words: readonly string[]) => [...new Set(words)].filter((w) => w.length <= budget / 2);
  const adjectives = fits(d.foodAdjectives ?? []);
  const foods = fits(d.foods ?? []);
  const colours = fits(d.colors).map((c) => `${c}の`);
  const animals = fits([...(d.animals ?? []), ...foods]);
  if (adjectives.length < MIN_WORDS || foods.length < MIN_WORDS || colours.length < MIN_WORDS) return null;
  const eaten = adjectives.length * foods.length;
  const space = eaten + colours.length * animals.length;
  return {
    space,
    value: () => null,
    title(k) {
      if (k < eaten) return `${adjectives[k % adjectives.length]}${foods[Math.floor(k / adjectives.length)]}`;
      const r = k - eaten;
      return `${colours[r % colours.length]}${animals[Math.floor(r / colours.length)]}`;
    },
  };
}

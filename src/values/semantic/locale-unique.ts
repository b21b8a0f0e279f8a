/**
 * Unique names in the run's locale (`--locale`, generator version 2; version
 * 1 kept en's): full names in the locale's order, companies of three family
 * names, product names of the locale's words. Each part is one word (no
 * blank, comma or `&`), so the parts read back unambiguously: injective.
 */
import type { LocaleDictionary } from './locale-dictionary.js';
import {
  createDigits,
  distinct,
  MIN_NAMES,
  namePairs,
  namesWithin,
  type SemanticUniqueGenerator,
  wordTriples,
} from './unique-digits.js';

/** One word of letters (any script), with `'` or `-` inside. */
const ONE_WORD = /^\p{L}[\p{L}\p{M}'-]*$/u;

function words(list: readonly string[], max = Number.POSITIVE_INFINITY): readonly string[] {
  return distinct(list, max, ONE_WORD);
}

/** `Lukas Müller`, or `佐藤 陽菜` where the family name comes first. */
export function localeFullNameUnique(max: number, d: LocaleDictionary): SemanticUniqueGenerator | null {
  const names = namesWithin(words(d.firstNames), words(d.lastNames), max - 1);
  if (names === null) return null;
  const familyFirst = d.familyNameFirst;
  return namePairs(names, [], (f, l) => (familyFirst ? `${l} ${f}` : `${f} ${l}`));
}

/** `Müller, Schmidt & Weber`: three of the locale's family names. */
export function localeCompanyUnique(max: number, d: LocaleDictionary): SemanticUniqueGenerator | null {
  const budget = max - 5;
  const cap = Number.isFinite(budget) ? Math.floor(budget / 3) : Number.POSITIVE_INFINITY;
  const lasts = words(d.lastNames, cap);
  if (lasts.length < MIN_NAMES) return null;
  const digits = createDigits([lasts.length, lasts.length, lasts.length]);
  const out: number[] = [0, 0, 0];
  return {
    space: digits.space,
    value(k) {
      digits.split(k, out);
      return `${lasts[out[0]!]}, ${lasts[out[1]!]} & ${lasts[out[2]!]}`;
    },
  };
}

/** `Kleiner Holz Tisch`-like: one of the locale's product adjectives, materials and products (noun first in fr, es, pt). */
export function localeProductUnique(max: number, d: LocaleDictionary): SemanticUniqueGenerator | null {
  const adjectives = words(d.productAdjectives);
  const materials = words(d.productMaterials);
  const nouns = words(d.productNouns);
  const lists = d.nounFirst ? [nouns, adjectives, materials] : [adjectives, materials, nouns];
  return wordTriples(lists, max);
}

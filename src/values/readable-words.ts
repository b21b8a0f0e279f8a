/**
 * Generator version 3: the words type generators make text, json, xml,
 * text-search, hstore, ltree and jsonpath values of are readable English
 * words (faker's nouns and adjectives, blocklist applied, plain lower-case
 * ASCII so they are safe in every one of those syntaxes) instead of lorem.
 * A column's meaning still decides first; this is what is left.
 */

import { wordPools } from './semantic/text-values.js';
import type { TypeContext } from './types/generator.js';

function plainWords(): readonly string[] {
  const { nouns, adjectives } = wordPools(null);
  return [...new Set([...nouns, ...adjectives].filter((w) => /^[a-z]{3,12}$/.test(w)))];
}

/** Readable plain ASCII words: `harbor`, `quiet`, … */
export const READABLE_WORDS: readonly string[] = plainWords();

/** The type lookup with version 3's readable words (the lookup as it is before version 3). */
export function withReadableWords<T extends TypeContext>(lookup: T, version: number): T {
  return version >= 3 ? { ...lookup, words: READABLE_WORDS } : lookup;
}

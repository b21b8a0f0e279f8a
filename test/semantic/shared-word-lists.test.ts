/**
 * A column's readable-words generator takes its capitalised word lists from
 * one copy per locale: each column used to make its own (two lists of ~1,000
 * new strings for every `name` column, kept for the whole run: 219 MiB peak
 * RSS at 1,000 tables of five columns, 1.1 GB at 10,000).
 */
import { describe, expect, it } from 'vitest';
import { capitalize } from '../../src/values/semantic/text-fit.js';
import { capitalized, wordPools } from '../../src/values/semantic/text-values.js';

describe('capitalised word lists', () => {
  it('are made once per list, with every word capitalised in order', () => {
    const pools = wordPools(null);
    const adjectives = capitalized(pools.adjectives);
    expect(capitalized(pools.adjectives)).toBe(adjectives);
    expect(adjectives).toEqual(pools.adjectives.map(capitalize));
    expect(capitalized(pools.nouns)).not.toBe(adjectives);
    expect(capitalized(pools.nouns)).toEqual(pools.nouns.map(capitalize));
  });
});

import { describe, expect, it } from 'vitest';
import { createRegexEnumeration } from '../../src/values/regex-enumeration.js';
import { RegexUnsupportedError } from '../../src/values/regex-parse.js';

/** The pattern's enumeration has `space` strings; the first 5,000 of them match it and are distinct. */
function expectBijection(source: string, space: number): void {
  const e = createRegexEnumeration(source);
  expect(e.space).toBe(space);
  const re = new RegExp(source);
  const seen = new Set<string>();
  for (let k = 0; k < Math.min(space, 5000); k++) {
    const v = e.value(k);
    expect(re.test(v), v).toBe(true);
    seen.add(v);
  }
  expect(seen.size).toBe(Math.min(space, 5000));
}

describe('regex enumeration (unique strings of a pattern)', () => {
  it.each([
    ['^[A-Z]{2}[0-9]{2}$', 26 * 26 * 100],
    ['^[A-C][0-9]$', 30],
    ['^(foo|bar)-[0-9]{3}$', 2000],
    ['^(a|b|c)$', 3],
  ])('%s: a bijection onto matching strings, %i of them', (source, space) => {
    expectBijection(source, space);
  });

  it('open repetitions grow until there are enough strings, within the length limit', () => {
    const like = createRegexEnumeration('^X.*$');
    expect(like.space).toBeGreaterThanOrEqual(2 ** 32);
    expect(like.value(12345)).toMatch(/^X.+$/);
    const short = createRegexEnumeration('^X.*$', { maxLength: 3 });
    expect(short.space).toBe(62 * 62);
    expect(short.value(62 * 62 - 1)).toHaveLength(3);
  });

  it('a pattern not anchored at its end takes a suffix: ^https?:// has room for many unique strings', () => {
    const urls = createRegexEnumeration('^https?://');
    expect(urls.space).toBeGreaterThanOrEqual(2 ** 32);
    const seen = new Set<string>();
    for (let k = 0; k < 2000; k++) {
      const v = urls.value(k * 7919);
      expect(v).toMatch(/^https?:\/\//);
      seen.add(v);
    }
    expect(seen.size).toBe(2000);
    // Anchored at the end: no suffix.
    expect(createRegexEnumeration('^ab$').space).toBe(1);
  });

  it('refuses shapes that cannot fit', () => {
    expect(() => createRegexEnumeration('^[0-9]{5}$', { maxLength: 4 })).toThrow(RegexUnsupportedError);
  });

  it.each([
    ['^(a|ab)$', 1],
    ['^([0-2][0-9]:[0-5][0-9]:[0-5][0-9]|[0-2][0-9]:[0-5][0-9])$', 30 * 60 * 60],
    ['^(x[0-9]{3}|[a-z]{2})-[0-9]$', 10 * 1000],
  ])(
    'alternatives of different shapes: %s gives the strings of its largest option, %i, distinct',
    (source, space) => expectBijection(source, space),
  );
});

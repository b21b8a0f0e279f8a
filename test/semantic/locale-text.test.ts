/**
 * `--locale` for unique columns and text with no meaning (generator version
 * 2): unique names, companies, cities and slugs from the locale's data
 * (ASCII where the meaning needs it), generic text in its words, loaded into
 * PostgreSQL with every constraint; no blocklisted word in 50,000 text values
 * of any locale.
 */

import { de, type LocaleDefinition } from '@faker-js/faker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlan, createValueSource, parseDdl } from '../../src/index.js';
import { LOCALES } from '../../src/input/spec/locales.js';
import { loadLocale } from '../../src/values/semantic/load-locale.js';
import { ADJECTIVES, ADVERBS, NOUNS, VERBS } from '../../src/values/semantic/locale-data.js';
import { BLOCKED_WORDS, withoutBlocked } from '../../src/values/semantic/word-blocklist.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadGenerated } from '../helpers/load-generated.js';

const DDL = `
CREATE TABLE customers (
  id serial PRIMARY KEY, full_name text NOT NULL UNIQUE, username varchar(30) NOT NULL UNIQUE,
  slug text NOT NULL UNIQUE, city text NOT NULL UNIQUE, kind text NOT NULL, reason varchar(80) NOT NULL);
CREATE TABLE companies (id serial PRIMARY KEY, name text NOT NULL UNIQUE);
`;

const ROWS = 1500;

/** Every string in a faker definition subtree. */
function strings(node: unknown): Set<string> {
  const out = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.add(v);
    else if (Array.isArray(v)) for (const x of v) walk(x);
    else if (typeof v === 'object' && v !== null) for (const x of Object.values(v)) walk(x);
  };
  walk(node);
  return out;
}

let db: TestDatabase;
let target: TestDatabase;
const own = de as LocaleDefinition;

async function column(sql: string): Promise<string[]> {
  return (await target.query<{ v: string }>(sql)).map((r) => r.v);
}

describe('--locale de: unique columns and generic text in the locale', () => {
  beforeAll(async () => {
    db = await createTestDatabase('localetext');
    const loaded = await loadGenerated(db, DDL, { defaultRows: ROWS, seed: 4, locale: 'de' });
    target = loaded.target;
    expect(loaded.result.warnings).toEqual([]);
  });
  afterAll(async () => db.close());

  it('unique names, companies and cities come from the locale', async () => {
    const firsts = strings(own.person?.first_name);
    const lasts = strings(own.person?.last_name);
    for (const v of await column('SELECT full_name AS v FROM customers')) {
      const [f, l] = v.split(' ');
      expect(firsts.has(f as string) && lasts.has(l as string), v).toBe(true);
    }
    for (const v of await column('SELECT name AS v FROM companies')) {
      const parts = /^(.+), (.+) & (.+)$/.exec(v);
      expect(
        parts?.slice(1).every((p) => lasts.has(p)),
        v,
      ).toBe(true);
    }
    const cities = strings(own.location?.city_name);
    for (const v of await column('SELECT city AS v FROM customers'))
      expect(cities.has(v.replace(/ \d+$/, '')), v).toBe(true);
  });

  it('slugs and usernames stay ASCII, from the locale’s words and names', async () => {
    for (const v of await column('SELECT slug AS v FROM customers'))
      expect(v).toMatch(/^[a-z]+(-[a-z]+)*-\d+$/);
    for (const v of await column('SELECT username AS v FROM customers')) expect(v).toMatch(/^[a-z0-9._]+$/);
    // German letters folded: `Strauß` → `strauss`, `Hüttcher` → `huttcher`.
    const fold = (w: string) =>
      w
        .replace(/ß/g, 'ss')
        .normalize('NFD')
        .toLowerCase()
        .replace(/[^a-z]/g, '');
    // Version 17: the slug is the row's (German) name in kebab case, numbered by the row (row-unique-text.ts).
    const kebab = (name: string) =>
      name
        .split(/[^\p{L}]+/u)
        .map(fold)
        .filter((w) => w !== '')
        .join('-');
    const rows = await target.query<{ slug: string; full_name: string }>(
      'SELECT slug, full_name FROM customers',
    );
    for (const r of rows) expect(r.slug.replace(/-\d+$/, '')).toBe(kebab(r.full_name));
  });

  it('generic and label text is in the locale’s words', async () => {
    const words = new Set(
      [...strings(own.word?.adjective), ...strings(own.word?.noun), ...strings(own.word?.verb)].map((w) =>
        w.toLowerCase(),
      ),
    );
    for (const v of await column('SELECT reason AS v FROM customers'))
      for (const w of v.split(' ')) expect(words.has(w.toLowerCase()), `${w} in ${v}`).toBe(true);
    for (const v of await column('SELECT DISTINCT kind AS v FROM customers'))
      expect(words.has(v.toLowerCase()), v).toBe(true);
  });
});

const TEXT_DDL = `CREATE TABLE posts (id int PRIMARY KEY, title text NOT NULL, body text NOT NULL,
  bio varchar(200) NOT NULL, reason text NOT NULL, kind text NOT NULL);`;

describe('the blocklist', () => {
  it('en’s word lists hold none of its words (en text is the same in versions 1 and 2)', () => {
    for (const list of [NOUNS, ADJECTIVES, VERBS, ADVERBS]) expect(withoutBlocked(list)).toBe(list);
  });

  it.each(LOCALES)('%s: none of its words in 50,000 text values', async (locale) => {
    await loadLocale(locale);
    const { schema } = await parseDdl([{ file: 'posts.sql', text: TEXT_DDL }]);
    const plan = createPlan(schema, { defaultRows: 10_000, seed: 1, locale });
    const source = createValueSource(schema, plan);
    const blocked = new Set(BLOCKED_WORDS);
    const found: string[] = [];
    let values = 0;
    for (const name of ['title', 'body', 'bio', 'reason', 'kind']) {
      const fn = source.valueOf(0, name);
      for (let row = 0; row < 10_000; row++) {
        const v = fn(row) as string;
        values++;
        for (const w of v.toLowerCase().split(/[^\p{L}]+/u)) if (blocked.has(w)) found.push(`${w} in ${v}`);
      }
    }
    expect(values).toBe(50_000);
    expect(found).toEqual([]);
  });
});

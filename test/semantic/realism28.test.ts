import { de, es, fr, ja } from '@faker-js/faker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ES_WORDS } from '../../src/values/semantic/locale-words.js';
import { count } from '../checks/check-fixture.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadGenerated } from '../helpers/load-generated.js';
import { planSources } from '../helpers/plan-sources.js';

/** faker's own locale definitions (no en fallback). */
const fakerLocales = { de, es, fr, ja } as const;

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('realism28');
}, 300_000);
afterAll(async () => db.close());

const KOJI = `CREATE TABLE package (id serial PRIMARY KEY, name text UNIQUE NOT NULL);
CREATE TABLE build (
  id serial PRIMARY KEY,
  package_id integer NOT NULL REFERENCES package(id),
  version text NOT NULL,
  release text NOT NULL,
  epoch integer,
  nvr text NOT NULL,
  payloadhash text,
  UNIQUE (package_id, version, release)
);
CREATE TABLE rpminfo (
  id serial PRIMARY KEY,
  build_id integer REFERENCES build(id),
  name text NOT NULL,
  version text NOT NULL,
  release text NOT NULL,
  arch varchar(16) NOT NULL,
  nvra text,
  payloadhash text NOT NULL,
  sigmd5 text,
  file_sha256 varchar(64),
  size bigint NOT NULL,
  buildtime bigint NOT NULL
);`;
const KOJI_ROWS = { package: 40, build: 300, rpminfo: 600 };

describe('generator version 21: a package build', () => {
  it("nvr is the row's package name, version and release; digests are hex; names, sizes and times a package's", async () => {
    const { target } = await loadGenerated(db, KOJI, { tables: KOJI_ROWS, seed: 28, generatorVersion: 21 });
    const where = (table: string, w: string) =>
      count(target, `SELECT count(*) AS n FROM ${table} WHERE ${w}`);
    // The build's nvr: its package's name (through package_id), its own version and release.
    expect(
      await count(
        target,
        "SELECT count(*) AS n FROM build b JOIN package p ON p.id = b.package_id WHERE b.nvr <> p.name || '-' || b.version || '-' || b.release",
      ),
    ).toBe(0);
    expect(
      await where(
        'rpminfo',
        "nvra IS NOT NULL AND nvra <> name || '-' || version || '-' || release || '.' || arch",
      ),
    ).toBe(0);
    expect(await where('rpminfo', 'nvra IS NOT NULL')).toBeGreaterThan(400);
    // Digests: md5's 32 hex digits, sha256's 64.
    expect(await where('build', "payloadhash !~ '^[0-9a-f]{32}$'")).toBe(0);
    expect(await where('rpminfo', "payloadhash !~ '^[0-9a-f]{32}$' OR sigmd5 !~ '^[0-9a-f]{32}$'")).toBe(0);
    expect(await where('rpminfo', "file_sha256 !~ '^[0-9a-f]{64}$'")).toBe(0);
    // A file's name a package's (lower-case, hyphenated, no spaces), its arch from the small set.
    expect(await where('rpminfo', "name !~ '^[A-Za-z0-9][A-Za-z0-9+._-]*$'")).toBe(0);
    expect(await where('rpminfo', "name ~ '-(devel|libs)$'")).toBeGreaterThan(30);
    expect(
      await where(
        'rpminfo',
        "arch NOT IN ('x86_64', 'noarch', 'aarch64', 'ppc64le', 's390x', 'i686', 'src')",
      ),
    ).toBe(0);
    // Sizes in bytes (kilobytes to a few hundred megabytes), build times seconds since the epoch, in the past.
    expect(await where('rpminfo', 'size < 100 OR size > 1e10')).toBe(0);
    expect(await where('rpminfo', 'buildtime < 946684800 OR to_timestamp(buildtime) > now()')).toBe(0);
    const sources = await planSources(KOJI, { generatorVersion: 21 });
    expect(sources.get('build.nvr')).toContain('name, version and release joined by hyphens');
    expect(sources.get('build.payloadhash')).toContain("a digest's 32 hex digits");
    expect(sources.get('rpminfo.file_sha256')).toContain("a digest's 64 hex digits");
    expect(sources.get('rpminfo.name')).toContain("a package's name");
    // Version 20 wrote words in these columns.
    const v20 = await loadGenerated(db, KOJI, { tables: KOJI_ROWS, seed: 28, generatorVersion: 20 });
    expect(await count(v20.target, "SELECT count(*) AS n FROM build WHERE nvr ~ ' '")).toBeGreaterThan(200);
    expect(
      await count(v20.target, "SELECT count(*) AS n FROM build WHERE payloadhash ~ ' '"),
    ).toBeGreaterThan(100);
    expect((await planSources(KOJI, { generatorVersion: 20 })).get('build.nvr')).not.toContain('hyphens');
  });
});

const TITLES = `CREATE TABLE articles (id serial PRIMARY KEY, title varchar(120) NOT NULL, slug varchar(80) NOT NULL UNIQUE);
CREATE TABLE posts (id serial PRIMARY KEY, title varchar(120) NOT NULL, body text);`;

/** Every string of a faker locale's own definitions (not en's), lower-case. */
function localeStrings(defs: unknown): Set<string> {
  const all = new Set<string>();
  const walk = (x: unknown): void => {
    if (typeof x === 'string') all.add(x.toLowerCase());
    else if (Array.isArray(x)) for (const y of x) walk(y);
    else if (x !== null && typeof x === 'object') for (const y of Object.values(x)) walk(y);
  };
  walk(defs);
  return all;
}

/** The titles of both tables (a slug made of it, and none). */
async function titlesOf(
  locale: string,
  generatorVersion: number,
): Promise<{ slugged: string[]; plain: string[]; slugs: string[] }> {
  const { target } = await loadGenerated(db, TITLES, {
    tables: { articles: 1200, posts: 600 },
    seed: 28,
    locale,
    generatorVersion,
  });
  const articles = await target.query<{ title: string; slug: string }>('SELECT title, slug FROM articles');
  const posts = await target.query<{ title: string }>('SELECT title FROM posts');
  return {
    slugged: articles.map((r) => r.title),
    slugs: articles.map((r) => r.slug),
    plain: posts.map((r) => r.title),
  };
}

describe('generator version 21: titles in the locale’s words, with a slug or without', () => {
  it('de: an adjective with the strong ending of its noun’s gender, both words of faker’s de lists', async () => {
    const own = localeStrings(fakerLocales.de.word);
    const { slugged, plain, slugs } = await titlesOf('de', 21);
    const endings = new Map<string, Set<string>>();
    for (const title of [...slugged, ...plain]) {
      const [adjective, noun, ...rest] = title.split(' ');
      expect(rest).toEqual([]);
      expect(own.has((noun ?? '').toLowerCase()), title).toBe(true);
      const m = /^(.*?)(er|es|e)$/.exec((adjective ?? '').toLowerCase());
      expect(m, title).not.toBeNull();
      const stem = m?.[1] ?? '';
      expect(own.has(stem) || own.has(`${stem}e`), title).toBe(true);
      const set = endings.get(noun ?? '') ?? new Set();
      set.add(m?.[2] ?? '');
      endings.set(noun ?? '', set);
    }
    // One ending per noun, by its gender: der Vulkan, die Wolke, das Schiff.
    for (const [noun, set] of endings) expect(set.size, noun).toBe(1);
    const ending = (nouns: readonly string[]) => [
      ...new Set(nouns.flatMap((n) => [...(endings.get(n) ?? [])])),
    ];
    expect(ending(['Ball', 'Hund', 'Tag', 'Kopf', 'Vulkan', 'Stuhl', 'Mond', 'Wein'])).toEqual(['er']);
    expect(ending(['Schiff', 'Kino', 'Buch', 'Haus', 'Zimmer', 'Pferd', 'Wasser', 'Spiel'])).toEqual(['es']);
    expect(ending(['Wolke', 'Kirche', 'Stadt', 'Zeit', 'Hand', 'Sonne', 'Katze', 'Schule'])).toEqual(['e']);
    expect(new Set(slugs).size).toBe(1200);
    expect(slugs.filter((s) => !/^[a-z]+-[a-z]+$/.test(s))).toEqual([]);
    const sources = await planSources(TITLES, { locale: 'de', generatorVersion: 21 });
    expect(sources.get('posts.title')).toContain('two words of the locale');
    // Version 20: the plain titles undeclined (`Sicher Gerste`), the slugged ones feminine only.
    const v20 = await titlesOf('de', 20);
    expect(v20.plain.filter((t) => /^[A-ZÄÖÜ][a-zäöüß]*[^e] /.test(t)).length).toBeGreaterThan(100);
    expect(v20.slugged.filter((t) => /(er|es) /.test(t))).toEqual([]);
  });

  it('ja: a modifier and a noun of faker’s ja lists, no space, both with a slug and without', async () => {
    const list = (module: string, key: string): string[] =>
      ((fakerLocales.ja as Record<string, Record<string, string[] | undefined> | undefined>)[module]?.[key] ??
        []) as string[];
    const modifiers = [...list('food', 'adjective'), ...list('color', 'human').map((c) => `${c}の`)];
    const nouns = new Set<string>(
      [
        ['food', 'dish'],
        ['food', 'fruit'],
        ['food', 'vegetable'],
        ['animal', 'bird'],
        ['animal', 'fish'],
        ['animal', 'cat'],
        ['animal', 'dog'],
      ].flatMap(([m, k]) => list(m as string, k as string)),
    );
    expect(modifiers.length).toBeGreaterThan(30);
    const { slugged, plain, slugs } = await titlesOf('ja', 21);
    for (const title of [...slugged, ...plain]) {
      expect(title, title).not.toContain(' ');
      const ok = modifiers.some((m) => title.startsWith(m) && nouns.has(title.slice(m.length)));
      expect(ok, title).toBe(true);
    }
    // Each row's own pair while the pairs last (the slugged titles are distinct), the slugs numbered.
    expect(new Set(slugged).size).toBe(1200);
    expect(new Set(slugs).size).toBe(1200);
    const sources = await planSources(TITLES, { locale: 'ja', generatorVersion: 21 });
    expect(sources.get('articles.title')).toContain('ふわふわのおでん');
    expect(sources.get('posts.title')).toContain('two words of the locale');
    // Version 20: lorem words of any kind run together.
    const v20 = await titlesOf('ja', 20);
    expect(v20.plain.filter((t) => !modifiers.some((m) => t.startsWith(m))).length).toBeGreaterThan(500);
  });

  for (const locale of ['fr', 'es'] as const) {
    it(`${locale}: a plain title is a noun and an adjective of the locale, as a slugged one`, async () => {
      const own =
        locale === 'fr'
          ? localeStrings(fakerLocales.fr.word)
          : localeStrings([ES_WORDS.nouns.map((n) => n.slice(0, n.lastIndexOf(':'))), ES_WORDS.adjectives]);
      const { slugged, plain } = await titlesOf(locale, 21);
      for (const title of [...slugged, ...plain]) {
        const [noun, adjective, ...rest] = title.split(' ');
        expect(rest, title).toEqual([]);
        expect(own.has((noun ?? '').toLowerCase()) && own.has(adjective ?? ''), title).toBe(true);
      }
    });
  }
});

const LEDGERS = `CREATE TABLE accounts (id serial PRIMARY KEY, owner_name text NOT NULL);
CREATE TABLE deposits (
  id serial PRIMARY KEY,
  account_id integer NOT NULL REFERENCES accounts,
  amount numeric(12,2) NOT NULL CHECK (amount > 0),
  balance numeric(14,2) NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE TABLE transactions (
  id serial PRIMARY KEY,
  account_id integer NOT NULL REFERENCES accounts,
  amount numeric(12,2) NOT NULL,
  balance numeric(14,2) NOT NULL CHECK (balance >= 0),
  created_at timestamptz NOT NULL
);`;

/** Rows whose balance is not the account's previous balance (by `order`) plus the amount. */
const offLedger = (table: string, order: string) => `
  SELECT count(*) AS n FROM (SELECT amount, balance,
    lag(balance, 1, 0::numeric) OVER (PARTITION BY account_id ORDER BY ${order}) AS before FROM ${table}) s
  WHERE balance <> before + amount`;

describe('generator version 21: ledgers a CHECK on the amount and large accounts', () => {
  it('amount > 0: each balance the previous plus the amount, only growing; more than 4,096 rows per account run too', async () => {
    const rows = { accounts: 3, deposits: 900, transactions: 10000 };
    const { target } = await loadGenerated(db, LEDGERS, { tables: rows, seed: 28, generatorVersion: 21 });
    expect(await count(target, offLedger('deposits', 'created_at, id'))).toBe(0);
    expect(await count(target, 'SELECT count(*) AS n FROM deposits WHERE amount <= 0')).toBe(0);
    // Deposits of an account's size: not all alike, none huge.
    expect(await count(target, 'SELECT count(DISTINCT amount) AS n FROM deposits')).toBeGreaterThan(500);
    expect(
      await count(target, 'SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY amount) AS n FROM deposits'),
    ).toBeLessThan(2000);
    // Accounts of thousands of rows (10,000 over three accounts) keep the running balance.
    expect(
      await count(
        target,
        'SELECT max(n) AS n FROM (SELECT count(*) AS n FROM transactions GROUP BY account_id) s',
      ),
    ).toBeGreaterThan(4096);
    expect(await count(target, offLedger('transactions', 'created_at, id'))).toBe(0);
    const sources = await planSources(LEDGERS, { generatorVersion: 21 });
    expect(sources.get('deposits.balance')).toContain('only growing');
    // Version 20: a CHECK on the amount and accounts past 4,096 rows kept the usual values.
    const v20 = await loadGenerated(db, LEDGERS, { tables: rows, seed: 28, generatorVersion: 20 });
    expect(await count(v20.target, offLedger('deposits', 'created_at, id'))).toBeGreaterThan(800);
    expect(await count(v20.target, offLedger('transactions', 'created_at, id'))).toBeGreaterThan(4000);
    expect((await planSources(LEDGERS, { generatorVersion: 20 })).get('deposits.balance')).not.toContain(
      'running',
    );
  });
});

const SHIPMENTS = `CREATE TABLE shipments (
  id bigserial PRIMARY KEY,
  ship_to_city varchar(100),
  ship_to_postal varchar(12),
  ship_to_country char(2)
);`;

describe('generator version 21: a postal code named by its first word alone', () => {
  it('ship_to_postal is a postal code of the row’s country (version 20: words)', async () => {
    const { target } = await loadGenerated(db, SHIPMENTS, {
      tables: { shipments: 300 },
      seed: 28,
      generatorVersion: 21,
    });
    const where = (w: string) => count(target, `SELECT count(*) AS n FROM shipments WHERE ${w}`);
    expect(await where("ship_to_postal !~ '^[0-9A-Z][0-9A-Z -]{2,9}$'")).toBe(0);
    expect(await where("ship_to_postal ~ '^[0-9]{5}$'")).toBeGreaterThan(150);
    expect(
      (await planSources(SHIPMENTS, { generatorVersion: 21 })).get('shipments.ship_to_postal'),
    ).toContain('postal code');
    const v20 = await loadGenerated(db, SHIPMENTS, {
      tables: { shipments: 300 },
      seed: 28,
      generatorVersion: 20,
    });
    expect(
      await count(v20.target, "SELECT count(*) AS n FROM shipments WHERE ship_to_postal ~ '^[a-z]+$'"),
    ).toBeGreaterThan(200);
  });
});

const SUBMISSIONS = `CREATE TABLE submissions (
  id serial PRIMARY KEY,
  submitted_at timestamp NOT NULL,
  score numeric(5,2),
  graded_at timestamp
);`;

describe('generator version 21: work is graded after it is handed in', () => {
  it('graded_at at or after submitted_at in every row (version 20: in about half)', async () => {
    const order = 'SELECT count(*) AS n FROM submissions WHERE graded_at < submitted_at';
    const { target } = await loadGenerated(db, SUBMISSIONS, {
      tables: { submissions: 500 },
      seed: 28,
      generatorVersion: 21,
    });
    expect(await count(target, order)).toBe(0);
    expect(
      await count(target, 'SELECT count(*) AS n FROM submissions WHERE graded_at IS NOT NULL'),
    ).toBeGreaterThan(400);
    expect((await planSources(SUBMISSIONS, { generatorVersion: 21 })).get('submissions.graded_at')).toContain(
      'at or after submitted_at',
    );
    const v20 = await loadGenerated(db, SUBMISSIONS, {
      tables: { submissions: 500 },
      seed: 28,
      generatorVersion: 20,
    });
    expect(await count(v20.target, order)).toBeGreaterThan(100);
  });
});

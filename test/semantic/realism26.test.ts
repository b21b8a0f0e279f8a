/**
 * Generator version 19 (issue 11), measured on minimal schemas loaded into
 * the real server: signed balances of an account's scale, a nationality of
 * the row's country in most rows, gender words in the run's locale and
 * gender codes, a package build's architecture, release and epoch, status
 * words of what the row is. Version 18, pinned, keeps what it made.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describePlan, planGeneration } from '../../src/index.js';
import { count } from '../checks/check-fixture.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { loadGenerated } from '../helpers/load-generated.js';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('realism26');
}, 300_000);
afterAll(async () => db.close());

/** A column's `datagen plan` words under version 19. */
async function planSource(ddl: string, table: string, column: string) {
  const file = join(tempDir(), 'schema.sql');
  writeFileSync(file, ddl);
  const { plan, schema } = await planGeneration({ schema: [file], defaultRows: 50, generatorVersion: 19 });
  return describePlan(plan, schema)
    .tables.find((t) => t.table === `public.${table}`)
    ?.columns.find((c) => c.name === column)?.source;
}

/** The values of `column` in `table` that are not in `allowed` (NULLs left out). */
async function outside(target: TestDatabase, table: string, column: string, allowed: readonly string[]) {
  const list = allowed.map((w) => `'${w}'`).join(', ');
  return count(target, `SELECT count(*) AS n FROM ${table} WHERE ${column} NOT IN (${list})`);
}

const LEDGER = `CREATE TABLE accounts (
  id serial PRIMARY KEY,
  owner_name text NOT NULL,
  balance numeric(12,2) NOT NULL,
  available_balance numeric(14,2),
  balance_cents bigint,
  opened_at timestamptz NOT NULL
);
CREATE TABLE wallets (
  id serial PRIMARY KEY,
  balance numeric(10,2) NOT NULL CHECK (balance >= 0)
);`;
const LEDGER_ROWS = { accounts: 1000, wallets: 300 };

describe('generator version 19: balances', () => {
  it('balances are mostly positive, a tenth below zero, at an account scale; none where a CHECK forbids it', async () => {
    const { target } = await loadGenerated(db, LEDGER, {
      tables: LEDGER_ROWS,
      seed: 26,
      generatorVersion: 19,
    });
    for (const column of ['balance', 'available_balance', 'balance_cents']) {
      const negative = await count(target, `SELECT count(*) AS n FROM accounts WHERE ${column} < 0`);
      expect(negative, column).toBeGreaterThan(40);
      expect(negative, column).toBeLessThan(200);
    }
    const median = await count(
      target,
      'SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY balance) AS n FROM accounts',
    );
    expect(median).toBeGreaterThan(300);
    expect(median).toBeLessThan(5000);
    // Cents hold a hundred times the units.
    const cents = await count(
      target,
      'SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY balance_cents) AS n FROM accounts',
    );
    expect(cents).toBeGreaterThan(30000);
    expect(await count(target, 'SELECT count(*) AS n FROM wallets WHERE balance < 0')).toBe(0);
    expect(await count(target, 'SELECT count(*) AS n FROM wallets')).toBe(300);
    // Version 18 made every balance positive.
    const v18 = await loadGenerated(db, LEDGER, { tables: LEDGER_ROWS, seed: 26, generatorVersion: 18 });
    expect(await count(v18.target, 'SELECT count(*) AS n FROM accounts WHERE balance < 0')).toBe(0);
  });

  it('datagen plan says a balance goes below zero, not where a CHECK bounds it', async () => {
    expect(await planSource(LEDGER, 'accounts', 'balance')).toContain('negative in about a tenth of rows');
    expect(await planSource(LEDGER, 'wallets', 'balance')).not.toContain('negative');
  });
});

const PEOPLE = `CREATE TABLE people (
  id serial PRIMARY KEY,
  first_name text,
  last_name text,
  gender text,
  sex varchar(10),
  gender_code char(1),
  nationality text,
  street text,
  city text,
  state text,
  country text
);`;
const PEOPLE_ROWS = { people: 600 };

describe('generator version 19: people', () => {
  it("a nationality is the row's country in most rows, another country in some", async () => {
    const { target } = await loadGenerated(db, PEOPLE, {
      tables: PEOPLE_ROWS,
      seed: 26,
      generatorVersion: 19,
    });
    const both = await count(
      target,
      'SELECT count(*) AS n FROM people WHERE nationality IS NOT NULL AND country IS NOT NULL',
    );
    const same = await count(target, 'SELECT count(*) AS n FROM people WHERE nationality = country');
    expect(same).toBeGreaterThan(both * 0.75);
    expect(same).toBeLessThan(both * 0.97);
    expect(
      await count(target, 'SELECT count(DISTINCT nationality) AS n FROM people WHERE nationality <> country'),
    ).toBeGreaterThan(10);
    // Version 18 gave every row the address's home country.
    const v18 = await loadGenerated(db, PEOPLE, { tables: PEOPLE_ROWS, seed: 26, generatorVersion: 18 });
    expect(await count(v18.target, 'SELECT count(*) AS n FROM people WHERE nationality <> country')).toBe(0);
  });

  it('a gender code is F or M and agrees with the first name', async () => {
    const { target } = await loadGenerated(db, PEOPLE, {
      tables: PEOPLE_ROWS,
      seed: 26,
      generatorVersion: 19,
    });
    expect(await outside(target, 'people', 'gender_code', ['F', 'M'])).toBe(0);
    const agree = await count(
      target,
      "SELECT count(*) AS n FROM people WHERE (gender = 'female') = (gender_code = 'F') AND gender IN ('female', 'male')",
    );
    const both = await count(
      target,
      "SELECT count(*) AS n FROM people WHERE gender IN ('female', 'male') AND gender_code IS NOT NULL",
    );
    expect(agree).toBeGreaterThan(both * 0.8);
    expect(await planSource(PEOPLE, 'people', 'nationality')).toContain("the row's country in most rows");
  });

  const LOCALE_WORDS: Record<string, readonly string[]> = {
    de: ['weiblich', 'männlich', 'divers'],
    fr: ['féminin', 'masculin', 'autre'],
    es: ['femenino', 'masculino', 'otro'],
  };
  for (const [locale, words] of Object.entries(LOCALE_WORDS)) {
    it(`under ${locale} a gender is a word of ${locale}, F or M in a char(1)`, async () => {
      const { target } = await loadGenerated(db, PEOPLE, {
        tables: { people: 300 },
        seed: 26,
        locale,
        generatorVersion: 19,
      });
      expect(await outside(target, 'people', 'gender', words)).toBe(0);
      expect(await outside(target, 'people', 'sex', words)).toBe(0);
      expect(await outside(target, 'people', 'gender_code', ['F', 'M'])).toBe(0);
      expect(
        await count(target, `SELECT count(*) AS n FROM people WHERE gender = '${words[0]}'`),
      ).toBeGreaterThan(100);
      const v18 = await loadGenerated(db, PEOPLE, {
        tables: { people: 300 },
        seed: 26,
        locale,
        generatorVersion: 18,
      });
      expect(await outside(v18.target, 'people', 'gender', ['female', 'male', 'other'])).toBe(0);
    });
  }
});

const PACKAGES = `CREATE TABLE build (
  id serial PRIMARY KEY,
  pkg_name text NOT NULL,
  version text NOT NULL,
  release text NOT NULL,
  epoch integer,
  arch varchar(16) NOT NULL
);
CREATE TABLE tag_aliases (id serial PRIMARY KEY, antecedent_name varchar, status varchar DEFAULT 'pending' NOT NULL);
CREATE TABLE uploads (id serial PRIMARY KEY, source varchar, status varchar NOT NULL);
CREATE TABLE widgets (id serial PRIMARY KEY, status text NOT NULL);`;
const PACKAGE_ROWS = { build: 400, tag_aliases: 300, uploads: 300, widgets: 300 };

describe('generator version 19: packages and statuses', () => {
  it("a build's arch, release and epoch read as a distribution's", async () => {
    const { target } = await loadGenerated(db, PACKAGES, {
      tables: PACKAGE_ROWS,
      seed: 26,
      generatorVersion: 19,
    });
    const arches = ['x86_64', 'aarch64', 'noarch', 'ppc64le', 's390x', 'i686', 'src'];
    expect(await outside(target, 'build', 'arch', arches)).toBe(0);
    expect(await count(target, 'SELECT count(DISTINCT arch) AS n FROM build')).toBeGreaterThan(5);
    expect(
      await count(
        target,
        "SELECT count(*) AS n FROM build WHERE release !~ '^[0-9]+(\\.[0-9]+)?\\.(el|fc)[0-9]+$'",
      ),
    ).toBe(0);
    expect(await outside(target, 'build', 'epoch', ['0', '1', '2'])).toBe(0);
    expect(await count(target, 'SELECT count(*) AS n FROM build WHERE epoch = 0')).toBeGreaterThan(250);
    expect(await planSource(PACKAGES, 'build', 'arch')).toContain('x86_64');
    // Version 18 wrote words and an epoch's seconds.
    const v18 = await loadGenerated(db, PACKAGES, { tables: PACKAGE_ROWS, seed: 26, generatorVersion: 18 });
    expect(await outside(v18.target, 'build', 'arch', arches)).toBeGreaterThan(300);
  });

  it('a status takes the words of what its row is: tag aliases, uploads, other records', async () => {
    const { target } = await loadGenerated(db, PACKAGES, {
      tables: PACKAGE_ROWS,
      seed: 26,
      generatorVersion: 19,
    });
    const relation = ['active', 'deleted', 'retired', 'pending', 'processing', 'error'];
    expect(await outside(target, 'tag_aliases', 'status', relation)).toBe(0);
    expect(
      await count(target, "SELECT count(*) AS n FROM tag_aliases WHERE status = 'active'"),
    ).toBeGreaterThan(150);
    expect(await outside(target, 'uploads', 'status', ['completed', 'pending', 'processing', 'error'])).toBe(
      0,
    );
    expect(await outside(target, 'widgets', 'status', ['active', 'pending', 'inactive', 'deleted'])).toBe(0);
    expect(await planSource(PACKAGES, 'uploads', 'status')).toContain('completed');
    const v18 = await loadGenerated(db, PACKAGES, { tables: PACKAGE_ROWS, seed: 26, generatorVersion: 18 });
    expect(
      await outside(v18.target, 'uploads', 'status', ['completed', 'pending', 'processing', 'error']),
    ).toBeGreaterThan(100);
  });
});

const DOCUMENTS = `CREATE TABLE customers (
  id serial PRIMARY KEY,
  address jsonb,
  countries jsonb NOT NULL,
  settings jsonb,
  metadata jsonb NOT NULL DEFAULT '{}',
  tags json
);
CREATE TABLE media_assets (id serial PRIMARY KEY, metadata jsonb NOT NULL);
CREATE TABLE orders (
  id serial PRIMARY KEY,
  billing_city varchar(60),
  billing_state varchar(60),
  shipping_city varchar(60),
  shipping_state varchar(60)
);`;
const DOCUMENT_ROWS = { customers: 300, media_assets: 200, orders: 400 };

describe('generator version 19: documents and places', () => {
  it('json columns named as an address, countries, settings, metadata or tags hold documents of that shape', async () => {
    const { target } = await loadGenerated(db, DOCUMENTS, {
      tables: DOCUMENT_ROWS,
      seed: 26,
      generatorVersion: 19,
    });
    const address = `SELECT count(*) AS n FROM customers WHERE address IS NOT NULL AND NOT (address ?& array['street', 'city', 'state', 'postal_code', 'country'] AND address->>'postal_code' ~ '^[0-9]{5}$')`;
    expect(await count(target, address)).toBe(0);
    expect(
      await count(target, 'SELECT count(*) AS n FROM customers WHERE address IS NOT NULL'),
    ).toBeGreaterThan(200);
    const countries = `SELECT count(*) AS n FROM customers WHERE jsonb_typeof(countries) <> 'array' OR jsonb_array_length(countries) NOT BETWEEN 1 AND 4
      OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(countries) c WHERE c !~ '^[A-Z]{2}$')`;
    expect(await count(target, countries)).toBe(0);
    const settings = `SELECT count(*) AS n FROM customers WHERE settings IS NOT NULL AND (jsonb_typeof(settings->'notifications') <> 'boolean'
      OR coalesce(settings->>'theme', 'light') NOT IN ('light', 'dark', 'system'))`;
    expect(await count(target, settings)).toBe(0);
    expect(
      await count(target, "SELECT count(*) AS n FROM customers WHERE NOT metadata ? 'signup_source'"),
    ).toBe(0);
    expect(
      await count(
        target,
        "SELECT count(*) AS n FROM media_assets WHERE NOT metadata ?& array['width', 'height', 'format']",
      ),
    ).toBe(0);
    expect(
      await count(target, "SELECT count(*) AS n FROM customers WHERE json_typeof(tags) <> 'array'"),
    ).toBe(0);
    expect(await planSource(DOCUMENTS, 'customers', 'address')).toContain('an address object');
    // Version 18 wrote objects of random words and numbers.
    const v18 = await loadGenerated(db, DOCUMENTS, { tables: DOCUMENT_ROWS, seed: 26, generatorVersion: 18 });
    expect(await count(v18.target, "SELECT count(*) AS n FROM customers WHERE address ? 'street'")).toBe(0);
  });

  it("a shipping state is the shipping city's, a billing state the billing city's", async () => {
    const { target } = await loadGenerated(db, DOCUMENTS, {
      tables: DOCUMENT_ROWS,
      seed: 26,
      generatorVersion: 19,
    });
    // Cities whose names are those of one state only in the rows: every such city keeps one state.
    const split = (prefix: string) => `SELECT count(*) AS n FROM (
      SELECT ${prefix}_city FROM orders WHERE ${prefix}_city IS NOT NULL AND ${prefix}_state IS NOT NULL
      GROUP BY ${prefix}_city HAVING count(DISTINCT ${prefix}_state) > 1) s`;
    expect(await count(target, split('billing'))).toBe(0);
    expect(await count(target, split('shipping'))).toBe(0);
    const v18 = await loadGenerated(db, DOCUMENTS, { tables: DOCUMENT_ROWS, seed: 26, generatorVersion: 18 });
    expect(await count(v18.target, split('shipping'))).toBeGreaterThan(5);
  });
});

const ARTICLES = `CREATE TABLE articles (
  id serial PRIMARY KEY,
  title varchar(120) NOT NULL,
  slug varchar(80) NOT NULL UNIQUE,
  body text
);`;

describe('generator version 19: slugs', () => {
  it('a unique slug of the title is the title in kebab case, with no number', async () => {
    const { target } = await loadGenerated(db, ARTICLES, {
      tables: { articles: 2000 },
      seed: 26,
      generatorVersion: 19,
    });
    expect(await count(target, "SELECT count(*) AS n FROM articles WHERE slug ~ '[0-9]'")).toBe(0);
    expect(
      await count(target, "SELECT count(*) AS n FROM articles WHERE slug <> lower(replace(title, ' ', '-'))"),
    ).toBe(0);
    expect(await count(target, 'SELECT count(DISTINCT title) AS n FROM articles')).toBe(2000);
    // Version 18 numbered every one.
    const v18 = await loadGenerated(db, ARTICLES, {
      tables: { articles: 2000 },
      seed: 26,
      generatorVersion: 18,
    });
    expect(await count(v18.target, "SELECT count(*) AS n FROM articles WHERE slug !~ '-[0-9]+$'")).toBe(0);
  });
});

const PERIODS = `CREATE TABLE rooms_booked (
  id serial PRIMARY KEY,
  during tsrange,
  booking_period tstzrange,
  validity daterange,
  valid_period tsrange,
  period tsrange
);`;

describe('generator version 19: periods by name', () => {
  it('a booking runs an hour to two weeks, a validity a month to three years', async () => {
    const { target } = await loadGenerated(db, PERIODS, {
      tables: { rooms_booked: 500 },
      seed: 26,
      generatorVersion: 19,
    });
    const beyond = (column: string, min: string, max: string) =>
      count(
        target,
        `SELECT count(*) AS n FROM rooms_booked WHERE NOT upper_inf(${column})
          AND (upper(${column}) - lower(${column}) < interval '${min}' OR upper(${column}) - lower(${column}) > interval '${max}')`,
      );
    expect(await beyond('during', '1 hour', '14 days')).toBe(0);
    expect(await beyond('booking_period', '1 hour', '14 days')).toBe(0);
    expect(await beyond('valid_period', '30 days', '1096 days')).toBe(0);
    expect(
      await count(
        target,
        'SELECT count(*) AS n FROM rooms_booked WHERE NOT upper_inf(validity) AND (upper(validity) - lower(validity) NOT BETWEEN 30 AND 1096)',
      ),
    ).toBe(0);
    expect(
      await count(
        target,
        "SELECT count(*) AS n FROM rooms_booked WHERE upper(valid_period) - lower(valid_period) > interval '1 year'",
      ),
    ).toBeGreaterThan(50);
    expect(await planSource(PERIODS, 'rooms_booked', 'during')).toContain(
      'a booking of an hour to two weeks',
    );
    // Version 18 kept a validity kept as a timestamp range within 30 days.
    const v18 = await loadGenerated(db, PERIODS, {
      tables: { rooms_booked: 500 },
      seed: 26,
      generatorVersion: 18,
    });
    expect(
      await count(
        v18.target,
        "SELECT count(*) AS n FROM rooms_booked WHERE upper(valid_period) - lower(valid_period) > interval '31 days'",
      ),
    ).toBe(0);
  });
});

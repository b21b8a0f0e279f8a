import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/input/spec/config-file.js';
import { count } from '../checks/check-fixture.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadGenerated } from '../helpers/load-generated.js';
import { planSources } from '../helpers/plan-sources.js';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('realism27');
}, 300_000);
afterAll(async () => db.close());

const LEDGER = `CREATE TABLE accounts (id serial PRIMARY KEY, owner_name text NOT NULL, opened_at timestamptz NOT NULL);
CREATE TABLE transactions (
  id serial PRIMARY KEY,
  account_id integer NOT NULL REFERENCES accounts,
  amount numeric(12,2) NOT NULL,
  balance numeric(14,2) NOT NULL CHECK (balance >= 0),
  created_at timestamptz NOT NULL
);
CREATE TABLE ledger_entries (
  id serial PRIMARY KEY,
  account_id integer NOT NULL REFERENCES accounts,
  amount_cents bigint NOT NULL,
  balance_cents bigint NOT NULL
);`;
const LEDGER_ROWS = { accounts: 200, transactions: 1500, ledger_entries: 1200 };
const LEDGER_CONFIG = `
tables:
  transactions:
    foreign_keys:
      account_id: { per_parent: { min: 1, max: 14 }, share_without_children: 0.1 }
  ledger_entries:
    foreign_keys:
      account_id: { per_parent: { min: 2, max: 10 } }
`;
const ledgerSettings = parseConfig(LEDGER_CONFIG, 'c.yaml').tables;

/** Rows whose balance is not the account's previous balance (by `order`) plus the amount. */
const offLedger = (table: string, amount: string, balance: string, order: string) => `
  SELECT count(*) AS n FROM (SELECT ${amount} AS amount, ${balance} AS balance,
    lag(${balance}, 1, 0::numeric) OVER (PARTITION BY account_id ORDER BY ${order}) AS before FROM ${table}) s
  WHERE balance <> before + amount`;

describe('generator version 20: a ledger', () => {
  it("under an exact fan-out a balance is the account's previous balance plus the amount, in time order", async () => {
    const { target } = await loadGenerated(db, LEDGER, {
      tables: LEDGER_ROWS,
      seed: 27,
      settings: ledgerSettings,
      generatorVersion: 20,
    });
    expect(await count(target, offLedger('transactions', 'amount', 'balance', 'created_at, id'))).toBe(0);
    // Without a creation time: in the order of the serial id.
    expect(await count(target, offLedger('ledger_entries', 'amount_cents', 'balance_cents', 'id'))).toBe(0);
    // Deposits and withdrawals both, a balance never below zero (the CHECK), of an account's size.
    const signs = (where: string) => count(target, `SELECT count(*) AS n FROM transactions WHERE ${where}`);
    expect(await signs('amount < 0')).toBeGreaterThan(300);
    expect(await signs('amount > 0')).toBeGreaterThan(500);
    expect(await signs('balance < 0')).toBe(0);
    const median = await count(
      target,
      'SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY balance) AS n FROM transactions',
    );
    expect(median).toBeGreaterThan(300);
    expect(median).toBeLessThan(5000);
    // Cents hold a hundred times the units.
    expect(
      await count(
        target,
        'SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY balance_cents) AS n FROM ledger_entries',
      ),
    ).toBeGreaterThan(30000);
    // Version 19 drew each column alone.
    const v19 = await loadGenerated(db, LEDGER, {
      tables: LEDGER_ROWS,
      seed: 27,
      settings: ledgerSettings,
      generatorVersion: 19,
    });
    expect(
      await count(v19.target, offLedger('transactions', 'amount', 'balance', 'created_at, id')),
    ).toBeGreaterThan(1000);
  });

  it('with no fan-out configured the account FK is skewed as the default and every balance still runs', async () => {
    const { target } = await loadGenerated(db, LEDGER, {
      tables: LEDGER_ROWS,
      seed: 27,
      generatorVersion: 20,
    });
    expect(await count(target, offLedger('transactions', 'amount', 'balance', 'created_at, id'))).toBe(0);
    expect(await count(target, offLedger('ledger_entries', 'amount_cents', 'balance_cents', 'id'))).toBe(0);
    // The default skew: the top tenth of the accounts hold at least 30% of the rows, a share of them none.
    const top = await count(
      target,
      `SELECT sum(n) AS n FROM (SELECT count(*) AS n FROM transactions GROUP BY account_id ORDER BY 1 DESC LIMIT 20) s`,
    );
    expect(top).toBeGreaterThan(0.3 * 1500);
    const none = await count(
      target,
      'SELECT count(*) AS n FROM accounts a WHERE NOT EXISTS (SELECT 1 FROM transactions t WHERE t.account_id = a.id)',
    );
    expect(none).toBeGreaterThan(20);
    expect(none).toBeLessThan(60);
    // Version 19: the hash fan-out, each column drawn alone.
    const v19 = await loadGenerated(db, LEDGER, { tables: LEDGER_ROWS, seed: 27, generatorVersion: 19 });
    expect(
      await count(v19.target, offLedger('transactions', 'amount', 'balance', 'created_at, id')),
    ).toBeGreaterThan(1000);
  });

  it('a nullable account FK (the hash pick: no row finds its account’s others) keeps the usual values', async () => {
    const nullable = LEDGER.replace(
      'account_id integer NOT NULL REFERENCES accounts,\n  amount numeric',
      'account_id integer REFERENCES accounts,\n  amount numeric',
    );
    expect(nullable).not.toBe(LEDGER);
    const { target } = await loadGenerated(db, nullable, {
      tables: LEDGER_ROWS,
      seed: 27,
      generatorVersion: 20,
    });
    expect(await count(target, 'SELECT count(*) AS n FROM transactions WHERE amount <= 0')).toBe(0);
    expect(
      await count(target, offLedger('transactions', 'amount', 'balance', 'created_at, id')),
    ).toBeGreaterThan(1000);
  });

  it('the plan says which balance is a running one', async () => {
    const sources = await planSources(LEDGER, { yaml: LEDGER_CONFIG, generatorVersion: 20 });
    expect(sources.get('transactions.balance')).toContain(
      "the running balance of its public.accounts row's rows in created_at order",
    );
    expect(sources.get('transactions.amount')).toContain('the change from the previous balance');
    expect(sources.get('ledger_entries.balance_cents')).toContain('in row order');
    // With no configuration too (the default ledger fan-out); not under version 19.
    const plain = await planSources(LEDGER, { generatorVersion: 20 });
    expect(plain.get('transactions.balance')).toContain('the running balance');
    const v19 = await planSources(LEDGER, { generatorVersion: 19 });
    expect(v19.get('transactions.balance')).not.toContain('running');
  });
});

const ARTICLES = `CREATE TABLE articles (
  id serial PRIMARY KEY,
  title varchar(120) NOT NULL,
  slug varchar(80) NOT NULL UNIQUE
);`;

/** A title's shape in each locale: de an adjective in -e before a capitalised noun, fr/es a noun then a lower-case adjective. */
const TITLE_SHAPES: Record<string, string> = {
  de: '^[A-ZÄÖÜ][a-zäöüß]*e [A-ZÄÖÜ][a-zäöüß]+$',
  fr: '^[[:upper:]][[:lower:]]+ [[:lower:]]+e$',
  es: '^[[:upper:]][[:lower:]]+ [[:lower:]]+$',
};

describe('generator version 20: titles of a slug in the locale', () => {
  for (const [locale, shape] of Object.entries(TITLE_SHAPES)) {
    it(`under ${locale} a title is two words of ${locale} in its order, its slug their fold, bare`, async () => {
      const { target } = await loadGenerated(db, ARTICLES, {
        tables: { articles: 1200 },
        seed: 27,
        locale,
        generatorVersion: 20,
      });
      const where = (w: string) => count(target, `SELECT count(*) AS n FROM articles WHERE ${w}`);
      expect(await where(`title !~ '${shape}'`)).toBe(0);
      expect(await count(target, 'SELECT count(DISTINCT title) AS n FROM articles')).toBe(1200);
      // The slug is the title folded to ASCII in kebab case, with no number (pairs enough for the rows).
      expect(await where("slug !~ '^[a-z]+-[a-z]+$'")).toBe(0);
      expect(await where("length(slug) <> length(replace(title, 'ß', 'ss'))")).toBe(0);
      const sources = await planSources(ARTICLES, { locale, generatorVersion: 20 });
      expect(sources.get('articles.title')).toContain('two words of the locale');
      // Version 19 kept the locale's titles and numbered every slug.
      const v19 = await loadGenerated(db, ARTICLES, {
        tables: { articles: 1200 },
        seed: 27,
        locale,
        generatorVersion: 19,
      });
      expect(await count(v19.target, "SELECT count(*) AS n FROM articles WHERE slug !~ '-[0-9]+$'")).toBe(0);
      const v19Plan = await planSources(ARTICLES, { locale, generatorVersion: 19 });
      expect(v19Plan.get('articles.title')).not.toContain('two words');
    });
  }
});

const MEMBERS = 'CREATE TABLE members (id serial PRIMARY KEY, gender text, sex varchar(10));';

describe('datagen plan says the words generate writes, in the locale', () => {
  const WORDS: Record<string, readonly string[]> = {
    en: ['female', 'male', 'other'],
    de: ['weiblich', 'männlich', 'divers'],
    ja: ['女性', '男性', 'その他'],
  };
  for (const [locale, words] of Object.entries(WORDS)) {
    it(`under ${locale} a gender column's listed words are the ones written`, async () => {
      const sources = await planSources(MEMBERS, { locale, generatorVersion: 19 });
      const listed = sources.get('members.gender') ?? '';
      for (const word of words) expect(listed).toContain(`${word} `);
      const { target } = await loadGenerated(db, MEMBERS, {
        tables: { members: 300 },
        seed: 27,
        locale,
        generatorVersion: 19,
      });
      const written = await target.query<{ gender: string }>(
        'SELECT DISTINCT gender FROM members WHERE gender IS NOT NULL ORDER BY 1',
      );
      const values = written.map((r) => r.gender);
      expect(values.length).toBeGreaterThan(1);
      for (const value of values) expect(words).toContain(value);
    });
  }
});

const PACKAGES = `CREATE TABLE pkgs (
  id serial PRIMARY KEY,
  package_name text,
  package_version varchar(64) NOT NULL,
  package_release varchar(64) NOT NULL,
  package_epoch int
);`;

describe('generator version 20: a package’s prefixed release and epoch', () => {
  it('package_release beside package_version reads 1.el9, package_epoch 0 in most rows', async () => {
    const { target } = await loadGenerated(db, PACKAGES, {
      tables: { pkgs: 400 },
      seed: 27,
      generatorVersion: 20,
    });
    const where = (w: string) => count(target, `SELECT count(*) AS n FROM pkgs WHERE ${w}`);
    expect(await where("package_release !~ '^[0-9]+(\\.[0-9]+)?\\.(el|fc)[0-9]+$'")).toBe(0);
    expect(await where('package_epoch NOT IN (0, 1, 2)')).toBe(0);
    expect(await where('package_epoch = 0')).toBeGreaterThan(250);
    expect(await where("package_version !~ '^[0-9]+\\.[0-9]+\\.[0-9]+$'")).toBe(0);
    const sources = await planSources(PACKAGES, { generatorVersion: 20 });
    expect(sources.get('pkgs.package_release')).toContain('a package release');
    expect(sources.get('pkgs.package_epoch')).toContain("a package's epoch");
    // Version 19 wrote words and an epoch's seconds.
    const v19 = await loadGenerated(db, PACKAGES, { tables: { pkgs: 400 }, seed: 27, generatorVersion: 19 });
    expect(
      await count(v19.target, 'SELECT count(*) AS n FROM pkgs WHERE package_epoch > 1000000'),
    ).toBeGreaterThan(300);
  });
});

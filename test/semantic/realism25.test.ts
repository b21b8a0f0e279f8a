/**
 * Generator version 18 (issue 11), measured on minimal schemas loaded into
 * the real server: hires over decades after an eighteenth birthday, periods
 * kept as ranges in the recent past, a prefix and a gender agreeing with the
 * first name, subdivisions of the row's country, unique slugs and usernames
 * numbered only past their dictionary, reading times, iteration counts,
 * costs under the list price, sizes. Version 17, pinned, keeps what it made.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describePlan, planGeneration } from '../../src/index.js';
import { STATES } from '../../src/values/semantic/locale-data.js';
import { count } from '../checks/check-fixture.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { loadGenerated } from '../helpers/load-generated.js';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('realism25');
}, 300_000);
afterAll(async () => db.close());

/** A column's `datagen plan` words under version 18. */
async function planSource(ddl: string, tables: Record<string, number>, table: string, column: string) {
  const file = join(tempDir(), 'schema.sql');
  writeFileSync(file, ddl);
  const { plan, schema } = await planGeneration({ schema: [file], tables, generatorVersion: 18 });
  return describePlan(plan, schema)
    .tables.find((t) => t.table === `public.${table}`)
    ?.columns.find((c) => c.name === column)?.source;
}

const HR = `CREATE TABLE employees (
  employee_id serial PRIMARY KEY,
  first_name varchar(20) NOT NULL,
  last_name varchar(20) NOT NULL,
  title_of_courtesy varchar(25),
  gender char(1),
  birth_date date,
  hire_date date NOT NULL,
  termination_date date,
  country varchar(40),
  region varchar(40)
);`;
const HR_ROWS = { employees: 600 };

describe('generator version 18: people', () => {
  it('hires span decades, none in the future, all after an eighteenth birthday', async () => {
    const { target } = await loadGenerated(db, HR, { tables: HR_ROWS, seed: 25, generatorVersion: 18 });
    expect(await count(target, "SELECT count(*) AS n FROM employees WHERE hire_date >= '2026-01-01'")).toBe(
      0,
    );
    const old = await count(target, "SELECT count(*) AS n FROM employees WHERE hire_date < '2011-01-01'");
    expect(old).toBeGreaterThan(600 * 0.2);
    expect(
      await count(target, 'SELECT (max(hire_date) - min(hire_date)) / 365 AS n FROM employees'),
    ).toBeGreaterThan(30);
    expect(
      await count(
        target,
        "SELECT count(*) AS n FROM employees WHERE birth_date + interval '18 years' > hire_date",
      ),
    ).toBe(0);
    expect(await count(target, "SELECT count(*) AS n FROM employees WHERE birth_date < '1936-01-01'")).toBe(
      0,
    );
    expect(
      await count(target, 'SELECT count(*) AS n FROM employees WHERE termination_date < hire_date'),
    ).toBe(0);
    // Version 17 put every hire in the five years before the reference date.
    const v17 = await loadGenerated(db, HR, { tables: HR_ROWS, seed: 25, generatorVersion: 17 });
    expect(
      await count(v17.target, "SELECT count(*) AS n FROM employees WHERE hire_date < '2020-01-01'"),
    ).toBe(0);
  });

  it("a courtesy title and a gender agree with the row's first name", async () => {
    const { target } = await loadGenerated(db, HR, { tables: HR_ROWS, seed: 25, generatorVersion: 18 });
    const off = `SELECT count(*) AS n FROM employees
      WHERE (title_of_courtesy = 'Mr.' AND gender = 'F') OR (title_of_courtesy IN ('Mrs.', 'Ms.', 'Miss') AND gender = 'M')`;
    const both = `SELECT count(*) AS n FROM employees WHERE title_of_courtesy IN ('Mr.', 'Mrs.', 'Ms.', 'Miss') AND gender IS NOT NULL`;
    const n = await count(target, both);
    expect(n).toBeGreaterThan(300);
    // Only names faker lists for neither sex (Addison, Avery) leave the two drawn alone.
    expect(await count(target, off)).toBeLessThan(n * 0.05);
    const v17 = await loadGenerated(db, HR, { tables: HR_ROWS, seed: 25, generatorVersion: 17 });
    expect(await count(v17.target, off)).toBeGreaterThan((await count(v17.target, both)) * 0.3);
  });

  it('datagen plan says the prefix and the gender follow the first name', async () => {
    expect(await planSource(HR, HR_ROWS, 'employees', 'title_of_courtesy')).toContain(
      'agreeing with the sex of first_name',
    );
    expect(await planSource(HR, HR_ROWS, 'employees', 'gender')).toContain(
      'agreeing with the sex of first_name',
    );
  });
});

const PERIODS = `CREATE TABLE contracts (
  id serial PRIMARY KEY,
  period tsrange,
  days daterange NOT NULL,
  booking_period tstzrange,
  valid_from date,
  start_date date
);`;

const LISTED = `CREATE TYPE sex_t AS ENUM ('male', 'female', 'unknown');
CREATE TABLE people (
  id serial PRIMARY KEY,
  salutation varchar(10),
  first_name text NOT NULL,
  gender char(1) CHECK (gender IN ('M', 'F')),
  sex sex_t
);`;

describe('generator version 18: listed genders and locale prefixes', () => {
  it("a CHECK-listed or enum gender agrees with the row's first name", async () => {
    const off = `SELECT count(*) AS n FROM people WHERE sex <> 'unknown' AND (gender = 'M') <> (sex = 'male')`;
    const { target } = await loadGenerated(db, LISTED, {
      tables: { people: 500 },
      seed: 25,
      generatorVersion: 18,
    });
    const both = await count(
      target,
      "SELECT count(*) AS n FROM people WHERE gender IS NOT NULL AND sex <> 'unknown'",
    );
    expect(both).toBeGreaterThan(200);
    expect(await count(target, off)).toBeLessThan(both * 0.05);
    const v17 = await loadGenerated(db, LISTED, { tables: { people: 500 }, seed: 25, generatorVersion: 17 });
    expect(await count(v17.target, off)).toBeGreaterThan(both * 0.3);
  });

  it('under es a Sr. is a man and a Sra. or Sta. a woman, as the gender column says', async () => {
    const { target } = await loadGenerated(db, LISTED, {
      tables: { people: 500 },
      seed: 25,
      locale: 'es',
      generatorVersion: 18,
    });
    const off = `SELECT count(*) AS n FROM people WHERE (salutation = 'Sr.' AND gender = 'F') OR (salutation IN ('Sra.', 'Sta.') AND gender = 'M')`;
    expect(
      await count(target, "SELECT count(*) AS n FROM people WHERE salutation IN ('Sr.', 'Sra.', 'Sta.')"),
    ).toBeGreaterThan(300);
    expect(await count(target, off)).toBeLessThan(25);
  });
});

describe('generator version 18: periods kept as ranges', () => {
  it('periods lie in the recent past, a booking within a year either side of the reference date', async () => {
    const rows = { contracts: 500 };
    const { target } = await loadGenerated(db, PERIODS, { tables: rows, seed: 25, generatorVersion: 18 });
    const past = `SELECT count(*) AS n FROM contracts WHERE isempty(days) OR lower(days) < '2021-01-01'
      OR upper(days) > '2026-01-01' OR isempty(period) OR lower(period) < '2021-01-01' OR upper(period) > '2026-01-01'
      OR lower_inf(days) OR lower_inf(period)`;
    expect(await count(target, past)).toBe(0);
    expect(
      await count(
        target,
        "SELECT count(*) AS n FROM contracts WHERE valid_from > '2026-01-01' OR start_date > '2026-01-01'",
      ),
    ).toBe(0);
    const booking = `SELECT count(*) AS n FROM contracts WHERE lower(booking_period) < '2025-01-01'
      OR lower(booking_period) >= '2027-01-01' OR isempty(booking_period)`;
    expect(await count(target, booking)).toBe(0);
    expect(
      await count(target, "SELECT count(*) AS n FROM contracts WHERE lower(booking_period) >= '2026-01-01'"),
    ).toBeGreaterThan(100);
    // Version 17: the type's own values, 2000 to 2030.
    const v17 = await loadGenerated(db, PERIODS, { tables: rows, seed: 25, generatorVersion: 17 });
    expect(await count(v17.target, past)).toBeGreaterThan(250);
  });

  it('datagen plan says a period of the recent past', async () => {
    expect(await planSource(PERIODS, { contracts: 10 }, 'contracts', 'days')).toContain(
      'a period of the five years before the reference date',
    );
    expect(await planSource(PERIODS, { contracts: 10 }, 'contracts', 'booking_period')).toContain(
      'within a year either side',
    );
  });
});

const PLACES = `CREATE TABLE sites (id serial PRIMARY KEY, name text, country_code char(2), region text, province varchar(60));`;

describe("generator version 18: a subdivision of the row's country", () => {
  it('a region beside a country code is a region of that country (were words)', async () => {
    const { target } = await loadGenerated(db, PLACES, {
      tables: { sites: 300 },
      seed: 25,
      generatorVersion: 18,
    });
    const rows = await target.query<{ country_code: string; region: string; province: string }>(
      'SELECT country_code, region, province FROM sites WHERE region IS NOT NULL AND province IS NOT NULL AND country_code IS NOT NULL',
    );
    expect(rows.length).toBeGreaterThan(150);
    const states = new Set(STATES.map((s) => s.name));
    for (const r of rows) {
      expect(r.country_code).toBe('US');
      expect(states.has(r.region), r.region).toBe(true);
      expect(states.has(r.province), r.province).toBe(true);
    }
  });
});

const APP = `CREATE TABLE users (
  id serial PRIMARY KEY,
  username varchar(40) UNIQUE NOT NULL,
  slug text UNIQUE NOT NULL,
  password_iterations int NOT NULL,
  password_hash text
);
CREATE TABLE articles (id serial PRIMARY KEY, body text, reading_time int NOT NULL, read_time_minutes smallint);
CREATE TABLE products (
  id serial PRIMARY KEY,
  name text,
  size varchar(5),
  standardcost numeric(10,2),
  listprice numeric(10,2)
);
CREATE TABLE payments (
  id serial PRIMARY KEY,
  amount numeric(12,2) NOT NULL,
  currency text NOT NULL CHECK (currency <> ''),
  currency_code varchar(3) NOT NULL CHECK (length(currency_code) = 3)
);`;
const APP_ROWS = { users: 400, articles: 300, products: 300, payments: 300 };

describe('generator version 18: values with their sense', () => {
  it('unique usernames and slugs carry no number while the dictionary has room', async () => {
    const { target } = await loadGenerated(db, APP, { tables: APP_ROWS, seed: 25, generatorVersion: 18 });
    expect(await count(target, "SELECT count(*) AS n FROM users WHERE username ~ '^[a-z]+\\.[a-z]+$'")).toBe(
      400,
    );
    expect(await count(target, "SELECT count(*) AS n FROM users WHERE slug ~ '^[a-z]+-[a-z]+$'")).toBe(400);
    expect(await count(target, 'SELECT count(DISTINCT slug) AS n FROM users')).toBe(400);
    const v17 = await loadGenerated(db, APP, { tables: APP_ROWS, seed: 25, generatorVersion: 17 });
    expect(await count(v17.target, "SELECT count(*) AS n FROM users WHERE slug ~ '[0-9]$'")).toBe(400);
  });

  it('reading times, iteration counts, costs under the price, sizes and currencies look real', async () => {
    const { target } = await loadGenerated(db, APP, { tables: APP_ROWS, seed: 25, generatorVersion: 18 });
    expect(
      await count(
        target,
        'SELECT count(*) AS n FROM articles WHERE reading_time NOT BETWEEN 1 AND 30 OR read_time_minutes NOT BETWEEN 1 AND 30',
      ),
    ).toBe(0);
    expect(await count(target, 'SELECT count(DISTINCT reading_time) AS n FROM articles')).toBeGreaterThan(10);
    expect(
      await count(
        target,
        'SELECT count(*) AS n FROM users WHERE password_iterations NOT IN (600000, 310000, 100000)',
      ),
    ).toBe(0);
    expect(
      await count(target, 'SELECT count(*) AS n FROM users WHERE password_iterations = 600000'),
    ).toBeGreaterThan(200);
    expect(
      await count(
        target,
        'SELECT count(*) AS n FROM products WHERE standardcost IS NOT NULL AND listprice IS NOT NULL',
      ),
    ).toBeGreaterThan(200);
    expect(
      await count(
        target,
        'SELECT count(*) AS n FROM products WHERE standardcost >= listprice AND listprice > 0',
      ),
    ).toBe(0);
    expect(
      await count(
        target,
        "SELECT count(*) AS n FROM products WHERE size !~ '^(XS|S|M|L|XL|XXL|[2-4][0-9])$'",
      ),
    ).toBe(0);
    expect(
      await count(
        target,
        "SELECT count(*) AS n FROM payments WHERE currency !~ '^[A-Z]{3}$' OR currency_code !~ '^[A-Z]{3}$'",
      ),
    ).toBe(0);
    // Version 17 drew a reading time over the whole int4 and the cost alone.
    const v17 = await loadGenerated(db, APP, { tables: APP_ROWS, seed: 25, generatorVersion: 17 });
    expect(
      await count(v17.target, 'SELECT count(*) AS n FROM articles WHERE reading_time > 30'),
    ).toBeGreaterThan(200);
  });

  it('datagen plan names the new meanings', async () => {
    expect(await planSource(APP, APP_ROWS, 'articles', 'reading_time')).toContain(
      'a reading time of 1 to 30 minutes',
    );
    expect(await planSource(APP, APP_ROWS, 'products', 'standardcost')).toContain('35% to 85% of listprice');
    expect(await planSource(APP, APP_ROWS, 'users', 'password_iterations')).toContain('work factor');
    expect(await planSource(APP, APP_ROWS, 'products', 'size')).toContain('XS to XXL');
  });
});

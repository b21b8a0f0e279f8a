/**
 * Generator version 8 (issue 11), measured on minimal schemas loaded into
 * the real server: postal codes by more names (`zip3`,
 * `zip_code_prefix`, `postcode_prefix`), a foreign country's postal code in
 * a column too short for it in that country's shape (not a US ZIP), and an
 * employee's birth 18 years or more before the row's creation, so the hire
 * follows an eighteenth birthday in every row. Version 7, pinned, keeps what
 * it made.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describePlan, planGeneration } from '../../src/index.js';
import { count } from '../checks/check-fixture.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { loadGenerated } from '../helpers/load-generated.js';

const ZIPS = `CREATE TABLE customers (id serial PRIMARY KEY, city text, state text, zip3 varchar(3) NOT NULL,
  customer_zip_code_prefix varchar(5) NOT NULL, postcode_prefix varchar(3) NOT NULL);`;

const ABROAD = `CREATE TABLE country (country_id serial PRIMARY KEY, country text NOT NULL);
CREATE TABLE address (address_id serial PRIMARY KEY, address text NOT NULL, city text,
  country_id int NOT NULL REFERENCES country, postal_code varchar(4) NOT NULL);`;

const HR = `CREATE TABLE employees (id serial PRIMARY KEY, first_name text NOT NULL, birth_date date NOT NULL,
  hire_date date NOT NULL, created_at timestamptz NOT NULL);`;

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('realismv8');
}, 300_000);
afterAll(async () => db.close());

describe('generator version 8: postal codes by more names', () => {
  it('zip3, a zip code prefix and a postcode prefix hold ZIP digits', async () => {
    const { target } = await loadGenerated(db, ZIPS, { defaultRows: 500, seed: 5 });
    const notDigits = (column: string, digits: number) =>
      count(target, `SELECT count(*) AS n FROM customers WHERE ${column} !~ '^[0-9]{${digits}}$'`);
    expect(await notDigits('zip3', 3)).toBe(0);
    expect(await notDigits('customer_zip_code_prefix', 5)).toBe(0);
    expect(await notDigits('postcode_prefix', 3)).toBe(0);
    // A ZIP's first three digits are its region's (home-places.ts): many of them, not one.
    expect(await count(target, 'SELECT count(DISTINCT zip3) AS n FROM customers')).toBeGreaterThan(50);
  });

  it('version 7, pinned, keeps the words and name prefixes it made', async () => {
    const { target } = await loadGenerated(db, ZIPS, { defaultRows: 200, seed: 5, generatorVersion: 7 });
    expect(await count(target, "SELECT count(*) AS n FROM customers WHERE zip3 ~ '^[0-9]{3}$'")).toBe(0);
    expect(
      await count(target, "SELECT count(*) AS n FROM customers WHERE customer_zip_code_prefix ~ '^[0-9]+$'"),
    ).toBe(0);
  });
});

describe("generator version 8: a country's postal code in a short column", () => {
  const shapes: Readonly<Record<string, string>> = {
    Canada: '^[A-Z][0-9][A-Z]$',
    Netherlands: '^[0-9]{4}$',
    'United Kingdom': '^[A-Z]{1,2}[0-9]{1,2}$',
    Japan: '^[0-9]{3}$',
  };
  const rowsOf = (target: TestDatabase, country: string, where: string) =>
    count(
      target,
      `SELECT count(*) AS n FROM address a JOIN country c USING (country_id) WHERE c.country = '${country}' AND ${where}`,
    );

  it("varchar(4): Canada's forward sortation area, the Dutch four digits, the British outward code", async () => {
    const { target } = await loadGenerated(db, ABROAD, { defaultRows: 3000, seed: 3 });
    let seen = 0;
    for (const [country, shape] of Object.entries(shapes)) {
      seen += await rowsOf(target, country, 'true');
      expect(await rowsOf(target, country, `postal_code !~ '${shape}'`), country).toBe(0);
    }
    expect(seen).toBeGreaterThan(20);
  });

  it('version 7, pinned, wrote a US ZIP for them', async () => {
    const { target } = await loadGenerated(db, ABROAD, { defaultRows: 3000, seed: 3, generatorVersion: 7 });
    expect(await rowsOf(target, 'Canada', "postal_code ~ '^[0-9]{4}$'")).toBeGreaterThan(0);
  });
});

describe('generator version 8: an employee 18 or older at the hire', () => {
  const underage = "SELECT count(*) AS n FROM employees WHERE hire_date < birth_date + interval '18 years'";

  it('every hire after an eighteenth birthday and at or before the creation', async () => {
    const { target } = await loadGenerated(db, HR, { defaultRows: 3000, seed: 11 });
    expect(await count(target, underage)).toBe(0);
    expect(await count(target, 'SELECT count(*) AS n FROM employees WHERE hire_date > created_at')).toBe(0);
    // Births keep a spread: version 13, 18 to 65 years before the creation (was 18 to 90 before the reference date).
    expect(
      await count(target, "SELECT count(*) AS n FROM employees WHERE birth_date < '1960-01-01'"),
    ).toBeGreaterThan(50);
    expect(
      await count(
        target,
        "SELECT count(*) AS n FROM employees WHERE created_at > birth_date + interval '65 years'",
      ),
    ).toBe(0);
  });

  it('datagen plan says so, and reads zip3 as a postal code', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 's.sql'), `${HR}\n${ZIPS}`);
    const { plan, schema } = await planGeneration({ schema: [join(dir, 's.sql')], defaultRows: 10 });
    const source = (table: string, column: string) =>
      describePlan(plan, schema)
        .tables.find((t) => t.table === `public.${table}`)
        ?.columns.find((c) => c.name === column)?.source ?? '';
    expect(source('employees', 'birth_date')).toContain('18 or more years before created_at in the row');
    expect(source('customers', 'zip3')).toContain('postal code');
    expect(source('customers', 'customer_zip_code_prefix')).toContain('postal code');
  });

  it('version 7, pinned, hired some under 18 on the creation day', async () => {
    const { target } = await loadGenerated(db, HR, { defaultRows: 3000, seed: 11, generatorVersion: 7 });
    expect(await count(target, underage)).toBeGreaterThan(0);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CITY_CENTRES } from '../../src/values/semantic/city-centres28.js';
import { count } from '../checks/check-fixture.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadGenerated } from '../helpers/load-generated.js';
import { planSources } from '../helpers/plan-sources.js';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('realism35');
}, 300_000);
afterAll(async () => db.close());

const where = (target: TestDatabase, table: string, w: string) =>
  count(target, `SELECT count(*) AS n FROM ${table} WHERE ${w}`);

/** The city centres as a table `centres (alpha2, name, lat, lng)` in `target`. */
async function loadCentres(target: TestDatabase): Promise<void> {
  const values = CITY_CENTRES.split('\n').flatMap((line) => {
    const [alpha2 = '', list = ''] = line.split('|');
    return list.split(';').map((entry) => {
      const [name = '', at = ''] = entry.split('=');
      return `('${alpha2}', '${name.replaceAll("'", "''")}', ${at})`;
    });
  });
  await target.query(`CREATE TABLE centres (alpha2 text, name text, lat float8, lng float8);
    INSERT INTO centres VALUES ${values.join(',')};`);
}

/**
 * Rows of `table` whose (x, y), both not NULL, is not within 0.036 degrees of a centre of `alpha2` (SQL; any
 * country where null) named by `city` (SQL: a listed city; any city of the country where null).
 */
const farFrom = (table: string, x: string, y: string, alpha2: string | null, city: string | null) => {
  const near = `abs(${x} - c.lng) <= 0.036 AND abs(${y} - c.lat) <= 0.036`;
  const named = city === null ? 'true' : `c.name = ${city}`;
  const listed = city === null ? '' : ` AND ${city} IN (SELECT name FROM centres)`;
  return `${table} t WHERE ${x} IS NOT NULL AND ${y} IS NOT NULL${listed} AND NOT EXISTS
    (SELECT 1 FROM centres c WHERE c.alpha2 = ${alpha2 ?? 'c.alpha2'} AND ${named} AND ${near})`;
};
const far = (target: TestDatabase, ...a: Parameters<typeof farFrom>) =>
  count(target, `SELECT count(*) AS n FROM ${farFrom(...a)}`);

const PLACES = `CREATE EXTENSION IF NOT EXISTS postgis;
CREATE TABLE stores (id serial PRIMARY KEY, name text, city text NOT NULL, state text NOT NULL,
  latitude numeric(9,6), longitude numeric(9,6), geom geometry(Point, 4326) NOT NULL);
CREATE TABLE branches (id serial PRIMARY KEY, country text NOT NULL, city text NOT NULL, lat float8, lng float8);
CREATE TABLE depots (id serial PRIMARY KEY, country_code char(2) NOT NULL, location geography(Point, 4326) NOT NULL);
CREATE TABLE sites (id serial PRIMARY KEY, street_address text, state char(2) NOT NULL, coords point);`;

describe('generator version 28: coordinates by the row city', () => {
  it("places a row's latitude, longitude and points within 4 km of its city, else of its state's or country's", async () => {
    const rows = { stores: 120, branches: 120, depots: 80, sites: 80 };
    const { target } = await loadGenerated(db, PLACES, { tables: rows, seed: 35, generatorVersion: 28 });
    await loadCentres(target);
    // A store by its own city (was anywhere in its state's box), its point made of its coordinates.
    expect(await where(target, 'stores', 'latitude IS NOT NULL')).toBeGreaterThan(90);
    expect(await far(target, 'stores', 't.longitude', 't.latitude', "'US'", 't.city')).toBe(0);
    expect(await where(target, 'stores', 'st_x(geom) <> longitude OR st_y(geom) <> latitude')).toBe(0);
    // A branch abroad by its city in its country (Chile's and Indonesia's boxes were mostly sea).
    expect(await where(target, 'branches', "country <> 'United States of America'")).toBeGreaterThan(90);
    expect(await far(target, 'branches', 't.lng', 't.lat', null, 't.city')).toBe(0);
    // A depot with a country and no city by one of its country's cities; a site by one of its state's.
    const location = ['st_x(t.location::geometry)', 'st_y(t.location::geometry)'] as const;
    const listed = 'country_code IN (SELECT alpha2 FROM centres)';
    expect(await where(target, 'depots', listed)).toBeGreaterThan(70);
    expect(
      await far(target, `(SELECT * FROM depots WHERE ${listed})`, ...location, 't.country_code', null),
    ).toBe(0);
    expect(await far(target, 'sites', 't.coords[0]', 't.coords[1]', "'US'", null)).toBe(0);
    const sources = await planSources(PLACES, { generatorVersion: 28 });
    expect(sources.get('stores.latitude')).toContain("the row's city's centre");
    expect(sources.get('depots.location')).toContain("the row's city's centre");
    expect((await planSources(PLACES, { generatorVersion: 27 })).get('stores.latitude')).toContain('box');
  });

  it("places a locale's rows in its country", async () => {
    const ddl = `CREATE TABLE filialen (id serial PRIMARY KEY, stadt text, city text NOT NULL, lat float8, lng float8);
CREATE TABLE punkte (id serial PRIMARY KEY, latitude float8, longitude float8);`;
    const rows = { filialen: 80, punkte: 80 };
    const { target } = await loadGenerated(db, ddl, {
      tables: rows,
      seed: 35,
      generatorVersion: 28,
      locale: 'de',
    });
    await loadCentres(target);
    expect(await far(target, 'filialen', 't.lng', 't.lat', "'DE'", 't.city')).toBeLessThan(4);
    // No place in the row: by a German city (was anywhere on the globe).
    expect(await far(target, 'punkte', 't.longitude', 't.latitude', "'DE'", null)).toBe(0);
  });
});

const LISTINGS = `CREATE TABLE listings (id serial PRIMARY KEY, address text, price numeric(12,2), status text,
  listed_at date NOT NULL, sold_at date, days_on_market int);`;

describe('generator version 28: a home listing sold', () => {
  it("writes a listing's statuses with sales, a sold one's sale date and none on the others", async () => {
    const { target } = await loadGenerated(db, LISTINGS, {
      tables: { listings: 80 },
      seed: 35,
      generatorVersion: 28,
    });
    // Was a record's `active`/`pending`: no row sold, `sold_at` NULL in every row with a status.
    expect(await where(target, 'listings', "status = 'sold' AND sold_at >= listed_at")).toBeGreaterThan(15);
    expect(await where(target, 'listings', "status <> 'sold' AND sold_at IS NOT NULL")).toBe(0);
    expect(await where(target, 'listings', "status = 'sold' AND sold_at IS NULL")).toBe(0);
  });
});

const LEDGERS = `CREATE TABLE accounts (id serial PRIMARY KEY, name text NOT NULL);
CREATE TABLE entries (id bigserial PRIMARY KEY, account_id int REFERENCES accounts (id),
  amount numeric(12,2) NOT NULL, balance_after numeric(14,2) NOT NULL, created_at timestamptz NOT NULL);
CREATE TABLE movements (id bigserial PRIMARY KEY, account_id int NOT NULL REFERENCES accounts (id),
  amount numeric(12,2) NOT NULL CHECK (amount <> 0), balance_after numeric(14,2) NOT NULL, created_at timestamptz NOT NULL);`;

describe('generator version 28: running balances under a nullable account or amount <> 0', () => {
  it("runs each account's balance as the previous one plus the amount", async () => {
    const rows = { accounts: 30, entries: 120, movements: 120 };
    const { target } = await loadGenerated(db, LEDGERS, { tables: rows, seed: 35, generatorVersion: 28 });
    for (const table of ['entries', 'movements']) {
      const sums = `(SELECT balance_after AS b, sum(amount) OVER (PARTITION BY account_id ORDER BY created_at, id) AS s
        FROM ${table}) x`;
      // Was 60 of 60 off: a nullable FK was a hash pick, `amount <> 0` left the table no ledger.
      expect(await where(target, sums, 'b <> s')).toBe(0);
      expect(await where(target, table, 'account_id IS NULL OR amount = 0')).toBe(0);
    }
  });
});

const CLINIC = `CREATE TABLE doctors (id serial PRIMARY KEY, family_name text, given_name text, specialty text);
CREATE TABLE patients (id serial PRIMARY KEY, family_name text, given_name text, insurance text);
CREATE TABLE chefs (id serial PRIMARY KEY, name text, specialty text);`;

describe("generator version 28: a clinic's words", () => {
  it("writes a doctor's specialty and a patient's insurer from their lists, a chef's specialty as before", async () => {
    const rows = { doctors: 40, patients: 40, chefs: 10 };
    const { target } = await loadGenerated(db, CLINIC, { tables: rows, seed: 35, generatorVersion: 28 });
    // Were readable words: `Vivid reporter`, `Ruddy warming orchestrate`.
    expect(
      await where(
        target,
        'doctors',
        "specialty IN ('Cardiology', 'Pediatrics', 'Family Medicine', 'Neurology', 'Oncology')",
      ),
    ).toBeGreaterThan(3);
    expect(await where(target, 'doctors', "specialty !~ '^[A-Z][a-z]+( (and )?[A-Z][a-z]+)*$'")).toBe(0);
    expect(
      await where(
        target,
        'patients',
        "insurance IN ('Aetna', 'Cigna', 'Medicare', 'Medicaid', 'Humana', 'Anthem')",
      ),
    ).toBeGreaterThan(5);
    const sources = await planSources(CLINIC, { generatorVersion: 28 });
    expect(sources.get('doctors.specialty')).toContain('a medical specialty');
    expect(sources.get('patients.insurance')).toContain('a health insurer');
    expect(sources.get('chefs.specialty')).not.toContain('medical');
  });
});

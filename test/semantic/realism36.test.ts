import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from '../checks/check-fixture.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadGenerated } from '../helpers/load-generated.js';
import { planSources } from '../helpers/plan-sources.js';

/** Session 36's shapes (issue 11): named people under a concatenated key, clock times, listings, places. */
const SHAPES = `CREATE TABLE people (id serial PRIMARY KEY, first_name text NOT NULL, last_name text NOT NULL);
CREATE UNIQUE INDEX people_full ON people ((first_name || ' ' || last_name));
CREATE TABLE members (id serial PRIMARY KEY, first_name text NOT NULL, last_name text NOT NULL,
  UNIQUE (first_name, last_name));
CREATE TABLE clinics (id serial PRIMARY KEY, name text, opens_at time NOT NULL, closes_at time NOT NULL);
CREATE TABLE appointments (id serial PRIMARY KEY, clinic_id int NOT NULL REFERENCES clinics (id),
  start_time time NOT NULL, end_time time, appointment_time timetz);
CREATE TABLE listings (id serial PRIMARY KEY, status text NOT NULL, listed_at timestamptz NOT NULL,
  sold_at timestamptz, list_price numeric(12,2) NOT NULL, sold_price numeric(12,2));
CREATE TABLE sites (id serial PRIMARY KEY,
  city text NOT NULL CHECK (city IN ('Springfield', 'Portland', 'Kansas City')),
  state text NOT NULL CHECK (state IN ('Oregon', 'Maine', 'Illinois', 'Missouri', 'Kansas')),
  latitude numeric(9,6), longitude numeric(9,6));
CREATE TABLE posts (id serial PRIMARY KEY, answer_count int NOT NULL, comment_count int NOT NULL,
  view_count int NOT NULL);
CREATE TABLE products (id serial PRIMARY KEY, stock_quantity int NOT NULL);`;

const ROWS = {
  people: 150,
  members: 3500,
  clinics: 40,
  appointments: 150,
  listings: 200,
  sites: 150,
  posts: 200,
  products: 100,
};

let db: TestDatabase;
let target: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('realism36');
  ({ target } = await loadGenerated(db, SHAPES, { tables: ROWS, seed: 36, generatorVersion: 29 }));
}, 300_000);
afterAll(async () => db.close());

const where = (table: string, w: string) => count(target, `SELECT count(*) AS n FROM ${table} WHERE ${w}`);

describe('generator version 29: data a person would take for real', () => {
  it('gives real first and last names under a unique key on both, numbered nowhere', async () => {
    // `(first_name || ' ' || last_name)`: first names were words (`stunning`); 3,500 members past the
    // first names' list were numbered (`Alvah 2`) in one column or the other.
    for (const table of ['people', 'members'])
      expect(await where(table, "first_name ~ '[^A-Za-z''-]' OR last_name ~ '[0-9 ]'")).toBe(0);
    expect(await count(target, 'SELECT count(DISTINCT first_name) AS n FROM members')).toBeGreaterThan(1000);
    expect(await count(target, 'SELECT count(DISTINCT last_name) AS n FROM people')).toBeLessThan(150);
    const sources = await planSources(SHAPES, { generatorVersion: 29 });
    expect(sources.get('people.first_name')).toContain('realistic first name');
    expect((await planSources(SHAPES, { generatorVersion: 28 })).get('people.first_name')).not.toContain(
      'realistic first name',
    );
  });

  it('keeps appointments and openings in business hours, in quarters, ending after they start', async () => {
    const quarter = (c: string) => `(${c} IS NOT NULL AND (extract(minute FROM ${c})::int % 15 <> 0 OR
      extract(second FROM ${c}) <> 0 OR ${c}::time < '06:00' OR ${c}::time > '23:00'))`;
    const off = ['start_time', 'end_time', 'appointment_time'].map(quarter).join(' OR ');
    expect(await where('appointments', off)).toBe(0);
    expect(await where('appointments', 'end_time <= start_time')).toBe(0);
    expect(await where('clinics', `${quarter('opens_at')} OR closes_at <= opens_at`)).toBe(0);
    const sources = await planSources(SHAPES, { generatorVersion: 29 });
    expect(sources.get('appointments.end_time')).toContain("after the row's start_time");
  });

  it("agrees a listing's status, dates and sale price", async () => {
    expect(await where('listings', "status = 'sold'")).toBeGreaterThan(50);
    expect(await where('listings', "(status = 'sold') <> (sold_price IS NOT NULL)")).toBe(0);
    expect(await where('listings', "(status = 'sold') <> (sold_at IS NOT NULL)")).toBe(0);
    expect(await where('listings', 'sold_at <= listed_at')).toBe(0);
    expect(await where('listings', "status IN ('active', 'pending')")).toBeGreaterThan(30);
    expect(
      await where(
        'listings',
        "status IN ('active', 'pending') AND listed_at < (SELECT max(listed_at) - interval '1 year' FROM listings)",
      ),
    ).toBe(0);
  });

  it("places a city several states share by the row's state, a CHECK-listed place too", async () => {
    const centre = (city: string, state: string, lat: number, lng: number) =>
      `(city = '${city}' AND state = '${state}' AND (abs(latitude - ${lat}) > 0.05 OR abs(longitude - ${lng}) > 0.05))`;
    const off = [
      centre('Springfield', 'Oregon', 44.05, -123.02),
      centre('Springfield', 'Illinois', 39.8, -89.64),
      centre('Portland', 'Maine', 43.66, -70.26),
      centre('Portland', 'Oregon', 45.52, -122.68),
      centre('Kansas City', 'Kansas', 39.11, -94.63),
    ];
    expect(
      await where('sites', "city = 'Springfield' AND state = 'Oregon' AND latitude IS NOT NULL"),
    ).toBeGreaterThan(0);
    expect(await where('sites', off.join(' OR '))).toBe(0);
    // A city not in its state (`Portland, Illinois`) by a city of the state (was anywhere on the globe).
    expect(await where('sites', "state = 'Illinois' AND NOT latitude BETWEEN 36.9 AND 42.6")).toBe(0);
  });

  it("counts a post's answers and comments in a few, its views in hundreds, stock in tens", async () => {
    const median = async (table: string, c: string) =>
      count(target, `SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY ${c}) AS n FROM ${table}`);
    // Were log-uniform to 500 (median 17), views at most 500, stock an order line's 1 to 5.
    expect(await median('posts', 'answer_count')).toBeLessThanOrEqual(3);
    expect(await where('posts', 'answer_count > 60 OR comment_count > 60')).toBe(0);
    expect(await where('posts', 'answer_count = 0')).toBeGreaterThan(30);
    expect(await median('posts', 'view_count')).toBeGreaterThan(50);
    expect(await where('posts', 'view_count > 1000')).toBeGreaterThan(5);
    expect(await median('products', 'stock_quantity')).toBeGreaterThan(10);
    expect((await planSources(SHAPES, { generatorVersion: 29 })).get('posts.answer_count')).toContain(
      "a count of the row's children",
    );
  });

  it("writes a doctor's specialty and a patient's insurer in the run's locale", async () => {
    const ddl = `CREATE TABLE doctors (id serial PRIMARY KEY, specialty text NOT NULL);
CREATE TABLE patients (id serial PRIMARY KEY, insurance text NOT NULL);`;
    const de = await loadGenerated(db, ddl, {
      tables: { doctors: 30, patients: 30 },
      seed: 36,
      locale: 'de',
      generatorVersion: 29,
    });
    expect(
      await count(
        de.target,
        "SELECT count(*) AS n FROM doctors WHERE specialty IN ('Kardiologie', 'Innere Medizin', 'Pneumologie', 'Urologie', 'Neurologie') ",
      ),
    ).toBeGreaterThan(0);
    expect(
      await count(
        de.target,
        "SELECT count(*) AS n FROM doctors WHERE specialty !~ '^[A-ZÄÖÜ][a-zäöüß]+([ -]|$)'",
      ),
    ).toBe(0);
    expect(
      await count(
        de.target,
        "SELECT count(*) AS n FROM patients WHERE insurance IN ('AOK', 'BARMER', 'Techniker Krankenkasse', 'DAK-Gesundheit', 'IKK classic', 'KKH', 'hkk', 'Debeka', 'Allianz Private Krankenversicherung', 'AXA Krankenversicherung', 'Signal Iduna', 'Selbstzahler')",
      ),
    ).toBe(30);
  });
});

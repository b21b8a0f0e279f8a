import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_YEARS } from '../../src/values/semantic/work-words25.js';
import { CITIES } from '../../src/values/types/postgis-frames.js';
import { count } from '../checks/check-fixture.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadGenerated } from '../helpers/load-generated.js';
import { planSources } from '../helpers/plan-sources.js';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('realism34');
}, 300_000);
afterAll(async () => db.close());

const where = (target: TestDatabase, table: string, w: string) =>
  count(target, `SELECT count(*) AS n FROM ${table} WHERE ${w}`);

const SCHEMA = `CREATE TABLE accounts (id serial PRIMARY KEY, name text NOT NULL, currency char(3) NOT NULL);
CREATE TABLE ledger_entries (id bigserial PRIMARY KEY, account_id int NOT NULL REFERENCES accounts (id),
  amount numeric(12,2) NOT NULL, balance_after numeric(14,2) NOT NULL, created_at timestamptz NOT NULL);
CREATE TABLE postings (id bigserial PRIMARY KEY, account_id int NOT NULL REFERENCES accounts (id),
  amount numeric(12,2) NOT NULL, running_balance numeric(14,2) NOT NULL, occurred_on date NOT NULL);
CREATE TABLE payments (id serial PRIMARY KEY, account_id int NOT NULL REFERENCES accounts (id),
  amount numeric(12,2) NOT NULL);
CREATE TABLE listings (id serial PRIMARY KEY, price numeric(12,2), listed_at date NOT NULL, sold_at date,
  days_on_market int, status text);
CREATE TABLE mailings (id serial PRIMARY KEY, status text NOT NULL
  CHECK (status IN ('draft', 'scheduled', 'sending', 'finished', 'cancelled')), to_send int NOT NULL, sent int NOT NULL);
CREATE TABLE cars (id serial PRIMARY KEY, make text, model text, year int NOT NULL, mileage int NOT NULL);`;
const ROWS = {
  accounts: 60,
  ledger_entries: 300,
  postings: 300,
  payments: 300,
  listings: 150,
  mailings: 300,
  cars: 300,
};

const runningSum = (table: string, balance: string, time: string) =>
  `(SELECT ${balance} AS b, sum(amount) OVER (PARTITION BY account_id ORDER BY ${time}, id) AS s FROM ${table}) x`;

describe('generator version 27: currency through the FK, ledgers by date, mailings, listings, cars by model', () => {
  it('writes values a person takes for real, and the plan says so', async () => {
    const { target } = await loadGenerated(db, SCHEMA, { tables: ROWS, seed: 34, generatorVersion: 27 });
    // A ledger's lines in its account's currency: whole yen and won, still a running balance per account.
    const whole = "a.currency IN ('JPY', 'KRW', 'CLP')";
    for (const table of ['ledger_entries', 'payments']) {
      const join = `${table} t JOIN accounts a ON a.id = t.account_id`;
      expect(await where(target, join, whole)).toBeGreaterThan(5);
      expect(await where(target, join, `${whole} AND t.amount <> round(t.amount)`)).toBe(0);
    }
    expect(await where(target, runningSum('ledger_entries', 'balance_after', 'created_at'), 'b <> s')).toBe(
      0,
    );
    // An account's postings ordered by their date (version 26: by row, whatever the date).
    expect(await where(target, runningSum('postings', 'running_balance', 'occurred_on'), 'b <> s')).toBe(0);
    // Days on the market from the listing day to the sale, or to the reference day.
    expect(await where(target, 'listings', 'days_on_market IS NOT NULL')).toBeGreaterThan(100);
    expect(
      await where(target, 'listings', "days_on_market <> coalesce(sold_at, date '2026-01-01') - listed_at"),
    ).toBe(0);
    // A finished mailing went to all of its audience, a draft to none, a sending one to a share.
    expect(await where(target, 'mailings', "status = 'finished'")).toBeGreaterThan(20);
    expect(await where(target, 'mailings', "status = 'finished' AND sent <> to_send")).toBe(0);
    expect(await where(target, 'mailings', "status IN ('draft', 'scheduled') AND sent <> 0")).toBe(0);
    expect(await where(target, 'mailings', "status = 'sending' AND sent >= to_send")).toBe(0);
    // A car's model year among the years its model was made.
    const years = Object.entries(MODEL_YEARS)
      .map(([model, [first, last]]) => `(model = '${model}' AND year NOT BETWEEN ${first} AND ${last})`)
      .join(' OR ');
    expect(await where(target, 'cars', "model IN ('Model Y', 'CX-30', 'Soul', 'Crosstrek')")).toBeGreaterThan(
      5,
    );
    expect(await where(target, 'cars', years)).toBe(0);
    const sources = await planSources(SCHEMA, { generatorVersion: 27 });
    expect(sources.get('mailings.sent')).toContain('by its status');
    expect(sources.get('listings.days_on_market')).toContain('from the listing day');
    expect(sources.get('cars.year')).toContain("the years the row's model was made");
    const v26 = await planSources(SCHEMA, { generatorVersion: 26 });
    expect(v26.get('listings.days_on_market')).toContain('1 to 180');
  });
});

const PLACES = `CREATE EXTENSION IF NOT EXISTS postgis;
CREATE TABLE shops (id serial PRIMARY KEY, name text, latitude numeric(9,6), longitude numeric(9,6),
  geom geometry(Point, 4326) NOT NULL);
CREATE TABLE venues (id serial PRIMARY KEY, name text, location geography(Point, 4326) NOT NULL, coords point);
CREATE TABLE rides (id serial PRIMARY KEY, pickup_lat float8, pickup_lng float8, dropoff_lat float8, dropoff_lng float8);`;

/** Whether a point (x, y: SQL expressions) is within 0.05 degrees of a listed city, as SQL. */
const nearACity = (x: string, y: string) =>
  `(${CITIES.map(([cx, cy]) => `(abs(${x} - ${cx}) <= 0.0501 AND abs(${y} - ${cy}) <= 0.0501)`).join(' OR ')})`;

describe('generator version 27: places on land, by a city where the row has no place', () => {
  it("writes PostGIS points and coordinates by a city, the row's own where it has them", async () => {
    const rows = { shops: 200, venues: 200, rides: 100 };
    const { target } = await loadGenerated(db, PLACES, { tables: rows, seed: 34, generatorVersion: 27 });
    // A row's latitude and longitude of one city, its PostGIS point made of them.
    expect(await where(target, 'shops', 'latitude IS NOT NULL AND longitude IS NOT NULL')).toBeGreaterThan(
      150,
    );
    expect(await where(target, 'shops', `NOT ${nearACity('longitude', 'latitude')}`)).toBe(0);
    expect(await where(target, 'shops', 'st_x(geom) <> longitude OR st_y(geom) <> latitude')).toBe(0);
    // A geography and a point with no place in the row by a city (was a quarter anywhere on the globe).
    const location = nearACity('st_x(location::geometry)', 'st_y(location::geometry)');
    expect(
      await where(target, 'venues', `NOT ${location} OR NOT ${nearACity('coords[0]', 'coords[1]')}`),
    ).toBe(0);
    // A ride's pickup and drop-off in one city, each its own spot.
    expect(await where(target, 'rides', 'abs(pickup_lat - dropoff_lat) > 0.1')).toBe(0);
    expect(await where(target, 'rides', 'pickup_lat = dropoff_lat')).toBe(0);
    const sources = await planSources(PLACES, { generatorVersion: 27 });
    expect(sources.get('shops.geom')).toContain('SRID=4326;POINT(longitude latitude)');
    expect(sources.get('shops.latitude')).toContain('within about 5 km of a large city');
    expect((await planSources(PLACES, { generatorVersion: 26 })).get('shops.geom')).toContain('random value');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUPPORT_TAGS } from '../../src/values/semantic/tag-words.js';
import { count } from '../checks/check-fixture.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadGenerated } from '../helpers/load-generated.js';
import { planSources } from '../helpers/plan-sources.js';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('realism33');
}, 300_000);
afterAll(async () => db.close());

const where = (target: TestDatabase, table: string, w: string) =>
  count(target, `SELECT count(*) AS n FROM ${table} WHERE ${w}`);

const SCHEMA = `CREATE TABLE payments (id serial PRIMARY KEY, amount numeric(12,2) NOT NULL, currency char(3) NOT NULL,
  paid_at timestamptz);
CREATE TABLE invoices (id serial PRIMARY KEY, currency varchar(3) NOT NULL, subtotal numeric(12,2) NOT NULL,
  tax numeric(12,2) NOT NULL, total numeric(12,2) NOT NULL);
CREATE TABLE ledger_entries (id bigserial PRIMARY KEY, account_id int NOT NULL, amount numeric(12,2) NOT NULL,
  balance_after numeric(14,2) NOT NULL, description text NOT NULL, created_at timestamptz NOT NULL);
CREATE TABLE cars (id serial PRIMARY KEY, make text, model text, year int NOT NULL, mileage int NOT NULL,
  price numeric(10,2) NOT NULL);
CREATE TABLE listings (id serial PRIMARY KEY, headline text NOT NULL, bedrooms int NOT NULL, price numeric(12,2));
CREATE TABLE tickets (id serial PRIMARY KEY, subject text, tags text[], status text);
CREATE TABLE campaigns (id serial PRIMARY KEY, name text, status text, to_send int NOT NULL DEFAULT 0,
  sent int NOT NULL DEFAULT 0, created_at timestamptz NOT NULL DEFAULT now(), send_at timestamptz NOT NULL);
CREATE TABLE stores (id serial PRIMARY KEY, city text, state text, latitude numeric(9,6), longitude numeric(9,6),
  location point);
CREATE TABLE pickups (id serial PRIMARY KEY, pickup_location point NOT NULL, position point);`;
const ROWS = {
  payments: 400,
  invoices: 300,
  ledger_entries: 200,
  cars: 300,
  listings: 100,
  tickets: 200,
  campaigns: 200,
  stores: 200,
  pickups: 200,
};

describe('generator version 26: money in its currency, cars by their age, mailings, headlines, statements, tags', () => {
  it('writes values a person takes for real, and the plan says so', async () => {
    const { target } = await loadGenerated(db, SCHEMA, { tables: ROWS, seed: 33, generatorVersion: 26 });
    // Yen, won and pesos of Chile in whole units, a hundredfold or more a dollar's figure.
    const whole = "currency IN ('JPY', 'KRW', 'CLP')";
    expect(await where(target, 'payments', whole)).toBeGreaterThan(5);
    expect(await where(target, 'payments', `${whole} AND amount <> round(amount)`)).toBe(0);
    expect(
      Number(
        (
          await target.query<{ r: string }>(
            "SELECT (SELECT avg(amount) FROM payments WHERE currency = 'JPY') / (SELECT avg(amount) FROM payments WHERE currency IN ('USD', 'EUR')) AS r",
          )
        )[0]?.r,
      ),
    ).toBeGreaterThan(20);
    expect(await where(target, 'invoices', `${whole} AND (tax <> round(tax) OR total <> round(total))`)).toBe(
      0,
    );
    // A statement's lines by the sign of the amount, in words of a bank's.
    expect(
      await where(
        target,
        'ledger_entries',
        "description !~ '^(Card|Direct|ATM|Transfer|Standing|Online|Monthly|Salary|Refund|Cash|Interest|Payment)'",
      ),
    ).toBe(0);
    expect(
      await where(target, 'ledger_entries', "amount < 0 AND description ~ '^(Salary|Refund|Cash deposit)'"),
    ).toBe(0);
    // A car's mileage and price by its age: older cars ran more and ask less.
    expect(await where(target, 'cars', 'year NOT BETWEEN 2003 AND 2025')).toBe(0);
    const byAge = await target.query<{ old: boolean; miles: string; price: string }>(
      'SELECT year < 2015 AS old, avg(mileage) AS miles, avg(price) AS price FROM cars GROUP BY 1 ORDER BY 1',
    );
    expect(Number(byAge[1]?.miles)).toBeGreaterThan(2 * Number(byAge[0]?.miles));
    expect(Number(byAge[1]?.price)).toBeLessThan(Number(byAge[0]?.price) / 2);
    expect(await where(target, 'cars', 'price < 1500 OR mileage > (2026 - year) * 40000')).toBe(0);
    // A mailing sent at most to its audience, after it was made.
    expect(await where(target, 'campaigns', 'sent > to_send OR to_send < 1')).toBe(0);
    expect(await where(target, 'campaigns', 'sent = to_send')).toBeGreaterThan(80);
    expect(await where(target, 'campaigns', 'send_at < created_at')).toBe(0);
    // A home's headline with its own bedrooms; a ticket's tags a help desk's.
    expect(
      await where(
        target,
        'listings',
        "headline !~ ('^[A-Z][a-z-]+( [a-z-]+)? ' || bedrooms || '-Bedroom [A-Z]')",
      ),
    ).toBe(0);
    const tags = await target.query<{ v: string }>('SELECT DISTINCT unnest(tags) AS v FROM tickets');
    expect(tags.length).toBeGreaterThan(10);
    expect(tags.map((t) => t.v).filter((t) => !SUPPORT_TAGS.includes(t))).toEqual([]);
    // A place kept as a point: the row's own longitude and latitude, else on the globe (a game's position untouched).
    expect(await where(target, 'stores', 'location IS NOT NULL AND latitude IS NOT NULL')).toBeGreaterThan(
      100,
    );
    expect(await where(target, 'stores', 'location[0] <> longitude OR location[1] <> latitude')).toBe(0);
    const offGlobe = 'abs(pickup_location[0]) > 180 OR abs(pickup_location[1]) > 90';
    expect(await where(target, 'pickups', offGlobe)).toBe(0);
    expect(await where(target, 'pickups', 'abs(position[0]) > 180 OR abs(position[1]) > 90')).toBeGreaterThan(
      50,
    );
    const sources = await planSources(SCHEMA, { generatorVersion: 26 });
    expect(sources.get('stores.location')).toContain('a place as (longitude,latitude)');
    expect(sources.get('payments.amount')).toContain("in the row's currency");
    expect(sources.get('cars.mileage')).toContain("a car's mileage by its age");
    expect(sources.get('campaigns.sent')).toContain("at most the row's audience");
    expect(sources.get('listings.headline')).toContain("a home listing's headline");
    expect(sources.get('ledger_entries.description')).toContain("a bank statement's line");
    // Version 25 drew the whole range for the mileage, and read nothing of the mailing.
    const v25 = await planSources(SCHEMA, { generatorVersion: 25 });
    expect(v25.get('cars.mileage')).toContain('random value of its type');
    expect(v25.get('campaigns.sent')).toContain('random value of its type');
    expect(v25.get('stores.location')).toContain('random value of its type');
  });
});

describe("datagen plan for version 25's unique vocabularies under another locale", () => {
  it("names the locale's words where generate gives them, the list where it does", async () => {
    const ddl = `CREATE TABLE companies (id serial PRIMARY KEY, industry text UNIQUE, department text UNIQUE,
      reviewed_by text UNIQUE, vin char(17) UNIQUE);`;
    const de = await planSources(ddl, { generatorVersion: 25, locale: 'de' });
    expect(de.get('companies.industry')).not.toContain('Software');
    expect(de.get('companies.department')).not.toContain('Engineering');
    expect(de.get('companies.reviewed_by')).toContain("a person's name");
    expect(de.get('companies.vin')).toContain('a VIN with its check digit');
    const en = await planSources(ddl, { generatorVersion: 25 });
    expect(en.get('companies.industry')).toContain('an industry (Software');
  });
});

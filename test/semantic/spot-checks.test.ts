/**
 * Generator version 3: values a spot check on Solidus, LedgerSMB and
 * Mastodon found unreal, loaded into the real server: a country table's
 * codes and ISO name agree with its name, numbered address lines are a
 * street and an apartment, Rails' integer enums (DEFAULT 0) are a small set
 * from 0, currencies are mostly the common few, `curr char(3)` is a
 * currency, and a rare event's time (`deleted_at`) is mostly NULL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codesOfCountry } from '../../src/values/semantic/country-cities.js';
import { count } from '../checks/check-fixture.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadGenerated } from '../helpers/load-generated.js';

let db: TestDatabase;

const SPOTS = `CREATE TABLE spree_countries (id serial PRIMARY KEY, iso_name varchar, iso varchar,
  iso3 varchar, name varchar, numcode integer);
CREATE TABLE location (id serial PRIMARY KEY, line_one text NOT NULL, line_two text, line_three text,
  city text NOT NULL, state text, mail_code text);
CREATE TABLE statuses (id bigserial PRIMARY KEY, visibility integer DEFAULT 0 NOT NULL,
  deleted_at timestamp, archived_on date, created_at timestamp NOT NULL);
CREATE TABLE accounts (id bigserial PRIMARY KEY, protocol integer DEFAULT 0 NOT NULL, status int DEFAULT 0);
CREATE TABLE ar (id serial PRIMARY KEY, amount numeric, curr char(3),
  CHECK ((amount IS NULL AND curr IS NULL) OR (amount IS NOT NULL AND curr IS NOT NULL)));
CREATE TABLE orders (id serial PRIMARY KEY, currency char(3) NOT NULL, total numeric(10,2));`;

describe('spot-checked columns look real', () => {
  beforeAll(async () => {
    db = await createTestDatabase('spotchecks');
  });
  afterAll(async () => db.close());

  it('countries, address lines, enums, currencies and rare events', async () => {
    const { target } = await loadGenerated(db, SPOTS, { defaultRows: 2000, seed: 4 });
    const q = (sql: string) => count(target, sql);
    const countries = await target.query<{ iso_name: string; iso: string; iso3: string; name: string }>(
      'SELECT iso_name, iso, iso3, name FROM spree_countries WHERE name IS NOT NULL',
    );
    expect(countries.length).toBeGreaterThan(1500);
    const wrong = countries.filter((c) => {
      const codes = codesOfCountry(c.name);
      return (
        codes === undefined ||
        (c.iso !== null && c.iso !== codes.alpha2) ||
        (c.iso3 !== null && c.iso3 !== codes.alpha3) ||
        (c.iso_name !== null && c.iso_name !== c.name.toUpperCase())
      );
    });
    expect(wrong).toEqual([]);
    expect(await q(`SELECT count(*) AS n FROM location WHERE line_one !~ '^[0-9]+ [0-9A-Z]'`)).toBe(0);
    expect(await q(`SELECT count(*) AS n FROM location WHERE line_two !~ '^(Apt\\.|Suite) [0-9]+$'`)).toBe(0);
    expect(await q(`SELECT count(*) AS n FROM location WHERE mail_code !~ '^[0-9]{5}(-[0-9]{4})?$'`)).toBe(0);
    expect(await q('SELECT count(*) AS n FROM statuses WHERE visibility NOT BETWEEN 0 AND 3')).toBe(0);
    expect(await q('SELECT count(*) AS n FROM statuses WHERE visibility = 0')).toBeGreaterThan(800);
    expect(await q('SELECT count(*) AS n FROM statuses WHERE visibility = 3')).toBeGreaterThan(50);
    expect(await q('SELECT count(*) AS n FROM accounts WHERE protocol NOT IN (0, 1)')).toBe(0);
    expect(await q('SELECT count(*) AS n FROM accounts WHERE status NOT BETWEEN 0 AND 3')).toBe(0);
    expect(await q('SELECT count(*) AS n FROM accounts WHERE protocol = 1')).toBeGreaterThan(200);
    // A few currencies hold most rows; the rest of ISO 4217 still appears.
    expect(await q("SELECT count(*) AS n FROM orders WHERE currency = 'USD'")).toBeGreaterThan(550);
    expect(
      await q("SELECT count(*) AS n FROM orders WHERE currency IN ('USD', 'EUR', 'GBP')"),
    ).toBeGreaterThan(1200);
    // Version 23: the currencies businesses bill in (realism30); the long tail of ISO 4217 before.
    expect(await q('SELECT count(DISTINCT currency) AS n FROM orders')).toBeGreaterThan(10);
    expect(await q("SELECT count(*) AS n FROM ar WHERE curr !~ '^[A-Z]{3}$'")).toBe(0);
    expect(await q("SELECT count(*) AS n FROM ar WHERE curr = 'USD'")).toBeGreaterThan(250);
    // Deleted and archived rows are the exception (about 5%), not the rule.
    for (const rare of ['deleted_at', 'archived_on']) {
      const set = await q(`SELECT count(*) AS n FROM statuses WHERE ${rare} IS NOT NULL`);
      expect(set, rare).toBeGreaterThan(40);
      expect(set, rare).toBeLessThan(200);
    }
  });

  it('version 2 keeps its values: deleted_at set in most rows, enums over 1..10', async () => {
    const { target } = await loadGenerated(db, SPOTS, { defaultRows: 500, seed: 4, generatorVersion: 2 });
    const q = (sql: string) => count(target, sql);
    expect(await q('SELECT count(*) AS n FROM statuses WHERE deleted_at IS NOT NULL')).toBeGreaterThan(400);
    expect(await q('SELECT count(*) AS n FROM accounts WHERE status = 0')).toBe(0);
  });
});

/**
 * Generator version 3: an address's region and postal code follow its
 * country (pagila's address → city → country): a Japanese address has a
 * prefecture and a `123-4567` code, a British one a county and a postcode of
 * the UK's shape, a Canadian one a province and `K1A 0B1`'s shape, a Dutch
 * one `1234 AB`; a country without a region list takes one of its cities as
 * the district; United States addresses keep their states and ZIP codes.
 * Version 2 keeps US states and ZIPs everywhere.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATES } from '../../src/values/semantic/locale-data.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadGenerated } from '../helpers/load-generated.js';

let db: TestDatabase;

const PLACES = `CREATE TABLE country (country_id serial PRIMARY KEY, country text NOT NULL);
CREATE TABLE city (city_id serial PRIMARY KEY, city text NOT NULL, country_id integer NOT NULL REFERENCES country);
CREATE TABLE address (address_id serial PRIMARY KEY, address text NOT NULL, address2 text,
  district text NOT NULL, city_id integer NOT NULL REFERENCES city, postal_code text, phone text NOT NULL);`;

interface Row {
  readonly country: string;
  readonly district: string;
  readonly postal_code: string | null;
}

const SHAPES: Readonly<Record<string, RegExp>> = {
  Japan: /^[1-9]\d{2}-\d{4}$/,
  'United Kingdom': /^[A-Z]{1,2}\d{1,2} \d[ABD-HJLNP-UW-Z]{2}$/,
  Canada: /^[ABCEGHJ-NPRSTVXY][1-9][ABCEGHJ-NPRSTVXY] [1-9][ABCEGHJ-NPRSTVXY][1-9]$/,
  Netherlands: /^[1-9]\d{3} [A-Z]{2}$/,
  Benin: /^[1-9]\d{4}$/,
  'United States of America': /^\d{5}(-\d{4})?$/,
};

/** Every region a country's addresses may name (Benin has no list: its cities). */
const REGIONS: Readonly<Record<string, readonly string[]>> = {
  Japan:
    'Tokyo Osaka Kanagawa Aichi Saitama Chiba Hyogo Hokkaido Fukuoka Shizuoka Hiroshima Kyoto Miyagi Nagano Okinawa Nagasaki'.split(
      ' ',
    ),
  Netherlands: ['North Holland', 'South Holland', 'Utrecht', 'North Brabant', 'Gelderland', 'Groningen'],
  Benin: ['Porto-Novo', 'Cotonou', 'Parakou'],
};

const US_STATES = new Set(STATES.map((s) => s.name));

async function addresses(generatorVersion: number): Promise<Row[]> {
  const { target, counts } = await loadGenerated(db, PLACES, {
    tables: { country: 400, city: 800, address: 8000 },
    seed: 3,
    generatorVersion,
  });
  expect(counts.get('public.address')).toBe(8000);
  return target.query<Row>(
    `SELECT co.country, a.district, a.postal_code FROM address a
       JOIN city USING (city_id) JOIN country co USING (country_id)`,
  );
}

describe('an address follows its country', () => {
  beforeAll(async () => {
    db = await createTestDatabase('addresscountry');
  });
  afterAll(async () => db.close());

  it('districts and postal codes of the row’s country (version 3)', async () => {
    const rows = await addresses(3);
    // US states only in the United States, wherever the address is.
    const american = (r: Row) => r.country === 'United States of America';
    expect(rows.filter((r) => US_STATES.has(r.district) !== american(r)).slice(0, 5)).toEqual([]);
    const present = Object.keys(SHAPES).filter((c) => rows.filter((r) => r.country === c).length >= 10);
    expect(present.length).toBeGreaterThanOrEqual(4);
    for (const country of present) {
      const mine = rows.filter((r) => r.country === country);
      const codes = mine.flatMap((r) => (r.postal_code === null ? [] : [r.postal_code]));
      expect(codes.length, country).toBeGreaterThan(5);
      expect(
        codes.filter((c) => !(SHAPES[country] as RegExp).test(c)),
        country,
      ).toEqual([]);
      const regions = REGIONS[country];
      if (regions !== undefined) {
        expect(
          mine.filter((r) => !regions.includes(r.district)),
          country,
        ).toEqual([]);
      }
    }
  });

  it('version 2 keeps US states and ZIP codes everywhere', async () => {
    const rows = await addresses(2);
    expect(rows.every((r) => US_STATES.has(r.district))).toBe(true);
    expect(
      rows.every((r) => r.postal_code === null || SHAPES['United States of America']?.test(r.postal_code)),
    ).toBe(true);
  });
});

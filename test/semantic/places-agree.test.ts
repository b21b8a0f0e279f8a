/**
 * Generator version 3: a city agrees with its country. A `city` table whose
 * rows point at a `country` table (pagila) names cities of the country the
 * row's FK picks; a row with both a city and a country column (name or
 * code) names a city of its own country; version 2 keeps its cities.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citiesOfCountry } from '../../src/values/semantic/country-cities.js';
import { CITIES } from '../../src/values/semantic/locale-data.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadGenerated } from '../helpers/load-generated.js';

let db: TestDatabase;

const PLACES = `CREATE TABLE country (country_id serial PRIMARY KEY, country text NOT NULL,
  last_update timestamp NOT NULL DEFAULT now());
CREATE TABLE city (city_id serial PRIMARY KEY, city text NOT NULL,
  country_id integer NOT NULL REFERENCES country, last_update timestamp NOT NULL DEFAULT now());
CREATE TABLE office (id serial PRIMARY KEY, city varchar(40) NOT NULL, country_code char(2) NOT NULL);
CREATE TABLE supplier (id serial PRIMARY KEY, name text, city text, country text);`;

interface Place {
  readonly city: string;
  readonly country: string;
}

/** Whether a row's city is one of its country's (the United States: faker's US cities). */
function agrees(p: Place): boolean {
  const cities = citiesOfCountry(p.country);
  if (cities === undefined) return false;
  return (cities === 'us' ? CITIES : cities).includes(p.city);
}

describe('cities of their country', () => {
  beforeAll(async () => {
    db = await createTestDatabase('placesagree');
  });
  afterAll(async () => db.close());

  it("pagila's city names a city of the country its country_id picks; rows with a country column agree too", async () => {
    const { target, counts } = await loadGenerated(db, PLACES, { defaultRows: 400, seed: 8 });
    expect(counts.get('public.city')).toBe(400);
    const linked = await target.query<Place>(
      'SELECT ci.city, co.country FROM city ci JOIN country co USING (country_id)',
    );
    expect(linked).toHaveLength(400);
    expect(linked.filter((p) => !agrees(p))).toEqual([]);
    // Many countries, not the United States everywhere.
    expect(new Set(linked.map((p) => p.country)).size).toBeGreaterThan(50);
    const offices = await target.query<Place>('SELECT city, country_code AS country FROM office');
    expect(offices.filter((p) => !agrees(p))).toEqual([]);
    expect(offices.some((p) => p.country === 'JP' || p.country === 'DE' || p.country === 'FR')).toBe(true);
    const suppliers = await target.query<Place>(
      'SELECT city, country FROM supplier WHERE city IS NOT NULL AND country IS NOT NULL',
    );
    expect(suppliers.length).toBeGreaterThan(200);
    expect(suppliers.filter((p) => !agrees(p))).toEqual([]);
  });

  it('version 2 keeps its cities (independent of the country)', async () => {
    const { target } = await loadGenerated(db, PLACES, { defaultRows: 200, seed: 8, generatorVersion: 2 });
    const linked = await target.query<Place>(
      'SELECT ci.city, co.country FROM city ci JOIN country co USING (country_id)',
    );
    expect(linked.every((p) => CITIES.includes(p.city))).toBe(true);
  });
});

/**
 * Generator version 3: a country table's ISO numeric code (spree/solidus
 * `numcode integer`) is its own country's (`196` beside `Cyprus`), read
 * from its name column, else its alpha code column; and an address's third
 * line (LedgerSMB's `line_three`) is mostly NULL, else a short locality
 * line (`Upper Kessler`, `PO Box 2817`, `Building 4`), not random words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codesOfCountry } from '../../src/values/semantic/country-cities.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadGenerated } from '../helpers/load-generated.js';

let db: TestDatabase;

const DDL = `CREATE TABLE spree_countries (id serial PRIMARY KEY, iso_name varchar, iso varchar, iso3 varchar,
  name varchar, numcode integer, states_required boolean DEFAULT false);
CREATE TABLE countries (id serial PRIMARY KEY, code char(2) NOT NULL, numeric_code smallint NOT NULL);
CREATE TABLE location (id serial PRIMARY KEY, line_one text NOT NULL, line_two text, line_three text,
  city text NOT NULL, state text, mail_code text);`;

const THIRD_LINE =
  /^((North|South|East|West|Upper|Lower|Old|New|Little|Great) [A-Z][A-Za-z' -]+|PO Box \d{3,4}|Building \d{1,2}|Old Town|Town Centre|Business Park|Industrial Estate|Rear Entrance)$/;

describe('country numbers and third address lines', () => {
  beforeAll(async () => {
    db = await createTestDatabase('countrynumbers');
  });
  afterAll(async () => db.close());

  it('numcode is the ISO numeric code of the row’s country; line_three mostly NULL, else a locality line', async () => {
    const { target } = await loadGenerated(db, DDL, { defaultRows: 2000, seed: 12 });
    const countries = await target.query<{ name: string | null; iso: string | null; numcode: number | null }>(
      'SELECT name, iso, numcode FROM spree_countries WHERE numcode IS NOT NULL',
    );
    const named = countries.filter((c) => c.name !== null);
    expect(named.length).toBeGreaterThan(1000);
    expect(
      named.filter((c) => String(c.numcode) !== codesOfCountry(c.name as string)?.numeric).slice(0, 5),
    ).toEqual([]);
    // Cyprus is 196, Japan 392: real codes, not random integers.
    expect(named.every((c) => (c.numcode as number) > 0 && (c.numcode as number) < 1000)).toBe(true);
    const coded = await target.query<{ code: string; numeric_code: number }>(
      'SELECT code, numeric_code FROM countries',
    );
    expect(
      coded.filter((c) => String(c.numeric_code) !== codesOfCountry(c.code)?.numeric).slice(0, 5),
    ).toEqual([]);
    const lines = await target.query<{ line_three: string | null }>('SELECT line_three FROM location');
    const filled = lines.flatMap((l) => (l.line_three === null ? [] : [l.line_three]));
    expect(filled.length).toBeGreaterThan(100);
    expect(filled.length).toBeLessThan(500);
    expect(filled.filter((l) => !THIRD_LINE.test(l)).slice(0, 5)).toEqual([]);
  });

  it('version 2 keeps its values (random numbers, a third line as often filled as any column)', async () => {
    const { target } = await loadGenerated(db, DDL, { defaultRows: 500, seed: 12, generatorVersion: 2 });
    const lines = await target.query<{ n: string }>('SELECT count(line_three) AS n FROM location');
    expect(Number(lines[0]?.n)).toBeGreaterThan(350);
  });
});

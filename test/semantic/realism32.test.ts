import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRST_NAMES } from '../../src/values/semantic/locale-data.js';
import { INDUSTRIES, SKILLS } from '../../src/values/semantic/work-words25.js';
import { count } from '../checks/check-fixture.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadGenerated } from '../helpers/load-generated.js';
import { planSources } from '../helpers/plan-sources.js';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('realism32');
}, 300_000);
afterAll(async () => db.close());

const where = (target: TestDatabase, table: string, w: string) =>
  count(target, `SELECT count(*) AS n FROM ${table} WHERE ${w}`);
const column = async (target: TestDatabase, sql: string): Promise<string[]> =>
  (await target.query<{ v: string }>(sql)).map((r) => r.v);

const HIRING = `CREATE TABLE companies (id serial PRIMARY KEY, name text NOT NULL, industry text);
CREATE TABLE jobs (id serial PRIMARY KEY, company_id int NOT NULL REFERENCES companies(id), title text NOT NULL,
  description text, salary_min int, salary_max int, skills text);
CREATE TABLE applications (id serial PRIMARY KEY, job_id int NOT NULL REFERENCES jobs(id), applied_at timestamptz NOT NULL,
  cover_letter text, notes text, reviewed_by text);
CREATE TABLE interviews (id serial PRIMARY KEY, application_id int NOT NULL REFERENCES applications(id),
  interviewer text NOT NULL, scheduled_at timestamptz NOT NULL, feedback text);`;
const HIRING_ROWS = { companies: 100, jobs: 200, applications: 300, interviews: 300 };

describe("generator version 25: a recruiting schema's people, words and pay", () => {
  it("interviewers are people, industries and skills a vocabulary's, pay yearly with its minimum first, letters in sentences", async () => {
    const { target } = await loadGenerated(db, HIRING, {
      tables: HIRING_ROWS,
      seed: 32,
      generatorVersion: 25,
    });
    const firsts = new Set(FIRST_NAMES);
    const people = await column(
      target,
      'SELECT interviewer AS v FROM interviews UNION ALL SELECT reviewed_by FROM applications WHERE reviewed_by IS NOT NULL',
    );
    expect(people.length).toBeGreaterThan(500);
    expect(people.filter((p) => !firsts.has(p.split(' ')[0] ?? '')).length).toBe(0);
    const industries = await column(target, 'SELECT industry AS v FROM companies WHERE industry IS NOT NULL');
    expect(industries.filter((i) => !INDUSTRIES.includes(i))).toEqual([]);
    const skills = await column(target, 'SELECT skills AS v FROM jobs WHERE skills IS NOT NULL');
    expect(skills.flatMap((s) => s.split(', ')).filter((s) => !SKILLS.includes(s))).toEqual([]);
    expect(await where(target, 'jobs', 'salary_min NOT BETWEEN 20000 AND 400000')).toBe(0);
    expect(await where(target, 'jobs', 'salary_max < salary_min')).toBe(0);
    expect(await where(target, 'jobs', 'salary_max IS NOT NULL AND salary_min IS NOT NULL')).toBeGreaterThan(
      100,
    );
    // A letter, feedback and notes in sentences: capitalised, ended by a full stop.
    for (const [table, text] of [
      ['applications', 'cover_letter'],
      ['applications', 'notes'],
      ['interviews', 'feedback'],
      ['jobs', 'description'],
    ])
      expect(await where(target, table as string, `${text} !~ '^[A-Z].*[.!?]$'`), `${table}.${text}`).toBe(0);
    expect(await where(target, 'applications', "cover_letter !~ '^(Dear|Hello|To whom)'")).toBe(0);
    // An interview is scheduled after its application (the row's only time, an expected one).
    const scheduled = 'interviews i JOIN applications a ON a.id = i.application_id';
    expect(await where(target, scheduled, 'i.scheduled_at < a.applied_at')).toBe(0);
    const sources = await planSources(HIRING, { generatorVersion: 25 });
    expect(sources.get('interviews.scheduled_at')).toContain(
      "days after its parent rows' public.applications.applied_at",
    );
    expect(sources.get('interviews.interviewer')).toContain("a person's name");
    expect(sources.get('jobs.salary_min')).toContain('realistic salary');
    expect(sources.get('applications.cover_letter')).toContain("a cover letter's sentences");
    // Version 24 drew words for them, and the whole int4 range for the pay.
    const v24 = await loadGenerated(db, HIRING, { tables: HIRING_ROWS, seed: 32, generatorVersion: 24 });
    const words = await column(v24.target, 'SELECT interviewer AS v FROM interviews');
    expect(words.filter((p) => firsts.has(p.split(' ')[0] ?? '')).length).toBeLessThan(30);
    expect(await where(v24.target, 'jobs', 'salary_max < salary_min')).toBeGreaterThan(30);
    expect(await where(v24.target, scheduled, 'i.scheduled_at < a.applied_at')).toBeGreaterThan(30);
  });
});

const CODES = `CREATE TABLE books (id serial PRIMARY KEY, isbn char(13) UNIQUE NOT NULL, isbn10 varchar(10), issn varchar(9));
CREATE TABLE products (id serial PRIMARY KEY, ean varchar(13), upc varchar(12), gtin varchar(14));
CREATE TABLE vehicles (id serial PRIMARY KEY, vin char(17) UNIQUE NOT NULL, make text, model text);
CREATE TABLE accounts (id serial PRIMARY KEY, iban varchar(34) NOT NULL UNIQUE, currency char(3) NOT NULL, payee_iban varchar(34));`;

/** GS1's mod 10 over every digit (EAN, UPC, GTIN, ISBN-13): the weighted sum of a valid code ends in 0. */
const gs1Valid = (code: string) =>
  [...code].reverse().reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 1 : 3), 0) % 10 === 0;
/** ISBN-10 (weights 10 … 1) and ISSN (8 … 1), X for ten: the sum divides by 11. */
const mod11Valid = (code: string) =>
  [...code].reduce((s, d, i) => s + (d === 'X' ? 10 : Number(d)) * (code.length - i), 0) % 11 === 0;
const VIN_VALUE = (c: string) =>
  /\d/.test(c)
    ? Number(c)
    : 'ABCDEFGH'.includes(c)
      ? 'ABCDEFGH'.indexOf(c) + 1
      : 'JKLMNPR'.includes(c)
        ? ([1, 2, 3, 4, 5, 7, 9]['JKLMNPR'.indexOf(c)] as number)
        : 'STUVWXYZ'.indexOf(c) + 2;
const vinValid = (vin: string) => {
  const sum = [...vin].reduce(
    (s, c, i) => s + VIN_VALUE(c) * ([8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2][i] as number),
    0,
  );
  return /^[A-HJ-NPR-Z0-9]{17}$/.test(vin) && vin[8] === (sum % 11 === 10 ? 'X' : String(sum % 11));
};
const ibanValid = (iban: string) => {
  const moved = `${iban.slice(4)}${iban.slice(0, 4)}`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  return /^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(iban) && BigInt(moved) % 97n === 1n;
};

describe('generator version 25: identifiers with their check digits', () => {
  it('ISBN-13/10, ISSN, EAN, UPC, GTIN, VIN and IBAN check, unique where the key says, a model of the make', async () => {
    const rows = { books: 300, products: 300, vehicles: 300, accounts: 300 };
    const { target } = await loadGenerated(db, CODES, { tables: rows, seed: 32, generatorVersion: 25 });
    const all = async (sql: string) => (await column(target, sql)).filter((v) => v !== null);
    const isbns = await all('SELECT isbn AS v FROM books');
    expect(isbns.filter((c) => !/^978\d{10}$/.test(c) || !gs1Valid(c))).toEqual([]);
    expect(
      (await all('SELECT isbn10 AS v FROM books')).filter((c) => !/^\d{9}[\dX]$/.test(c) || !mod11Valid(c)),
    ).toEqual([]);
    const issns = await all('SELECT issn AS v FROM books');
    expect(issns.filter((c) => !/^\d{4}-\d{3}[\dX]$/.test(c) || !mod11Valid(c.replace('-', '')))).toEqual([]);
    for (const [name, digits] of [
      ['ean', 13],
      ['upc', 12],
      ['gtin', 14],
    ] as const)
      expect(
        (await all(`SELECT ${name} AS v FROM products`)).filter((c) => c.length !== digits || !gs1Valid(c)),
        name,
      ).toEqual([]);
    expect((await all('SELECT vin AS v FROM vehicles')).filter((v) => !vinValid(v))).toEqual([]);
    const ibans = await all('SELECT iban AS v FROM accounts UNION ALL SELECT payee_iban FROM accounts');
    expect(ibans.filter((v) => !ibanValid(v))).toEqual([]);
    expect(await where(target, 'accounts', "currency = 'GBP' AND payee_iban NOT LIKE 'GB%'")).toBe(0);
    expect(
      await where(target, 'vehicles', "make = 'Toyota' AND model NOT IN ('Corolla', 'Camry', 'RAV4')"),
    ).toBe(0);
    const sources = await planSources(CODES, { generatorVersion: 25 });
    expect(sources.get('books.isbn')).toContain('an ISBN-13 with its check digit');
    expect(sources.get('vehicles.vin')).toContain('a VIN with its check digit');
    const v24 = await loadGenerated(db, CODES, { tables: rows, seed: 32, generatorVersion: 24 });
    expect(await where(v24.target, 'books', "isbn ~ '^[0-9]{13}$'")).toBe(0);
  });
});

const HOMES = `CREATE TABLE properties (id serial PRIMARY KEY, city text NOT NULL, state char(2), country text,
  latitude double precision, longitude double precision, bedrooms int, bathrooms numeric(3,1), square_feet int,
  year_built int, hoa_fee numeric(8,2), description text);
CREATE TABLE listings (id serial PRIMARY KEY, property_id int NOT NULL REFERENCES properties(id), list_price numeric(12,2) NOT NULL,
  status text NOT NULL CHECK (status IN ('active','pending','sold','withdrawn')), listed_at timestamptz NOT NULL,
  sold_at timestamptz, sold_price numeric(12,2));
CREATE TABLE places (id serial PRIMARY KEY, city text, country_code char(2), lat numeric(9,6), lng numeric(9,6));`;
/** A few boxes of the test's own, a little wider than the land: states, then countries (`DE` is both). */
const STATE_BOXES = `(VALUES ('TX', 25, 37, -107, -93), ('CA', 32, 42.5, -125, -114), ('NY', 40, 45.5, -80, -71.5), ('FL', 24, 31.5, -88, -79.5)) AS b(code, s, n, w, e)`;
const COUNTRY_BOXES = `(VALUES ('FR', 41, 52, -6, 10), ('DE', 47, 55.5, 5, 16), ('JP', 30, 46, 128, 146), ('BR', -34, 6, -74, -34),
  ('GB', 49.5, 59, -8, 2), ('IT', 36.5, 47.5, 6, 19), ('ES', 35.5, 44, -10, 4), ('US', 24, 50, -125, -66), ('CA', 41, 61, -136, -52),
  ('AU', -39, -11, 113, 154), ('IN', 7, 33, 67, 90), ('CN', 21, 46, 97, 124)) AS b(code, s, n, w, e)`;

describe("generator version 25: a home's numbers, its sale and its place", () => {
  it('bedrooms to prices in their ranges, a sold date exactly on a sale, coordinates inside the state or country', async () => {
    const rows = { properties: 400, listings: 400, places: 400 };
    const { target } = await loadGenerated(db, HOMES, { tables: rows, seed: 32, generatorVersion: 25 });
    expect(
      await where(target, 'properties', 'bedrooms NOT BETWEEN 1 AND 6 OR bathrooms NOT BETWEEN 1 AND 4.5'),
    ).toBe(0);
    expect(
      await where(
        target,
        'properties',
        'square_feet NOT BETWEEN 600 AND 6000 OR year_built NOT BETWEEN 1900 AND 2024',
      ),
    ).toBe(0);
    expect(await where(target, 'properties', 'hoa_fee NOT BETWEEN 50 AND 800')).toBe(0);
    expect(await where(target, 'properties', "description !~ '^[A-Z].*\\.$'")).toBe(0);
    expect(await where(target, 'listings', 'list_price NOT BETWEEN 90000 AND 3000000')).toBe(0);
    expect(
      await where(target, 'listings', 'sold_price NOT BETWEEN list_price * 0.9 AND list_price * 1.05'),
    ).toBe(0);
    expect(await where(target, 'listings', "(sold_at IS NOT NULL) <> (status = 'sold')")).toBe(0);
    expect(await where(target, 'listings', 'sold_at < listed_at')).toBe(0);
    const boxOf = (code: string) => (code === 'state' ? STATE_BOXES : COUNTRY_BOXES);
    const outside = (table: string, code: string, lat: string, lng: string) =>
      where(
        target,
        `${table} JOIN ${boxOf(code)} ON b.code = ${code}`,
        `${lat} NOT BETWEEN s AND n OR ${lng} NOT BETWEEN w AND e`,
      );
    const inside = (table: string, code: string) =>
      where(target, `${table} JOIN ${boxOf(code)} ON b.code = ${code}`, 'true');
    // A state of the United States (a row of another country has that country's regions and box).
    const us =
      "(SELECT * FROM properties WHERE coalesce(country, 'United States of America') = 'United States of America') p";
    expect(await inside(us, 'state')).toBeGreaterThan(20);
    expect(await outside(us, 'state', 'latitude', 'longitude')).toBe(0);
    expect(await inside('places', 'country_code')).toBeGreaterThan(5);
    expect(await outside('places', 'country_code', 'lat', 'lng')).toBe(0);
    const sources = await planSources(HOMES, { generatorVersion: 25 });
    expect(sources.get('properties.bedrooms')).toContain('bedrooms (1 to 6');
    expect(sources.get('places.lat')).toContain("inside the row's US state's or country's box");
    expect(sources.get('listings.sold_at')).toContain('set exactly when status has reached its step');
    const v24 = await loadGenerated(db, HOMES, { tables: rows, seed: 32, generatorVersion: 24 });
    expect(await where(v24.target, 'properties', 'bedrooms > 6')).toBeGreaterThan(100);
    expect(await where(v24.target, 'listings', "(sold_at IS NOT NULL) <> (status = 'sold')")).toBeGreaterThan(
      100,
    );
  });
});

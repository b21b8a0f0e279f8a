import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { count } from '../checks/check-fixture.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { loadGenerated } from '../helpers/load-generated.js';
import { planSources } from '../helpers/plan-sources.js';

/** Session 38's shapes (issue 11): columns whose names tell a small domain, ratings, estimates, tags. */
const SHAPES = `CREATE TABLE employees (id serial PRIMARY KEY, marital_status varchar(20), status varchar(20) NOT NULL,
  hire_date date NOT NULL, termination_date date, commission_pct numeric(4,2), blood_type varchar(3));
CREATE TABLE vehicles (id serial PRIMARY KEY, make text, fuel_type varchar(20), transmission varchar(20));
CREATE TABLE products (id serial PRIMARY KEY, name text, material varchar(40), tags text[]);
CREATE TABLE subscriptions (id serial PRIMARY KEY, billing_interval varchar(20), price numeric(8,2));
CREATE TABLE films (id serial PRIMARY KEY, title text NOT NULL, rating varchar(10), stars smallint);
CREATE TABLE reviews (id serial PRIMARY KEY, film_id int REFERENCES films (id), rating int, score int, body text);
CREATE TABLE repositories (id serial PRIMARY KEY, name text, stars int NOT NULL);
CREATE TABLE projects (id serial PRIMARY KEY, name text NOT NULL);
CREATE TABLE labels (id serial PRIMARY KEY, project_id int NOT NULL REFERENCES projects (id), name varchar(50) NOT NULL,
  color char(7));
CREATE TABLE issues (id serial PRIMARY KEY, project_id int NOT NULL REFERENCES projects (id), title text NOT NULL,
  story_points int);
CREATE TABLE events (id serial PRIMARY KEY, title text, venue text);`;

const ROWS = {
  employees: 300,
  vehicles: 100,
  products: 100,
  subscriptions: 100,
  films: 100,
  reviews: 200,
  repositories: 50,
  projects: 10,
  labels: 60,
  issues: 200,
  events: 50,
};

let db: TestDatabase;
let target: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('realism38');
  ({ target } = await loadGenerated(db, SHAPES, { tables: ROWS, seed: 38, generatorVersion: 31 }));
}, 300_000);
afterAll(async () => db.close());

const where = (table: string, w: string) => count(target, `SELECT count(*) AS n FROM ${table} WHERE ${w}`);
const list = (words: readonly string[]) => words.map((w) => `'${w}'`).join(', ');
const outside = (table: string, column: string, words: readonly string[]) =>
  where(table, `${column} NOT IN (${list(words)})`);

describe('generator version 31: data a person would take for real', () => {
  it("gives a column its domain's words where its name tells the domain", async () => {
    // Were an employee's status (`active`, `terminated`) and readable words (`astonishing` fuel).
    expect(
      await outside('employees', 'marital_status', ['married', 'single', 'divorced', 'widowed', 'separated']),
    ).toBe(0);
    expect(await outside('employees', 'blood_type', ['O+', 'A+', 'B+', 'O-', 'A-', 'AB+', 'B-', 'AB-'])).toBe(
      0,
    );
    expect(await outside('vehicles', 'fuel_type', ['petrol', 'diesel', 'hybrid', 'electric', 'lpg'])).toBe(0);
    expect(await outside('vehicles', 'transmission', ['automatic', 'manual', 'CVT'])).toBe(0);
    expect(
      await outside('subscriptions', 'billing_interval', ['monthly', 'yearly', 'quarterly', 'weekly']),
    ).toBe(0);
    expect(await outside('films', 'rating', ['G', 'PG', 'PG-13', 'R', 'NC-17', 'NR'])).toBe(0);
    expect(await where('labels', "name IN ('bug', 'enhancement', 'documentation')")).toBeGreaterThan(10);
    expect(await where('events', "venue !~ '^[A-Z][a-z]+ [A-Z][a-z]+( Center)?$'")).toBe(0);
    expect(await where('products', "material !~ '^[a-z ]+$'")).toBe(0);
    // marital_status comes first, yet the termination date follows the employee's status.
    expect(await where('employees', "(termination_date IS NOT NULL) <> (status = 'terminated')")).toBe(0);
    expect(await where('employees', 'marital_status IS NOT NULL')).toBeGreaterThan(200);
    const sources = await planSources(SHAPES, { generatorVersion: 31 });
    expect(sources.get('employees.marital_status')).toContain("its domain's words: married 48%");
    expect(sources.get('films.rating')).toContain('R 32%, PG-13 30%');
    const before = await planSources(SHAPES, { generatorVersion: 30 });
    expect(before.get('employees.marital_status')).toContain('active');
    expect(before.get('vehicles.fuel_type')).not.toContain("domain's words");
  });

  it('rates on 1 to 5 stars, estimates in story points, scores a review high', async () => {
    expect(await where('films', 'stars NOT BETWEEN 1 AND 5')).toBe(0);
    expect(await where('films', 'stars >= 4')).toBeGreaterThan(40);
    expect(await where('reviews', 'rating NOT BETWEEN 1 AND 5')).toBe(0);
    // A repository's stars still count people.
    expect(await where('repositories', 'stars > 5')).toBeGreaterThan(10);
    expect(await outside('issues', 'story_points', ['1', '2', '3', '5', '8', '13', '21'])).toBe(0);
    const median = await count(
      target,
      'SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY score) AS n FROM reviews',
    );
    expect(median).toBeGreaterThanOrEqual(80);
    expect(await where('reviews', 'score NOT BETWEEN 0 AND 100')).toBe(0);
    expect(await where('reviews', 'score < 70')).toBeGreaterThan(0);
    expect(await where('employees', 'commission_pct NOT BETWEEN 0 AND 0.35')).toBe(0);
    expect(await where('employees', 'commission_pct = 0')).toBeGreaterThan(100);
    const sources = await planSources(SHAPES, { generatorVersion: 31 });
    expect(sources.get('issues.story_points')).toContain('planning scale');
    expect(sources.get('reviews.score')).toContain("a review's score out of 100");
    expect(sources.get('repositories.stars')).not.toContain('1 to 5 stars');
  });

  it("writes a de run's domain words and tags in German", async () => {
    const de = await planSources(SHAPES, { generatorVersion: 31, locale: 'de' });
    expect(de.get('employees.marital_status')).toContain('verheiratet');
    expect(de.get('vehicles.fuel_type')).toContain('Benzin');
    const dir = tempDir();
    writeFileSync(join(dir, 'schema.sql'), SHAPES);
    const output = join(dir, 'de.sql');
    await generate({
      schema: [join(dir, 'schema.sql')],
      output,
      tables: { products: 100 },
      defaultRows: 0,
      seed: 38,
      locale: 'de',
      generatorVersion: 31,
    });
    const copy = readFileSync(output, 'utf8').split('COPY public.products')[1]?.split('\\.')[0] ?? '';
    const tags = [...copy.matchAll(/\{([^}]*)\}/g)].flatMap((m) => (m[1] ?? '').split(',')).filter(Boolean);
    expect(tags.length).toBeGreaterThan(50);
    // Were en's words in every locale (`new`, `imported`, `summer`).
    expect(tags.filter((t) => ['new', 'sale', 'imported', 'summer', 'kids', 'gift'].includes(t))).toEqual([]);
    expect(tags.some((t) => ['neu', 'sommer', 'kinder', 'angebot'].includes(t))).toBe(true);
  });
});

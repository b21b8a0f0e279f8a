/**
 * Generator version 17 (issue 11), measured on minimal schemas loaded into
 * the real server: TPC-H's order status as its lines say. Version 16,
 * pinned, keeps what it made.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describePlan, planGeneration } from '../../src/index.js';
import { count } from '../checks/check-fixture.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { loadGenerated } from '../helpers/load-generated.js';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('realismv17');
}, 300_000);
afterAll(async () => db.close());

/** A column's `datagen plan` words. */
async function planSource(ddl: string, tables: Record<string, number>, table: string, column: string) {
  const file = join(tempDir(), 'schema.sql');
  writeFileSync(file, ddl);
  const { plan, schema } = await planGeneration({ schema: [file], tables });
  return describePlan(plan, schema)
    .tables.find((t) => t.table === `public.${table}`)
    ?.columns.find((c) => c.name === column)?.source;
}

/** The TPC-H template as shipped (lines keyed by (l_orderkey, l_linenumber), CHECK-listed flags). */
const TPCH = readFileSync(new URL('../../templates/tpch.sql', import.meta.url), 'utf8');
const TPCH_ROWS = { orders: 1500, lineitem: 6000, customer: 150, part: 200, partsupp: 800, supplier: 10 };
/** Orders whose status is not what their lines' statuses say (F all shipped, O none, else P), of those with lines. */
const STATUS_OFF = `SELECT count(*) FILTER (WHERE o_orderstatus <> CASE WHEN all_f THEN 'F' WHEN all_o THEN 'O' ELSE 'P' END) AS off,
    count(*) FILTER (WHERE o_orderstatus = 'P') AS p, count(*) AS n
  FROM (SELECT o_orderstatus, bool_and(l_linestatus = 'F') AS all_f, bool_and(l_linestatus = 'O') AS all_o
    FROM orders JOIN lineitem ON l_orderkey = o_orderkey GROUP BY o_orderkey, o_orderstatus) x`;

describe("generator version 17: TPC-H's order status as its lines say", () => {
  it('no P order has all its lines shipped or none; F and O orders agree with every line', async () => {
    const { target } = await loadGenerated(db, TPCH, { tables: TPCH_ROWS, seed: 17 });
    const row = (await target.query<{ off: string; p: string; n: string }>(STATUS_OFF))[0];
    expect(Number(row?.n)).toBeGreaterThan(1400);
    expect(Number(row?.off)).toBe(0);
    expect(Number(row?.p)).toBeGreaterThan(10);
    // Version 16 judged by the order's date alone: P orders whose lines all shipped, or none.
    const old = await loadGenerated(db, TPCH, { tables: TPCH_ROWS, seed: 17, generatorVersion: 16 });
    const before = (await old.target.query<{ off: string }>(STATUS_OFF))[0];
    expect(Number(before?.off)).toBeGreaterThan(5);
  });

  it('datagen plan says the status follows the lines and is one of the CHECK values', async () => {
    const source = await planSource(TPCH, TPCH_ROWS, 'orders', 'o_orderstatus');
    expect(source).toContain("F when all its lines' l_linestatus are F, O when all are O, else P");
    expect(source).toContain("one of the CHECK's values");
  });
});

/** A blog, its users and tags, a shop's products, OMOP's person and a portfolio's assets. */
const APPS = `CREATE TABLE person (person_id integer PRIMARY KEY, gender_concept_id integer NOT NULL,
  year_of_birth integer NOT NULL, month_of_birth integer NULL, day_of_birth integer NULL, birth_datetime timestamp NULL);
CREATE TABLE posts (id serial PRIMARY KEY, title varchar(200) NOT NULL, slug varchar(40) NOT NULL UNIQUE, tags text[],
  status integer NOT NULL, state smallint);
CREATE TABLE users (id serial PRIMARY KEY, first_name text NOT NULL, last_name text NOT NULL, username varchar(40) UNIQUE);
CREATE TABLE tags (id serial PRIMARY KEY, name varchar(50) NOT NULL UNIQUE);
CREATE TABLE products (id serial PRIMARY KEY, name text NOT NULL, slug text, tags varchar(255));
CREATE TABLE assets (id serial PRIMARY KEY, symbol text NOT NULL, iso_3166_2 varchar(6));`;
const APP_ROWS = { person: 300, posts: 300, users: 300, tags: 60, products: 300, assets: 300 };
const TOPICS =
  "'javascript', 'python', 'postgresql', 'react', 'css', 'docker', 'linux', 'security', 'testing', 'performance', 'design', 'career', 'travel', 'food', 'photography', 'music', 'health', 'fitness', 'finance', 'startup', 'marketing', 'productivity', 'tutorial', 'news', 'opinion', 'review', 'release', 'howto', 'beginners', 'ai', 'data', 'web', 'mobile', 'cloud', 'api', 'opensource', 'devops', 'books', 'science', 'education'";

describe('generator version 17: values made from the row and from meaning', () => {
  it("OMOP's birth parts agree with birth_datetime; slugs are the title in kebab case; usernames the person's", async () => {
    // Version 18's numbered title slugs (version 19 makes distinct titles whose slugs need no number: realism26).
    const { target } = await loadGenerated(db, APPS, { tables: APP_ROWS, seed: 17, generatorVersion: 18 });
    const zero = async (sql: string) => expect(await count(target, sql), sql).toBe(0);
    await zero(`SELECT count(*) AS n FROM person WHERE year_of_birth NOT BETWEEN 1930 AND 2015
      OR month_of_birth NOT BETWEEN 1 AND 12 OR day_of_birth NOT BETWEEN 1 AND 31`);
    await zero(`SELECT count(*) AS n FROM person WHERE birth_datetime IS NOT NULL AND (year_of_birth <> extract(year FROM birth_datetime)
      OR month_of_birth <> extract(month FROM birth_datetime) OR day_of_birth <> extract(day FROM birth_datetime))`);
    expect(
      await count(target, 'SELECT count(*) AS n FROM person WHERE birth_datetime IS NOT NULL'),
    ).toBeGreaterThan(200);
    // Every slug the lowercased hyphenated title (cut at a word to fit varchar(40)), then the row's number.
    await zero(`SELECT count(*) AS n FROM posts WHERE slug !~ '^[a-z0-9]+(-[a-z0-9]+)*-[0-9]+$'
      OR left(trim(both '-' from regexp_replace(lower(title), '[^a-z0-9]+', '-', 'g')), length(regexp_replace(slug, '-[0-9]+$', '')))
        <> regexp_replace(slug, '-[0-9]+$', '')`);
    await zero(`SELECT count(*) AS n FROM products WHERE slug IS NOT NULL
      AND slug <> trim(both '-' from regexp_replace(lower(name), '[^a-z0-9]+', '-', 'g'))`);
    await zero(`SELECT count(*) AS n FROM users WHERE username IS NOT NULL AND username NOT LIKE
      regexp_replace(lower(first_name), '[^a-z]', '', 'g') || '.' || regexp_replace(lower(last_name), '[^a-z]', '', 'g') || '%'`);
    // Status codes kept as integers: a small skewed set, not a spread.
    await zero(
      'SELECT count(*) AS n FROM posts WHERE status NOT BETWEEN 0 AND 4 OR state NOT BETWEEN 0 AND 4',
    );
    expect(await count(target, 'SELECT count(*) AS n FROM posts WHERE status = 0')).toBeGreaterThan(
      await count(target, 'SELECT count(*) AS n FROM posts WHERE status = 4'),
    );
    // Tickers and ISO 3166-2 codes.
    await zero(
      "SELECT count(*) AS n FROM assets WHERE symbol !~ '^[A-Z]{1,5}$' OR iso_3166_2 !~ '^[A-Z]{2}-[A-Z0-9]{1,3}$'",
    );
  });

  it('tags are short topic words (attributes for products), 0-5 per row, popular ones most often', async () => {
    const { target } = await loadGenerated(db, APPS, { tables: APP_ROWS, seed: 17 });
    const zero = async (sql: string) => expect(await count(target, sql), sql).toBe(0);
    await zero(`SELECT count(*) AS n FROM posts, unnest(tags) t WHERE t NOT IN (${TOPICS})`);
    await zero('SELECT count(*) AS n FROM posts WHERE cardinality(tags) > 5');
    await zero(
      `SELECT count(*) AS n FROM tags WHERE regexp_replace(name, '-[0-9]+$', '') NOT IN (${TOPICS})`,
    );
    await zero("SELECT count(*) AS n FROM products WHERE tags !~ '^[a-z]+(-[a-z]+)?$'");
    // The most used tag far above the least used one.
    const top = await count(
      target,
      'SELECT max(n) AS n FROM (SELECT count(*) AS n FROM posts, unnest(tags) t GROUP BY t) x',
    );
    const bottom = await count(
      target,
      'SELECT min(n) AS n FROM (SELECT count(*) AS n FROM posts, unnest(tags) t GROUP BY t) x',
    );
    expect(top).toBeGreaterThan(3 * bottom);
    // Version 16 drew them apart.
    const old = await loadGenerated(db, APPS, { tables: APP_ROWS, seed: 17, generatorVersion: 16 });
    expect(
      await count(
        old.target,
        'SELECT count(*) AS n FROM person WHERE year_of_birth NOT BETWEEN 1930 AND 2015',
      ),
    ).toBeGreaterThan(100);
    expect(
      await count(old.target, `SELECT count(*) AS n FROM posts, unnest(tags) t WHERE t NOT IN (${TOPICS})`),
    ).toBeGreaterThan(100);
  });

  it('datagen plan says where each value comes from', async () => {
    const source = (table: string, column: string) => planSource(APPS, APP_ROWS, table, column);
    expect(await source('person', 'month_of_birth')).toContain('the month of birth_datetime in the row');
    expect(await source('products', 'slug')).toContain('name of the row in kebab case');
    expect(await source('posts', 'state')).toContain('a small status code 0 to 4');
    expect(await source('assets', 'symbol')).toContain('a ticker symbol');
    expect(await source('posts', 'tags')).toContain('tag words');
  });
});

describe('generator version 17: Spanish job titles under --locale es', () => {
  it("a job title is a Spanish role and function (Directora de Ventas), not faker's word salad (Ejecutivo de Factores Gerente)", async () => {
    const ddl =
      'CREATE TABLE employees (id int PRIMARY KEY, full_name text NOT NULL, job_title varchar(80) NOT NULL);';
    const spanish = `job_title ~ '^(Director|Directora|Jefe|Jefa|Analista|Ingeniero|Ingeniera|Consultor|Consultora|Técnico|Técnica|Asistente|Coordinador|Coordinadora|Gerente|Especialista|Responsable|Administrativo|Administrativa) (de |Comercial)'`;
    const { target } = await loadGenerated(db, ddl, { tables: { employees: 200 }, seed: 17, locale: 'es' });
    expect(await count(target, `SELECT count(*) AS n FROM employees WHERE NOT (${spanish})`)).toBe(0);
    const old = await loadGenerated(db, ddl, {
      tables: { employees: 200 },
      seed: 17,
      locale: 'es',
      generatorVersion: 16,
    });
    expect(
      await count(old.target, `SELECT count(*) AS n FROM employees WHERE NOT (${spanish})`),
    ).toBeGreaterThan(50);
  });
});

/**
 * Domains and composites nested as graphile's kitchen-sink schema nests them
 * (issue 8): a composite with a field of a CHECKed domain, in an array; a
 * domain over a composite whose CHECK reads its fields (`(VALUE).field`,
 * evaluated per row); arrays of such a domain (their elements' CHECK is not
 * made: the column is left NULL, or the table empty). Each shape loads into
 * the real server with every constraint in place.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFields } from '../../src/checks/record-fields.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadGenerated } from '../helpers/load-generated.js';

let db: TestDatabase;

async function load(ddl: string) {
  const { target, counts, result } = await loadGenerated(db, ddl, { defaultRows: 200, seed: 8 });
  return { target, counts, warnings: result.warnings };
}

describe('domains inside composites, composites inside domains', () => {
  beforeAll(async () => {
    db = await createTestDatabase('composite_domains');
  });
  afterAll(async () => db.close());

  it("a record's text splits into fields as record_in reads it", () => {
    expect(recordFields('(1,"a ""b"" c",)')).toEqual(['1', 'a "b" c', null]);
    expect(recordFields('("",x\\,y,"{1,2}")')).toEqual(['', 'x,y', '{1,2}']);
    expect(recordFields('not a record')).toBeUndefined();
  });

  it('a composite field of a CHECKed domain, the composite alone and in an array', async () => {
    const { target, counts, warnings } = await load(
      `CREATE DOMAIN posint AS int CHECK (VALUE > 0);
       CREATE DOMAIN short_text AS text NOT NULL CHECK (length(VALUE) <= 5);
       CREATE TYPE pair AS (x posint, y text, z short_text);
       CREATE TABLE pairs (id int PRIMARY KEY, p pair NOT NULL, ps pair[] NOT NULL);`,
    );
    expect(warnings).toEqual([]);
    expect(counts.get('public.pairs')).toBe(200);
    const [row] = await target.query<{ n: string }>(
      'SELECT count(*) AS n FROM pairs, unnest(ps) AS e WHERE (e).x IS NOT NULL',
    );
    expect(Number(row?.n)).toBeGreaterThan(0);
  });

  it('a domain over a composite whose CHECK reads its fields: evaluated per row; an array of it is left NULL, warned', async () => {
    const { target, counts, warnings } = await load(
      `CREATE TYPE line_kind AS ENUM ('TEXT', 'MENTION');
       CREATE DOMAIN line_text AS text NOT NULL;
       CREATE TYPE line_node AS (kind line_kind, body line_text);
       CREATE DOMAIN content_line AS line_node[] NOT NULL;
       CREATE TYPE base_content AS (lines content_line[], img_url text);
       CREATE DOMAIN content AS base_content NOT NULL
         CHECK ((CASE WHEN (VALUE).lines IS NULL THEN 0 ELSE 1 END + CASE WHEN (VALUE).img_url IS NULL THEN 0 ELSE 1 END) > 0);
       CREATE TABLE posts (id int PRIMARY KEY, body content NOT NULL, thread content[]);`,
    );
    expect(counts.get('public.posts')).toBe(200);
    expect(warnings.map((w) => `${w.code} ${w.where}`)).toEqual(['COLUMN_LEFT_NULL public.posts.thread']);
    const [row] = await target.query<{ n: string }>('SELECT count(*) AS n FROM posts WHERE thread IS NULL');
    expect(row?.n).toBe('200');
  });

  it('a CHECK on fields (bounds, an order between two fields): every field made inside its bounds, every row kept', async () => {
    const { target, counts, warnings } = await load(
      `CREATE TYPE work_hour_parts AS (from_hours smallint, to_hours smallint);
       CREATE DOMAIN work_hour AS work_hour_parts NOT NULL
         CHECK ((VALUE).from_hours >= 0 AND (VALUE).to_hours <= 24 AND (VALUE).from_hours < (VALUE).to_hours);
       CREATE TABLE shifts (id int PRIMARY KEY, w work_hour NOT NULL);`,
    );
    expect(warnings).toEqual([]);
    expect(counts.get('public.shifts')).toBe(200);
    const [row] = await target.query<{ n: string }>(
      'SELECT count(DISTINCT (w).from_hours) AS n FROM shifts WHERE (w).from_hours BETWEEN 0 AND 23',
    );
    expect(Number(row?.n)).toBeGreaterThan(5);
  });

  it("a composite domain's CHECK on its fields ((VALUE).hours >= 0, BETWEEN, IN), and a table CHECK on a composite column's field", async () => {
    const { target, counts, warnings } = await load(
      `CREATE TYPE hours_t AS (hours integer, minutes integer);
       CREATE DOMAIN work_hours AS hours_t CHECK ((VALUE).hours >= 0 AND (VALUE).minutes BETWEEN 0 AND 59);
       CREATE TABLE work_hour (id serial PRIMARY KEY, wh work_hours NOT NULL);
       CREATE DOMAIN rgb AS int CHECK (VALUE BETWEEN 0 AND 255);
       CREATE TYPE color AS (r rgb, g rgb, b rgb, name text);
       CREATE DOMAIN named_color AS color CHECK ((VALUE).name IN ('red', 'green') AND (VALUE).r > 10);
       CREATE TABLE paints (id int PRIMARY KEY, c named_color NOT NULL, u named_color UNIQUE,
         p color NOT NULL CHECK ((p).g < 100 AND (p).name IN ('blue')));`,
    );
    expect(warnings).toEqual([]);
    expect(counts.get('public.work_hour')).toBe(200);
    expect(counts.get('public.paints')).toBe(200);
    const [row] = await target.query<{ n: string }>(
      "SELECT count(*) AS n FROM paints WHERE (c).r > 10 AND (p).name = 'blue' AND (p).g < 100",
    );
    expect(row?.n).toBe('200');
  });

  it('a composite field of a domain whose CHECK field values are not made to: the column is left NULL (nullable) or the table empty, never a row that fails it', async () => {
    const { target, counts, warnings } = await load(
      `CREATE DOMAIN even AS int CHECK (VALUE % 2 = 0);
       CREATE TYPE holder AS (x even, y text);
       CREATE TABLE loose (id int PRIMARY KEY, p holder, e even NOT NULL);
       CREATE TABLE strict_t (id int PRIMARY KEY, p holder NOT NULL);`,
    );
    expect(counts.get('public.loose')).toBe(200);
    expect(counts.get('public.strict_t')).toBe(0);
    expect(warnings.map((w) => `${w.code} ${w.where}`)).toEqual(
      expect.arrayContaining(['COLUMN_LEFT_NULL public.loose.p', 'CHECK_NOT_COMPILED public.strict_t']),
    );
    const [row] = await target.query<{ n: string }>(
      'SELECT count(*) AS n FROM loose WHERE e % 2 = 0 AND p IS NULL',
    );
    expect(row?.n).toBe('200');
  });
});

/**
 * Numbers with sense and times in order, as PostgreSQL sees them: schemas of
 * ordinary names (rentals, Q&A, shop) generated through the library, loaded
 * with every constraint, then measured with SQL.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';

const DDL = `
CREATE TABLE film (
  film_id serial PRIMARY KEY, title text NOT NULL, description text,
  length int2 NOT NULL, rental_duration int2 NOT NULL, rental_rate numeric(4,2) NOT NULL,
  release_year int NOT NULL);
CREATE TABLE rental (
  rental_id serial PRIMARY KEY, film_id int NOT NULL REFERENCES film,
  rental_date timestamptz NOT NULL, return_date timestamptz NOT NULL);
CREATE TABLE users (
  id serial PRIMARY KEY, display_name text NOT NULL, reputation int NOT NULL, views int NOT NULL,
  creation_date timestamp NOT NULL, last_access_date timestamp NOT NULL, bio text NOT NULL);
CREATE TABLE posts (
  id serial PRIMARY KEY, owner_user_id int NOT NULL REFERENCES users, post_type_id int2 NOT NULL,
  score int NOT NULL, view_count int NOT NULL, answer_count int NOT NULL,
  creation_date timestamp NOT NULL, closed_date timestamp NOT NULL, title text NOT NULL, body text NOT NULL);
CREATE TABLE orders (
  id serial PRIMARY KEY, order_date date NOT NULL, shipped_date date NOT NULL, required_date date NOT NULL);
CREATE TABLE order_items (
  order_id int NOT NULL REFERENCES orders, line int NOT NULL, quantity int NOT NULL,
  unit_price numeric(10,2) NOT NULL, discount numeric(4,2) NOT NULL, PRIMARY KEY (order_id, line));
CREATE TABLE events (id serial PRIMARY KEY, created_at timestamptz NOT NULL, start_date date NOT NULL,
  end_date date NOT NULL, expires_at timestamptz NOT NULL);
`;

let db: TestDatabase;
let target: TestDatabase;

async function value(sql: string): Promise<number> {
  const [row] = await target.query<{ v: string }>(sql);
  return Number(row?.v);
}

describe('magnitudes from meaning and time order within rows', () => {
  beforeAll(async () => {
    db = await createTestDatabase('magnitudes');
    const dir = tempDir();
    writeFileSync(join(dir, 'schema.sql'), DDL);
    const result = await generate({
      schema: [join(dir, 'schema.sql')],
      output: join(dir, 'data.sql'),
      defaultRows: 2000,
      seed: 11,
      // The values measured are version 31's (a post's score its votes since version 30).
      generatorVersion: 31,
    });
    expect(result.warnings).toEqual([]);
    target = await db.createSibling();
    target.psqlFile(join(dir, 'data.sql'));
  });
  afterAll(async () => db.close());

  it('counts, durations, rates and codes stay in their usual ranges', async () => {
    expect(await value('SELECT max(length) AS v FROM film')).toBeLessThanOrEqual(190);
    expect(await value('SELECT min(length) AS v FROM film')).toBeGreaterThanOrEqual(45);
    expect(await value('SELECT max(rental_duration) AS v FROM film')).toBeLessThanOrEqual(30);
    expect(await value('SELECT max(rental_rate) AS v FROM film')).toBeLessThan(100);
    expect(await value('SELECT min(release_year) AS v FROM film')).toBeGreaterThanOrEqual(1970);
    expect(await value('SELECT max(release_year) AS v FROM film')).toBeLessThanOrEqual(2025);
    expect(await value('SELECT max(reputation) AS v FROM users')).toBeLessThanOrEqual(100_000);
    expect(await value('SELECT max(views) AS v FROM users')).toBeLessThanOrEqual(100_000);
    // A long tail: the median is small.
    expect(
      await value('SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY reputation) AS v FROM users'),
    ).toBeLessThan(1000);
    expect(await value('SELECT max(post_type_id) AS v FROM posts')).toBeLessThanOrEqual(10);
    expect(await value('SELECT max(answer_count) AS v FROM posts')).toBeLessThanOrEqual(500);
    // Version 30: a post's score is its votes: about 2, a fifth 0, some below zero, a long tail up to 25,000.
    expect(
      await value('SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY score) AS v FROM posts'),
    ).toBeLessThanOrEqual(3);
    expect(await value('SELECT avg((score = 0)::int) AS v FROM posts')).toBeGreaterThan(0.12);
    expect(await value('SELECT count(*) AS v FROM posts WHERE score < 0')).toBeGreaterThan(0);
    expect(await value('SELECT max(score) AS v FROM posts')).toBeLessThanOrEqual(25_000);
    expect(await value('SELECT min(score) AS v FROM posts')).toBeGreaterThanOrEqual(-30);
    expect(await value('SELECT max(quantity) AS v FROM order_items')).toBeLessThanOrEqual(100);
    expect(await value('SELECT avg((quantity BETWEEN 1 AND 5)::int) AS v FROM order_items')).toBeGreaterThan(
      0.8,
    );
    expect(await value('SELECT max(discount) AS v FROM order_items')).toBeLessThanOrEqual(0.3);
  });

  it('later events follow their start in every row; nothing past the reference date but deadlines', async () => {
    for (const [table, start, end] of [
      ['rental', 'rental_date', 'return_date'],
      ['users', 'creation_date', 'last_access_date'],
      ['posts', 'creation_date', 'closed_date'],
      ['orders', 'order_date', 'shipped_date'],
      ['orders', 'order_date', 'required_date'],
      ['events', 'start_date', 'end_date'],
      ['events', 'created_at', 'expires_at'],
    ] as const) {
      expect(
        await value(`SELECT count(*) AS v FROM ${table} WHERE ${end} < ${start}`),
        `${table}.${end}`,
      ).toBe(0);
    }
    expect(await value("SELECT count(*) AS v FROM orders WHERE order_date >= '2026-01-01'")).toBe(0);
    expect(await value("SELECT count(*) AS v FROM rental WHERE return_date > '2026-01-02'")).toBe(0);
    // Deadlines may lie ahead.
    expect(await value("SELECT count(*) AS v FROM events WHERE expires_at > '2026-01-01'")).toBeGreaterThan(
      0,
    );
  });

  it('text reads as English words, not lorem ipsum', async () => {
    const rows = await target.query<{ t: string }>(
      'SELECT bio AS t FROM users UNION ALL SELECT body FROM posts',
    );
    const lorem = /\b(lorem|ipsum|dolor|amet|consectetur|adipiscing|volaticus|fugiat|cerno)\b/i;
    expect(rows.filter((r) => lorem.test(r.t))).toEqual([]);
    expect(rows.every((r) => /^[A-Z]/.test(r.t) && r.t.endsWith('.'))).toBe(true);
  });
});

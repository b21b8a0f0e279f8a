/**
 * Generator version 3, from a look at real schemas not seen before (omdb,
 * linkwarden, civitai, penpot, dspace): an integer `gender` was 37542 (now a
 * small code: 0 in a tenth of rows, else 1 or 2, as TMDb and ISO 5218 number
 * them), a `vote_average` 21422.88 (now an average of votes on ten points,
 * most near 6.5), an application's `password` random words (now a bcrypt
 * hash, as applications store one), a bare `"order"` 27689 (now a place in
 * a short list). Loaded into the real server; version 2 keeps its values.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadGenerated } from '../helpers/load-generated.js';

let db: TestDatabase;

const DDL = `CREATE TABLE people (id serial PRIMARY KEY, name text, birthday date, gender integer, sex smallint);
CREATE TABLE movies (id serial PRIMARY KEY, name text, vote_average numeric, rating_avg real, votes_count integer);
CREATE TABLE "User" (id serial PRIMARY KEY, email text, password text, passwd varchar(100), hashed_password text);
CREATE TABLE "DashboardSection" (id serial PRIMARY KEY, type text, "order" integer NOT NULL);`;

async function numbers(target: TestDatabase, sql: string): Promise<number[]> {
  const rows = await target.query<{ v: string | number | null }>(sql);
  return rows.flatMap((r) => (r.v === null ? [] : [Number(r.v)]));
}

describe('application columns read as people enter them', () => {
  beforeAll(async () => {
    db = await createTestDatabase('appcolumns');
  });
  afterAll(async () => db.close());

  it('gender codes, ten-point vote averages, password hashes, list places (version 3)', async () => {
    const { target } = await loadGenerated(db, DDL, { defaultRows: 2000, seed: 21 });
    for (const column of ['gender', 'sex']) {
      const codes = await numbers(target, `SELECT ${column} AS v FROM people`);
      expect(codes.length, column).toBeGreaterThan(1500);
      expect(new Set(codes), column).toEqual(new Set([0, 1, 2]));
      expect(codes.filter((c) => c === 0).length, column).toBeLessThan(codes.length * 0.2);
    }
    for (const column of ['vote_average', 'rating_avg']) {
      const averages = await numbers(target, `SELECT ${column} AS v FROM movies`);
      expect(averages.length, column).toBeGreaterThan(1500);
      expect(
        averages.every((a) => a >= 1 && a <= 10),
        column,
      ).toBe(true);
      const mean = averages.reduce((a, b) => a + b, 0) / averages.length;
      expect(mean, column).toBeGreaterThan(5.5);
      expect(mean, column).toBeLessThan(7.5);
    }
    for (const column of ['password', 'passwd', 'hashed_password']) {
      const rows = await target.query<{ v: string | null }>(`SELECT ${column} AS v FROM "User"`);
      const hashes = rows.flatMap((r) => (r.v === null ? [] : [r.v]));
      expect(hashes.length, column).toBeGreaterThan(1500);
      expect(hashes.filter((h) => !/^\$2a\$12\$[./A-Za-z0-9]{53}$/.test(h)).slice(0, 3), column).toEqual([]);
    }
    const places = await numbers(target, 'SELECT "order" AS v FROM "DashboardSection"');
    expect(places.every((p) => p >= 1 && p <= 20)).toBe(true);
  });

  it('version 2 keeps its values', async () => {
    const { target } = await loadGenerated(db, DDL, { defaultRows: 300, seed: 21, generatorVersion: 2 });
    expect((await numbers(target, 'SELECT gender AS v FROM people')).some((g) => g > 2)).toBe(true);
    const rows = await target.query<{ v: string | null }>('SELECT password AS v FROM "User"');
    expect(rows.some((r) => r.v?.startsWith('$2a$') === true)).toBe(false);
  });
});

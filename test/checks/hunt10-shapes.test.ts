import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';
import { count } from './check-fixture.js';

let db: TestDatabase;

describe('shapes of hunt 10', () => {
  beforeAll(async () => {
    db = await createTestDatabase('hunt10shapes');
  });
  afterAll(async () => db.close());

  it('a generated numeric(5,2) column computed from a realistic duration and price holds its value: rows whose product does not fit are made again (pagila dump with revenue_projection)', async () => {
    const { target, counts, restored } = await loadScriptAndArchive(
      db,
      `CREATE TABLE film (
         film_id serial PRIMARY KEY,
         rental_duration smallint DEFAULT 3 NOT NULL,
         rental_rate numeric(4,2) DEFAULT 4.99 NOT NULL,
         revenue_projection numeric(5,2) GENERATED ALWAYS AS ((rental_duration)::numeric * rental_rate) STORED,
         small_total smallint GENERATED ALWAYS AS (rental_duration * 1000) STORED,
         code varchar(4) GENERATED ALWAYS AS (upper(left(md5(film_id::text), 2)) || rental_duration::text) STORED
       );`,
      { defaultRows: 400, seed: 1 },
    );
    expect(counts.get('public.film')).toBe(400);
    for (const t of [target, restored]) {
      expect(await count(t, 'SELECT count(*) AS n FROM film WHERE revenue_projection < 1000')).toBe(400);
      // Not every row at the default: the realistic values stay, only those that overflow are made again.
      expect(await count(t, 'SELECT count(DISTINCT rental_duration) AS n FROM film')).toBeGreaterThan(5);
    }
  });

  it('a unique citext username under length 2..24 and a pattern whose words are joined by _ or nothing: every pair of words fits the length (graphile starter users, CrisisSolver)', async () => {
    const { target, counts, restored } = await loadScriptAndArchive(
      db,
      `CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;
       CREATE SCHEMA app_public;
       CREATE TABLE app_public.users (
         id uuid DEFAULT gen_random_uuid() NOT NULL,
         username public.citext NOT NULL,
         CONSTRAINT users_username_check CHECK (((length((username)::text) >= 2) AND (length((username)::text) <= 24)
           AND (username OPERATOR(public.~) '^[a-zA-Z]([_]?[a-zA-Z0-9])+$'::public.citext)))
       );
       ALTER TABLE ONLY app_public.users ADD CONSTRAINT users_pkey PRIMARY KEY (id);
       ALTER TABLE ONLY app_public.users ADD CONSTRAINT users_username_key UNIQUE (username);
       CREATE TABLE app_public.handles (
         id serial PRIMARY KEY,
         handle varchar(12) NOT NULL UNIQUE CHECK (handle ~ '^[a-z]+$')
       );`,
      { defaultRows: 3000, seed: 2 },
    );
    expect(counts.get('app_public.users')).toBe(3000);
    expect(counts.get('app_public.handles')).toBe(3000);
    for (const t of [target, restored]) {
      // Readable words, not the pattern's own strings.
      expect(
        await count(
          t,
          `SELECT count(*) AS n FROM app_public.users WHERE username::text ~ '^[a-z]+_?[a-z]+$'`,
        ),
      ).toBe(3000);
      expect(await count(t, 'SELECT max(length(handle)) AS n FROM app_public.handles')).toBeLessThanOrEqual(
        12,
      );
    }
  });
});

/**
 * Shapes found by running datagen on big pg_dump structure files of real
 * applications it had never seen (Sourcegraph, Zabbix, Flow Commerce, …):
 * each reduced to a minimal table, generated, loaded into the real server
 * with every constraint in place.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadGenerated } from '../helpers/load-generated.js';
import { count } from './check-fixture.js';

let db: TestDatabase;

describe('shapes of big application dumps', () => {
  beforeAll(async () => {
    db = await createTestDatabase('hunt6shapes');
  });
  afterAll(async () => db.close());

  it('a pattern CHECK with a look-ahead in one branch generates from the other branches, on a unique column too (Sourcegraph users.username)', async () => {
    const { target, result, counts } = await loadGenerated(
      db,
      `CREATE TABLE users (id bigserial PRIMARY KEY, username text NOT NULL,
         CONSTRAINT users_username_valid_chars CHECK (username ~ '^\\w(?:\\w|[-.](?=\\w))*-?$'));
       CREATE UNIQUE INDEX users_username ON users (username);
       CREATE TABLE orgs (id serial PRIMARY KEY,
         name text NOT NULL CHECK (name ~ '^[a-zA-Z0-9](?:[a-zA-Z0-9]|[-.](?!-)(?<=[a-z.-]))*$'),
         owner bigint NOT NULL REFERENCES users (id));`,
      { defaultRows: 400, seed: 2 },
    );
    expect(result.warnings).toEqual([]);
    expect(counts.get('public.users')).toBe(400);
    expect(counts.get('public.orgs')).toBe(400);
    expect(await count(target, 'SELECT count(DISTINCT username) AS n FROM users')).toBe(400);
  });

  it('a pattern whose every branch asserts leaves only that column NULL, with a warning naming it', async () => {
    const { target, result, counts } = await loadGenerated(
      db,
      `CREATE TABLE codes (id int PRIMARY KEY, code text CHECK (code ~ '^(?=[A-Z])[A-Z0-9]{3}$'));`,
      { defaultRows: 50, seed: 1 },
    );
    expect(counts.get('public.codes')).toBe(50);
    expect(await count(target, 'SELECT count(code) AS n FROM codes')).toBe(0);
    expect(result.warnings.map((w) => w.message).join('\n')).toMatch(
      /public\.codes\.code: .*look-around in every branch/,
    );
  });
});

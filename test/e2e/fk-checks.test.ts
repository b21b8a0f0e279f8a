/**
 * CHECKs that compare or count foreign-key columns (minimal shapes of real
 * schemas: BenchBase AuctionMark's `uf_u_id <> uf_from_id`, tag pairs kept
 * in order, exactly-one-of parents). Each is generated and loaded into the
 * real server with every constraint in place; the warnings are asserted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenerateOptions } from '../../src/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadGenerated } from '../helpers/load-generated.js';

let db: TestDatabase;

async function load(ddl: string, options: Omit<GenerateOptions, 'schema' | 'output'> = {}) {
  return loadGenerated(db, ddl, { defaultRows: 2000, seed: 5, ...options });
}

async function one(target: TestDatabase, sql: string): Promise<string | undefined> {
  const [row] = await target.query<{ n: string }>(sql);
  return row?.n;
}

describe('CHECKs over foreign-key columns', () => {
  beforeAll(async () => {
    db = await createTestDatabase('fk_checks');
  });
  afterAll(async () => db.close());

  it('`a <> b` between two FKs, one driving the primary key, the other picked per row (AuctionMark)', async () => {
    const { target, counts, result } = await load(
      `
      CREATE TABLE useracct (u_id varchar(128) PRIMARY KEY, u_name text NOT NULL);
      CREATE TABLE feedback (
        uf_u_id varchar(128) NOT NULL REFERENCES useracct (u_id),
        uf_from_id varchar(128) NOT NULL REFERENCES useracct (u_id),
        uf_rating smallint NOT NULL,
        PRIMARY KEY (uf_u_id, uf_from_id),
        CHECK (uf_u_id <> uf_from_id)
      );`,
      { tables: { useracct: 50, feedback: 50 } },
    );
    expect(result.warnings).toEqual([]);
    expect(counts.get('public.feedback')).toBe(50);
    expect(await one(target, 'SELECT count(*) AS n FROM feedback WHERE uf_u_id = uf_from_id')).toBe('0');
  });

  it('`tag1 <> tag2` inside a composite UNIQUE: ordered pairs of distinct parents, n·(n−1) of them', async () => {
    const { target, counts, result } = await load(
      `CREATE TABLE tag (id serial PRIMARY KEY, name text NOT NULL);
       CREATE TABLE tag_pair (
         tag1 int NOT NULL REFERENCES tag, tag2 int NOT NULL REFERENCES tag,
         UNIQUE (tag1, tag2), CHECK (tag1 <> tag2));`,
      { tables: { tag: 20 }, defaultRows: 400 },
    );
    // 20 · 19 = 380 pairs: the default row count is cut to them, with the numbers.
    expect(counts.get('public.tag_pair')).toBe(380);
    expect(result.warnings.map((w) => w.message)).toEqual([
      'public.tag_pair: UNIQUE tag_pair_tag1_tag2_key (tag1, tag2) allows only 380 distinct values (a key over foreign keys is bounded by the parent tables’ rows), so it gets 380 rows instead of 400.',
    ]);
    expect(await one(target, 'SELECT count(DISTINCT (tag1, tag2)) AS n FROM tag_pair')).toBe('380');
  });

  it('`tag1 < tag2` in the primary key: unordered pairs, put in order; asking for more than n·(n−1)/2 fails with the numbers', async () => {
    const ddl = `CREATE TABLE tag (id uuid PRIMARY KEY, name text NOT NULL);
       CREATE TABLE tag_order (
         tag1 uuid NOT NULL REFERENCES tag, tag2 uuid NOT NULL REFERENCES tag,
         PRIMARY KEY (tag1, tag2), CHECK (tag1 < tag2));`;
    const { target, counts, result } = await load(ddl, { tables: { tag: 30, tag_order: 435 } });
    expect(result.warnings).toEqual([]);
    expect(counts.get('public.tag_order')).toBe(435);
    expect(await one(target, 'SELECT count(*) AS n FROM tag_order WHERE NOT (tag1 < tag2)')).toBe('0');
    await expect(load(ddl, { tables: { tag: 30, tag_order: 436 } })).rejects.toMatchObject({
      code: 'UNIQUE_SPACE_TOO_SMALL',
      data: { requested: 436, capacity: 435 },
    });
  });

  it('`a < b` between two FKs picked per row, and a composite FK read by a CHECK moves as one', async () => {
    const { target, counts, result } = await load(
      `
      CREATE TABLE city (id int PRIMARY KEY, name text NOT NULL);
      CREATE TABLE region (code char(2), num int, PRIMARY KEY (code, num));
      CREATE TABLE trip (
        id bigserial PRIMARY KEY,
        from_city int NOT NULL REFERENCES city, to_city int NOT NULL REFERENCES city,
        region_code char(2) NOT NULL, region_num int NOT NULL,
        FOREIGN KEY (region_code, region_num) REFERENCES region,
        CHECK (from_city < to_city), CHECK (region_num <> from_city));`,
      {
        tables: { city: 40, region: 40 },
      },
    );
    expect(result.warnings).toEqual([]);
    expect(counts.get('public.trip')).toBe(2000);
    expect(await one(target, 'SELECT count(*) AS n FROM trip WHERE from_city >= to_city')).toBe('0');
  });

  it('multi-tenant keys: a column in a plain FK and in a composite FK follows the composite, every tenant kept (lago-api)', async () => {
    const { target, counts, result } = await load(
      `CREATE TABLE orgs (id int PRIMARY KEY);
       CREATE TABLE m (id int PRIMARY KEY, org_id int NOT NULL REFERENCES orgs (id));
       CREATE UNIQUE INDEX m_id_org ON m (id, org_id);
       CREATE TABLE mr (id int PRIMARY KEY, org_id int NOT NULL REFERENCES orgs (id), m_id int NOT NULL,
         FOREIGN KEY (m_id, org_id) REFERENCES m (id, org_id));`,
      { defaultRows: 200 },
    );
    expect(result.warnings).toEqual([]);
    expect(counts.get('public.orgs')).toBe(200);
    expect(counts.get('public.mr')).toBe(200);
    expect(Number(await one(target, 'SELECT count(DISTINCT org_id) AS n FROM mr'))).toBeGreaterThan(50);
  });

  it('exactly one of several nullable FKs is set: `<>` of IS NOT NULL, num_nonnulls, and OR of ANDs', async () => {
    const { target, counts, result } = await load(`
      CREATE TABLE person (id int PRIMARY KEY);
      CREATE TABLE company (id int PRIMARY KEY);
      CREATE TABLE team (id int PRIMARY KEY);
      CREATE TABLE owner_a (id int PRIMARY KEY,
        person_id int REFERENCES person, company_id int REFERENCES company,
        CHECK ((person_id IS NOT NULL) <> (company_id IS NOT NULL)));
      CREATE TABLE owner_b (id int PRIMARY KEY,
        person_id int REFERENCES person, company_id int REFERENCES company, team_id int REFERENCES team,
        CHECK (num_nonnulls(person_id, company_id, team_id) = 1));
      CREATE TABLE owner_c (id int PRIMARY KEY,
        person_id int REFERENCES person, company_id int REFERENCES company,
        CHECK (((person_id IS NULL) AND (company_id IS NOT NULL)) OR ((person_id IS NOT NULL) AND (company_id IS NULL))));`);
    expect(result.warnings).toEqual([]);
    for (const t of ['owner_a', 'owner_b', 'owner_c']) expect(counts.get(`public.${t}`)).toBe(2000);
    // Both kinds of owner occur (the choice is per row, not fixed).
    expect(
      Number(await one(target, 'SELECT count(*) AS n FROM owner_a WHERE person_id IS NOT NULL')),
    ).toBeGreaterThan(500);
    expect(
      Number(await one(target, 'SELECT count(*) AS n FROM owner_b WHERE team_id IS NOT NULL')),
    ).toBeGreaterThan(300);
  });
});

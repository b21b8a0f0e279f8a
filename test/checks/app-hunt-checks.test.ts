/**
 * CHECK shapes found by running datagen on large application schemas it had
 * never seen (Kaguya's pg_dump structure.sql, …): each reduced to a minimal
 * table, generated, loaded into the real server with every constraint in
 * place; the evaluator's answers compared with the server's.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadModule } from 'libpg-query';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { loadGenerated } from '../helpers/load-generated.js';
import { count, evaluateSql } from './check-fixture.js';

let db: TestDatabase;

/** The DDL in a file of its own. */
function writeDdl(ddl: string): string {
  const file = join(tempDir(), 'schema.sql');
  writeFileSync(file, ddl);
  return file;
}

describe('CHECK shapes of large application schemas', () => {
  beforeAll(async () => {
    await loadModule();
    db = await createTestDatabase('apphuntchecks');
  });
  afterAll(async () => db.close());

  it('array containment and overlap (<@, @>, &&) evaluate as the server does, NULL elements included', async () => {
    const expressions = [
      `ARRAY['a','b'] <@ ARRAY['a','b','c']`,
      `ARRAY['a','d'] <@ ARRAY['a','b','c']`,
      `'{}'::text[] <@ ARRAY['a']`,
      `ARRAY['a', NULL] <@ ARRAY['a', NULL]`,
      `ARRAY[1,2,3] @> ARRAY[3,1]`,
      `ARRAY[[1,2],[3,4]] @> ARRAY[4]`,
      `ARRAY[1,2] @> '{2,5}'::int[]`,
      `ARRAY[1,2] && ARRAY[2,9]`,
      `ARRAY[1,NULL] && ARRAY[NULL,3]`,
      `'{x,y}'::varchar[]::text[] <@ ARRAY['x','y','z']`,
      `NULL::text[] <@ ARRAY['a']`,
    ];
    for (const sql of expressions) {
      const [row] = await db.query<{ v: boolean | null }>(`SELECT ${sql} AS v`);
      const ours = evaluateSql(sql);
      expect(ours, sql).toBe(row?.v ?? null);
    }
  });

  it('an array column contained in a constant list: elements drawn from the list, every row kept (Kaguya)', async () => {
    const { target, result, counts } = await loadGenerated(
      db,
      `CREATE TABLE vn_series (
         id uuid PRIMARY KEY,
         manual_fields character varying(255)[] DEFAULT ARRAY[]::character varying[] NOT NULL,
         tags text[],
         sizes int[] CHECK (ARRAY[1, 2, 3] @> sizes AND cardinality(sizes) >= 1),
         CONSTRAINT vn_series_manual_fields_check CHECK (((manual_fields)::text[] <@
           ARRAY['general'::text, 'entries'::text, 'producers'::text])),
         CONSTRAINT tags_check CHECK (tags <@ '{a,b,c}'::text[]));`,
      { defaultRows: 300, seed: 3 },
    );
    expect(result.warnings).toEqual([]);
    expect(counts.get('public.vn_series')).toBe(300);
    // The lists are used, not only the empty array.
    expect(
      await count(target, `SELECT count(*) AS n FROM vn_series WHERE cardinality(manual_fields) > 0`),
    ).toBeGreaterThan(100);
    expect(await count(target, `SELECT count(*) AS n FROM vn_series WHERE 'b' = ANY (tags)`)).toBeGreaterThan(
      30,
    );
    expect(await count(target, `SELECT count(*) AS n FROM vn_series WHERE cardinality(sizes) = 0`)).toBe(0);
  });

  it('a key of two uuid FKs to one parent under both `a <> b` and `a < b`: every row, each pair once (Kaguya)', async () => {
    const { target, result, counts } = await loadGenerated(
      db,
      `CREATE TABLE vn (id uuid PRIMARY KEY);
       CREATE TABLE sim (a uuid NOT NULL, b uuid NOT NULL,
         CONSTRAINT different CHECK ((a <> b)), CONSTRAINT lt CHECK ((a < b)));
       ALTER TABLE ONLY sim ADD CONSTRAINT sim_pkey PRIMARY KEY (a, b);
       ALTER TABLE ONLY sim ADD CONSTRAINT sim_b_fkey FOREIGN KEY (b) REFERENCES vn(id);
       ALTER TABLE ONLY sim ADD CONSTRAINT sim_a_fkey FOREIGN KEY (a) REFERENCES vn(id);`,
      { defaultRows: 200, seed: 5 },
    );
    expect(result.warnings).toEqual([]);
    expect(counts.get('public.sim')).toBe(200);
    expect(await count(target, 'SELECT count(DISTINCT (a, b)) AS n FROM sim')).toBe(200);
  });

  it('a tenant column shared by two composite FKs: the chain spread over the tenants, both FKs agreeing, the tenant table and its other children keep every row (Formbricks)', async () => {
    const { target, result, counts } = await loadGenerated(
      db,
      `CREATE TABLE ws (id text PRIMARY KEY, name text);
       CREATE TABLE connector (id text PRIMARY KEY, ws_id text NOT NULL REFERENCES ws(id), UNIQUE (id, ws_id));
       CREATE TABLE survey (id text PRIMARY KEY, ws_id text NOT NULL REFERENCES ws(id), UNIQUE (id, ws_id));
       CREATE TABLE mapping (id text PRIMARY KEY, connector_id text NOT NULL, survey_id text NOT NULL,
         ws_id text NOT NULL,
         FOREIGN KEY (connector_id, ws_id) REFERENCES connector(id, ws_id),
         FOREIGN KEY (survey_id, ws_id) REFERENCES survey(id, ws_id));
       CREATE TYPE kind AS ENUM ('a', 'b', 'c', 'd');
       CREATE TABLE integration (id text PRIMARY KEY, type kind NOT NULL, ws_id text NOT NULL REFERENCES ws(id),
         UNIQUE (type, ws_id));`,
      { defaultRows: 100, seed: 5 },
    );
    expect(result.warnings).toEqual([]);
    for (const t of ['ws', 'connector', 'survey', 'mapping', 'integration'])
      expect(counts.get(`public.${t}`), t).toBe(100);
    expect(await count(target, 'SELECT count(DISTINCT ws_id) AS n FROM mapping')).toBeGreaterThan(10);
    // Another child of ws, outside the shared column's FKs, keeps drawing tenants (it was cut to 4 rows).
    expect(await count(target, 'SELECT count(DISTINCT ws_id) AS n FROM integration')).toBeGreaterThan(25);
  });

  it('a NOT NULL generated column is a CHECK that its expression is not NULL: rows make it non-NULL, or a warning says why not (Supabase Realtime)', async () => {
    const { target, result, counts } = await loadGenerated(
      db,
      `CREATE TABLE jobs (id serial PRIMARY KEY, locked_at timestamptz, attempts int NOT NULL,
         max_attempts int NOT NULL CHECK (max_attempts > 0),
         is_available boolean GENERATED ALWAYS AS (((locked_at IS NULL) AND (attempts < max_attempts))) STORED NOT NULL,
         email text,
         email_lower text GENERATED ALWAYS AS (lower(email)) STORED NOT NULL);`,
      { defaultRows: 200, seed: 5 },
    );
    expect(result.warnings).toEqual([]);
    expect(counts.get('public.jobs')).toBe(200);
    expect(await count(target, 'SELECT count(email) AS n FROM jobs')).toBe(200);

    // jsonb ->> is evaluated, and the documents hold a role every cluster has under the key the cast reads
    // (before, a random word: the table was left empty with a warning). Loaded in fix8-shapes.test.ts.
    const { warnings, tables } = await generate({
      schema: [
        writeDdl(`CREATE TABLE subscription (id bigint PRIMARY KEY, claims jsonb NOT NULL,
          claims_role regrole GENERATED ALWAYS AS (((claims ->> 'role'::text))::regrole) STORED NOT NULL);`),
      ],
      output: join(tempDir(), 'out.sql'),
      defaultRows: 5,
    });
    expect(tables.find((t) => t.name === 'subscription')?.rows).toBe(5);
    expect(warnings.map((w) => w.message).join('\n')).not.toMatch(/gets no rows/);
  });
  it('a tree whose CHECK ties the root to its NULL parent: rows load, and a root column read through its own row is a cut with a warning, never a stack overflow (sqlboiler)', async () => {
    const { result, counts } = await loadGenerated(
      db,
      `CREATE TABLE node (id int PRIMARY KEY, parent_id int, root_id int NOT NULL,
         CHECK ((parent_id IS NOT NULL AND root_id != id) OR (parent_id IS NULL AND root_id = id)),
         FOREIGN KEY (parent_id) REFERENCES node (id), FOREIGN KEY (root_id) REFERENCES node (id));`,
      { defaultRows: 300, seed: 4 },
    );
    expect(result.warnings).toEqual([]);
    expect(counts.get('public.node')).toBe(300);

    // The parent's root_id must be the child's too (a composite FK onto (id, root_id)), as sqlboiler's test
    // schema has it: the first row is the root (parent NULL, root_id from root_id's own FK: itself).
    const tree = await loadGenerated(
      db,
      `CREATE TABLE node2 (id int PRIMARY KEY, parent_id int, root_id int NOT NULL,
         CHECK ((parent_id IS NOT NULL AND root_id != id) OR (parent_id IS NULL AND root_id = id)),
         UNIQUE (id, root_id),
         FOREIGN KEY (parent_id) REFERENCES node2 (id), FOREIGN KEY (root_id) REFERENCES node2 (id),
         FOREIGN KEY (parent_id, root_id) REFERENCES node2 (id, root_id));`,
      { defaultRows: 300, seed: 4 },
    );
    expect(tree.result.warnings).toEqual([]);
    expect(tree.counts.get('public.node2')).toBe(300);
    expect(await count(tree.target, 'SELECT count(*) AS n FROM node2 WHERE parent_id IS NULL')).toBe(1);

    // With parent_id NOT NULL the first row can only point at itself and read root_id from itself: the table
    // gets no rows, with a warning that says why; what is written loads.
    const cut = await loadGenerated(
      db,
      `CREATE TABLE node3 (id int PRIMARY KEY, parent_id int NOT NULL, root_id int NOT NULL, UNIQUE (id, root_id),
         FOREIGN KEY (parent_id, root_id) REFERENCES node3 (id, root_id));
       CREATE TABLE leaf (id int PRIMARY KEY);`,
      { defaultRows: 30, seed: 4 },
    );
    expect(cut.counts.get('public.leaf')).toBe(30);
    expect(cut.result.warnings.map((w) => w.message).join('\n')).toMatch(
      /public\.node3 gets no rows .*would take root_id from itself/,
    );
  });
  it('OR CHECKs that each exclude a value of one listed column: branches are chosen so the column keeps a value (Supabase auth)', async () => {
    const { result, counts, target } = await loadGenerated(
      db,
      `CREATE TABLE providers (id uuid PRIMARY KEY,
         provider_type text NOT NULL CHECK (provider_type IN ('oauth2', 'oidc')),
         issuer text, discovery_url text, authorization_url text, token_url text, userinfo_url text,
         CHECK (provider_type != 'oidc' OR issuer IS NOT NULL),
         CHECK (provider_type != 'oidc' OR issuer IS NULL OR issuer LIKE 'https://%'),
         CHECK (provider_type != 'oidc' OR discovery_url IS NULL OR discovery_url LIKE 'https://%'),
         CHECK (provider_type != 'oauth2' OR (authorization_url IS NOT NULL AND token_url IS NOT NULL
           AND userinfo_url IS NOT NULL)),
         CHECK (authorization_url IS NULL OR authorization_url LIKE 'https://%'),
         CHECK (token_url IS NULL OR token_url LIKE 'https://%'));`,
      { defaultRows: 400, seed: 2 },
    );
    expect(result.warnings).toEqual([]);
    expect(counts.get('public.providers')).toBe(400);
    const both = await count(
      target,
      "SELECT count(DISTINCT provider_type) AS n FROM providers WHERE provider_type IN ('oauth2', 'oidc')",
    );
    expect(both).toBe(2);
  });
});

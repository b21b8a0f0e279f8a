/**
 * Minimal shapes of bugs found by running datagen on real public schemas
 * (PostgREST's apflora dump, glific, graphile's dataplan and kitchen-sink
 * schemas, probes after their patterns): each generated and loaded into the
 * real server with every constraint in place, rows counted.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type GenerateResult, generate } from '../../src/index.js';
import { userTableRowCounts } from '../helpers/constraint-checks.js';
import { type TestDatabase, useTestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { count as value } from './check-fixture.js';

const db = useTestDatabase('hunt');

interface Loaded {
  readonly target: TestDatabase;
  readonly result: GenerateResult;
  readonly rows: Map<string, number>;
}

async function load(ddl: string, rows = 200, extra: Record<string, number> = {}): Promise<Loaded> {
  const dir = tempDir();
  writeFileSync(join(dir, 'schema.sql'), ddl);
  const result = await generate({
    schema: [join(dir, 'schema.sql')],
    output: join(dir, 'data.sql'),
    defaultRows: rows,
    tables: extra,
    seed: 5,
  });
  const target = await db.createSibling();
  target.psqlFile(join(dir, 'data.sql'));
  return { target, result, rows: await userTableRowCounts(target) };
}

describe('shapes of bugs found in real schemas: foreign keys and partitions', () => {
  it('a duplicate FOREIGN KEY is one constraint: the parent keeps its rows (apflora, glific)', async () => {
    const { target, result, rows } = await load(`
      CREATE TABLE p (id int PRIMARY KEY);
      CREATE TABLE c (id int PRIMARY KEY, p_id int);
      ALTER TABLE c ADD CONSTRAINT c_p_fkey FOREIGN KEY (p_id) REFERENCES p(id);
      ALTER TABLE c ADD CONSTRAINT c_fk_p   FOREIGN KEY (p_id) REFERENCES p(id);
      CREATE TABLE s (id int PRIMARY KEY, p_id int NOT NULL REFERENCES p);`);
    expect(result.warnings).toEqual([]);
    expect(rows.get('public.p')).toBe(200);
    expect(rows.get('public.c')).toBe(200);
    expect(await value(target, 'SELECT count(DISTINCT p_id) AS n FROM c')).toBeGreaterThan(50);
    expect(await value(target, 'SELECT count(DISTINCT p_id) AS n FROM s')).toBeGreaterThan(50);
  });

  it('a column referencing two parents takes keys both hold (graphile relational_posts)', async () => {
    const { target, result, rows } = await load(
      `
      CREATE TABLE items (id serial PRIMARY KEY, title text);
      CREATE TABLE commentables (id serial PRIMARY KEY, kind text);
      CREATE TABLE posts (id int PRIMARY KEY REFERENCES items REFERENCES commentables, body text);
      CREATE TABLE notes (id int PRIMARY KEY, item_id int NOT NULL REFERENCES items REFERENCES commentables);
      CREATE TABLE other (id serial PRIMARY KEY, item_id int REFERENCES items);`,
      200,
      { commentables: 120 },
    );
    expect(rows.get('public.items')).toBe(200);
    expect(rows.get('public.commentables')).toBe(120);
    // posts.id is unique over the keys both parents hold: 120 of them.
    expect(rows.get('public.posts')).toBe(120);
    expect(result.warnings.map((w) => w.where)).toEqual(['public.posts']);
    expect(rows.get('public.notes')).toBe(200);
    expect(await value(target, 'SELECT max(item_id) AS n FROM notes')).toBeLessThanOrEqual(120);
    expect(await value(target, 'SELECT count(DISTINCT item_id) AS n FROM other')).toBeGreaterThan(50);
  });

  it('a LIST partition key or CHECK IN on an FK column: the parent holds the listed values (graphile kitchen sink)', async () => {
    const { target, result, rows } = await load(`
      CREATE TABLE kinds (kind text PRIMARY KEY);
      CREATE TABLE tags (kind text NOT NULL REFERENCES kinds(kind), id int NOT NULL, PRIMARY KEY (kind, id))
        PARTITION BY LIST (kind);
      CREATE TABLE photo_tags PARTITION OF tags FOR VALUES IN ('photos');
      CREATE TABLE location_tags PARTITION OF tags FOR VALUES IN ('locations', 'places');
      CREATE TABLE notes (id int PRIMARY KEY, kind text NOT NULL REFERENCES kinds(kind) CHECK (kind IN ('photos', 'notes')));
      CREATE TABLE other (id int PRIMARY KEY, kind text REFERENCES kinds(kind));`);
    expect(result.warnings).toEqual([]);
    expect(rows.get('public.kinds')).toBe(200);
    expect(rows.get('public.notes')).toBe(200);
    expect((rows.get('public.photo_tags') ?? 0) + (rows.get('public.location_tags') ?? 0)).toBe(200);
    expect(await value(target, 'SELECT count(DISTINCT kind) AS n FROM tags')).toBe(3);
    expect(await value(target, 'SELECT count(DISTINCT kind) AS n FROM notes')).toBe(2);
    expect(await value(target, 'SELECT count(DISTINCT kind) AS n FROM other')).toBeGreaterThan(50);
  });

  it('a partition key that is an FK the partitions cannot hold: no rows, with a warning, never rows that cannot be routed', async () => {
    // (Integer keys counting up are held: the rows draw parents 1..9, see ladder.test.ts.)
    const { result, rows } = await load(`
      CREATE TABLE p (id text PRIMARY KEY);
      CREATE TABLE m (p_id text NOT NULL REFERENCES p, v text) PARTITION BY RANGE (p_id);
      CREATE TABLE m1 PARTITION OF m FOR VALUES FROM ('a') TO ('b');`);
    expect(rows.get('public.p')).toBe(200);
    expect(rows.get('public.m1')).toBe(0);
    expect(result.warnings.map((w) => w.message)).toEqual([
      expect.stringContaining(
        'public.m gets no rows instead of 200: its partition key p_id is a foreign key',
      ),
    ]);
  });

  it('a composite FK with one NOT NULL column never writes the all-NULL form (MATCH FULL and SIMPLE)', async () => {
    const { target, result, rows } = await load(`
      CREATE TABLE parent (a int, b int, PRIMARY KEY (a, b));
      CREATE TABLE child (id int PRIMARY KEY, a int NOT NULL, b int, FOREIGN KEY (a, b) REFERENCES parent MATCH FULL);
      CREATE TABLE simple (id int PRIMARY KEY, a int, b int NOT NULL, FOREIGN KEY (a, b) REFERENCES parent);
      CREATE TABLE loose (id int PRIMARY KEY, a int, b int, FOREIGN KEY (a, b) REFERENCES parent MATCH FULL);`);
    expect(result.warnings).toEqual([]);
    for (const t of ['child', 'simple', 'loose']) expect(rows.get(`public.${t}`)).toBe(200);
    expect(await value(target, 'SELECT count(*) AS n FROM child WHERE b IS NULL')).toBe(0);
    expect(await value(target, 'SELECT count(*) AS n FROM simple WHERE a IS NULL')).toBe(0);
    expect(
      await value(target, 'SELECT count(*) AS n FROM loose WHERE a IS NULL AND b IS NULL'),
    ).toBeGreaterThan(0);
  });
});

describe('shapes of bugs found in real schemas: domains, patterns and bytea lengths', () => {
  it("arrays of a domain: every element meets the domain's CHECKs (patterns, bounds, domain over domain)", async () => {
    const { target, result, rows } = await load(`
      CREATE DOMAIN code AS text CHECK (VALUE ~ '^[A-Z]{3}$');
      CREATE DOMAIN small AS int CHECK (VALUE BETWEEN 5 AND 9);
      CREATE DOMAIN small2 AS small CHECK (VALUE <> 7);
      CREATE DOMAIN bytea20 AS bytea CONSTRAINT exactly_20_bytes_long CHECK (VALUE IS NULL OR octet_length(VALUE) = 20);
      CREATE TABLE t (id int PRIMARY KEY, c code, cs code[], ns small2[] NOT NULL, nn small[][], ids bytea20[]);`);
    expect(result.warnings).toEqual([]);
    expect(rows.get('public.t')).toBe(200);
    expect(await value(target, 'SELECT count(*) AS n FROM t, unnest(ns) AS e WHERE e = 7')).toBe(0);
    expect(await value(target, 'SELECT count(*) AS n FROM t, unnest(cs) AS e')).toBeGreaterThan(200);
  });

  it('a pattern and a length together: LIKE prefix with length() = N, regex with char_length BETWEEN', async () => {
    const { target, result, rows } = await load(`
      CREATE TABLE t (id int PRIMARY KEY, code varchar(10) NOT NULL CHECK (code LIKE 'AB-%' AND length(code) = 7));
      CREATE TABLE t2 (id int PRIMARY KEY, code text CHECK (code LIKE 'AB-%'), CHECK (length(code) = 7),
        sku text CHECK (sku ~ '^[A-Z]+-[0-9]*$' AND char_length(sku) BETWEEN 5 AND 6));
      CREATE TABLE t3 (id int PRIMARY KEY, code text UNIQUE CHECK (code LIKE 'AB-%' AND length(code) = 7));`);
    expect(result.warnings).toEqual([]);
    for (const t of ['t', 't2', 't3']) expect(rows.get(`public.${t}`)).toBe(200);
    expect(await value(target, 'SELECT count(DISTINCT code) AS n FROM t')).toBeGreaterThan(150);
  });

  it('bytea length CHECKs: length()/octet_length() = N, windows, the Icinga DB bytea20 domain as a key and an FK', async () => {
    const { target, result, rows } = await load(`
      CREATE DOMAIN bytea20 AS bytea CONSTRAINT exactly_20_bytes_long CHECK (VALUE IS NULL OR octet_length(VALUE) = 20);
      CREATE TABLE host (id int PRIMARY KEY, b bytea CHECK (length(b) = 16), c bytea CHECK (octet_length(c) = 20));
      CREATE TABLE h2 (id bytea20 NOT NULL PRIMARY KEY, ref bytea20 REFERENCES h2,
        u bytea UNIQUE CHECK (length(u) BETWEEN 2 AND 3), s bytea CHECK (length(s) <= 4));`);
    expect(result.warnings).toEqual([]);
    expect(rows.get('public.host')).toBe(200);
    expect(rows.get('public.h2')).toBe(200);
    expect(await value(target, 'SELECT count(DISTINCT length(b)) AS n FROM host')).toBe(1);
    expect(await value(target, 'SELECT count(*) AS n FROM h2 WHERE octet_length(id) = 20')).toBe(200);
  });

  it("a negated pattern that rejects whitespace (slug !~ '\\s'): single-token values", async () => {
    const { target, result, rows } = await load(String.raw`
      CREATE TABLE w (id int PRIMARY KEY, slug text NOT NULL CHECK (slug !~ '\s'), title text CHECK (title !~ '\s'),
        code varchar(20) CHECK (code !~ ' '), handle text CHECK (handle !~ '\s' AND handle !~ '-'));`);
    expect(result.warnings).toEqual([]);
    expect(rows.get('public.w')).toBe(200);
    expect(await value(target, 'SELECT count(DISTINCT slug) AS n FROM w')).toBeGreaterThan(150);
  });

  it('an array of a domain whose CHECK elements cannot be made to is named in a warning', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'schema.sql'),
      `CREATE TYPE parts AS (a smallint, b smallint);
       CREATE DOMAIN wh AS parts NOT NULL CHECK ((VALUE).a < 24 AND ((VALUE).a < (VALUE).b OR (VALUE).b = 0));
       CREATE TABLE t (id int PRIMARY KEY, hours wh[]);`,
    );
    const result = await generate({
      schema: [join(dir, 'schema.sql')],
      output: join(dir, 'data.sql'),
      defaultRows: 5,
    });
    expect(result.warnings.map((w) => w.message)).toEqual([
      expect.stringContaining('CHECK of domain public.wh on the elements of hours'),
    ]);
  });

  it('Icinga DB bytea20 domain on nullable columns, in a unique index and under a CASE CHECK: NULL or 20 bytes', async () => {
    const { target, result, rows } = await load(`
      CREATE DOMAIN bytea20 AS bytea CONSTRAINT exactly_20_bytes_long CHECK (VALUE IS NULL OR octet_length(VALUE) = 20);
      CREATE DOMAIN bytea4 AS bytea CONSTRAINT exactly_4_bytes_long CHECK (VALUE IS NULL OR octet_length(VALUE) = 4);
      CREATE TABLE host (id bytea20 NOT NULL, address_bin bytea4, c bytea20, e bytea20, CONSTRAINT pk PRIMARY KEY (id));
      CREATE TABLE dependency_node (id bytea20 NOT NULL, host_id bytea20 DEFAULT NULL, service_id bytea20 DEFAULT NULL,
        redundancy_group_id bytea20 DEFAULT NULL, CONSTRAINT pk_dependency_node PRIMARY KEY (id),
        CONSTRAINT ck_either CHECK (CASE WHEN redundancy_group_id IS NULL THEN host_id IS NOT NULL
                                         ELSE host_id IS NULL AND service_id IS NULL END));
      CREATE UNIQUE INDEX idx_dn ON dependency_node (host_id, service_id, redundancy_group_id);`);
    expect(result.warnings).toEqual([]);
    expect(rows.get('public.host')).toBe(200);
    expect(rows.get('public.dependency_node')).toBe(200);
    expect(
      await value(
        target,
        'SELECT count(*) AS n FROM host WHERE address_bin IS NOT NULL AND c IS NOT NULL AND e IS NOT NULL',
      ),
    ).toBeGreaterThan(10);
    expect(await value(target, 'SELECT count(*) AS n FROM host WHERE c IS NULL')).toBeGreaterThan(0);
  });
});

describe('shapes of bugs found in real schemas: expressions read, not sampled', () => {
  it("interval literals without a unit are seconds (interval '0', '-1'): planned, no crash", async () => {
    const { target, result, rows } = await load(`
      CREATE TABLE s (id int PRIMARY KEY, i interval CHECK (i > interval '0'), j interval NOT NULL CHECK (j >= '0'),
        k interval CHECK (k > '-1'));`);
    expect(result.warnings).toEqual([]);
    expect(rows.get('public.s')).toBe(200);
    expect(await value(target, "SELECT count(*) AS n FROM s WHERE i > interval '0'")).toBeGreaterThan(150);
  });

  it('a boolean CASE WHEN CHECK is planned as its branches (Icinga DB dependency_node), NOT CASE too', async () => {
    const { target, result, rows } = await load(`
      CREATE TABLE dependency_node (id int PRIMARY KEY, host_id int, service_id int, redundancy_group_id int,
        CONSTRAINT ck_either CHECK (CASE WHEN redundancy_group_id IS NULL THEN host_id IS NOT NULL
                                         ELSE host_id IS NULL AND service_id IS NULL END));
      CREATE TABLE t (id int PRIMARY KEY, kind text NOT NULL CHECK (kind IN ('a','b','c')), x int, y int,
        CHECK (CASE WHEN kind = 'a' THEN x IS NOT NULL WHEN kind = 'b' THEN y > 10 ELSE x IS NULL AND y IS NULL END),
        CHECK (NOT CASE WHEN x > 100 THEN y IS NULL ELSE false END));`);
    expect(result.warnings).toEqual([]);
    expect(rows.get('public.dependency_node')).toBe(200);
    expect(rows.get('public.t')).toBe(200);
    expect(
      await value(target, 'SELECT count(*) AS n FROM dependency_node WHERE redundancy_group_id IS NOT NULL'),
    ).toBeGreaterThan(20);
    expect(await value(target, 'SELECT count(DISTINCT kind) AS n FROM t')).toBe(3);
  });

  it('BETWEEN SYMMETRIC, power() in a domain bound, isempty(range) and family(inet) are read, not sampled', async () => {
    const { target, result, rows } = await load(`
      CREATE DOMAIN uint3 AS numeric CHECK (VALUE >= 0 AND VALUE < power(2::numeric, 3::numeric));
      CREATE TABLE t (id int PRIMARY KEY, d smallint NOT NULL CHECK (d BETWEEN SYMMETRIC 10 AND 1), v uint3 NOT NULL);
      CREATE TABLE booking (id int PRIMARY KEY, period daterange NOT NULL CHECK (NOT isempty(period)));
      CREATE TABLE host (id int PRIMARY KEY, ip inet NOT NULL CHECK (family(ip) = 4));`);
    expect(result.warnings).toEqual([]);
    expect(rows.get('public.t')).toBe(200);
    expect(rows.get('public.booking')).toBe(200);
    expect(rows.get('public.host')).toBe(200);
    expect(await value(target, 'SELECT count(DISTINCT d) AS n FROM t')).toBe(10);
    expect(await value(target, 'SELECT max(v) AS n FROM t')).toBeLessThan(8);
  });

  it('PostgreSQL 16 `x IS JSON [OBJECT|ARRAY]` CHECKs: no crash, printed back, values of that kind (PG 15 cannot load it)', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'schema.sql'),
      'CREATE TABLE j (id serial PRIMARY KEY, x text CHECK (x IS JSON), o text UNIQUE CHECK (o IS JSON OBJECT), a varchar(80) CHECK (a IS JSON ARRAY));',
    );
    const result = await generate({
      schema: [join(dir, 'schema.sql')],
      output: join(dir, 'data.sql'),
      defaultRows: 300,
    });
    // Only the note that the output needs PostgreSQL 16.
    expect(result.warnings.map((w) => w.code)).toEqual(['SERVER_VERSION']);
    const script = readFileSync(join(dir, 'data.sql'), 'utf8');
    expect(script).toContain('o text CHECK ((o IS JSON OBJECT))');
    const rows =
      script.split('COPY public.j (id, x, o, a) FROM stdin;\n')[1]?.split('\n\\.\n')[0]?.split('\n') ?? [];
    expect(rows).toHaveLength(300);
    for (const row of rows) {
      const [, x, o, a] = row.split('\t');
      if (x !== '\\N') expect(() => JSON.parse(x as string)).not.toThrow();
      if (o !== '\\N') expect(JSON.parse(o as string)).toBeTypeOf('object');
      if (a !== '\\N') expect(Array.isArray(JSON.parse(a as string))).toBe(true);
    }
  });

  it('a NOT NULL generated column over a nullable column: its input is never NULL (sqlboiler testdatabase)', async () => {
    // Before: base was NULL in some rows, upper(base) NULL, and the load stopped at the generated column's NOT NULL.
    const { target, rows } = await load(`
      CREATE TABLE t (
        id int PRIMARY KEY,
        base text,
        g text NOT NULL GENERATED ALWAYS AS (upper(base)) STORED,
        n int,
        h int GENERATED ALWAYS AS (n * 2) STORED
      );`);
    expect(rows.get('public.t')).toBe(200);
    expect(await value(target, 'SELECT count(*) AS n FROM t WHERE base IS NULL')).toBe(0);
    // A nullable generated column leaves its input free to be NULL.
    expect(await value(target, 'SELECT count(*) AS n FROM t WHERE n IS NULL')).toBeGreaterThan(0);
  });
});

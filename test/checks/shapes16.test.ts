/**
 * Constructs of issue 8 still open after session 15 (shapes16), each as a
 * minimal shape, generated and loaded into the real server with every
 * constraint in place (a plain script with psql ON_ERROR_STOP and a custom
 * archive through pg_restore --exit-on-error).
 */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

const db = useTestDatabase('shapes16');

describe('shapes16: open constructs of issue 8', () => {
  it('inet/cidr CHECKs with << <<= >> >>= && (and NOT) make values inside or outside the network, unique ones too', async () => {
    // Before: 'CHECK n1_addr_check (addr << ...) ... cannot be read by datagen (operator <<), so public.n1 gets no
    // rows', the same for every operator but &&, whose rows were NULL where the column allowed it.
    const { counts, target, result } = await loadScriptAndArchive(
      db,
      `CREATE TABLE n1 (id int PRIMARY KEY, addr inet NOT NULL CHECK (addr << '10.0.0.0/8'),
         b inet NOT NULL CHECK (NOT (b <<= '127.0.0.0/8')), c cidr NOT NULL CHECK (c >> '192.168.1.5'),
         d cidr NOT NULL CHECK (d && '172.16.0.0/12'), e cidr NOT NULL CHECK (e >>= '10.1.2.0/24'),
         f inet NOT NULL CHECK ('fd00::/8' >> f));
       CREATE TABLE n2 (id int PRIMARY KEY, ip_address inet NOT NULL UNIQUE CHECK (ip_address <<= '192.168.0.0/16'),
         other inet NOT NULL UNIQUE CHECK (NOT (other << '10.0.0.0/8')), net cidr UNIQUE CHECK (net >> '192.168.7.9/32'));
       CREATE DOMAIN privnet AS inet CHECK (VALUE <<= '10.0.0.0/8');
       CREATE TABLE n3 (id int PRIMARY KEY, p privnet NOT NULL, q int[] CHECK (q && '{1,2,3}'));`,
      { defaultRows: 200, seed: 1, tables: { n2: 30 } },
    );
    expect(counts.get('public.n1')).toBe(200);
    expect(counts.get('public.n2')).toBe(30);
    expect(counts.get('public.n3')).toBe(200);
    expect(result.warnings.filter((w) => w.message.includes('cannot be read'))).toEqual([]);
    // The random values are spread over the network, not one value: realistic hosts.
    const [spread] = await target.query<{ a: string; ip: string }>(
      'SELECT (SELECT count(DISTINCT addr) FROM n1) AS a, (SELECT count(DISTINCT ip_address) FROM n2) AS ip',
    );
    expect(Number(spread?.a)).toBeGreaterThan(150);
    expect(Number(spread?.ip)).toBe(30);
  });

  it("starts_with(x, 'p') and x ^@ 'p' are read as the prefix pattern LIKE 'p%' (unique and negated too)", async () => {
    // Before: starts_with was evaluated only (a unique column failed its rows), ^@ could not be read at all.
    const { counts, target, result } = await loadScriptAndArchive(
      db,
      `CREATE TABLE p1 (id int PRIMARY KEY, s text NOT NULL CHECK (starts_with(s, 'ab_')),
         t text NOT NULL UNIQUE CHECK (t ^@ 'X%'), u text NOT NULL CHECK (NOT starts_with(u, 'zz')),
         v varchar(12) NOT NULL UNIQUE CHECK (starts_with(v, 'ord-')));`,
      { defaultRows: 300, seed: 1 },
    );
    expect(counts.get('public.p1')).toBe(300);
    expect(result.warnings.filter((w) => w.where?.startsWith('public.p1'))).toEqual([]);
    const [bad] = await target.query<{ n: string }>(
      `SELECT count(*) AS n FROM p1 WHERE NOT (s LIKE 'ab\\_%' AND t LIKE 'X\\%%' AND v LIKE 'ord-%')`,
    );
    expect(Number(bad?.n)).toBe(0);
  });

  it('a unique CASE whose results are NULL or one expression of a NOT NULL column (soft-delete keys) is that expression unique', async () => {
    // Before: 'UNIQUE INDEX c4_u (CASE WHEN deleted THEN NULL ELSE lower(email) END) allows only 1 distinct value
    // ... so it gets 1 row instead of 300' (the same for a missing ELSE and a generated column).
    const { counts, target } = await loadScriptAndArchive(
      db,
      `CREATE TABLE c4 (id int PRIMARY KEY, email text NOT NULL, deleted boolean NOT NULL);
       CREATE UNIQUE INDEX c4_u ON c4 ((CASE WHEN deleted THEN NULL ELSE lower(email) END));
       CREATE TABLE c7 (id int PRIMARY KEY, code int NOT NULL, archived boolean NOT NULL DEFAULT false,
         g int GENERATED ALWAYS AS (CASE WHEN archived THEN NULL ELSE code END) STORED UNIQUE);
       CREATE TABLE c8 (id int PRIMARY KEY, org int NOT NULL, name text NOT NULL, deleted_at timestamptz);
       CREATE UNIQUE INDEX c8_u ON c8 (org, (CASE WHEN deleted_at IS NULL THEN name::text END));`,
      { defaultRows: 300, seed: 1 },
    );
    expect(counts.get('public.c4')).toBe(300);
    expect(counts.get('public.c7')).toBe(300);
    expect(counts.get('public.c8')).toBe(300);
    const [live] = await target.query<{ n: string }>('SELECT count(*) AS n FROM c4 WHERE NOT deleted');
    expect(Number(live?.n)).toBeGreaterThan(0);
  });

  it('a unique array of an enum (or of booleans) uses the shortest arrays with room for the rows', async () => {
    // Before: 50 rows of a unique perm[] held 6 to 7 labels each (about 12 at larger counts): the key was spread
    // over every array up to the space's longest.
    const { counts, target } = await loadScriptAndArchive(
      db,
      `CREATE TYPE perm AS ENUM ('read', 'write', 'admin', 'owner', 'guest', 'audit');
       CREATE TABLE e1 (id int PRIMARY KEY, perms perm[] NOT NULL UNIQUE, flags boolean[] UNIQUE);`,
      { defaultRows: 250, seed: 1 },
    );
    expect(counts.get('public.e1')).toBe(250);
    // 6 + 36 single and paired labels hold 42 rows, with triples 258: three labels at most.
    const [size] = await target.query<{ p: number; f: number }>(
      'SELECT max(cardinality(perms)) AS p, max(cardinality(flags)) AS f FROM e1',
    );
    expect(size?.p).toBe(3);
    expect(size?.f).toBeLessThanOrEqual(7);
    // Generator version 8, pinned, keeps its long arrays.
    const old = await loadScriptAndArchive(
      db,
      `CREATE TYPE perm AS ENUM ('read', 'write', 'admin', 'owner', 'guest', 'audit');
       CREATE TABLE e1 (id int PRIMARY KEY, perms perm[] NOT NULL UNIQUE);`,
      { defaultRows: 250, seed: 1, generatorVersion: 8 },
    );
    const [long] = await old.target.query<{ p: number }>('SELECT max(cardinality(perms)) AS p FROM e1');
    expect(long?.p).toBeGreaterThan(3);
  });

  it('a nullable integer FK to a numeric-with-scale or float key is NULL with a warning naming it and why', async () => {
    // Before: every row NULL and not a word (a row's attempts drew NULL for it, which no fallback counted).
    const { counts, target, result } = await loadScriptAndArchive(
      db,
      `CREATE TABLE p1 (code numeric(6,2) PRIMARY KEY, name text);
       CREATE TABLE ch1 (id int PRIMARY KEY, p int REFERENCES p1);
       CREATE TABLE p2 (k float8 PRIMARY KEY);
       CREATE TABLE ch2 (id int PRIMARY KEY, p bigint REFERENCES p2);`,
      { defaultRows: 100, seed: 1 },
    );
    expect(counts.get('public.ch1')).toBe(100);
    expect(counts.get('public.ch2')).toBe(100);
    for (const [where, parent] of [
      ['public.ch1.p', 'public.p1.code'],
      ['public.ch2.p', 'public.p2.k'],
    ])
      expect(result.warnings).toContainEqual(
        expect.objectContaining({
          code: 'FOREIGN_KEY_LEFT_NULL',
          where,
          message: expect.stringContaining(`cannot read the values of the column ${parent}`),
        }),
      );
    const [set] = await target.query<{ n: string }>('SELECT count(p) AS n FROM ch1');
    expect(Number(set?.n)).toBe(0);
  });

  it("lower(m) / upper(m) of a multirange column are its first member's lower and its last member's upper bound", async () => {
    // Before: 'CHECK m1_m_check (upper(m) < 1000) ... cannot be read by datagen (upper() of a multirange), so
    // public.m1 gets no rows'.
    const { counts, target, result } = await loadScriptAndArchive(
      db,
      `CREATE TABLE m1 (id int PRIMARY KEY, m int4multirange NOT NULL CHECK (upper(m) < 1000),
         d datemultirange CHECK (lower(d) >= '2001-01-01'));
       CREATE TABLE m2 (id int PRIMARY KEY, m tstzmultirange NOT NULL CHECK (upper(m) > '2020-01-01'),
         n nummultirange NOT NULL CHECK (lower(n) > 0 AND upper(n) < 100));`,
      { defaultRows: 200, seed: 1 },
    );
    expect(counts.get('public.m1')).toBe(200);
    expect(counts.get('public.m2')).toBe(200);
    expect(result.warnings.filter((w) => w.message.includes('of a multirange'))).toEqual([]);
    // Members of several ranges are read by their outer bounds, not refused: most rows have some.
    const [spans] = await target.query<{ d: string; m: string }>(
      `SELECT (SELECT count(*) FROM m1 WHERE NOT isempty(d)) AS d, (SELECT count(*) FROM m2 WHERE NOT isempty(m)) AS m`,
    );
    expect(Number(spans?.d)).toBeGreaterThan(50);
    expect(Number(spans?.m)).toBeGreaterThan(50);
  });

  it('CREATE TABLE AS of coalesce/CASE/UNION over varchar, char and string constants is typed as the server types it', async () => {
    // Before: coalesce(name, 'x') over a varchar(40) was written text (the server makes it varchar), and
    // coalesce(code, 'zz') over a char(3) left the statement unmodelled (the table written as it is, no rows).
    const { counts, target } = await loadScriptAndArchive(
      db,
      `CREATE TABLE src (id int PRIMARY KEY, name varchar(40), code char(3), alt varchar(10), n int2, ts timestamp(3));
       CREATE TABLE t3 AS SELECT coalesce(name, name) a, coalesce(code, code) b, coalesce('a', 'b') d,
         CASE WHEN id > 1 THEN name ELSE 'q' END e, coalesce(name, NULL) f, coalesce(name, 'x') g,
         coalesce(code, 'zz') h, coalesce(name, alt) i, coalesce(n, 0) j, coalesce(code, name) k,
         coalesce(name, code::text) m, coalesce(ts, '2020-01-01') l FROM src;
       CREATE TABLE t4 AS SELECT name FROM src UNION SELECT alt FROM src;`,
      { defaultRows: 20, seed: 1 },
    );
    expect(counts.get('public.t3')).toBe(20);
    expect(counts.get('public.t4')).toBe(20);
    const types = await target.query<{ t: string }>(
      `SELECT string_agg(attname || ' ' || format_type(atttypid, atttypmod), ', ' ORDER BY attnum) AS t
         FROM pg_attribute WHERE attrelid IN ('t3'::regclass, 't4'::regclass) AND attnum > 0 GROUP BY attrelid ORDER BY attrelid`,
    );
    // What PostgreSQL 15 makes of the same CREATE TABLE AS.
    expect(types.map((r) => r.t)).toEqual([
      'a character varying(40), b character(3), d text, e character varying, f character varying(40), ' +
        'g character varying, h bpchar, i character varying, j integer, k bpchar, m character varying, ' +
        'l timestamp without time zone',
      'name character varying',
    ]);
  });

  it('EXCLUDE (fk_col WITH <>) on a foreign key column: every row points at one parent row, NOT NULL or not', async () => {
    // Before: 'public.child2 gets 1 row instead of 50: datagen cannot plan any element of EXCLUDE constraint
    // child2_parent_id_excl': the FK took each row's value from its own parent row, so two rows could conflict.
    const { counts, target } = await loadScriptAndArchive(
      db,
      `CREATE EXTENSION IF NOT EXISTS btree_gist;
       CREATE TABLE parent (id int PRIMARY KEY);
       CREATE TABLE child2 (id int PRIMARY KEY, parent_id int NOT NULL REFERENCES parent,
         EXCLUDE USING gist (parent_id WITH <>));
       CREATE TABLE child5 (id int PRIMARY KEY, parent_id int REFERENCES parent, EXCLUDE USING gist (parent_id WITH <>));
       CREATE TABLE child6 (id int PRIMARY KEY, up int REFERENCES child6, EXCLUDE USING gist (up WITH <>));`,
      { defaultRows: 50, seed: 1 },
    );
    expect(counts.get('public.child2')).toBe(50);
    expect(counts.get('public.child5')).toBe(50);
    // A self-reference's picks form a tree: still one row, warned.
    expect(counts.get('public.child6')).toBe(1);
    const [picked] = await target.query<{ n: string }>('SELECT count(DISTINCT parent_id) AS n FROM child2');
    expect(Number(picked?.n)).toBe(1);
  });
});

/**
 * Where constraints meet (issue 14): CHECKs on unique and FK columns,
 * expression uniques, deep FK chains, keys over keys, empty domains. Each
 * minimal shape is generated and loaded into the real server with every
 * constraint in place; row counts are checked against the request, and
 * every warning is asserted.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenerateOptions } from '../../src/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { loadGenerated } from '../helpers/load-generated.js';

let db: TestDatabase;

async function load(ddl: string, options: Omit<GenerateOptions, 'schema' | 'output'> = {}) {
  const { target, counts, result } = await loadGenerated(db, ddl, { defaultRows: 100, seed: 14, ...options });
  return { target, counts, warnings: result.warnings.map((w) => w.message) };
}

async function one(target: TestDatabase, sql: string): Promise<string | undefined> {
  const [row] = await target.query<{ n: string }>(sql);
  return row?.n;
}

describe('where constraints meet', () => {
  beforeAll(async () => {
    db = await createTestDatabase('constraint_meetings');
  });
  afterAll(async () => db.close());

  describe('keys over keys and generated keys are not cut to one row', () => {
    it('a junction table keyed both ways: PRIMARY KEY (user_id, group_id) + UNIQUE (group_id, user_id)', async () => {
      const { counts, warnings } = await load(
        `CREATE TABLE users (id int PRIMARY KEY);
         CREATE TABLE groups (id int PRIMARY KEY);
         CREATE TABLE membership (
           user_id int NOT NULL REFERENCES users, group_id int NOT NULL REFERENCES groups,
           PRIMARY KEY (user_id, group_id), UNIQUE (group_id, user_id));`,
        { tables: { users: 50, groups: 40, membership: 2000 } },
      );
      expect(warnings).toEqual([]);
      expect(counts.get('public.membership')).toBe(2000);
    });

    it('PRIMARY KEY (a, b) + UNIQUE (a, b, flag): the superset key is unique already', async () => {
      const { counts, warnings } = await load(
        'CREATE TABLE ab (a int NOT NULL, b int NOT NULL, flag boolean NOT NULL, PRIMARY KEY (a, b), UNIQUE (a, b, flag));',
      );
      expect(warnings).toEqual([]);
      expect(counts.get('public.ab')).toBe(100);
    });

    it('a generated UNIQUE column injective in the key (id * 2)', async () => {
      const { counts, warnings } = await load(
        "CREATE TABLE g (id int PRIMARY KEY, g int GENERATED ALWAYS AS (id * 2) STORED UNIQUE, h text GENERATED ALWAYS AS (id::text || '-x') STORED UNIQUE);",
      );
      expect(warnings).toEqual([]);
      expect(counts.get('public.g')).toBe(100);
    });
  });

  it('cuts travel through a chain of unique FKs declared child-first (c → b → a, a keyed by a boolean)', async () => {
    const { counts, warnings } = await load(
      `CREATE TABLE c (id int PRIMARY KEY, b_id int NOT NULL UNIQUE REFERENCES b);
       CREATE TABLE b (id int PRIMARY KEY, a_id int NOT NULL UNIQUE REFERENCES a);
       CREATE TABLE a (id int PRIMARY KEY, flag boolean NOT NULL UNIQUE);`,
    );
    expect(counts.get('public.a')).toBe(2);
    expect(counts.get('public.b')).toBe(2);
    expect(counts.get('public.c')).toBe(2);
    expect(warnings).toEqual([
      'public.c: UNIQUE c_b_id_key (b_id) allows only 2 distinct values (a key over foreign keys is bounded by the parent tables’ rows), so it gets 2 rows instead of 100.',
      'public.b: UNIQUE b_a_id_key (a_id) allows only 2 distinct values (a key over foreign keys is bounded by the parent tables’ rows), so it gets 2 rows instead of 100.',
      'public.a: UNIQUE a_flag_key (flag) allows only 2 distinct values, so it gets 2 rows instead of 100.',
    ]);
  });

  describe('a CHECK on a foreign-key column', () => {
    it('`parent_id > 50` over a serial parent: only parent rows 51… are picked', async () => {
      const { target, counts, warnings } = await load(
        `CREATE TABLE parent (id serial PRIMARY KEY);
         CREATE TABLE child (id serial PRIMARY KEY, parent_id int NOT NULL REFERENCES parent CHECK (parent_id > 50));`,
        { tables: { parent: 100, child: 2000 } },
      );
      expect(warnings).toEqual([]);
      expect(counts.get('public.child')).toBe(2000);
      expect(await one(target, 'SELECT min(parent_id) AS n FROM child')).toBe(51);
      // Fan-out is skewed (generate/fan-out.ts): a fifth of the 50 allowed parents get no child.
      expect(await one(target, 'SELECT count(DISTINCT parent_id) AS n FROM child')).toBe('40');
    });

    it('a unique FK under a CHECK: the capacity is the parent rows that meet it', async () => {
      const { counts, warnings } = await load(
        `CREATE TABLE parent (id int PRIMARY KEY);
         CREATE TABLE child (parent_id int PRIMARY KEY REFERENCES parent CHECK (parent_id BETWEEN 11 AND 40));`,
        { tables: { parent: 100 } },
      );
      expect(counts.get('public.child')).toBe(30);
      expect(warnings).toEqual([
        'public.child: PRIMARY KEY child_pkey (parent_id) allows only 30 distinct values (a key over foreign keys is bounded by the parent tables’ rows), so it gets 30 rows instead of 100.',
      ]);
    });

    it('a text key: the row engine picks the parent again until the CHECK holds', async () => {
      const { target, counts, warnings } = await load(
        `CREATE TABLE parent (code text PRIMARY KEY);
         CREATE TABLE child (id int PRIMARY KEY, code text NOT NULL REFERENCES parent CHECK (code <> 'ab') CHECK (code NOT IN ('a', 'abeo')));`,
        { tables: { parent: 200, child: 500 } },
      );
      expect(warnings).toEqual([]);
      expect(counts.get('public.child')).toBe(500);
      expect(await one(target, "SELECT count(*) AS n FROM child WHERE code IN ('ab', 'a', 'abeo')")).toBe(
        '0',
      );
    });

    it('no parent row meets the CHECK: the child gets no rows, with the numbers', async () => {
      const { counts, warnings } = await load(
        `CREATE TABLE parent (id serial PRIMARY KEY);
         CREATE TABLE child (id serial PRIMARY KEY, parent_id int NOT NULL REFERENCES parent CHECK (parent_id > 500));`,
      );
      expect(counts.get('public.child')).toBe(0);
      expect(warnings).toEqual([
        'public.child gets no rows instead of 100: the CHECKs on public.child.parent_id leave no row of public.parent (of 100) to point to.',
      ]);
    });
  });

  it('an empty domain on a NOT NULL column: the table and its dependants get no rows, with a warning', async () => {
    const { counts, warnings } = await load(
      `CREATE TABLE s (id int PRIMARY KEY, status text NOT NULL CHECK (status IN ('a','b') AND status NOT IN ('a','b')));
       CREATE TABLE s_child (id int PRIMARY KEY, s_id int NOT NULL REFERENCES s);
       CREATE TABLE other (id int PRIMARY KEY);`,
    );
    expect(counts.get('public.s')).toBe(0);
    expect(counts.get('public.s_child')).toBe(0);
    expect(counts.get('public.other')).toBe(100);
    expect(warnings).toEqual([
      "public.s gets no rows instead of 100: public.s.status is NOT NULL and its CHECKs allow no value (every listed value ('a', 'b') is also excluded); fix the CHECK in the DDL.",
      'public.s_child gets no rows instead of 100: foreign key s_child_s_id_fkey (s_id) is NOT NULL and public.s gets no rows.',
    ]);
  });

  describe('CHECKs on UNIQUE and PRIMARY KEY columns', () => {
    it('`<>`, NOT IN, a regex, LIKE, a text range, jsonb_typeof and cardinality, all on unique columns', async () => {
      const { target, counts, warnings } = await load(
        `CREATE TABLE u1 (code varchar(1) PRIMARY KEY CHECK (code <> 'a'));
         CREATE TABLE u2 (code text PRIMARY KEY CHECK (code ~ '^[A-Z]{2}[0-9]{2}$'));
         CREATE TABLE u3 (code text UNIQUE NOT NULL CHECK (code LIKE 'X%'));
         CREATE TABLE u4 (name text PRIMARY KEY CHECK (name BETWEEN 'm' AND 'n'));
         CREATE TABLE u5 (doc jsonb UNIQUE NOT NULL CHECK (jsonb_typeof(doc) = 'array'));
         CREATE TABLE u6 (tags text[] UNIQUE NOT NULL CHECK (cardinality(tags) = 2));
         CREATE TABLE u7 (n int PRIMARY KEY CHECK (n NOT IN (1, 2, 3)));
         CREATE TABLE u8 (status text PRIMARY KEY CHECK (status IN ('a', 'b', 'c') AND status <> 'b'));`,
        { defaultRows: 2000, tables: { u1: 30, u8: 2 } },
      );
      expect(warnings).toEqual([]);
      for (const t of ['u2', 'u3', 'u4', 'u5', 'u6', 'u7']) expect(counts.get(`public.${t}`)).toBe(2000);
      expect(counts.get('public.u1')).toBe(30);
      expect(counts.get('public.u8')).toBe(2);
      expect(await one(target, "SELECT count(*) AS n FROM u1 WHERE code = 'a'")).toBe('0');
    });

    it('a pattern with fewer strings than rows bounds the rows, with the numbers', async () => {
      const { counts, warnings } = await load(
        "CREATE TABLE p (code char(2) PRIMARY KEY CHECK (code ~ '^[A-C][0-9]$'));",
      );
      expect(counts.get('public.p')).toBe(30);
      expect(warnings).toEqual([
        'public.p: PRIMARY KEY p_pkey (code) allows only 30 distinct values, so it gets 30 rows instead of 100.',
      ]);
    });
  });

  describe('unique indexes on expressions', () => {
    it('(n % 1000) at 1001 rows: n in a window of 1000 integers, the table cut to 1000 with the numbers', async () => {
      const { counts, warnings } = await load(
        'CREATE TABLE e1 (n int NOT NULL); CREATE UNIQUE INDEX ON e1 ((n % 1000));',
        { defaultRows: 1001 },
      );
      expect(counts.get('public.e1')).toBe(1000);
      expect(warnings).toEqual([
        'public.e1: UNIQUE INDEX e1_expr_idx (n % 1000) allows only 1000 distinct values, so it gets 1000 rows instead of 1001.',
      ]);
    });

    it('substr(code, 1, 2) at 300 rows: codes of at most 2 characters', async () => {
      const { counts, warnings } = await load(
        'CREATE TABLE e2 (code text NOT NULL); CREATE UNIQUE INDEX ON e2 ((substr(code, 1, 2))); CREATE UNIQUE INDEX ON e2 ((left(code, 2)));',
        { defaultRows: 300 },
      );
      expect(warnings).toEqual([]);
      expect(counts.get('public.e2')).toBe(300);
    });

    it('(a || b) over two char(1) at 2000 rows: (a, b) unique, a of one length, cut to the pairs', async () => {
      const { counts, warnings } = await load(
        'CREATE TABLE e3 (a char(1) NOT NULL, b char(1) NOT NULL); CREATE UNIQUE INDEX ON e3 ((a || b));',
        { defaultRows: 2000 },
      );
      expect(counts.get('public.e3')).toBe(1296);
      expect(warnings).toEqual([
        'public.e3: UNIQUE INDEX e3_expr_idx (a || b) allows only 1296 distinct values, so it gets 1296 rows instead of 2000.',
      ]);
    });

    it('an expression datagen cannot construct (date_trunc) with no other column: one row, with the reason', async () => {
      const { counts, warnings } = await load(
        "CREATE TABLE e4 (ts timestamp NOT NULL); CREATE UNIQUE INDEX ON e4 ((date_trunc('day', ts)));",
      );
      expect(counts.get('public.e4')).toBe(1);
      expect(warnings).toEqual([
        "public.e4: UNIQUE INDEX e4_date_trunc_idx (date_trunc('day', ts)) allows only 1 distinct value (datagen cannot make date_trunc('day', ts) unique by construction and no other column of the key is free to vary; for more rows, generate from a copy of the DDL without this key), so it gets 1 row instead of 100.",
      ]);
    });
  });

  it('two CLI processes write the same bytes for these shapes (determinism across processes)', () => {
    const dir = tempDir();
    const schema = join(dir, 'schema.sql');
    writeFileSync(
      schema,
      `CREATE TABLE parent (id serial PRIMARY KEY, code text UNIQUE NOT NULL CHECK (code ~ '^[A-Z]{3}[0-9]{2}$'));
       CREATE TABLE child (id serial PRIMARY KEY, parent_id int NOT NULL REFERENCES parent CHECK (parent_id > 5),
                           n int NOT NULL, tag text NOT NULL CHECK (tag NOT IN ('a', 'b')));
       CREATE UNIQUE INDEX ON child ((n % 500));`,
    );
    const cli = join(import.meta.dirname, '../../dist/cli/main.js');
    const outputs = ['a.dump', 'b.dump'].map((name) => {
      const file = join(dir, name);
      const r = spawnSync(
        process.execPath,
        [
          cli,
          'generate',
          schema,
          '-r',
          '400',
          '--seed',
          '3',
          '-F',
          'c',
          '--timestamp',
          '2026-01-01T00:00:00Z',
          '--reference-time',
          '2026-01-01T00:00:00Z',
          '-f',
          file,
        ],
        { encoding: 'utf8', env: { ...process.env, CI: '1' } },
      );
      expect(r.status, r.stderr).toBe(0);
      return readFileSync(file);
    });
    expect(outputs[0]?.length).toBeGreaterThan(1000);
    expect(outputs[1]?.equals(outputs[0] as Buffer)).toBe(true);
  });
});

/**
 * DDL PostgreSQL refuses must not give exit 0 (issue 8): each shape here was
 * read without a word and written back into output that stopped loading
 * there. Each is first shown refused by the real server, then by datagen
 * (a located problem; the CLI exits 2 and writes nothing), and the forms the
 * server takes still load with every constraint in place.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliInProcess } from '../helpers/cli-in-process.js';
import { useTestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { model, table } from '../helpers/parsed-model.js';
import { loadedRows, refusedLikeServer } from '../helpers/refused-ddl.js';

const db = useTestDatabase('refuse28');

/** Each DDL refused by the server with its message, and by datagen at the place and with the words given. */
async function eachRefusedLikeServer(cases: readonly (readonly [string, RegExp, string])[]): Promise<void> {
  for (const [ddl, where, server] of cases) await refusedLikeServer(db, ddl, where, server);
}

describe('what a CHECK, a generated column or an index may not hold', () => {
  it('a subquery, an aggregate, a window or set-returning function; a generated column read by another', async () => {
    await eachRefusedLikeServer([
      [
        'CREATE TABLE t (c int CHECK (c > (SELECT 1)));\n',
        /test\.sql:1:\d+: CHECK t_c_check on public\.t: PostgreSQL refuses it \("cannot use subquery in check constraint"\)/,
        'cannot use subquery in check constraint',
      ],
      [
        'CREATE TABLE t (c int CHECK (max(c) > 0));\n',
        /"aggregate functions are not allowed in check constraints"\); max\(\) is an aggregate function/,
        'aggregate functions are not allowed in check constraints',
      ],
      [
        'CREATE TABLE t (c int CHECK (row_number() OVER () > 0));\n',
        /"window functions are not allowed in check constraints"/,
        'window functions are not allowed in check constraints',
      ],
      [
        'CREATE TABLE t (c int[] CHECK (unnest(c) > 0));\n',
        /"set-returning functions are not allowed in check constraints"/,
        'set-returning functions are not allowed in check constraints',
      ],
      [
        'CREATE TABLE t (c int,\n  d int GENERATED ALWAYS AS ((SELECT 1)) STORED);\n',
        /test\.sql:2:\d+: generated column d on public\.t: PostgreSQL refuses it \("cannot use subquery in column generation expression"\)/,
        'cannot use subquery in column generation expression',
      ],
      [
        'CREATE TABLE t (a int, b int GENERATED ALWAYS AS (a * 2) STORED,\n  c int GENERATED ALWAYS AS (b + 1) STORED);\n',
        /test\.sql:2:3: generated column c of public\.t reads generated column b: PostgreSQL refuses it/,
        'cannot use generated column "b" in column generation expression',
      ],
      [
        'CREATE TABLE t (a int, b int GENERATED ALWAYS AS (a * 2) STORED);\nALTER TABLE t ADD COLUMN c int GENERATED ALWAYS AS (b + 1) STORED;\n',
        /test\.sql:2:1: generated column c of public\.t reads generated column b/,
        'cannot use generated column "b" in column generation expression',
      ],
    ]);
  });

  it('a function that is not IMMUTABLE in a generated column, an index expression or an index predicate', async () => {
    await eachRefusedLikeServer([
      [
        'CREATE TABLE t (c float8 GENERATED ALWAYS AS (random()) STORED);\n',
        /test\.sql:1:\d+: generated column c on public\.t: PostgreSQL refuses it \("generation expression is not immutable"\); random\(\) is not IMMUTABLE/,
        'generation expression is not immutable',
      ],
      [
        'CREATE TABLE t (c timestamptz GENERATED ALWAYS AS (CURRENT_TIMESTAMP) STORED);\n',
        /"generation expression is not immutable"\); CURRENT_TIMESTAMP is not IMMUTABLE/,
        'generation expression is not immutable',
      ],
      [
        'CREATE TABLE t (c timestamptz);\nCREATE INDEX ON t ((c > now()));\n',
        /test\.sql:2:\d+: index t_expr_idx on public\.t: PostgreSQL refuses it \("functions in index expression must be marked IMMUTABLE"\)/,
        'functions in index expression must be marked IMMUTABLE',
      ],
      [
        'CREATE TABLE t (c timestamptz);\nCREATE INDEX ON t (c) WHERE c > now();\n',
        /"functions in index predicate must be marked IMMUTABLE"/,
        'functions in index predicate must be marked IMMUTABLE',
      ],
      [
        'CREATE TABLE t (c timestamptz);\nCREATE INDEX t_day ON t ((c::date));\n',
        /index t_day on public\.t: .*the cast from timestamptz to date is not IMMUTABLE/,
        'functions in index expression must be marked IMMUTABLE',
      ],
      [
        "CREATE TABLE t (j jsonb);\nCREATE INDEX t_at ON t (((j->>'at')::timestamptz));\n",
        /the cast from text to timestamptz is not IMMUTABLE/,
        'functions in index expression must be marked IMMUTABLE',
      ],
    ]);
  });

  it('what the server takes there loads', async () => {
    const ddl =
      'CREATE FUNCTION plus1(int) RETURNS int LANGUAGE sql AS $$ SELECT $1 + 1 $$;\n' +
      'CREATE TABLE t (a int CHECK (a > 0), b int GENERATED ALWAYS AS (a * 2) STORED, c timestamp, d timestamptz CHECK (d <= now()),\n' +
      '  e date GENERATED ALWAYS AS (c::date) STORED);\n' +
      'CREATE INDEX t_day ON t ((c::date)) WHERE c IS NOT NULL;\nCREATE INDEX t_plus ON t (plus1(a));\n';
    expect(table(await model(ddl), 't').columns.map((c) => c.name)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(await loadedRows(db, ddl)).toBe(20);
  });
});

describe('constraint definitions the server refuses', () => {
  it('a key naming a column twice, ON DELETE SET NULL (col) of another column, an EXCLUDE operator', async () => {
    await eachRefusedLikeServer([
      [
        'CREATE TABLE t (a int, PRIMARY KEY (a, a));\n',
        /test\.sql:1:\d+: PRIMARY KEY on public\.t names column a twice: PostgreSQL refuses it/,
        'column "a" appears twice in primary key constraint',
      ],
      [
        'CREATE TABLE t (a int, b int);\nALTER TABLE t ADD CONSTRAINT t_u UNIQUE (a, b, a);\n',
        /test\.sql:2:\d+: UNIQUE t_u on public\.t names column a twice/,
        'column "a" appears twice in unique constraint',
      ],
      [
        'CREATE TABLE p (id int PRIMARY KEY);\nCREATE TABLE t (id int, p int, q int,\n  FOREIGN KEY (p) REFERENCES p ON DELETE SET NULL (q));\n',
        /test\.sql:3:3: foreign key t_p_fkey of public\.t: its ON DELETE SET action names column q, which is not one of its columns \(p\)/,
        'column "q" referenced in ON DELETE SET action must be part of foreign key',
      ],
      [
        'CREATE TABLE t (c int, EXCLUDE USING btree (c WITH <>));\n',
        /exclusion constraint t_c_excl on public\.t USING btree \(… WITH <>\): PostgreSQL refuses it/,
        'is not a member of operator family',
      ],
      [
        'CREATE TABLE t (c int4range, EXCLUDE USING gist (c WITH @>));\n',
        /USING gist \(… WITH @>\): PostgreSQL refuses it \("operator @> is not commutative"\)/,
        'is not commutative',
      ],
    ]);
  });

  it('what the server takes there loads', async () => {
    const ddl =
      'CREATE TABLE p (id int, k int, PRIMARY KEY (id, k));\n' +
      'CREATE TABLE t (id int PRIMARY KEY, p int, k int, r int4range, UNIQUE (p, id),\n' +
      '  FOREIGN KEY (p, k) REFERENCES p ON DELETE SET NULL (p), EXCLUDE USING btree (id WITH =), EXCLUDE USING gist (r WITH &&));\n';
    expect(table(await model(ddl), 't').exclusions.map((e) => e.name)).toEqual(['t_id_excl', 't_r_excl']);
    expect(await loadedRows(db, ddl)).toBe(20);
  });
});

describe('constraint names PostgreSQL chooses', () => {
  it("an explicit name taken by an unnamed CHECK made before it is refused; one named before, the CHECK's name moves on", async () => {
    await eachRefusedLikeServer([
      [
        'CREATE TABLE t (c int CHECK (c > 0), CONSTRAINT t_c_check CHECK (c < 100));\n',
        /test\.sql:1:\d+: CREATE TABLE public\.t: constraint t_c_check has the name PostgreSQL gives an unnamed CHECK/,
        'check constraint "t_c_check" already exists',
      ],
      [
        'CREATE TABLE t (CONSTRAINT t_c_check UNIQUE (c), c int CHECK (c > 0));\n',
        /constraint t_c_check has the name PostgreSQL gives an unnamed CHECK/,
        'constraint "t_c_check" for relation "t" already exists',
      ],
    ]);
    const ddl =
      'CREATE TABLE t (CONSTRAINT t_c_check CHECK (c < 100), c int CHECK (c > 0));\nALTER TABLE t DROP CONSTRAINT t_c_check1;\n';
    expect(table(await model(ddl), 't').checks.map((c) => c.name)).toEqual(['t_c_check']);
    expect(await loadedRows(db, ddl)).toBe(20);
  });
});

describe('a DEFAULT of a type the column cannot take', () => {
  it('no assignment cast from the value to the column: refused; the casts PostgreSQL has: loaded', async () => {
    await eachRefusedLikeServer([
      [
        'CREATE TABLE t (c uuid DEFAULT CURRENT_TIMESTAMP);\n',
        /test\.sql:1:\d+: DEFAULT of column public\.t\.c: a value of type timestamp with time zone cannot be assigned to uuid/,
        'column "c" is of type uuid but default expression is of type timestamp with time zone',
      ],
      [
        'CREATE TABLE t (c boolean DEFAULT 2);\n',
        /a value of type integer cannot be assigned to boolean/,
        'column "c" is of type boolean but default expression is of type integer',
      ],
      [
        "CREATE TABLE t (c int);\nALTER TABLE t ALTER COLUMN c SET DEFAULT '1'::text;\n",
        /test\.sql:2:\d+: DEFAULT of column public\.t\.c: a value of type text cannot be assigned to integer/,
        'column "c" is of type integer but default expression is of type text',
      ],
      [
        'CREATE TABLE t (c int[] DEFAULT 1);\n',
        /a value of type integer cannot be assigned to integer\[\]/,
        'column "c" is of type integer[] but default expression is of type integer',
      ],
    ]);
    const ddl =
      "CREATE TABLE t (a int DEFAULT 1.5, b text DEFAULT now(), c date DEFAULT now(), d timestamptz DEFAULT CURRENT_DATE, e json DEFAULT '{}'::jsonb,\n" +
      '  f interval DEFAULT LOCALTIME, g money DEFAULT 1, h varchar(64) DEFAULT CURRENT_USER, i uuid DEFAULT gen_random_uuid());\n';
    expect(await loadedRows(db, ddl)).toBe(20);
  });
});

describe('routines made twice, renamed onto one, dropped when never made', () => {
  it('CREATE FUNCTION of a defined identity, a rename onto one, DROP FUNCTION / DROP TYPE of what was never made', async () => {
    const f = 'CREATE FUNCTION f(int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT $1 $$;\n';
    await eachRefusedLikeServer([
      [
        `${f}CREATE TABLE t (c int);\nCREATE FUNCTION f(integer) RETURNS int LANGUAGE sql AS $$ SELECT 2 $$;\n`,
        /test\.sql:3:1: CREATE FUNCTION public\.f\(integer\): a routine of that name and argument types is defined earlier/,
        'already exists with same argument types',
      ],
      [
        `${f}CREATE FUNCTION g(int) RETURNS int LANGUAGE sql AS $$ SELECT 2 $$;\nALTER FUNCTION g(int) RENAME TO f;\n`,
        /test\.sql:3:1: ALTER FUNCTION public\.g\(integer\): public\.f\(integer\) is defined earlier in the DDL/,
        'already exists in schema',
      ],
      [
        `${f}DROP FUNCTION f(int);\nCREATE PROCEDURE f(int) LANGUAGE sql AS $$ SELECT 1 $$;\nCREATE PROCEDURE f(int4) LANGUAGE sql AS $$ SELECT 1 $$;\n`,
        /test\.sql:4:1: CREATE FUNCTION public\.f\(integer\)/,
        'already exists with same argument types',
      ],
      [
        'CREATE TABLE t (c int);\nDROP FUNCTION f(int);\n',
        /test\.sql:2:1: DROP FUNCTION: f is not created earlier in the DDL/,
        'function f(integer) does not exist',
      ],
      [
        'CREATE TABLE t (c int);\nDROP TYPE e;\n',
        /test\.sql:2:1: DROP TYPE: e is not created earlier/,
        'type "e" does not exist',
      ],
      [
        'CREATE FUNCTION f(a text, b numeric) RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;\nALTER FUNCTION public.f(a integer, b numeric) OWNER TO postgres;\n',
        /test\.sql:2:1: ALTER FUNCTION public\.f\(integer, numeric\): no routine of that name takes these argument types \(the DDL defines public\.f\(text, numeric\)\)/,
        'function public.f(integer, numeric) does not exist',
      ],
      [
        'CREATE TABLE t (c int);\nALTER FUNCTION f(int) OWNER TO postgres;\n',
        /test\.sql:2:1: ALTER FUNCTION public\.f\(integer\): no routine of that name is created earlier/,
        'function f(integer) does not exist',
      ],
    ]);
    const ddl =
      `CREATE SCHEMA s;\n${f}CREATE FUNCTION f(text) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT 1 $$;\n` +
      'CREATE OR REPLACE FUNCTION f(int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT $1 + 1 $$;\n' +
      `ALTER FUNCTION f(int) RENAME TO g;\n${f}DROP FUNCTION g(int);\nALTER FUNCTION f(int) SET SCHEMA s;\n${f}` +
      "DROP FUNCTION IF EXISTS h(int);\nDROP TYPE IF EXISTS e;\nCREATE TYPE e AS ENUM ('a');\nDROP TYPE e;\n" +
      'CREATE FUNCTION h(a character varying, b timestamp with time zone, OUT c int) LANGUAGE sql AS $$ SELECT 1 $$;\n' +
      'ALTER FUNCTION public.h(a varchar, b timestamptz, OUT c int) OWNER TO postgres;\nALTER FUNCTION h OWNER TO postgres;\n' +
      'CREATE TABLE t (c int);\n';
    // psql stops on the first error: every routine statement ran.
    expect(await loadedRows(db, ddl)).toBe(20);
  });
});

describe('partitions whose bounds overlap', () => {
  it('a RANGE, LIST or HASH bound a sibling shares, a second DEFAULT: refused; bounds that meet end to start: loaded', async () => {
    const range =
      'CREATE TABLE t (c int) PARTITION BY RANGE (c);\nCREATE TABLE t1 PARTITION OF t FOR VALUES FROM (MINVALUE) TO (10);\n';
    await eachRefusedLikeServer([
      [
        `${range}CREATE TABLE t2 PARTITION OF t FOR VALUES FROM (5) TO (20);\n`,
        /test\.sql:3:1: partition public\.t2 of public\.t: its bound overlaps that of public\.t1/,
        'partition "t2" would overlap partition "t1"',
      ],
      [
        `${range}CREATE TABLE t2 (c int);\nALTER TABLE t ATTACH PARTITION t2 FOR VALUES FROM (9) TO (15);\n`,
        /test\.sql:4:1: partition public\.t2 of public\.t: its bound overlaps/,
        'partition "t2" would overlap partition "t1"',
      ],
      [
        "CREATE TABLE t (c timestamp) PARTITION BY RANGE (c);\nCREATE TABLE t1 PARTITION OF t FOR VALUES FROM ('2020-01-01') TO ('2020-02-01 00:00:01');\nCREATE TABLE t2 PARTITION OF t FOR VALUES FROM ('2020-02-01') TO ('2020-03-01');\n",
        /test\.sql:3:1: partition public\.t2 of public\.t: its bound overlaps/,
        'would overlap partition "t1"',
      ],
      [
        "CREATE TABLE t (c text) PARTITION BY LIST (c);\nCREATE TABLE t1 PARTITION OF t FOR VALUES IN ('a', NULL);\nCREATE TABLE t2 PARTITION OF t FOR VALUES IN ('b', NULL);\n",
        /test\.sql:3:1: partition public\.t2 of public\.t: its bound overlaps/,
        'would overlap partition "t1"',
      ],
      [
        'CREATE TABLE t (c int) PARTITION BY HASH (c);\nCREATE TABLE t1 PARTITION OF t FOR VALUES WITH (MODULUS 2, REMAINDER 0);\nCREATE TABLE t2 PARTITION OF t FOR VALUES WITH (MODULUS 4, REMAINDER 2);\n',
        /test\.sql:3:1: partition public\.t2 of public\.t: its bound overlaps/,
        'would overlap partition "t1"',
      ],
      [
        'CREATE TABLE t (c int) PARTITION BY LIST (c);\nCREATE TABLE t1 PARTITION OF t DEFAULT;\nCREATE TABLE t2 PARTITION OF t DEFAULT;\n',
        /test\.sql:3:1: partition public\.t2 of public\.t: a second DEFAULT partition/,
        'conflicts with existing default partition "t1"',
      ],
    ]);
    const ddl =
      `${range}CREATE TABLE t2 PARTITION OF t FOR VALUES FROM (10) TO (20);\nCREATE TABLE t3 PARTITION OF t FOR VALUES FROM (20) TO (MAXVALUE);\n` +
      // A date key reads '2020-02-01 00:00:01' as that day: d1 ends where d2 begins.
      "CREATE TABLE d (c date) PARTITION BY RANGE (c);\nCREATE TABLE d1 PARTITION OF d FOR VALUES FROM ('2020-01-01') TO ('2020-02-01 00:00:01');\n" +
      "CREATE TABLE d2 PARTITION OF d FOR VALUES FROM ('2020-02-01') TO ('2020-03-01');\nCREATE TABLE h (c int) PARTITION BY HASH (c);\n" +
      'CREATE TABLE h1 PARTITION OF h FOR VALUES WITH (MODULUS 2, REMAINDER 0);\nCREATE TABLE h2 PARTITION OF h FOR VALUES WITH (MODULUS 4, REMAINDER 1);\n' +
      'CREATE TABLE h3 PARTITION OF h FOR VALUES WITH (MODULUS 4, REMAINDER 3);\n';
    expect(await loadedRows(db, ddl)).toBe(20);
    // Detached, its bound is free again (DETACH is not modelled: the bounds of that parent are not judged).
    const detached = `${range}ALTER TABLE t DETACH PARTITION t1;\nCREATE TABLE t2 PARTITION OF t FOR VALUES FROM (0) TO (30);\n`;
    expect(table(await model(detached), 't2').partitionOf?.bound.text).toBe('FOR VALUES FROM (0) TO (30)');
  });
});

describe('changes the server makes on a parent only, views with two columns of one name', () => {
  it('ALTER COLUMN TYPE or DROP COLUMN of an inherited column or of a partition key; a view repeating a column name', async () => {
    const inherits = 'CREATE TABLE p (c int, d int);\nCREATE TABLE t (e int) INHERITS (p);\n';
    await eachRefusedLikeServer([
      [
        `${inherits}ALTER TABLE t ALTER COLUMN c TYPE bigint;\n`,
        /test\.sql:3:1: ALTER TABLE public\.t ALTER COLUMN c: the column is inherited from public\.p, so PostgreSQL refuses it/,
        'cannot alter inherited column "c"',
      ],
      [
        `${inherits}ALTER TABLE t DROP COLUMN d;\n`,
        /test\.sql:3:1: ALTER TABLE public\.t DROP COLUMN d: the column is inherited from public\.p/,
        'cannot drop inherited column "d"',
      ],
      [
        'CREATE TABLE p (c int, d int) PARTITION BY LIST (c);\nCREATE TABLE t PARTITION OF p FOR VALUES IN (1);\nALTER TABLE t ALTER COLUMN d TYPE bigint;\n',
        /test\.sql:3:1: ALTER TABLE public\.t ALTER COLUMN d: the column is inherited from public\.p/,
        'cannot alter inherited column "d"',
      ],
      [
        'CREATE TABLE p (c int, d int) PARTITION BY LIST (c);\nALTER TABLE p ALTER COLUMN c TYPE bigint;\n',
        /test\.sql:2:1: ALTER TABLE public\.p ALTER COLUMN c: the column is in the table's partition key/,
        'because it is part of the partition key of relation "p"',
      ],
      [
        'CREATE TABLE t (a int, b int);\nCREATE VIEW v AS SELECT a, b AS a FROM t;\n',
        /test\.sql:2:1: CREATE VIEW public\.v: its query gives two columns the name a/,
        'column "a" specified more than once',
      ],
      [
        'CREATE TABLE t (a int, b int);\nCREATE VIEW v AS SELECT count(*), count(b) FROM t;\n',
        /CREATE VIEW public\.v: its query gives two columns the name count/,
        'column "count" specified more than once',
      ],
    ]);
    const ddl =
      `${inherits}ALTER TABLE t ALTER COLUMN e TYPE bigint;\nALTER TABLE p ALTER COLUMN c TYPE bigint;\n` +
      'CREATE TABLE u (c int, d int);\nCREATE TABLE w () INHERITS (u);\nALTER TABLE w NO INHERIT u;\nALTER TABLE w ALTER COLUMN c TYPE bigint;\n' +
      'CREATE VIEW v1 (x, y) AS SELECT c, c FROM t;\nCREATE VIEW v2 AS SELECT c, d FROM t UNION SELECT c, c FROM t;\nCREATE VIEW v3 AS SELECT t.*, u.c AS uc FROM t JOIN u ON true;\n';
    expect(await loadedRows(db, ddl)).toBe(20);
  });
});

describe('a routine the DDL declares without IMMUTABLE', () => {
  it('a plpgsql one (VOLATILE or STABLE) in an index or generated column: refused; IMMUTABLE, or SQL (inlined): loaded', async () => {
    await eachRefusedLikeServer([
      [
        'CREATE FUNCTION f(int) RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN $1 + 1; END $$;\nCREATE TABLE t (c int);\nCREATE INDEX ON t (f(c));\n',
        /test\.sql:3:\d+: index t_f_idx on public\.t: PostgreSQL refuses it \("functions in index expression must be marked IMMUTABLE"\); f\(\), declared without IMMUTABLE, is not IMMUTABLE/,
        'functions in index expression must be marked IMMUTABLE',
      ],
      [
        'CREATE FUNCTION f(int) RETURNS int LANGUAGE plpgsql STABLE AS $$ BEGIN RETURN $1 + 1; END $$;\nCREATE TABLE t (c int, d int GENERATED ALWAYS AS (f(c)) STORED);\n',
        /test\.sql:2:\d+: generated column d on public\.t: PostgreSQL refuses it \("generation expression is not immutable"\)/,
        'generation expression is not immutable',
      ],
    ]);
    const ddl =
      'CREATE FUNCTION f(int) RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN $1 + 1; END $$;\n' +
      'CREATE OR REPLACE FUNCTION f(int) RETURNS int LANGUAGE plpgsql IMMUTABLE AS $$ BEGIN RETURN $1 + 1; END $$;\n' +
      'CREATE FUNCTION g(int) RETURNS int LANGUAGE sql STABLE AS $$ SELECT $1 * 2 $$;\n' +
      'CREATE TABLE t (c int, d int GENERATED ALWAYS AS (f(c)) STORED);\nCREATE INDEX ON t (f(c)) WHERE g(c) > 0;\n';
    expect(await loadedRows(db, ddl)).toBe(20);
  });
});

describe('a trigger, rule or policy made twice on one table', () => {
  it('without OR REPLACE: refused; dropped, renamed away, replaced or on another table: loaded', async () => {
    const t = 'CREATE TABLE t (a int);\nALTER TABLE t ENABLE ROW LEVEL SECURITY;\n';
    const trigger =
      'CREATE TRIGGER tr AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION suppress_redundant_updates_trigger();\n';
    await eachRefusedLikeServer([
      [
        `${t}${trigger}${trigger}`,
        /test\.sql:4:1: CREATE TRIGGER tr ON public\.t: the trigger is made earlier in the DDL/,
        'trigger "tr" for relation "t" already exists',
      ],
      [
        // A routine that runs DDL (pagila's rewards_report EXECUTEs), never called while the DDL loads, changes nothing.
        `CREATE FUNCTION mk() RETURNS void LANGUAGE plpgsql AS $$ BEGIN EXECUTE 'DROP TRIGGER tr ON t'; END $$;\n${t}${trigger}${trigger}`,
        /test\.sql:5:1: CREATE TRIGGER tr ON public\.t: the trigger is made earlier in the DDL/,
        'trigger "tr" for relation "t" already exists',
      ],
      [
        `${t}CREATE RULE r AS ON INSERT TO t DO ALSO NOTHING;\nCREATE RULE r AS ON INSERT TO t DO ALSO NOTHING;\n`,
        /test\.sql:4:1: CREATE RULE r ON public\.t: the rule is made earlier/,
        'rule "r" for relation "t" already exists',
      ],
      [
        `${t}CREATE POLICY p ON t USING (true);\nCREATE POLICY p ON t USING (true);\n`,
        /test\.sql:4:1: CREATE POLICY p ON public\.t: the policy is made earlier/,
        'policy "p" for table "t" already exists',
      ],
    ]);
    const ddl =
      `${t}${trigger}DROP TRIGGER tr ON t;\n${trigger}CREATE OR REPLACE TRIGGER tr AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION suppress_redundant_updates_trigger();\n` +
      `ALTER TRIGGER tr ON t RENAME TO tr2;\n${trigger}CREATE RULE r AS ON INSERT TO t DO ALSO NOTHING;\nCREATE OR REPLACE RULE r AS ON INSERT TO t DO ALSO NOTHING;\n` +
      'CREATE POLICY p ON t USING (true);\nDROP POLICY p ON t;\nCREATE POLICY p ON t USING (true);\nCREATE TABLE u (a int);\nCREATE POLICY p ON u USING (true);\n';
    expect(await loadedRows(db, ddl)).toBe(20);
  });
});

describe('the CLI', () => {
  it('exits 2 with the located problem and writes nothing', async () => {
    const dir = tempDir();
    const schema = join(dir, 'schema.sql');
    writeFileSync(schema, 'CREATE TABLE t (a int,\n  b float8 GENERATED ALWAYS AS (random()) STORED);\n');
    const output = join(dir, 'out.dump');
    const r = await runCliInProcess(['generate', schema, '-r', '10', '-F', 'c', '-f', output]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/schema\.sql:2:\d+: generated column b on public\.t: PostgreSQL refuses it/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(output)).toBe(false);
  });
});

describe("a column's own constraints that contradict each other", () => {
  it('NULL with NOT NULL or an identity, two DEFAULTs (serial makes one), DEFAULT with an identity or generation, an identity of another type', async () => {
    await eachRefusedLikeServer([
      [
        'CREATE TABLE t (id int PRIMARY KEY, c int NOT NULL NULL);\n',
        /test\.sql:1:\d+: conflicting NULL\/NOT NULL declarations for column c of table public\.t: PostgreSQL refuses it; drop the NULL/,
        'conflicting NULL/NOT NULL declarations for column "c" of table "t"',
      ],
      [
        'CREATE TABLE t (id int PRIMARY KEY, s smallint GENERATED BY DEFAULT AS IDENTITY NULL);\n',
        /conflicting NULL\/NOT NULL declarations for column s of table public\.t \(an identity is NOT NULL\)/,
        'conflicting NULL/NOT NULL declarations for column "s" of table "t"',
      ],
      [
        'CREATE TABLE t (id serial DEFAULT 5 PRIMARY KEY);\n',
        /multiple default values specified for column id of table public\.t \(serial makes one\)/,
        'multiple default values specified for column "id" of table "t"',
      ],
      [
        'CREATE TABLE t (id int DEFAULT 1 GENERATED ALWAYS AS IDENTITY PRIMARY KEY);\n',
        /both default and identity specified for column id of table public\.t/,
        'both default and identity specified for column "id" of table "t"',
      ],
      [
        'CREATE TABLE t (id int PRIMARY KEY, c int DEFAULT 1 GENERATED ALWAYS AS (id * 2) STORED);\n',
        /both default and generation expression specified for column c of table public\.t/,
        'both default and generation expression specified for column "c" of table "t"',
      ],
      [
        'CREATE TABLE t (id int PRIMARY KEY, c text GENERATED ALWAYS AS IDENTITY);\n',
        /identity column type must be smallint, integer, or bigint \(column c of table public\.t\)/,
        'identity column type must be smallint, integer, or bigint',
      ],
      [
        'CREATE DOMAIN dint AS int;\nCREATE TABLE t (id dint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY);\n',
        /test\.sql:2:\d+: identity column type must be smallint, integer, or bigint \(column id of table public\.t\)/,
        'identity column type must be smallint, integer, or bigint',
      ],
    ]);
    // What the server takes still loads.
    expect(
      await loadedRows(
        db,
        'CREATE TABLE t (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, s smallint GENERATED BY DEFAULT AS IDENTITY, n int NULL DEFAULT 3, m int NOT NULL, g int GENERATED ALWAYS AS (m * 2) STORED);\n',
      ),
    ).toBe(20);
  });
});

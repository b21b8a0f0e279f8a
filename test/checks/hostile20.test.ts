/**
 * Shapes hostile20 found (issue 8: exit 0, then a failed load), each reduced to its minimal shape: what
 * PostgreSQL refuses in the DDL itself is refused by datagen with a located error (nothing written), and
 * the nearby shapes PostgreSQL accepts are generated and loaded into the real server with every constraint
 * in place (a plain script with psql ON_ERROR_STOP and a custom archive through pg_restore --exit-on-error).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDdl } from '../../src/index.js';
import { createTestDatabase, expectServerRefuses, type TestDatabase } from '../helpers/database.js';
import { ddlProblems } from '../helpers/generate-file.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

let db: TestDatabase;

/** refuse20: DDL the test server (PostgreSQL 15) refuses, with datagen's located error for it. */
const REFUSED: readonly { ddl: string; server: string; datagen: string }[] = [
  {
    ddl: "CREATE DOMAIN d AS int CHECK (VALUE > 'abc');",
    server: 'invalid input syntax for type integer: "abc"',
    datagen:
      's.sql:1:39: CHECK d_check on domain public.d: invalid input syntax for type integer: "abc", so PostgreSQL refuses the statement; write a value of the type',
  },
  {
    ddl: "CREATE DOMAIN d AS int DEFAULT 'abc';",
    server: 'invalid input syntax for type integer: "abc"',
    datagen:
      's.sql:1:32: DEFAULT of domain public.d: invalid input syntax for type integer: "abc", so PostgreSQL refuses the statement; write a value of the type',
  },
  {
    ddl: "CREATE DOMAIN d AS int;\nALTER DOMAIN d ADD CHECK (VALUE <> 'x');",
    server: 'invalid input syntax for type integer: "x"',
    datagen: 's.sql:2:36: CHECK d_check on domain public.d: invalid input syntax for type integer: "x"',
  },
  {
    ddl: 'CREATE DOMAIN d AS varchar(0);',
    server: 'length for type varchar must be at least 1',
    datagen:
      's.sql:1:20: DOMAIN public.d: length for type varchar must be at least 1, so PostgreSQL refuses the statement; give the type a modifier in its range',
  },
  {
    ddl: 'CREATE TYPE ct AS (a int, b varchar(0));',
    server: 'length for type varchar must be at least 1',
    datagen:
      's.sql:1:29: attribute public.ct.b: length for type varchar must be at least 1, so PostgreSQL refuses the statement; give the type a modifier in its range',
  },
  {
    ddl: "CREATE TABLE t (a int[] DEFAULT '{1, a, NULL}');",
    server: 'invalid input syntax for type integer: "a"',
    datagen:
      's.sql:1:33: DEFAULT of column public.t.a: invalid input syntax for type integer: "a", so PostgreSQL refuses the statement; write a value of the type',
  },
  {
    // No release reads underscores in a float (float8in is strtod); 16 reads them in integers and numerics.
    ddl: "CREATE TABLE t (a float8 DEFAULT '1_000');",
    server: 'invalid input syntax for type double precision: "1_000"',
    datagen:
      's.sql:1:34: DEFAULT of column public.t.a: invalid input syntax for type double precision: "1_000"',
  },
];

/** refuse20: statements naming a relation the DDL never makes, in public (no extension there). */
const MISSING: readonly { ddl: string; datagen: string }[] = [
  {
    ddl: 'GRANT SELECT ON nosuch TO PUBLIC;',
    datagen: 's.sql:1:1: GRANT ON TABLE public.nosuch: the table is not defined in the DDL',
  },
  {
    ddl: 'ALTER TABLE nosuch OWNER TO CURRENT_USER;',
    datagen: 's.sql:1:1: ALTER TABLE public.nosuch OWNER: the table is not defined in the DDL',
  },
  {
    ddl: "COMMENT ON INDEX nosuch IS 'x';",
    datagen: 's.sql:1:1: COMMENT ON INDEX public.nosuch: the index is not defined in the DDL',
  },
  {
    ddl: "COMMENT ON SEQUENCE nosuch IS 'x';",
    datagen: 's.sql:1:1: COMMENT ON SEQUENCE public.nosuch: the sequence is not defined in the DDL',
  },
  {
    ddl: "COMMENT ON CONSTRAINT c ON nosuch IS 'x';",
    datagen: 's.sql:1:1: COMMENT ON CONSTRAINT c ON public.nosuch: the table is not defined in the DDL',
  },
];

describe('hostile20 shapes', () => {
  beforeAll(async () => {
    db = await createTestDatabase('hostile20shapes');
  });
  afterAll(async () => db.close());

  it('a string constant its type cannot read, in a DEFAULT, a CHECK or a cast, is a located error (it was exit 0)', async () => {
    // Before: exit 0, and psql stopped at 'invalid input syntax for type integer: "abc"'.
    expect(
      await ddlProblems(
        `CREATE TABLE t (id int PRIMARY KEY,\n  c int DEFAULT 'abc',\n  k int2 DEFAULT '40000', g bool DEFAULT 'maybe', h jsonb DEFAULT '{x',\n  CHECK (c > 'abc'), CHECK (c IN ('1', 'b')), CHECK (id BETWEEN '1' AND 'q'), CHECK ('zz'::uuid IS NOT NULL));\nCREATE TABLE u (x date CHECK (x > 'soon'), z inet CHECK (z <> 'host'));`,
      ),
    ).toEqual([
      's.sql:2:17: DEFAULT of column public.t.c: invalid input syntax for type integer: "abc", so PostgreSQL refuses the statement; write a value of the type',
      's.sql:3:18: DEFAULT of column public.t.k: value "40000" is out of range for type smallint, so PostgreSQL refuses the statement; write a value of the type',
      's.sql:3:42: DEFAULT of column public.t.g: invalid input syntax for type boolean: "maybe", so PostgreSQL refuses the statement; write a value of the type',
      's.sql:3:67: DEFAULT of column public.t.h: invalid input syntax for type jsonb: "{x", so PostgreSQL refuses the statement; write a value of the type',
      's.sql:4:3: CHECK t_c_check on public.t: invalid input syntax for type integer: "abc", so PostgreSQL refuses the statement; write a value of the type',
      's.sql:4:22: CHECK t_c_check1 on public.t: invalid input syntax for type integer: "b", so PostgreSQL refuses the statement; write a value of the type',
      's.sql:4:47: CHECK t_id_check on public.t: invalid input syntax for type integer: "q", so PostgreSQL refuses the statement; write a value of the type',
      's.sql:4:79: CHECK t_check on public.t: invalid input syntax for type uuid: "zz", so PostgreSQL refuses the statement; write a value of the type',
      's.sql:5:24: CHECK u_x_check on public.u: invalid input syntax for type date: "soon", so PostgreSQL refuses the statement; write a value of the type',
      's.sql:5:51: CHECK u_z_check on public.u: invalid input syntax for type inet: "host", so PostgreSQL refuses the statement; write a value of the type',
    ]);
  });

  it('constants PostgreSQL reads (spaces, prefixes of true, braces in a uuid, special words) are not refused, and load', async () => {
    const { counts, result } = await loadScriptAndArchive(
      db,
      `CREATE TABLE t (id int PRIMARY KEY, c int DEFAULT ' 12 ' CHECK (c > '-5'), d int8 DEFAULT '-9223372036854775808',
         e bool DEFAULT 'of' CHECK (e <> 'tr'), f uuid DEFAULT '{a0eebc99-9c0b4ef8-bb6d6bb9-bd380a11}',
         i inet DEFAULT '10.0.0.1/8', j jsonb DEFAULT '[1, "a"]', k date DEFAULT 'today' CHECK (k > 'epoch'),
         m float8 DEFAULT '-Infinity' CHECK (m < 'NaN'), n numeric CHECK (n > '-1e3'));`,
      { defaultRows: 20, seed: 3 },
    );
    expect(Object.fromEntries(counts)).toEqual({ 'public.t': 20 });
    expect(result.warnings).toEqual([]);
  });

  it('a type modifier PostgreSQL refuses (varchar(0), numeric(0)) is a located error; numeric(5,-2) is not', async () => {
    // Before: exit 0, and psql stopped at 'length for type varchar must be at least 1'.
    expect(
      await ddlProblems(
        `CREATE TABLE t (id int PRIMARY KEY, c varchar(0), d char(0), e numeric(0), f bit(0));`,
      ),
    ).toEqual([
      's.sql:1:37: column public.t.c: length for type varchar must be at least 1, so PostgreSQL refuses the statement; give the type a modifier in its range',
      's.sql:1:51: column public.t.d: length for type char must be at least 1, so PostgreSQL refuses the statement; give the type a modifier in its range',
      's.sql:1:62: column public.t.e: NUMERIC precision 0 must be between 1 and 1000, so PostgreSQL refuses the statement; give the type a modifier in its range',
      's.sql:1:76: column public.t.f: length for type bit must be at least 1, so PostgreSQL refuses the statement; give the type a modifier in its range',
    ]);
    expect(
      await ddlProblems(`CREATE TABLE t (id int PRIMARY KEY); ALTER TABLE t ADD COLUMN c varchar(0);`),
    ).toHaveLength(1);
    const { counts } = await loadScriptAndArchive(
      db,
      `CREATE TABLE n (id int PRIMARY KEY, a numeric(5,-2), b numeric(3,5), c varchar(10485760));`,
      { defaultRows: 10, seed: 1 },
    );
    expect(Object.fromEntries(counts)).toEqual({ 'public.n': 10 });
  });

  it('a DEFAULT or CHECK calling a function nothing defines is a located error; one the DDL defines later too', async () => {
    // Before: exit 0, and psql stopped at 'function nosuch_fn() does not exist'.
    expect(
      await ddlProblems(
        `CREATE TABLE t (id int PRIMARY KEY, c int DEFAULT nosuch_fn(),\n  d int CHECK (public.also_not(d)), e text GENERATED ALWAYS AS (gen_nothing(c)) STORED);`,
      ),
    ).toEqual([
      's.sql:1:37: DEFAULT of column public.t.c: it calls nosuch_fn(), which neither PostgreSQL nor the DDL defines, so PostgreSQL refuses the statement (function does not exist); define the function before it (or give the file that does as an earlier argument), or fix the name',
      's.sql:2:37: generated column e on public.t: it calls gen_nothing(), which neither PostgreSQL nor the DDL defines, so PostgreSQL refuses the statement (function does not exist); define the function before it (or give the file that does as an earlier argument), or fix the name',
      's.sql:2:9: CHECK t_d_check on public.t: it calls also_not(), which neither PostgreSQL nor the DDL defines, so PostgreSQL refuses the statement (function does not exist); define the function before it (or give the file that does as an earlier argument), or fix the name',
    ]);
    expect(
      await ddlProblems(
        `CREATE TABLE t (id int PRIMARY KEY, c int CHECK (f(c)));\nCREATE FUNCTION f(int) RETURNS bool LANGUAGE sql IMMUTABLE AS 'SELECT $1 > 0';`,
      ),
    ).toEqual([
      "s.sql:1:43: CHECK t_c_check on public.t: it calls f(), which the DDL defines only after it, so PostgreSQL refuses the statement (function does not exist); move the function's definition before it",
    ]);
  });

  it('an unknown function where an extension may make it is warned, not refused; built-in and defined ones load', async () => {
    const parsed = await parseDdl([
      {
        file: 's.sql',
        text: `CREATE EXTENSION IF NOT EXISTS pgcrypto;\nCREATE TABLE t (id int PRIMARY KEY, c text DEFAULT made_by_ext());`,
      },
    ]);
    expect(parsed.warnings.filter((w) => w.message.includes('made_by_ext')).map((w) => w.message)).toEqual([
      'the DDL calls functions that neither PostgreSQL nor the DDL defines (first in DEFAULT of column public.t.c at s.sql:2:37): made_by_ext(). Unless extension pgcrypto makes them, PostgreSQL refuses the statements that call them and the load stops there; define them in the DDL, or fix the names',
    ]);
    const { counts, result } = await loadScriptAndArchive(
      db,
      `CREATE FUNCTION positive(n int) RETURNS bool LANGUAGE sql IMMUTABLE AS 'SELECT $1 > 0';
       CREATE TABLE b (id int PRIMARY KEY CHECK (positive(id)), c text DEFAULT upper(md5('x')) CHECK (length(btrim(c)) > 0),
         d timestamptz DEFAULT now(), e text GENERATED ALWAYS AS (lower(c)) STORED);`,
      { defaultRows: 10, seed: 1 },
    );
    expect(Object.fromEntries(counts)).toEqual({ 'public.b': 10 });
    expect(result.warnings.map((w) => w.code)).not.toContain('EXTERNAL_OBJECTS');
  });

  it('ALTER TABLE SET DEFAULT, ALTER COLUMN TYPE and an index expression are read alike (they were exit 0)', async () => {
    expect(
      await ddlProblems(
        `CREATE TABLE t (id int PRIMARY KEY, c int, d text);\nALTER TABLE t ALTER COLUMN c SET DEFAULT 'abc';\nALTER TABLE t ALTER COLUMN d TYPE varchar(0);\nCREATE INDEX ON t (nosuch_fn(c));`,
      ),
    ).toEqual([
      's.sql:2:42: DEFAULT of column public.t.c: invalid input syntax for type integer: "abc", so PostgreSQL refuses the statement; write a value of the type',
      's.sql:3:35: column public.t.d: length for type varchar must be at least 1, so PostgreSQL refuses the statement; give the type a modifier in its range',
      's.sql:4:1: index t_nosuch_fn_idx on public.t: it calls nosuch_fn(), which neither PostgreSQL nor the DDL defines, so PostgreSQL refuses the statement (function does not exist); define the function before it (or give the file that does as an earlier argument), or fix the name',
    ]);
    // An extension's type used without CREATE EXTENSION: the database may have it, and its functions; warned.
    const parsed = await parseDdl([
      {
        file: 's.sql',
        text: `CREATE TABLE g (id int PRIMARY KEY, v vector(3), n int DEFAULT vec_dims_of(3));`,
      },
    ]);
    expect(parsed.warnings.map((w) => w.message).filter((m) => m.includes('vec_dims_of'))).toHaveLength(1);
  });

  it('CREATE TABLE (LIKE nosuch) is one error naming the missing table, not also one per column it then lacks', async () => {
    // Before: a second problem, 'CHECK t_x_check: x is not a column of public.t (it has no columns)'.
    expect(
      await ddlProblems(
        `CREATE TABLE t (LIKE nosuch, CHECK (x > 0), PRIMARY KEY (id));\nCREATE INDEX ON t (a);`,
      ),
    ).toEqual([
      's.sql:1:22: CREATE TABLE public.t (LIKE public.nosuch): that table is not defined before it in the DDL, so PostgreSQL refuses the statement (relation does not exist); define it first, or give the file that does as an earlier argument',
    ]);
  });
  it('refuse20: domains, composite attributes and array DEFAULTs PostgreSQL refuses are located errors (they were exit 0)', async () => {
    for (const shape of REFUSED) {
      await expectServerRefuses(db, shape.ddl, shape.server);
      expect(await ddlProblems(shape.ddl), shape.ddl).toEqual([expect.stringContaining(shape.datagen)]);
    }
    // The forms the server takes load: VALUE compared with a number, an array of numbers and NULLs, a quoted array.
    const { counts, result } = await loadScriptAndArchive(
      db,
      `CREATE DOMAIN pos AS int DEFAULT '7' CHECK (VALUE > '0'); CREATE TYPE pair AS (a varchar(3), b numeric(4,1));
       CREATE TABLE t (id int PRIMARY KEY, p pos, q pair, a int[] DEFAULT '{1, NULL, -3}', b text[] DEFAULT '{x,y}',
         c int[] DEFAULT '{}', d float8 DEFAULT '0x1p3');`,
      { defaultRows: 10, seed: 2 },
    );
    expect(Object.fromEntries(counts)).toEqual({ 'public.t': 10 });
    expect(result.warnings.map((w) => w.code)).not.toContain('SERVER_VERSION');
  });

  it("refuse20: PostgreSQL 16's integer input ('0x1F', '1_000') marks the DDL as needing 16 (PostgreSQL 15 refuses it)", async () => {
    // Before: no mark, and the output stopped a load into PostgreSQL 15 at 'invalid input syntax for type integer'.
    for (const ddl of [
      "CREATE TABLE t (a int DEFAULT '0x1F');",
      "CREATE TABLE t (a numeric CHECK (a > '1_000'));",
    ]) {
      await expectServerRefuses(db, ddl, 'invalid input syntax');
      const { schema, warnings } = await parseDdl([{ file: 's.sql', text: ddl }]);
      expect(schema.serverVersion, ddl).toBe(16);
      expect(
        warnings.filter((w) => w.code === 'SERVER_VERSION').map((w) => w.message),
        ddl,
      ).toEqual([expect.stringMatching(/^the DDL uses syntax of PostgreSQL 16 \(first at s\.sql:1:\d+\)/)]);
    }
  });

  it('refuse20: GRANT, ALTER ... OWNER and COMMENT ON INDEX/SEQUENCE/CONSTRAINT naming a missing relation are located errors', async () => {
    // Before: exit 0, and psql stopped at 'relation "nosuch" does not exist'.
    for (const shape of MISSING) {
      await expectServerRefuses(db, shape.ddl, 'relation "nosuch" does not exist');
      expect(await ddlProblems(shape.ddl), shape.ddl).toEqual([expect.stringContaining(shape.datagen)]);
    }
    // In a schema the DDL does not create, the relation may be the target database's: listed, not refused.
    const external = await parseDdl([
      { file: 's.sql', text: "GRANT SELECT ON ext.t TO PUBLIC; COMMENT ON INDEX ext.i IS 'a';" },
    ]);
    expect(external.warnings.map((w) => w.code)).toContain('EXTERNAL_OBJECTS');
    // What the DDL makes (a key's index, a serial's sequence, a view) loads.
    const { counts } = await loadScriptAndArchive(
      db,
      `CREATE TABLE t (id int PRIMARY KEY, n serial, CONSTRAINT pos CHECK (id > 0)); CREATE INDEX ON t (n);
       COMMENT ON INDEX t_pkey IS 'k'; COMMENT ON INDEX t_n_idx IS 'i'; COMMENT ON SEQUENCE t_n_seq IS 's';
       COMMENT ON CONSTRAINT pos ON t IS 'c'; GRANT SELECT ON t, t_n_seq TO PUBLIC; REVOKE ALL ON SEQUENCE t_n_seq FROM PUBLIC;
       ALTER TABLE t OWNER TO CURRENT_USER; ALTER SEQUENCE t_n_seq OWNER TO CURRENT_USER;
       CREATE VIEW v AS SELECT id FROM t; ALTER TABLE v OWNER TO CURRENT_USER; GRANT SELECT ON v TO PUBLIC;`,
      { defaultRows: 10, seed: 4 },
    );
    expect(Object.fromEntries(counts)).toEqual({ 'public.t': 10 });
  });

  it('the row trial cuts the table that failed, not another whose display name is the same (a."b.c" and "a.b".c)', async () => {
    // Before: exit 2, 'a.b.c: row 0 still fails CHECK b.c_check (x <> y) after 32 attempts' (the trial's map by
    // display name held "a.b".c for a.b.c, so the cut went to it and a."b.c" was never cut). The shape was then
    // x <> y over two FKs to a one-row parent, which the planner has known since fix24 (no trial): now a CHECK only
    // the trial finds unmet.
    const { target, restored, result } = await loadScriptAndArchive(
      db,
      `CREATE SCHEMA a; CREATE SCHEMA "a.b";
       CREATE TABLE a."b.c" (id int PRIMARY KEY, c int NOT NULL UNIQUE CHECK ((c * 3) % 2 = 0));
       CREATE TABLE "a.b".c (id int PRIMARY KEY, v int CHECK (v > 0));`,
      { defaultRows: 20, seed: 1 },
    );
    // (The helper's row counts are by display name too: the tables are counted here by their own names.)
    for (const database of [target, restored]) {
      const [row] = await database.query<{ bc: string; c: string }>(
        `SELECT (SELECT count(*) FROM a."b.c") AS bc, (SELECT count(*) FROM "a.b".c) AS c`,
      );
      expect(row).toEqual({ bc: '0', c: '20' });
    }
    // The remedy names the table as --rows reads it (it said `--rows a.b.c=N`, which --rows refuses as no table).
    const cut = result.warnings.filter((w) => w.code === 'ROWS_CUT_BY_CHECK').map((w) => w.message);
    expect(cut).toHaveLength(1);
    expect(cut[0]).toContain('ask for fewer rows with --rows a."b.c"=N');
  });
});

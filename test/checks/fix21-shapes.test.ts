/**
 * fix21 (issue 8, front-end leftovers): DDL PostgreSQL refuses is a located error (nothing written), and the
 * nearby shapes it accepts generate output that loads into the real server with every constraint in place.
 * One database for the file; each shape minimal, tens of rows.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type DatagenError, ErrorCodes } from '../../src/errors.js';
import { createPlan, generate, parseDdl } from '../../src/index.js';
import { expectServerRefuses, queryNumbers, siblingWith, useTestDatabase } from '../helpers/database.js';
import { ddlProblems, tempDir } from '../helpers/generate-file.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

const db = useTestDatabase('fix21shapes');

/** `ddl` generated as a plain script (rows per table, seed 1) and run with psql ON_ERROR_STOP in a sibling made by `setup`. */
async function loadsAfter(ddl: string, rows: number, ...setup: string[]) {
  const dir = tempDir();
  const output = join(dir, 'out.sql');
  writeFileSync(join(dir, 's.sql'), ddl);
  const result = await generate({ schema: [join(dir, 's.sql')], output, defaultRows: rows, seed: 1 });
  const target = await siblingWith(db, ...setup);
  await target.psqlFileAsync(output);
  return { result, target };
}

const TRIGGER_FUNCTION = 'CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;';

/** A statement on a relation public lacks: the server's refusal and datagen's located error (s.sql line 2). */
const MISSING_PUBLIC: readonly { ddl: string; server: string; datagen: string }[] = [
  {
    ddl: 'ALTER TABLE nosuch ENABLE ROW LEVEL SECURITY;',
    server: 'relation "nosuch" does not exist',
    datagen: 's.sql:2:1: ALTER TABLE public.nosuch: the table is not defined in the DDL',
  },
  {
    ddl: 'ALTER TABLE nosuch ALTER COLUMN a SET STATISTICS 100;',
    server: 'relation "nosuch" does not exist',
    datagen: 's.sql:2:1: ALTER TABLE public.nosuch: the table is not defined in the DDL',
  },
  {
    ddl: 'ALTER INDEX nosuch_idx SET (fillfactor = 50);',
    server: 'relation "nosuch_idx" does not exist',
    datagen: 's.sql:2:1: ALTER INDEX public.nosuch_idx: the index is not defined in the DDL',
  },
  {
    ddl: 'CREATE TRIGGER trg AFTER INSERT ON nosuch FOR EACH ROW EXECUTE FUNCTION f();',
    server: 'relation "nosuch" does not exist',
    datagen: 's.sql:2:1: TRIGGER trg on public.nosuch: the table is not defined in the DDL',
  },
  {
    ddl: 'CREATE POLICY p ON public.nosuch USING (true);',
    server: 'relation "public.nosuch" does not exist',
    datagen: 's.sql:2:1: POLICY p on public.nosuch: the table is not defined in the DDL',
  },
  {
    ddl: 'CREATE RULE r AS ON INSERT TO nosuch DO INSTEAD NOTHING;',
    server: 'relation "nosuch" does not exist',
    datagen: 's.sql:2:1: RULE r on public.nosuch: the table is not defined in the DDL',
  },
  {
    ddl: "COMMENT ON CONSTRAINT nosuch ON t IS 'x';",
    server: 'constraint "nosuch" for table "t" does not exist',
    datagen:
      's.sql:2:1: COMMENT ON CONSTRAINT nosuch ON public.t: public.t has no constraint nosuch in the DDL',
  },
];

describe('fix21 shapes', () => {
  it('a statement on a relation missing from public is a located error, for every ALTER TABLE subcommand, trigger, rule, policy and constraint comment (they were exit 0 or refused only for OWNER)', async () => {
    // Before: ENABLE ROW LEVEL SECURITY, SET STATISTICS, ALTER INDEX, CREATE TRIGGER/RULE/POLICY were written
    // (a warning at most) and psql stopped at 'relation "nosuch" does not exist'; COMMENT ON CONSTRAINT likewise.
    const prefix = `CREATE TABLE t (id int PRIMARY KEY, a int CONSTRAINT pos CHECK (a > 0)); ${TRIGGER_FUNCTION}\n`;
    for (const shape of MISSING_PUBLIC) {
      await expectServerRefuses(db, `${prefix}${shape.ddl}`, shape.server);
      expect(await ddlProblems(`${prefix}${shape.ddl}`), shape.ddl).toEqual([
        expect.stringContaining(shape.datagen),
      ]);
    }
  });

  it("every ALTER TABLE subcommand, trigger and comment on a table of a schema the DDL never makes (Supabase's auth.users) is listed once as the database's, and loads where it is there", async () => {
    // Before: ALTER TABLE auth.users ADD COLUMN / ENABLE ROW LEVEL SECURITY refused the run (exit 2) though GRANT,
    // OWNER and COMMENT on it were listed as the database's.
    const { result, target } = await loadsAfter(
      `${TRIGGER_FUNCTION}
       CREATE TABLE profile (id int PRIMARY KEY, CONSTRAINT pos CHECK (id > 0));
       ALTER TABLE auth.users ADD COLUMN nickname text;
       ALTER TABLE auth.users ENABLE ROW LEVEL SECURITY;
       CREATE TRIGGER on_user AFTER INSERT ON auth.users FOR EACH ROW EXECUTE FUNCTION f();
       CREATE POLICY own ON auth.users USING (true);
       ALTER TABLE auth.users OWNER TO CURRENT_USER;
       COMMENT ON CONSTRAINT pos ON profile IS 'positive';`,
      20,
      'CREATE SCHEMA auth',
      'CREATE TABLE auth.users (id uuid PRIMARY KEY)',
    );
    expect(result.warnings.filter((w) => w.code === 'EXTERNAL_OBJECTS').map((w) => w.message)).toEqual([
      expect.stringContaining('schemas auth; tables auth.users.'),
    ]);
    const [row] = await target.query<{ n: string; triggers: string }>(
      `SELECT (SELECT count(*) FROM profile) AS n,
              (SELECT count(*) FROM pg_trigger WHERE tgname = 'on_user') AS triggers`,
    );
    expect(row).toEqual({ n: '20', triggers: '1' });
  });

  it("'now', 'today', 'tomorrow', 'yesterday' and 'epoch' in a CHECK (a table's or a domain's) are the load moment's values, and the rows meet them", async () => {
    // Before: exit 0, and psql stopped at 'violates check constraint "a_d_check"' (d >= 'today' with d in 2016):
    // the words were not read as times, so the CHECKs bounded nothing.
    const { counts, result, target } = await loadScriptAndArchive(
      db,
      `CREATE DOMAIN fut AS date CHECK (VALUE >= 'tomorrow');
       CREATE TABLE a (id int PRIMARY KEY, ts timestamptz CHECK (ts > 'now'), d date CHECK (d >= 'today'),
         e date CHECK (e < 'tomorrow'), f timestamp CHECK (f > 'yesterday'::timestamp), i timestamptz CHECK (i > 'epoch'),
         j timestamp CHECK (j < 'now'), g date CHECK (g < 'infinity'), s text CHECK (s <> 'now'), p fut);
       ALTER TABLE a ADD CONSTRAINT later CHECK (ts > 'today'::date + 1);`,
      { defaultRows: 20, seed: 1 },
    );
    expect(Object.fromEntries(counts)).toEqual({ 'public.a': 20 });
    // Each bounded column holds values (none left NULL for want of one meeting its CHECK).
    const filled = await queryNumbers(
      target,
      'SELECT count(ts) AS ts, count(d) AS d, count(e) AS e, count(f) AS f, count(i) AS i, count(j) AS j, count(p) AS p FROM a',
    );
    for (const [column, n] of Object.entries(filled)) expect(n, column).toBeGreaterThan(0);
    expect(result.warnings.map((w) => w.message).join('\n')).toContain('ts > now()');
  });

  it("PostgreSQL 16's numeric literals (0x1F, 0o17, 0b101, 1_000.5) are read as their values and mark the DDL as needing 16; array constants in CHECKs load", async () => {
    // Before: no mark, CHECK (b < 1_000.5) bounded nothing (rows of 176475.07) and a load into 15 stopped at
    // 'trailing junk after numeric literal'. What datagen writes from its parse tree is in decimal (15 reads it).
    const ddl = `CREATE TABLE n (id int PRIMARY KEY, a int8 CHECK (a BETWEEN 0x10 AND 0xFFFFFFFFFF),
        b numeric CHECK (b < 1_000.5 AND b > -0b1_0000), c int CHECK (c <= 0o17),
        tags text[] CHECK (tags <@ '{a,b,c}'::text[]), x int CHECK (x = ANY ('{1,2,3}'::int[])),
        y int[] DEFAULT ARRAY[1,2]::int[] CHECK (y <@ ARRAY[1,2,3]::int[]));`;
    await expectServerRefuses(db, ddl, 'trailing junk after numeric literal');
    const parsed = await parseDdl([{ file: 's.sql', text: ddl }]);
    expect(parsed.schema.serverVersion).toBe(16);
    const { counts, output } = await loadScriptAndArchive(db, ddl, { defaultRows: 30, seed: 2 });
    const scriptText = readFileSync(output, 'utf8');
    expect(Object.fromEntries(counts)).toEqual({ 'public.n': 30 });
    expect(scriptText).toContain('b < 1000.5');
  });

  it('a call of a DDL-defined function with an argument count none of its definitions takes is a located error; with an extension that may overload it, a warning', async () => {
    // Before: exit 0 (the name was defined), and psql stopped at 'function f(integer, integer) does not exist'.
    const functions = `CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT $1';
CREATE FUNCTION g(a int, b int DEFAULT 2) RETURNS bool LANGUAGE sql IMMUTABLE AS 'SELECT $1 < $2 + 1000000';
CREATE FUNCTION v(VARIADIC a int[]) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT 1';\n`;
    const wrong = `${functions}CREATE TABLE t (id int PRIMARY KEY, a int DEFAULT f(1, 2), d int CHECK (g(d, 1, 2)));`;
    await expectServerRefuses(db, wrong, 'function f(integer, integer) does not exist');
    expect(await ddlProblems(wrong)).toEqual([
      's.sql:4:37: DEFAULT of column public.t.a: it calls f() with 2 arguments, but the DDL defines f taking 1, so PostgreSQL refuses the statement (function does not exist); fix the call, or define the function with those arguments before it',
      's.sql:4:66: CHECK t_d_check on public.t: it calls g() with 3 arguments, but the DDL defines g taking 1 to 2, so PostgreSQL refuses the statement (function does not exist); fix the call, or define the function with those arguments before it',
    ]);
    const parsed = await parseDdl([
      { file: 's.sql', text: `CREATE EXTENSION IF NOT EXISTS pgcrypto;\n${wrong}` },
    ]);
    expect(
      parsed.warnings.filter((w) => w.message.includes('with 2 arguments')).map((w) => w.message),
    ).toEqual([
      expect.stringContaining(
        'DEFAULT of column public.t.a: it calls f() with 2 arguments, but the DDL defines f taking 1 (at s.sql:5:37, and 1 more such call)',
      ),
    ]);
    // The counts the definitions take (a DEFAULT left out, VARIADIC's any number) load.
    const { target } = await loadsAfter(
      `${functions}CREATE TABLE t (id int PRIMARY KEY, a int DEFAULT f(1), b bool DEFAULT g(1), c bool DEFAULT g(1, 3), e int DEFAULT v(1, 2, 3));`,
      10,
    );
    expect(await queryNumbers(target, 'SELECT count(*) AS n FROM t')).toEqual({ n: 10 });
  });

  it("--rows NAME=N with a bare name two schemas have (public among them) is an error naming both, not public's table silently", async () => {
    const { schema } = await parseDdl([
      {
        file: 's.sql',
        text: 'CREATE SCHEMA archive; CREATE TABLE orders (id int PRIMARY KEY); CREATE TABLE archive.orders (id int PRIMARY KEY);',
      },
    ]);
    const refused = (() => {
      try {
        createPlan(schema, { defaultRows: 5, tables: { orders: 3 } });
        return undefined;
      } catch (error) {
        return error as DatagenError;
      }
    })();
    expect(refused?.code).toBe(ErrorCodes.UNKNOWN_TABLE);
    expect(refused?.message).toBe(
      '--rows orders=3: "orders" is ambiguous: public.orders and archive.orders are both tables of that name; qualify it with its schema (--rows public.orders=3 or --rows archive.orders=3).',
    );
    const plan = createPlan(schema, { defaultRows: 5, tables: { 'archive.orders': 3 } });
    expect(plan.tables.map((t) => [t.table.schema, t.rows])).toEqual([
      ['public', 5],
      ['archive', 3],
    ]);
  });

  it('a table or column name SQL must quote ("Order Items", "weird.name", "Total") is quoted so in warnings and -v', async () => {
    // Before: 'public.Order Items.Total: its CHECKs allow no value', which names no table SQL or --rows reads back.
    const { schema } = await parseDdl([
      {
        file: 's.sql',
        text: `CREATE TABLE "Order Items" (id int PRIMARY KEY, "Total" int CHECK ("Total" > 5 AND "Total" < 3));
          CREATE TABLE "weird.name" (id int PRIMARY KEY, d date CHECK (d > '2030-01-01' AND d < '2029-01-01'));`,
      },
    ]);
    const plan = createPlan(schema, { defaultRows: 5, tables: { '"Order Items"': 3 } });
    expect(plan.warnings.filter((w) => w.code === 'COLUMN_LEFT_NULL').map((w) => w.where)).toEqual([
      'public."Order Items"."Total"',
      'public."weird.name".d',
    ]);
    expect(plan.tables.map((t) => t.rows)).toEqual([3, 5]);
  });
});

/**
 * Leftovers of issue 8 (fix 23), each from its minimal shape: a relation a statement reads or builds on
 * that the DDL never makes is a located error, as PostgreSQL refuses the statement (before: exit 0 and an
 * output that stopped loading there); what the target database may provide stays a warning. Checked
 * against the real server: it refuses the refused shapes, and the accepted ones load as a script and a
 * custom archive with every constraint in place.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/database.js';
import { generateDdlFile } from '../helpers/generate-file.js';
import { loadScriptAndArchive } from '../helpers/load-script-and-archive.js';

const db = useTestDatabase('fix23shapes');

const generateFile = generateDdlFile;

/** What PostgreSQL says running the DDL in one transaction (rolled back on the error); '' when it succeeds. */
function serverError(ddl: string): string {
  const run = db.tryRun('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-1', '-f', '-'], Buffer.from(ddl));
  return run.status === 0 ? '' : run.stderr;
}

const table = 'CREATE TABLE t (id int PRIMARY KEY);\n';

describe('fix 23: relations the DDL reads but never makes', () => {
  it.each([
    ['a view', 'CREATE VIEW v AS SELECT 1 AS one FROM nosuch;', 'view public.v', 2, 39],
    [
      'a materialized view',
      'CREATE MATERIALIZED VIEW m AS SELECT id FROM t JOIN nosuch USING (id);',
      'materialized view public.m',
      2,
      53,
    ],
    [
      'a rule',
      'CREATE RULE r AS ON INSERT TO t DO ALSO INSERT INTO nosuch VALUES (new.id);',
      'rule r on public.t',
      2,
      53,
    ],
    [
      'a policy',
      'CREATE POLICY p ON t USING (id IN (SELECT id FROM nosuch));',
      'policy p on public.t',
      2,
      51,
    ],
    ['INHERITS', 'CREATE TABLE c (x int) INHERITS (nosuch);', 'public.c INHERITS', 2, 34],
    [
      "a column DEFAULT's nextval (session 25)",
      "CREATE TABLE c (x bigint DEFAULT nextval('nosuch'));",
      'DEFAULT of column public.c.x',
      2,
      34,
    ],
    [
      "a SET DEFAULT's nextval (session 25)",
      "ALTER TABLE t ALTER COLUMN id SET DEFAULT nextval('nosuch'::regclass);",
      'DEFAULT of column public.t.id',
      2,
      43,
    ],
    ['a sequence OWNED BY', 'CREATE SEQUENCE s OWNED BY nosuch.id;', 'OWNED BY nosuch.id', 2, 1],
    [
      'a foreign key',
      'CREATE TABLE c (x int REFERENCES nosuch (id));',
      'foreign key c_x_fkey of public.c',
      2,
      23,
    ],
  ])(
    '%s reading an undefined public relation is refused at its place, as PostgreSQL refuses it',
    async (_, statement, what, line, column) => {
      const ddl = `${table}${statement}\n`;
      expect(serverError(ddl)).toContain('relation "nosuch" does not exist');
      await expect(generateFile(ddl)).rejects.toThrow(
        `schema.sql:${line}:${column}: ${what}: public.nosuch is not defined in the DDL, so PostgreSQL refuses the statement (relation does not exist); add the DDL that creates it`,
      );
    },
  );

  it.each([
    ['a view', 'CREATE VIEW v AS SELECT * FROM later;', 'view public.v', 1, 32],
    ['INHERITS', 'CREATE TABLE c (x int) INHERITS (later);', 'public.c INHERITS', 1, 34],
    [
      "a DEFAULT's nextval",
      "CREATE TABLE c (x bigint DEFAULT nextval('later'));",
      'DEFAULT of column public.c.x',
      1,
      34,
    ],
  ])(
    '%s reading a relation the DDL makes only after it is refused at its place, as PostgreSQL refuses it (session 25)',
    async (_, statement, what, line, column) => {
      // Before: exit 0, and the output, in the DDL's order, stopped at the statement.
      const later = statement.includes('nextval') ? 'CREATE SEQUENCE later;' : 'CREATE TABLE later (id int);';
      const ddl = `${statement}\n${later}\n`;
      expect(serverError(ddl)).toContain('relation "later" does not exist');
      await expect(generateFile(ddl)).rejects.toThrow(
        `schema.sql:${line}:${column}: ${what}: public.later is made only later in the DDL, so PostgreSQL refuses this statement (relation does not exist); move the statement after the DDL that makes it`,
      );
    },
  );

  it('a trigger executing a function nothing defines is refused at its place, as PostgreSQL refuses it', async () => {
    const ddl = `${table}CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION nosuchf();\n`;
    expect(serverError(ddl)).toContain('function nosuchf() does not exist');
    await expect(generateFile(ddl)).rejects.toThrow(
      /schema\.sql:2:1: trigger tr on public\.t: it calls nosuchf\(\), which neither PostgreSQL nor the DDL defines/,
    );
  });

  it("what the target database provides (another schema, the catalogs, an add-on extension's tables) is warned, not refused", async () => {
    const ddl = `${table}CREATE VIEW mine AS SELECT u.id FROM auth.users u JOIN t USING (id);
      CREATE EXTENSION IF NOT EXISTS postgis;
      CREATE VIEW srs AS SELECT srid FROM spatial_ref_sys;\n`;
    const result = await generateFile(ddl);
    const external = result.warnings.find((w) => w.code === 'EXTERNAL_OBJECTS');
    expect(external?.message).toContain('tables auth.users.');
  });

  it('views, rules, policies, INHERITS and OWNED BY over what the DDL makes (CTEs, new/old, catalogs) load', async () => {
    const ddl = `${table}CREATE TABLE t2 (id int PRIMARY KEY REFERENCES t);
      CREATE VIEW v AS WITH x AS (SELECT id FROM t) SELECT x.id, c.relname FROM x
        LEFT JOIN pg_class c ON c.oid = x.id::oid LEFT JOIN information_schema.tables i ON false;
      CREATE VIEW act AS SELECT pid FROM pg_stat_activity;
      CREATE MATERIALIZED VIEW m AS SELECT id FROM t2;
      CREATE RULE r AS ON UPDATE TO t2 WHERE new.id < 0 DO INSTEAD NOTHING;
      CREATE RULE n AS ON DELETE TO t2 DO ALSO NOTIFY t2;
      CREATE POLICY p ON t USING (id IN (SELECT id FROM t2));
      CREATE TABLE child (x int) INHERITS (t);
      CREATE SEQUENCE s OWNED BY t2.id;\n`;
    const { counts, warnings } = await loadScriptAndArchive(db, ddl, { rows: 10, seed: 1 });
    expect(counts.get('public.t2')).toBe(10);
    expect(warnings.filter((w) => w.includes('not defined'))).toEqual([]);
  });
});

/** A cast, an operator family and class, an operator and publications, with owners. */
const OBJECTS = `CREATE SCHEMA app;
  CREATE TYPE app.money2 AS (v int);
  CREATE FUNCTION app.int_to_money2(integer) RETURNS app.money2 LANGUAGE sql IMMUTABLE AS $$ SELECT ROW($1)::app.money2 $$;
  CREATE CAST (integer AS app.money2) WITH FUNCTION app.int_to_money2(integer);
  CREATE OPERATOR FAMILY app.abs_fam USING btree;
  ALTER OPERATOR FAMILY app.abs_fam USING btree OWNER TO fix23_owner;
  CREATE FUNCTION app.abs_cmp(int, int) RETURNS int LANGUAGE sql IMMUTABLE
    AS $$ SELECT CASE WHEN abs($1) < abs($2) THEN -1 WHEN abs($1) > abs($2) THEN 1 ELSE 0 END $$;
  CREATE OPERATOR CLASS app.abs_ops FOR TYPE int USING btree FAMILY app.abs_fam AS FUNCTION 1 app.abs_cmp(int, int);
  CREATE FUNCTION app.abs_lt(int, int) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT abs($1) < abs($2) $$;
  CREATE OPERATOR app.<<< (LEFTARG = int, RIGHTARG = int, FUNCTION = app.abs_lt);
  ALTER OPERATOR app.<<< (int, int) OWNER TO fix23_owner;
  CREATE TABLE app.t (id int PRIMARY KEY, v int);
  CREATE PUBLICATION fix23_pub FOR TABLES IN SCHEMA app;
  ALTER PUBLICATION fix23_pub OWNER TO fix23_owner;
  CREATE PUBLICATION fix23_pub2 FOR TABLE app.t;
  ALTER PUBLICATION fix23_pub2 OWNER TO fix23_owner;
`;

describe('fix 23: casts, operator classes and families, operators and publications as pg_dump writes them', () => {
  it('--clean drops casts, operator classes and families, so the script and the archive reload over themselves', async () => {
    await db.query(`DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'fix23_owner') THEN
      CREATE ROLE fix23_owner; END IF; END $$`);
    const target = await db.createSibling();
    for (const ifExists of [true, false]) {
      const { output } = await generateFile(OBJECTS, { clean: true, ifExists });
      const script = readFileSync(output, 'utf8');
      expect(script).toContain(
        ifExists
          ? 'DROP OPERATOR CLASS IF EXISTS app.abs_ops USING btree;\nDROP FUNCTION IF EXISTS app.abs_cmp(integer, integer);\nDROP OPERATOR FAMILY IF EXISTS app.abs_fam USING btree;'
          : 'DROP CAST (integer AS app.money2);',
      );
      // Before: the second load stopped at CREATE CAST (cast from type integer to type app.money2 already exists).
      if (ifExists) target.psqlFile(output);
      target.psqlFile(output);
    }
    const archive = await generateFile(OBJECTS, { format: 'custom' });
    const restored = await db.createSibling();
    for (const clean of [[], ['--clean', '--if-exists'], ['--clean']])
      restored.run('pg_restore', ['--exit-on-error', ...clean, '-d', restored.name, archive.output]);
    const [cast] = await restored.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_cast WHERE castsource = 'int4'::regtype AND casttarget = 'app.money2'::regtype",
    );
    expect(cast?.n).toBe(1);
  });

  it("an operator's and a publication's owner reach the archive: pg_restore sets the operator's, members carry the publication's", async () => {
    await db.query(`DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'fix23_owner') THEN
      CREATE ROLE fix23_owner; END IF; END $$`);
    const archive = await generateFile(OBJECTS, { format: 'custom' });
    const list = db.run('pg_restore', ['-l', archive.output]).toString();
    // pg_dump gives publication members their publication's owner (dumpPublicationTable, dumpPublicationNamespace).
    expect(list).toMatch(/PUBLICATION TABLES IN SCHEMA app fix23_pub app fix23_owner/);
    expect(list).toMatch(/PUBLICATION TABLE app fix23_pub2 t fix23_owner/);
    expect(list).toMatch(/OPERATOR app <<< fix23_owner/);
    const restored = await db.createSibling();
    restored.run('pg_restore', ['--exit-on-error', '-d', restored.name, archive.output]);
    const owners = await restored.query<{ kind: string; owner: string }>(
      `SELECT 'operator' AS kind, oprowner::regrole::text AS owner FROM pg_operator WHERE oprname = '<<<'
       UNION ALL SELECT 'family', opfowner::regrole::text FROM pg_opfamily WHERE opfname = 'abs_fam'
       UNION ALL SELECT pubname, pubowner::regrole::text FROM pg_publication ORDER BY 1`,
    );
    expect(owners).toEqual([
      { kind: 'family', owner: 'fix23_owner' },
      { kind: 'fix23_pub', owner: 'fix23_owner' },
      { kind: 'fix23_pub2', owner: 'fix23_owner' },
      { kind: 'operator', owner: 'fix23_owner' },
    ]);
  });
});

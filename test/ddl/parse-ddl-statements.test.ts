/**
 * parseDdl: names and search_path, located errors and warnings, statements
 * put in pg_dump's order (keys, indexes and foreign keys post-data), and the
 * oldest server version the DDL needs.
 */
import { describe, expect, it } from 'vitest';
import { DatagenError, ErrorCodes } from '../../src/errors.js';
import { parseDdl } from '../../src/input/ddl/index.js';
import { model, table } from '../helpers/parsed-model.js';

describe('parseDdl: names and search_path', () => {
  it('keeps quoted, non-ASCII, UPPERCASE (folded) and reserved-word names exactly', async () => {
    const s = await model(
      `CREATE TABLE "User" ("Name" text, "select" int, "bıgınt" int, PLAIN_UPPER int); CREATE TABLE QRTZ_LOCKS (SCHED_NAME text);`,
    );
    expect(table(s, 'User').columns.map((c) => c.name)).toEqual(['Name', 'select', 'bıgınt', 'plain_upper']);
    expect(table(s, 'qrtz_locks').columns[0]?.name).toBe('sched_name');
  });

  it('resolves unqualified names with SET search_path and set_config; empty path means public', async () => {
    const s = await model(`
      CREATE SCHEMA app;
      SET search_path TO app, public;
      CREATE TABLE a (id int PRIMARY KEY);
      SELECT pg_catalog.set_config('search_path', '', false);
      CREATE TABLE b (id int);
      SET search_path = "$user", app;
      CREATE TABLE c (a_id int REFERENCES a);`);
    expect(s.tables.map((t) => `${t.schema}.${t.name}`)).toEqual(['app.a', 'public.b', 'app.c']);
    expect(table(s, 'c', 'app').foreignKeys[0]?.references).toEqual({ schema: 'app', name: 'a' });
    const other = await model('CREATE TABLE d (id int);', 'sales');
    expect(other.tables[0]?.schema).toBe('sales');
  });
});

describe('parseDdl: errors and warnings', () => {
  it('reports a syntax error with line:column counted in characters after a non-ASCII line', async () => {
    const text = '-- café é\nCREATE DOMAIN "bıgınt" AS bigint;\nCREATE TABLE t (a int,, b int);\n';
    const error = await parseDdl([{ file: 'x.sql', text }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatagenError);
    const e = error as DatagenError;
    expect(e.code).toBe(ErrorCodes.SQL_SYNTAX);
    expect(e.exitCode).toBe(2);
    expect(e.message).toBe(
      'x.sql:3:23: syntax error at or near ","\n  CREATE TABLE t (a int,, b int);\n                        ^',
    );
    expect(e.data).toMatchObject({ location: { file: 'x.sql', line: 3, column: 23 } });
  });

  it('refuses a trigger on a public table the DDL never creates (PostgreSQL refuses it), and only that one', async () => {
    // fix21: it was a warning, and the output stopped loading there ('relation "job_queue_locks" does not exist').
    const error = await parseDdl([
      {
        file: 'm.sql',
        text: `CREATE TABLE t (id int PRIMARY KEY);
CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER forbid BEFORE INSERT ON job_queue_locks FOR EACH STATEMENT EXECUTE PROCEDURE f();
CREATE TRIGGER on_t BEFORE INSERT ON t FOR EACH ROW EXECUTE PROCEDURE f();
CREATE VIEW v AS SELECT id FROM t;
CREATE RULE r AS ON INSERT TO v DO INSTEAD NOTHING;`,
      },
    ]).catch((e: unknown) => e);
    expect((error as DatagenError).message.split('\n').slice(1)).toEqual([
      'm.sql:3:1: TRIGGER forbid on public.job_queue_locks: the table is not defined in the DDL, so PostgreSQL refuses the statement (add the DDL that creates it)',
    ]);
  });

  it("names another database's DDL when a syntax error comes from it, and only then", async () => {
    const cases = [
      [
        'CREATE TABLE `users` (`id` int NOT NULL AUTO_INCREMENT, PRIMARY KEY (`id`)) ENGINE=InnoDB;',
        'MySQL/MariaDB',
      ],
      ['CREATE TABLE [dbo].[users] ([id] INT IDENTITY(1,1) NOT NULL);\nGO\n', 'SQL Server'],
      ['CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT);', 'SQLite'],
      ['CREATE TABLE t (a int,, b int);', undefined],
    ] as const;
    for (const [text, dialect] of cases) {
      const e = (await parseDdl([{ file: 'x.sql', text }]).catch((error: unknown) => error)) as DatagenError;
      expect(e.code).toBe(ErrorCodes.SQL_SYNTAX);
      if (dialect) expect(e.message).toContain(`This looks like ${dialect} DDL; datagen reads PostgreSQL's.`);
      else expect(e.message).not.toContain('This looks like');
    }
  });

  it('strips psql meta-commands, warning only for the ones that matter, and keeps locations', async () => {
    const { schema, warnings } = await parseDdl([
      { file: 'm.sql', text: '\\restrict abc\n\\connect other\nCREATE TABLE t (id int);\n' },
    ]);
    expect(warnings.map((w) => [w.code, w.where])).toEqual([['PSQL_META_COMMAND', 'm.sql:2:1']]);
    expect(schema.tables[0]?.location).toEqual({ file: 'm.sql', line: 3, column: 1 });
  });

  it('warns about what it does not model and keeps the statement', async () => {
    const { schema, warnings } = await parseDdl([
      {
        file: 'w.sql',
        text: 'CREATE TABLE a (id int);\nCREATE TABLE b AS SELECT 1 AS x;\nINSERT INTO a VALUES (1);\n',
      },
    ]);
    expect(warnings.map((w) => [w.code, w.where])).toEqual([
      ['UNSUPPORTED_TABLE', 'w.sql:2:1'],
      ['STATEMENT_SKIPPED', 'w.sql:3:1'],
    ]);
    expect(schema.statements.map((s) => s.sql)).toEqual([
      'CREATE TABLE a (id int);\n',
      'CREATE TABLE b AS SELECT 1 AS x;\n',
    ]);
  });
});

describe('parseDdl: statements in pg_dump order', () => {
  it('moves keys, indexes and foreign keys to post-data, schema-qualified', async () => {
    const s = await model(`
      SET search_path = app, public;
      CREATE SCHEMA app;
      CREATE TABLE p (id serial PRIMARY KEY, code text UNIQUE NOT NULL CHECK (code <> ''));
      ALTER TABLE p OWNER TO postgres;
      CREATE TABLE c (id int, p_id int REFERENCES p, PRIMARY KEY (id));
      CREATE INDEX ON c (p_id);
      CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';
      CREATE TRIGGER t BEFORE INSERT ON c FOR EACH ROW EXECUTE FUNCTION f();
      COMMENT ON CONSTRAINT c_pkey ON c IS 'key';
      CREATE MATERIALIZED VIEW v AS SELECT 1 AS one;
      ALTER TABLE c ADD CONSTRAINT c_ok CHECK (id > 0), ADD CONSTRAINT c_id_uk UNIQUE (id), ENABLE ROW LEVEL SECURITY;`);
    const lines = s.statements.map(
      (x) => `${x.section} ${x.desc} ${x.tag} | ${x.sql.replace(/\s+/g, ' ').trim()}`,
    );
    expect(lines).toEqual([
      'pre-data SET search_path | SET search_path = app, public;',
      'pre-data SCHEMA app | CREATE SCHEMA app;',
      "pre-data TABLE p | CREATE TABLE app.p ( id int NOT NULL, code text NOT NULL CHECK (code <> '') );",
      'pre-data SEQUENCE p_id_seq | CREATE SEQUENCE app.p_id_seq AS integer START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1;',
      'pre-data SEQUENCE OWNED BY p_id_seq | ALTER SEQUENCE app.p_id_seq OWNED BY app.p.id;',
      "pre-data DEFAULT p id | ALTER TABLE ONLY app.p ALTER COLUMN id SET DEFAULT nextval('app.p_id_seq'::regclass);",
      'pre-data OWNER p | ALTER TABLE p OWNER TO postgres;',
      'pre-data TABLE c | CREATE TABLE app.c ( id int, p_id int );',
      "pre-data FUNCTION f() | CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';",
      'pre-data MATERIALIZED VIEW v | CREATE MATERIALIZED VIEW app.v AS SELECT 1 AS one WITH NO DATA;',
      'pre-data CHECK CONSTRAINT c c_ok | ALTER TABLE app.c ADD CONSTRAINT c_ok CHECK (id > 0);',
      'post-data CONSTRAINT p p_pkey | ALTER TABLE ONLY app.p ADD CONSTRAINT p_pkey PRIMARY KEY (id);',
      'post-data CONSTRAINT p p_code_key | ALTER TABLE ONLY app.p ADD CONSTRAINT p_code_key UNIQUE (code);',
      'post-data CONSTRAINT c c_pkey | ALTER TABLE ONLY app.c ADD CONSTRAINT c_pkey PRIMARY KEY (id);',
      'post-data CONSTRAINT c c_id_uk | ALTER TABLE app.c ADD CONSTRAINT c_id_uk UNIQUE (id);',
      'post-data INDEX c_p_id_idx | CREATE INDEX ON app.c (p_id);',
      'post-data FK CONSTRAINT c c_p_id_fkey | ALTER TABLE ONLY app.c ADD CONSTRAINT c_p_id_fkey FOREIGN KEY(p_id) REFERENCES app.p;',
      'post-data TRIGGER c t | CREATE TRIGGER t BEFORE INSERT ON app.c FOR EACH ROW EXECUTE PROCEDURE f();',
      "post-data COMMENT CONSTRAINT c_pkey ON c | COMMENT ON CONSTRAINT c_pkey ON app.c IS 'key';",
      'post-data ROW SECURITY c | ALTER TABLE app.c ENABLE ROW LEVEL SECURITY;',
      'post-data MATERIALIZED VIEW DATA v | REFRESH MATERIALIZED VIEW app.v;',
    ]);
    const created = s.statements.find((x) => x.desc === 'TABLE' && x.tag === 'p');
    expect(created?.owner).toBe('postgres');
    expect(s.statements.find((x) => x.desc === 'FK CONSTRAINT')?.tables).toEqual([
      { schema: 'app', name: 'c' },
      { schema: 'app', name: 'p' },
    ]);
  });
});

describe('parseDdl: the server version the DDL needs', () => {
  it.each([
    ['CREATE TABLE t (id int PRIMARY KEY, u uuid UNIQUE NULLS NOT DISTINCT)', 15],
    ['CREATE TABLE t (c text STORAGE external); CREATE VIEW v AS SELECT c IS JSON OBJECT AS j FROM t', 16],
    [
      'CREATE TABLE t (a int, b int GENERATED ALWAYS AS (a + 1) STORED); ALTER TABLE t ALTER COLUMN b SET EXPRESSION AS (a * 2)',
      17,
    ],
    ["CREATE VIEW v AS SELECT * FROM JSON_TABLE('[1]'::jsonb, '$[*]' COLUMNS (x int PATH '$')) AS j", 17],
    [
      'CREATE TABLE t (id int PRIMARY KEY); CREATE FUNCTION f() RETURNS SETOF t LANGUAGE sql BEGIN ATOMIC ' +
        'MERGE INTO t USING (SELECT 1 AS id) s ON t.id = s.id WHEN NOT MATCHED THEN INSERT VALUES (s.id) RETURNING t.*; END',
      17,
    ],
    [
      'CREATE TABLE t (id int PRIMARY KEY); CREATE FUNCTION f() RETURNS SETOF int LANGUAGE sql BEGIN ATOMIC ' +
        'UPDATE t SET id = id + 1 RETURNING WITH (OLD AS o) o.id; END',
      18,
    ],
    ['CREATE TABLE t (id uuid DEFAULT uuidv7() PRIMARY KEY)', 18],
    // PostgreSQL 18's syntax, read from the parse tree (17's parser refused it).
    ['CREATE TABLE t (a int, b int GENERATED ALWAYS AS (a + 1) STORED, c int CONSTRAINT c_nn NOT NULL)', 15],
    ['CREATE TABLE t (a int, b int GENERATED ALWAYS AS (a + 1) VIRTUAL)', 18],
    ['CREATE TABLE t (a int, b int GENERATED ALWAYS AS (a + 1))', 18],
    ['CREATE TABLE t (a int, CONSTRAINT a_pos CHECK (a > 0) NOT ENFORCED)', 18],
    ['CREATE TABLE t (a int CHECK (a > 0) NOT ENFORCED)', 18],
    ['CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE t (a int REFERENCES p NOT ENFORCED)', 18],
    ['CREATE TABLE t (a int, CONSTRAINT a_nn NOT NULL a)', 18],
    ['CREATE TABLE t (a int); ALTER TABLE t ADD CONSTRAINT a_nn NOT NULL a NO INHERIT', 18],
    ['CREATE TABLE t (a int NOT NULL NO INHERIT)', 18],
    [
      'CREATE TABLE t (a int, CONSTRAINT a_pos CHECK (a > 0)); ALTER TABLE t ALTER CONSTRAINT a_pos NOT ENFORCED',
      18,
    ],
    ['CREATE TABLE t (id int, during daterange, PRIMARY KEY (id, during WITHOUT OVERLAPS))', 18],
    [
      'CREATE TABLE p (id int, during daterange, UNIQUE (id, during WITHOUT OVERLAPS)); ' +
        'CREATE TABLE c (p_id int, during daterange, FOREIGN KEY (p_id, PERIOD during) REFERENCES p (id, PERIOD during))',
      18,
    ],
    ['CREATE TABLE t (id uuid DEFAULT pg_catalog.uuidv7() PRIMARY KEY)', 18],
    // The DDL's own function of a name PostgreSQL 18 also has, and rows the output leaves out, ask nothing.
    [
      'CREATE FUNCTION gamma(x float8) RETURNS float8 LANGUAGE sql AS $$ SELECT x $$; CREATE TABLE t (g float8 DEFAULT gamma(1))',
      15,
    ],
    ['CREATE TABLE t (id uuid PRIMARY KEY); INSERT INTO t VALUES (uuidv7())', 15],
    // A subquery in FROM without an alias (Lemmy's migrations) is 16's.
    ['CREATE TABLE t (a int); CREATE VIEW v AS SELECT a FROM (SELECT a FROM t)', 16],
    ['CREATE TABLE t (a int); CREATE VIEW v AS SELECT a FROM (SELECT a FROM t) AS s', 15],
  ])('%s → %i', async (sql, version) => {
    expect((await model(sql)).serverVersion).toBe(version);
  });

  it('says which statement first needs a newer server than 15', async () => {
    const sql = 'CREATE TABLE t (a int);\nCREATE VIEW v AS SELECT a FROM (SELECT a FROM t);\n';
    const { warnings } = await parseDdl([{ file: 'test.sql', text: sql }]);
    expect(warnings).toEqual([
      {
        code: 'SERVER_VERSION',
        message:
          'the DDL uses syntax of PostgreSQL 16 (first at test.sql:2:1): the output loads only into PostgreSQL 16 or later',
        where: 'test.sql:2:1',
      },
    ]);
    expect((await parseDdl([{ file: 'test.sql', text: 'CREATE TABLE t (a int);' }])).warnings).toEqual([]);
  });
});

/**
 * Definitions PostgreSQL refuses because a name is taken: the same index,
 * sequence or view made twice, a constraint added twice (a migration run
 * twice, a statement repeated: what the corpus mutation fuzz's "duplicate"
 * makes). Each was exit 0 with a script that stopped there; each is now a
 * located problem, and the forms the server takes (renamed away, dropped
 * first, IF NOT EXISTS, OR REPLACE) still load. Also a type or domain acted
 * on by name (ALTER DOMAIN, OWNER TO, COMMENT ON) that nothing made (the
 * fuzz's statement deleted), and a DROP TABLE without CASCADE of a table
 * another table's foreign key still references.
 */
import { describe, expect, it } from 'vitest';
import { expectServerRefuses, useTestDatabase } from '../helpers/database.js';
import { ddlProblems } from '../helpers/generate-file.js';
import { model, table } from '../helpers/parsed-model.js';
import { loadedRows, refusedLikeServer } from '../helpers/refused-ddl.js';

const db = useTestDatabase('repeated');

describe('a name taken twice', () => {
  it('a CREATE INDEX named as an index, a table of its schema', async () => {
    await refusedLikeServer(
      db,
      'CREATE TABLE t (id int PRIMARY KEY, n int);\nCREATE INDEX t_n ON t (n);\nCREATE INDEX t_n ON t (id, n);\n',
      /test\.sql:3:1: CREATE INDEX t_n: an index of that name is defined earlier in schema public/,
      'relation "t_n" already exists',
    );
    await refusedLikeServer(
      db,
      'CREATE TABLE t (id int PRIMARY KEY);\nCREATE INDEX t ON t (id);\n',
      /test\.sql:2:1: CREATE INDEX t: a table of that name/,
      'relation "t" already exists',
    );
    // Renamed away, dropped, a dropped key's index, IF NOT EXISTS: each as PostgreSQL takes it.
    const ddl =
      'CREATE TABLE t (id int PRIMARY KEY, n int);\nCREATE INDEX t_n ON t (n);\nALTER INDEX t_n RENAME TO t_n_old;\nCREATE INDEX t_n ON t (n);\n' +
      'ALTER TABLE t DROP CONSTRAINT t_pkey;\nCREATE UNIQUE INDEX t_pkey ON t (id);\nCREATE INDEX IF NOT EXISTS t_n ON t (id);\nDROP INDEX t_n;\nCREATE INDEX t_n ON t (n, id);\n';
    expect(table(await model(ddl), 't').uniques.map((u) => u.name)).toContain('t_pkey');
    expect(await loadedRows(db, ddl)).toBe(20);
  });

  it('ALTER TABLE ADD CONSTRAINT of a name the table has', async () => {
    await refusedLikeServer(
      db,
      'CREATE TABLE p (id int PRIMARY KEY);\nCREATE TABLE t (id int, p int);\nALTER TABLE ONLY t ADD CONSTRAINT t_p_fk FOREIGN KEY (p) REFERENCES p;\nALTER TABLE ONLY t\n  ADD CONSTRAINT t_p_fk FOREIGN KEY (p) REFERENCES p;\n',
      /test\.sql:5:7: ALTER TABLE public\.t ADD CONSTRAINT t_p_fk: the table has a constraint of that name already/,
      'constraint "t_p_fk" for relation "t" already exists',
    );
    await refusedLikeServer(
      db,
      'CREATE TABLE t (id int, CONSTRAINT t_c CHECK (id > 0));\nALTER TABLE t ADD CONSTRAINT t_c UNIQUE (id);\n',
      /test\.sql:2:\d+: ALTER TABLE public\.t ADD CONSTRAINT t_c: the table has a constraint/,
      'already exists',
    );
    // Dropped first, or on another table: taken.
    const ddl =
      'CREATE TABLE p (id int PRIMARY KEY);\nCREATE TABLE t (id int, p int, CONSTRAINT c CHECK (id > 0));\nCREATE TABLE u (id int, CONSTRAINT c CHECK (id > 0));\n' +
      'ALTER TABLE t DROP CONSTRAINT c;\nALTER TABLE t ADD CONSTRAINT c CHECK (id > 1);\n';
    expect(table(await model(ddl), 't').checks.map((c) => c.name)).toEqual(['c']);
    expect(await loadedRows(db, ddl)).toBe(20);
  });

  it('CREATE SEQUENCE and CREATE VIEW twice', async () => {
    await refusedLikeServer(
      db,
      "CREATE SEQUENCE s;\nCREATE TABLE t (id int DEFAULT nextval('s'));\nCREATE SEQUENCE s;\n",
      /test\.sql:3:1: CREATE SEQUENCE public\.s: the sequence is already defined earlier in the DDL/,
      'relation "s" already exists',
    );
    await refusedLikeServer(
      db,
      'CREATE TABLE t (id int);\nCREATE VIEW v AS SELECT id FROM t;\nCREATE VIEW v AS SELECT id FROM t;\n',
      /test\.sql:3:1: CREATE VIEW public\.v: the view is already defined earlier in the DDL/,
      'relation "v" already exists',
    );
    const ddl =
      "CREATE SEQUENCE s;\nCREATE SEQUENCE IF NOT EXISTS s;\nCREATE TABLE t (id int DEFAULT nextval('s'));\n" +
      'CREATE VIEW v AS SELECT id FROM t;\nCREATE OR REPLACE VIEW v AS SELECT id FROM t;\nDROP VIEW v;\nCREATE VIEW v AS SELECT id FROM t;\n';
    expect(await loadedRows(db, ddl)).toBe(20);
  });
});

describe('a type acted on by name that nothing made', () => {
  it('ALTER DOMAIN, ALTER TYPE|DOMAIN OWNER TO and COMMENT ON TYPE|DOMAIN of a missing one are refused; of a made one they load', async () => {
    const missing = [
      'ALTER DOMAIN d ADD CONSTRAINT pos CHECK (VALUE > 0);',
      'ALTER DOMAIN d OWNER TO postgres;',
      'ALTER TYPE d OWNER TO postgres;',
      "COMMENT ON DOMAIN d IS 'x';",
      "COMMENT ON TYPE d IS 'x';",
    ];
    for (const statement of missing) {
      const ddl = `CREATE TABLE t (id int);\n${statement}\n`;
      expect(await ddlProblems(ddl), ddl).toEqual([
        expect.stringMatching(
          /^s\.sql:2:\d+: (type d is neither a PostgreSQL type nor one the DDL creates|ALTER DOMAIN public\.d: the domain is not defined)/,
        ),
      ]);
      await expectServerRefuses(db, ddl, 'does not exist');
    }
    const made =
      "CREATE DOMAIN d AS int;\nALTER DOMAIN d OWNER TO postgres;\nCOMMENT ON DOMAIN d IS 'x';\nCREATE TYPE e AS ENUM ('a');\n" +
      "ALTER TYPE e OWNER TO postgres;\nCOMMENT ON TYPE e IS 'y';\nCREATE TABLE t (a d, b e);\nCOMMENT ON TYPE t IS 'row';\nALTER DOMAIN d ADD CONSTRAINT pos CHECK (VALUE > 0);\n";
    expect(await loadedRows(db, made)).toBe(20);
  });
});

describe('a DROP TABLE that other tables still reference', () => {
  it('without CASCADE, a foreign key of another table pointing at it is refused; dropped together, its FK dropped first, or CASCADE: loaded', async () => {
    await refusedLikeServer(
      db,
      'CREATE TABLE a (id int PRIMARY KEY);\nCREATE TABLE b (id int PRIMARY KEY, a int REFERENCES a);\nDROP TABLE a;\n',
      /test\.sql:3:1: DROP TABLE public\.a: foreign key b_a_fkey of public\.b references it, so PostgreSQL refuses the drop/,
      'cannot drop table a because other objects depend on it',
    );
    const ddl =
      'CREATE TABLE a (id int PRIMARY KEY);\nCREATE TABLE b (id int PRIMARY KEY, a int REFERENCES a);\nDROP TABLE a, b;\n' +
      'CREATE TABLE a (id int PRIMARY KEY, p int REFERENCES a);\nCREATE TABLE b (id int PRIMARY KEY, a int REFERENCES a);\n' +
      'ALTER TABLE b DROP CONSTRAINT b_a_fkey;\nDROP TABLE a;\nCREATE TABLE a (id int PRIMARY KEY);\nCREATE TABLE c (id int REFERENCES a);\n' +
      'DROP TABLE a CASCADE;\nCREATE TABLE t (id int PRIMARY KEY);\n';
    expect(await loadedRows(db, ddl)).toBe(20);
  });
});

/**
 * hostile19: DDL that PostgreSQL refuses. datagen writes the DDL back around
 * its rows, so a statement the server refuses stops the load of the output:
 * a CHECK, generated column, index or COMMENT naming a column the table
 * lacks (or a COMMENT naming a table the DDL lacks, or a column without its
 * table: hunt20), a foreign key to columns no key of the parent covers (or a
 * DEFERRABLE one), two constraints of one name all came out with exit 0, and
 * psql then stopped at them. Each is now a located error (exit 2); the forms
 * the server takes (a column qualified by its table, a system column, a
 * LIKE or inherited generated column, a key in another order) still generate.
 * A CHECK over the whole row (`t IS NOT NULL`), which the CHECK readers took
 * for a column and so wrote rows failing it, leaves its table empty, warned.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isDatagenError } from '../../src/errors.js';
import { createPlan, parseDdl } from '../../src/index.js';
import { chooseRadices, MAX_SPACE } from '../../src/plan/key-capacity.js';
import { runCliInProcess } from '../helpers/cli-in-process.js';
import { expectServerRefuses, useTestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { loadGenerated } from '../helpers/load-generated.js';

const db = useTestDatabase('hostile19');

/** Each shape, the server's refusal of it, and datagen's located error. */
const REFUSED: readonly { ddl: string; server: string; datagen: string }[] = [
  {
    ddl: 'CREATE TABLE x (id int PRIMARY KEY, CHECK (foo > 0));',
    server: 'column "foo" does not exist',
    datagen:
      "s.sql:1:37: CHECK x_foo_check: foo is not a column of public.x (it has id), so PostgreSQL refuses the statement; write the column's name as the table has it",
  },
  {
    ddl: 'CREATE TABLE x (id int, v text CHECK (id > 0 AND zz.v <> $$a$$));',
    server: 'missing FROM-clause entry for table "zz"',
    datagen: 's.sql:1:32: CHECK x_check: zz.v is not a column of public.x (it has id, v)',
  },
  {
    ddl: 'CREATE TABLE x (id int);\nALTER TABLE x ADD CONSTRAINT c CHECK (nosuch > 0);',
    server: 'column "nosuch" does not exist',
    datagen: 's.sql:2:19: CHECK c: nosuch is not a column of public.x',
  },
  {
    ddl: 'CREATE TABLE x (id int, g int GENERATED ALWAYS AS (nosuch + 1) STORED);',
    server: 'column "nosuch" does not exist',
    datagen: 's.sql:1:1: generated column g: nosuch is not a column of public.x (it has id, g)',
  },
  {
    ddl: 'CREATE TABLE x (id int);\nALTER TABLE x ADD COLUMN g int GENERATED ALWAYS AS ("ID" * 2) STORED;',
    server: 'column "ID" does not exist',
    datagen: 's.sql:2:1: generated column g: "ID" is not a column of public.x (it has id, g)',
  },
  {
    ddl: 'CREATE TABLE x (id int);\nCREATE INDEX ON x (nosuch);',
    server: 'column "nosuch" does not exist',
    datagen: 's.sql:2:1: index x_nosuch_idx: nosuch is not a column of public.x (it has id)',
  },
  {
    ddl: 'CREATE TABLE x (id int);\nCREATE UNIQUE INDEX x_u ON x (lower(nosuch)) WHERE id > 0;',
    server: 'column "nosuch" does not exist',
    datagen: 's.sql:2:1: index x_u: nosuch is not a column of public.x (it has id)',
  },
  {
    ddl: "CREATE TABLE x (id int);\nCOMMENT ON COLUMN x.nosuch IS 'a';",
    server: 'column "nosuch" of relation "x" does not exist',
    datagen: 's.sql:2:1: COMMENT ON COLUMN: nosuch is not a column of public.x (it has id)',
  },
  {
    // hunt20: Apache Amoro's ams-postgres-init.sql ends with seven of these.
    ddl: "CREATE TABLE ha_lease (service_name varchar(64) PRIMARY KEY);\nCOMMENT ON COLUMN service_name IS 'Service name';",
    server: 'column name must be qualified',
    datagen:
      's.sql:2:1: COMMENT ON COLUMN service_name: the column needs its table (COMMENT ON COLUMN table.service_name); PostgreSQL refuses it ("column name must be qualified")',
  },
  {
    ddl: "CREATE TABLE x (id int);\nCOMMENT ON TABLE nosuch IS 'a';",
    server: 'relation "nosuch" does not exist',
    datagen:
      's.sql:2:1: COMMENT ON TABLE public.nosuch: the table is not defined in the DDL, so PostgreSQL refuses the statement (add the DDL that creates it)',
  },
  {
    ddl: "CREATE TABLE x (id int);\nCOMMENT ON COLUMN nosuch.id IS 'a';",
    server: 'relation "nosuch" does not exist',
    datagen: 's.sql:2:1: COMMENT ON COLUMN public.nosuch.id: the table is not defined in the DDL',
  },
  {
    ddl: 'CREATE TABLE p (id int, v int);\nCREATE TABLE x (id int REFERENCES p (id));',
    server: 'there is no unique constraint matching given keys for referenced table "p"',
    datagen:
      's.sql:2:24: foreign key x_id_fkey of public.x references public.p (id), which no primary key or unique constraint of that table has as its columns, so PostgreSQL refuses it (there is no unique constraint matching given keys); add UNIQUE (id) to public.p, or reference its key',
  },
  {
    ddl: 'CREATE TABLE p (a int, b int, UNIQUE (a, b) DEFERRABLE);\nCREATE TABLE x (a int, b int, FOREIGN KEY (b, a) REFERENCES p (b, a));',
    server: 'cannot use a deferrable unique constraint for referenced table "p"',
    datagen: 'references public.p (b, a), whose key p_a_b_key is DEFERRABLE',
  },
  {
    ddl: 'CREATE TABLE x (id int CONSTRAINT c CHECK (id > 0), v int CONSTRAINT c CHECK (v > 0));',
    server: 'check constraint "c" already exists',
    datagen:
      's.sql:1:59: CREATE TABLE public.x: constraint c is named twice, and PostgreSQL refuses the second ("c" already exists); rename one',
  },
];

describe('hostile19: DDL the server refuses is a located error, not output that stops loading', () => {
  it('each shape: the server refuses it, and datagen exits 2 naming the place (it wrote output, exit 0)', async () => {
    for (const shape of REFUSED) {
      await expectServerRefuses(db, shape.ddl, shape.server);
      const error = await parseDdl([{ file: 's.sql', text: shape.ddl }]).then(
        () => null,
        (e: unknown) => e,
      );
      expect(isDatagenError(error) ? error.exitCode : error, shape.ddl).toBe(2);
      expect(String((error as Error).message), shape.ddl).toContain(shape.datagen);
    }
  });

  it('the forms the server takes still generate and load; a whole-row CHECK leaves its table empty, warned', async () => {
    const ddl = `
      CREATE TABLE x (id int PRIMARY KEY CHECK (x.id > 0), v int CHECK (public.x.v > 0), CHECK (tableoid <> 0),
        g int GENERATED ALWAYS AS (x.id + 1) STORED);
      CREATE INDEX ON x ((x.id + 1)) WHERE x.v > 0;
      COMMENT ON COLUMN x.v IS 'v';
      CREATE TABLE y (LIKE x INCLUDING ALL, CHECK (id < 1000000));
      CREATE TABLE ch (extra int CHECK (extra > id)) INHERITS (x);
      CREATE TYPE comp AS (a int, b text);
      CREATE TABLE typed OF comp (CHECK (a > 0));
      ALTER TABLE x ADD COLUMN w int CHECK (w > id);
      ALTER TABLE x RENAME COLUMN w TO w2;
      ALTER TABLE x ADD CONSTRAINT c2 CHECK (w2 > 0);
      CREATE TABLE p (a int, b int);
      CREATE UNIQUE INDEX ON p (b, a);
      CREATE TABLE r (a int, b int, FOREIGN KEY (a, b) REFERENCES p (a, b));
      CREATE TABLE whole (id int, t text, CHECK (whole IS NOT NULL));
    `;
    const { counts, result } = await loadGenerated(db, ddl, { defaultRows: 20, seed: 19 });
    for (const table of ['x', 'y', 'ch', 'typed', 'p', 'r'])
      expect(counts.get(`public.${table}`), table).toBe(20);
    // Before: 20 rows written, two with a NULL column, and the load stopped at 'violates check constraint "whole_check"'.
    expect(counts.get('public.whole')).toBe(0);
    expect(result.warnings.map((w) => w.message).join('\n')).toContain(
      "public.whole gets no rows instead of 20: CHECK whole_whole_check reads the whole row of public.whole (the table's name as a value), which datagen does not read",
    );
  });
});

describe('hostile19: row counts past what datagen numbers', () => {
  it('a count past 2^52 (--rows 9e15, --template tpch --scale 1e9) is a usage error, not an internal error', async () => {
    // Before: exit 1, 'datagen: internal error (please report it): RangeError: permutation size 9000000000000000 is
    // out of range [0, 2^52]' and a stack trace, once the table's values were compiled.
    const { schema } = await parseDdl([
      { file: 's.sql', text: 'CREATE TABLE a (id bigint PRIMARY KEY, t text UNIQUE);' },
    ]);
    const error = (() => {
      try {
        createPlan(schema, { defaultRows: 9e15 });
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(isDatagenError(error) ? [error.exitCode, error.message] : error).toEqual([
      2,
      'public.a: 9000000000000000 rows (as --rows, --scale or --size ask) is past the 4503599627370496 (2^52) rows datagen numbers in a table; ask for fewer',
    ]);
    const tpch = await runCliInProcess([
      'generate',
      '--template',
      'tpch',
      '--scale',
      '1e9',
      '-t',
      'region',
      '-f',
      '-',
    ]);
    expect(tpch.status).toBe(2);
    expect(tpch.stderr).toContain(
      'datagen: error: public.lineitem: 6000000000000000 rows (as --rows, --scale or --size ask) is past the 4503599627370496 (2^52) rows',
    );
    expect(tpch.stderr).not.toContain('internal error');
  });

  it("a composite key's radices cover the rows within 2^52 where halving would overshoot", () => {
    // Before: (a, b) of 10^8 values each at 4e15 rows kept radices 10^8 x 5e7 = 5e15 > 2^52: the same RangeError.
    for (const rows of [4e15, 4.5e15, 3e15 + 7]) {
      const radices = chooseRadices([1e8, 1e8], rows);
      const product = radices.reduce((a, b) => a * b, 1);
      expect(product, String(rows)).toBeGreaterThanOrEqual(rows);
      expect(product, String(rows)).toBeLessThanOrEqual(MAX_SPACE);
    }
    // Where halving alone gets there, the radices are as before: halved in turn, the largest first.
    expect(chooseRadices([2 ** 40, 2 ** 40], 2 ** 40)).toEqual([2 ** 26, 2 ** 26]);
  });
});

describe('hostile19: verify on a manifest that is not one', () => {
  it('says what is wrong in the manifest, never a JavaScript message, and reads no file outside the directory', async () => {
    const dir = tempDir();
    const cases: [string, string][] = [
      // Before: "not a datagen manifest (Cannot read properties of null (reading 'tables'))".
      ['null', 'no "tables" list'],
      ['{"tables":[null]}', 'tables[0] has no "files" list'],
      // Before: ../s.sql was hashed (a file outside the directory) and reported as differing.
      [
        '{"tables":[{"files":[{"name":"../s.sql","bytes":1,"rows":1,"sha256":"x"}]}]}',
        'tables[0].files[0]: its "name" is not a file name in the directory',
      ],
      [
        '{"tables":[{"files":[{"name":"t.csv"}]}]}',
        'tables[0].files[0] (t.csv): "bytes", "rows" and "sha256" are not all given',
      ],
    ];
    for (const [text, problem] of cases) {
      writeFileSync(join(dir, 'manifest.json'), text);
      const r = await runCliInProcess(['verify', dir]);
      expect(r.status, text).toBe(2);
      expect(r.stderr, text).toBe(
        `datagen: error: ${join(dir, 'manifest.json')}: not a datagen manifest (${problem}); it was changed or is from another tool\n`,
      );
    }
    // A file given for the directory: before, 'cannot be read (ENOTDIR: not a directory, open ...)'.
    const file = await runCliInProcess(['verify', join(dir, 'manifest.json')]);
    expect(file.status).toBe(2);
    const notDir = await runCliInProcess(['verify', join(dir, 'manifest.json', 'x')]);
    expect(notDir.stderr).toContain(
      `${join(dir, 'manifest.json', 'x')}: not a directory; give the directory`,
    );
  });
});

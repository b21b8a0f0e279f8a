/**
 * hostile29: the CLI run by a careless or hostile user. `--rows p=5 --rows
 * p=7` (and `-r 5 -r 7`, `p=5` beside `public.p=7`) kept one count without a
 * word: refused, naming both; the command line's count still wins over the
 * configuration file's however either names the table. `--seed` read YAML's
 * numbers (`0x10`, `16.0`) where `-r` refused them: every whole-number option
 * now takes digits (and `1e3`) and is refused in the configuration file's
 * wording with its range. An infinite date (or numeric NaN) in `-F parquet`
 * was an internal error ("or report it", exit 1): a limit of the format,
 * refused at its column with exit 2 and nothing written; a configured
 * timestamp written as `2021-01-01` (valid input) failed Parquet the same way.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { refusedInProcess, runCliInProcess } from '../helpers/cli-in-process.js';
import { cliEnv, ownDirUnder, runCliAsync } from '../helpers/cli-process.js';
import { siblingWith, useTestDatabase } from '../helpers/database.js';
import { readParquet } from '../helpers/duckdb.js';
import { tempDir } from '../helpers/generate-file.js';

const db = useTestDatabase('hostile29');
const dir = tempDir('hostile29-');
const ownDir = (name: string) => ownDirUnder(dir, name);

const SCHEMA = `CREATE TABLE p (id int PRIMARY KEY, name text NOT NULL, note text);
CREATE TABLE c (id int PRIMARY KEY, p_id int REFERENCES p (id), body text);
`;

/** A directory holding `s.sql` (SCHEMA unless given), and the schema's path. */
function schemaIn(name: string, ddl = SCHEMA): { own: string; schema: string } {
  const own = ownDir(name);
  const schema = join(own, 's.sql');
  writeFileSync(schema, ddl);
  return { own, schema };
}

describe('hostile29: a row count given twice', () => {
  it('the same table (any spelling) or every table twice is refused naming both; nothing written', async () => {
    const { own, schema } = schemaIn('rows-twice');
    const out = join(own, 'out.sql');
    for (const [rows, said] of [
      [['-r', 'p=5', '--rows', 'p=7'], '--rows p=5 and --rows p=7 both set the rows of "p"'],
      [['-r', 'p=5,p=7'], '--rows p=5 and --rows p=7 both set the rows of "p"'],
      [['-r', '5', '-r', '7'], '--rows 5 and --rows 7 both set the rows of every table: give the count once'],
      [['-r', 'p=5', '-r', 'public.p=7'], '--rows p=5 and --rows public.p=7 both set the rows of public.p'],
      [['-r', 'P=5', '-r', 'p=7'], '--rows P=5 and --rows p=7 both set the rows of public.p'],
    ] as const) {
      const stderr = await refusedInProcess(['generate', schema, ...rows, '-f', out], own);
      expect(stderr).toContain(said);
      expect(existsSync(out)).toBe(false);
    }
  });

  it("the command line's count wins over the configuration's, whichever names it how; two in the file are refused at its place", async () => {
    const { own, schema } = schemaIn('rows-config');
    const config = join(own, 'c.yaml');
    const target = await db.createSibling();
    writeFileSync(config, 'tables:\n  public.p:\n    rows: 3\n');
    const loaded = await runCliInProcess([
      'generate',
      schema,
      '--config',
      config,
      '-r',
      'p=7',
      '-r',
      '2',
      '-d',
      target.connectionString,
    ]);
    expect(loaded.status, loaded.stderr).toBe(0);
    expect(
      await target.query('SELECT (SELECT count(*) FROM p)::int AS p, (SELECT count(*) FROM c)::int AS c'),
    ).toEqual([{ p: 7, c: 2 }]);
    writeFileSync(config, 'tables:\n  public.p:\n    rows: 3\n  p:\n    rows: 4\n');
    const stderr = await refusedInProcess(
      ['generate', schema, '--config', config, '-f', join(own, 'o.sql')],
      own,
    );
    expect(stderr).toContain(
      `${config}:3:5: tables.public.p and tables.p both set the rows of public.p: give its count once`,
    );
  });
});

describe('hostile29: whole-number options read one way', () => {
  it('--seed takes digits as -r does (0x10, 0o20, 16.0, 1_000 refused in the same words); 1e3 is 1000 for both', async () => {
    const { own, schema } = schemaIn('numbers');
    const out = join(own, 'o.sql');
    for (const [option, text, range] of [
      ['--seed', '0x10', 'from 0 to 4294967295'],
      ['--seed', '0o20', 'from 0 to 4294967295'],
      ['--seed', '16.0', 'from 0 to 4294967295'],
      ['--seed', '1_000', 'from 0 to 4294967295'],
      ['--rows', '0x10', 'from 0 to 4503599627370496'],
      ['--rows', '1e400', 'from 0 to 4503599627370496'],
      ['--jobs', '0', 'from 1 to 1024'],
      ['--jobs', '1025', 'from 1 to 1024'],
      ['--rows-per-insert', '0x2', 'from 1 to 1000000'],
      ['--port', '0', 'from 1 to 65535'],
      ['--port', '65536', 'from 1 to 65535'],
    ] as const) {
      const stderr = await refusedInProcess(['generate', schema, option, text, '-f', out], own);
      expect(stderr).toMatch(
        new RegExp(`^datagen: error: ${option} expects a whole number ${range}, got "${text}"\n`),
      );
    }
    // --scale is a decimal number: 0x1 was read as 1.
    const scale = await refusedInProcess(
      ['generate', '--template', 'tpch', '--scale', '0x1', '-s', '-f', out],
      own,
    );
    expect(scale).toContain('--scale expects a number > 0, got "0x1"');
    const r = await runCliInProcess(['generate', schema, '--seed', '1e3', '-r', '1e1', '-f', out]);
    expect(r.status, r.stderr).toBe(0);
    const target = await db.createSibling();
    await target.psqlFileAsync(out);
    expect(await target.query('SELECT count(*)::int AS n FROM c')).toEqual([{ n: 10 }]);
    expect(readdirSync(own).sort()).toEqual(['o.sql', 's.sql']);
  });
});

describe('hostile29: a value Parquet cannot hold', () => {
  it('an infinite date, an infinite timestamp and numeric NaN are refused at their column, exit 2, no directory left', async () => {
    const { own, schema } = schemaIn(
      'parquet-infinity',
      'CREATE TABLE e (id int PRIMARY KEY, d date, t timestamptz, n numeric(10,2));\n',
    );
    const config = join(own, 'c.yaml');
    const out = join(own, 'pq');
    for (const [column, value] of [
      ['d', 'infinity'],
      ['t', '-infinity'],
      ['n', 'NaN'],
    ] as const) {
      writeFileSync(config, `tables:\n  e:\n    columns:\n      ${column}: { values: ['${value}'] }\n`);
      const stderr = await refusedInProcess(
        ['generate', schema, '--config', config, '-r', '50', '-F', 'parquet', '-f', out],
        own,
      );
      expect(stderr).toContain(
        `datagen: error: public.e.${column}: the value "${value}" has no Parquet form (Parquet's DATE, TIMESTAMP and DECIMAL hold finite values only); write this table with -F csv or -F jsonl`,
      );
      expect(stderr).not.toContain('report it');
      expect(existsSync(out)).toBe(false);
    }
  });

  it("a configured timestamp in PostgreSQL's input forms (a date alone, T and Z) is written as the instant it is", async () => {
    const { own, schema } = schemaIn(
      'parquet-input-forms',
      'CREATE TABLE e (id int PRIMARY KEY, t timestamptz NOT NULL);\n',
    );
    const config = join(own, 'c.yaml');
    writeFileSync(
      config,
      "tables:\n  e:\n    columns:\n      t: { values: ['2021-01-01', '2021-01-01T10:30Z'] }\n",
    );
    const out = join(own, 'pq');
    const r = await runCliInProcess([
      'generate',
      schema,
      '--config',
      config,
      '-r',
      '40',
      '-F',
      'parquet',
      '-f',
      out,
    ]);
    expect(r.status, r.stderr).toBe(0);
    const { rows } = await readParquet(join(out, 'public.e.parquet'), 'epoch_us(t) AS t');
    const seen = new Set(rows.map((row) => String(row.t)));
    expect([...seen].sort()).toEqual([
      String(Date.UTC(2021, 0, 1) * 1000),
      String(Date.UTC(2021, 0, 1, 10, 30) * 1000),
    ]);
  });
});

describe("hostile29: an old dump's superuser-only statements loaded by a role that is not one", () => {
  it('the C-language handler functions and LOAD are refused at their line, saying a superuser is needed; nothing created', async () => {
    const role = 'hostile29_loader';
    await db.query(
      `DO $$ BEGIN CREATE ROLE ${role} LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$`,
    );
    const target = await siblingWith(db, `GRANT ALL ON SCHEMA public TO ${role}`);
    const url = new URL(target.connectionString);
    url.username = role;
    const handlers = `CREATE FUNCTION plpgsql_call_handler() RETURNS language_handler AS '$libdir/plpgsql' LANGUAGE C;
CREATE TRUSTED PROCEDURAL LANGUAGE plpgsql HANDLER plpgsql_call_handler;
`;
    for (const [ddl, statement] of [
      [handlers, 'CREATE FUNCTION plpgsql_call_handler()'],
      ["-- an old dump\nLOAD '$libdir/plpgsql';\n", "LOAD '$libdir/plpgsql'"],
    ] as const) {
      const { own, schema } = schemaIn(`superuser-${statement.length}`, `${ddl}${SCHEMA}`);
      const stderr = await refusedInProcess(['generate', schema, '-r', '5', '-d', url.toString()], own, 1);
      const line = ddl.startsWith('--') ? 2 : 1;
      expect(stderr).toContain(`${schema}:${line}:1: `);
      expect(stderr).toContain(`refused ${statement}`);
      expect(stderr).toContain('nothing was created. Only a superuser may run this statement');
      expect(
        await target.query("SELECT count(*)::int AS n FROM pg_class WHERE relname IN ('p', 'c')"),
      ).toEqual([{ n: 0 }]);
    }
    // Without them the same role loads the schema and its rows.
    const { schema } = schemaIn('superuser-none');
    const r = await runCliInProcess(['generate', schema, '-r', '5', '-d', url.toString()]);
    expect(r.status, r.stderr).toBe(0);
    expect(await target.query('SELECT count(*)::int AS n FROM c')).toEqual([{ n: 5 }]);
  });
});

describe('hostile29: DDL files loaded into a database whose tables are not the DDL', () => {
  it('a column the DDL writes that the table there lacks, or one there it cannot fill, is refused before any row, naming both', async () => {
    const { own, schema } = schemaIn('other-columns');
    const target = await siblingWith(
      db,
      'CREATE TABLE p (id int PRIMARY KEY, note text, extra int NOT NULL, kept int NOT NULL DEFAULT 0)',
      'CREATE TABLE c (id int PRIMARY KEY, p_id int REFERENCES p (id), body text)',
    );
    const stderr = await refusedInProcess(
      ['generate', schema, '-r', '5', '-d', target.connectionString],
      own,
      1,
    );
    expect(stderr).toContain(
      `its tables are not the DDL's: public.p there has no column "name"; public.p.extra there is NOT NULL without a default and not in the DDL. Load into a database made from these DDL files`,
    );
    expect(await target.query('SELECT count(*)::int AS n FROM c')).toEqual([{ n: 0 }]);
    // Once the table there takes the DDL's rows (a column with a default it does not know is fine), they load.
    await target.query('ALTER TABLE p DROP COLUMN extra, ADD COLUMN name text NOT NULL');
    const r = await runCliInProcess(['generate', schema, '-r', '5', '-d', target.connectionString]);
    expect(r.status, r.stderr).toBe(0);
    expect(await target.query('SELECT count(*)::int AS n, min(kept) AS kept FROM p')).toEqual([
      { n: 5, kept: 0 },
    ]);
  });
});

describe('hostile29: files as editors save them', () => {
  it("a CRLF file's error shows its line without the CR (it was a replacement character), at the right place", async () => {
    const { own, schema } = schemaIn(
      'crlf',
      'CREATE TABLE p (id int PRIMARY KEY);\r\n\r\nCREATE TABLE c (id int PRIMARY KEY,);\r\n',
    );
    const stderr = await refusedInProcess(['generate', schema, '-r', '3', '-f', join(own, 'o.sql')], own);
    expect(stderr).toContain(
      `${schema}:3:36: syntax error at or near ")"\n  CREATE TABLE c (id int PRIMARY KEY,);\n`,
    );
    expect(stderr).not.toContain('\ufffd');
  });

  it('a configuration file saved as UTF-16 is read (it was "the configuration is a map of keys" at 1:1)', async () => {
    const { own, schema } = schemaIn('utf16-config');
    const config = join(own, 'c.yaml');
    writeFileSync(
      config,
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('rows: 4\nseed: 7\n', 'utf16le')]),
    );
    const out = join(own, 'o.sql');
    const r = await runCliInProcess(['generate', schema, '--config', config, '-f', out]);
    expect(r.status, r.stderr).toBe(0);
    const target = await db.createSibling();
    await target.psqlFileAsync(out);
    expect(await target.query('SELECT count(*)::int AS n FROM c')).toEqual([{ n: 4 }]);
  });

  it('PGPORT that is no port is told as PGPORT (it was a bare "invalid port number")', async () => {
    const { own, schema } = schemaIn('pgport');
    const r = await runCliAsync(['generate', schema, '-r', '3', '-d', 'x'], {
      env: cliEnv({ PGPORT: 'abc' }),
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'datagen: error: invalid port number "abc" (from PGPORT): expected a whole number from 1 to 65535\n',
    );
    expect(readdirSync(own)).toEqual(['s.sql']);
  });
});

describe('hostile29: schema files and usage hints', () => {
  it('one schema file given twice (any spelling) is refused once, not as every table "already defined"; plan and init point at their own --help', async () => {
    const { own, schema } = schemaIn('file-twice');
    const relative = join(own, '.', 's.sql').replace(own, `${own}/../file-twice`);
    for (const [command, extra] of [
      ['generate', ['-f', join(own, 'o.sql')]],
      ['plan', []],
      ['init', ['-f', join(own, 'c.yaml')]],
    ] as const) {
      const stderr = await refusedInProcess([command, schema, relative, ...extra], own);
      expect(stderr).toBe(
        `datagen: error: ${schema} and ${relative}: the same schema file is given twice; give it once\nRun \`datagen ${command} --help\` for the options.\n`,
      );
    }
    expect(readdirSync(own)).toEqual(['s.sql']);
  });
});

describe("hostile29: a schema's identifiers never write a terminal escape", () => {
  it('an ESC in a table name is shown as \\x1B in warnings, errors and -v lines; the output still loads', async () => {
    const { own, schema } = schemaIn(
      'escape',
      'CREATE TABLE "a\x1b[31mred" (id int PRIMARY KEY, b boolean UNIQUE NOT NULL);\n',
    );
    const out = join(own, 'o.sql');
    const r = await runCliInProcess(['generate', schema, '-r', '5', '-v', '-f', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('\x1b');
    expect(r.stderr).toContain(
      'datagen: warning: public."a\\x1B[31mred": UNIQUE a\\x1B[31mred_b_key (b) allows only 2',
    );
    const target = await db.createSibling();
    await target.psqlFileAsync(out);
    expect(await target.query('SELECT count(*)::int AS n FROM "a\x1b[31mred"')).toEqual([{ n: 2 }]);
    const stderr = await refusedInProcess(['generate', schema, '-t', 'nope', '-f', out], own);
    expect(stderr).not.toContain('\x1b');
    expect(stderr).toContain('(nearest: public."a\\x1B[31mred")');
  });
});

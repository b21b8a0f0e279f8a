/**
 * hostile18: names that are syntax, and a parallel load asked for far more
 * connections than the server has. `--size` keyed the tables it sized by
 * the unquoted `schema.table`, so a dot in a name (`a."b.c"`, `"a.b".c`,
 * `public."x.y"`) was read back as another table and the run refused its
 * own row counts; `-d -j 1000` opened connections until the server refused
 * one, every slot taken from the clients beside it (and Node warned of a
 * listener leak past ten connections).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { quoteQualified } from '../../src/schema/quote.js';
import { runCliInProcess } from '../helpers/cli-in-process.js';
import { assertBuilt, runCli } from '../helpers/cli-process.js';
import { userTableRowCounts } from '../helpers/constraint-checks.js';
import { siblingWith, useTestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { loadGenerated } from '../helpers/load-generated.js';

const db = useTestDatabase('hostile18');

const DOTTED = `
CREATE SCHEMA a;
CREATE SCHEMA "a.b";
CREATE TABLE "a.b".c (id int PRIMARY KEY, v text);
CREATE TABLE a."b.c" (id int PRIMARY KEY, v text);
CREATE TABLE public."x.y" (id int PRIMARY KEY, v text);
CREATE TABLE public."Q""z" (id int PRIMARY KEY, xy_id int REFERENCES public."x.y", v text);
`;

describe('hostile18: names with dots and quotes', () => {
  it('--size sizes tables whose names hold a dot or a quote, each its own (it refused its own row counts)', async () => {
    // Before: "--rows a.b.c=1000: no table "a.b.c" in the schema. Did you mean: a.b.c, a.b.c, public.x.y?"
    const { target, result } = await loadGenerated(db, DOTTED, { size: 100_000 });
    const rows = Object.fromEntries(result.tables.map((t) => [`${t.schema}|${t.name}`, t.rows]));
    expect(rows['a.b|c']).toBeGreaterThan(0);
    expect(rows['a|b.c']).toBe(rows['a.b|c']);
    expect(rows['public|x.y']).toBe(rows['a.b|c']);
    // A child of public."x.y" gets FAN_OUT rows per parent row, as any child does.
    expect(rows['public|Q"z']).toBe(5 * (rows['public|x.y'] ?? 0));
    // The rows loaded, counted by the catalog's names (not a `schema.table` string, which two of these share).
    for (const [key, n] of Object.entries(rows)) {
      const [schema, table] = key.split('|') as [string, string];
      const [row] = await target.query<{ n: string }>(
        `SELECT count(*) AS n FROM ${quoteQualified({ schema, name: table })}`,
      );
      expect(Number(row?.n), key).toBe(n);
    }
  });

  it('a --rows name that matches no table suggests names as they are written to match (quoted)', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 's.sql'), DOTTED);
    const r = await runCliInProcess([
      'generate',
      join(dir, 's.sql'),
      '--rows',
      'x.y=3',
      '-f',
      join(dir, 'o.sql'),
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      'datagen: error: --rows x.y=3: no table "x.y" in the schema. Did you mean: public."x.y", a."b.c", "a.b".c?',
    );
    const quoted = await runCliInProcess([
      'generate',
      join(dir, 's.sql'),
      '--rows',
      'public."x.y"=3',
      '-F',
      'copy',
      '-f',
      '-',
    ]);
    expect(quoted.stderr).toBe('');
    expect(quoted.stdout).toContain('COPY public."x.y" (id, v) FROM stdin;\n1\t');
  });
});

describe('hostile18: -d -j far past the connections there are', () => {
  beforeAll(() => assertBuilt());

  it('-j 1000 loads over at most half the free connections, warned once, no listener-leak warning', async () => {
    const tables = Array.from({ length: 20 }, (_, i) => `CREATE TABLE t${i} (id int PRIMARY KEY, v text);`);
    const target = await siblingWith(db, ...tables);
    await target.query(`ALTER DATABASE ${target.name} CONNECTION LIMIT 30`);
    const r = await runCliInProcess([
      'generate',
      '-d',
      target.connectionString,
      '--rows',
      '50',
      '-j',
      '1000',
    ]);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stderr.trim().split('\n');
    // Before: 20 connections opened (here all 30 slots would go to a load of 30 tables), and Node's
    // "MaxListenersExceededWarning: Possible EventTarget memory leak detected" past ten of them.
    expect(lines).toEqual([
      expect.stringMatching(
        /^datagen: warning: loading over 1[0-5] connections instead of 20: (the database's CONNECTION LIMIT 30 leaves 2\d|the server has \d+ of max_connections \d+ free), and a load takes at most half the free connections so other clients still connect$/,
      ),
    ]);
    expect([...(await userTableRowCounts(target)).values()]).toEqual(tables.map(() => 50));
  });
});

describe('hostile18: -d into a database whose encoding lacks characters of the values', () => {
  it('LATIN1: a character it lacks is written as the nearest it holds, warned per table (the load failed)', async () => {
    const dir = tempDir();
    const ddl = join(dir, 's.sql');
    writeFileSync(
      ddl,
      `CREATE TABLE person (id int PRIMARY KEY, first_name text, last_name text, bio text, city text);
       CREATE TABLE note (id int PRIMARY KEY, person_id int REFERENCES person, body text);`,
    );
    const name = `${db.name}_latin1`;
    await db.query(
      `CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C'`,
    );
    const options = { schema: [ddl], locale: 'fr', tables: { person: 150, note: 150 }, seed: 3 } as const;
    // Before: "character with byte sequence 0xe2 0x80 0x99 in encoding "UTF8" has no equivalent in encoding "LATIN1"".
    const result = await generate({
      ...options,
      connection: { dbname: db.connectionString.replace(/[^/]+$/, name) },
      workers: 2,
    });
    const replaced = result.warnings.filter((w) => w.code === 'CHARACTERS_REPLACED');
    expect(replaced.map((w) => w.where).sort()).toEqual(['public.note', 'public.person']);
    for (const w of replaced)
      expect(w.message).toMatch(
        new RegExp(
          `^${w.where.replace('.', '\\.')}: postgresql://\\S+/${name} has the encoding LATIN1, which lacks \\d+ characters of its values; ` +
            "written as the nearest it holds: (.*, )?’ \\(U\\+2019\\) as '(, .*)?\\. " +
            'To load the values as made, load into a UTF8 database \\(createdb -E UTF8 -T template0 NAME\\)$',
        ),
      );
    // The rows are the file output's, each character LATIN1 lacks replaced by one it holds.
    const file = join(dir, 'o.copy');
    await generate({ ...options, format: 'copy', output: file });
    const made = readFileSync(file, 'utf8');
    const latin1 = (ch: string) => ch.length === 1 && ch.charCodeAt(0) <= 0xff;
    const bare = (ch: string) => ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    const fitted = [...made]
      .map((ch) => (latin1(ch) ? ch : latin1(bare(ch)) ? bare(ch) : ch === '’' ? "'" : '?'))
      .join('');
    for (const table of ['person', 'note']) {
      const loaded = db.run('psql', ['-X', '-d', name, '-c', `COPY ${table} TO STDOUT`], {
        env: { ...db.env, PGCLIENTENCODING: 'UTF8' },
      });
      // Row by row (two connections may have loaded parts of a table, in any order).
      const rows = loaded.trimEnd().split('\n');
      expect(rows).toHaveLength(150);
      const fittedRows = new Set(fitted.split('\n'));
      expect(rows.filter((row) => !fittedRows.has(row))).toEqual([]);
    }
  });
});

describe('hostile18: -d into a database its sessions can only read', () => {
  beforeAll(() => assertBuilt());

  it('default_transaction_read_only on: refused before anything, naming the setting (it failed at CREATE TABLE with a hint about extensions)', async () => {
    const target = await siblingWith(db, 'CREATE TABLE kept (id int PRIMARY KEY)');
    await target.query(`ALTER DATABASE ${target.name} SET default_transaction_read_only = on`);
    const dir = tempDir();
    writeFileSync(join(dir, 's.sql'), 'CREATE TABLE fresh (id int PRIMARY KEY);');
    // From DDL files and --resume (the live schema's load is the DDL one's, loadIntoDatabase).
    for (const args of [[join(dir, 's.sql')], ['--resume']]) {
      const r = runCli(['generate', ...args, '-d', target.connectionString, '--rows', '5'], { cwd: dir });
      expect(r.status).toBe(1);
      expect(r.stderr).toBe(
        `datagen: error: ${target.connectionString} is read only, default_transaction_read_only is on for its sessions: turn it off where it is set (ALTER DATABASE name SET default_transaction_read_only = off, or ALTER ROLE name SET …), or load into another database; nothing was loaded\n`,
      );
    }
    expect(
      await target.query("SELECT to_regclass('fresh') AS t, (SELECT count(*)::int FROM kept) AS n"),
    ).toEqual([{ t: null, n: 0 }]);
  });
});

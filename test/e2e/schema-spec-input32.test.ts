/**
 * YAML schema specs as users write them (input32): an unquoted date as a
 * DEFAULT (`default: 2024-01-01`, which SQL reads as 2024 − 1 − 1) is refused
 * at its place with the quoted date to write, as PostgreSQL refuses the DDL,
 * where it used to be written out and fail the load; a key given twice, tabs
 * and a block kept only for its anchor are told with what to do; and the
 * quoted forms generate and load (script into psql, archive into pg_restore,
 * straight into a database).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliInProcess } from '../helpers/cli-in-process.js';
import { expectServerRefuses, useTestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { specRefusal, writeSpec } from '../helpers/spec-refusal.js';

const db = useTestDatabase('spec_input32');

const write = writeSpec;

const refusal = specRefusal;

const LOANS = (day: string) => `
tables:
  loans:
    rows: 30
    columns:
      id: { type: integer, primary_key: true }
      loaned_on: { type: date, not_null: true, default: ${day} }
      due_on: { type: date, not_null: true }
    checks:
      - due_on > loaned_on
`;

describe('YAML schema specs as users write them (input32)', () => {
  it('an unquoted date DEFAULT is refused at its place, as PostgreSQL refuses it; quoted, it loads everywhere', async () => {
    expect(await refusal(LOANS('2024-01-01'))).toContain(
      "spec.yaml:7:26: tables.loans.columns.loaned_on: DEFAULT of column public.loans.loaned_on: a value of type integer cannot be assigned to date, so PostgreSQL refuses the statement (\"is of type date but default expression is of type integer\"); write a value of the column's type (a date unquoted is a subtraction: write '2024-01-01', in quotes, as a string)",
    );
    await expectServerRefuses(
      db,
      'CREATE TABLE loans (loaned_on date DEFAULT 2024-01-01)',
      'column "loaned_on" is of type date but default expression is of type integer',
    );
    // The same in SQL, and arithmetic over numbers into another type (an interval from seconds).
    const sql = join(tempDir(), 'bare.sql');
    writeFileSync(
      sql,
      'CREATE TABLE t (id int PRIMARY KEY, d date DEFAULT 2024-1-1, i interval DEFAULT 60 * 60);\n',
    );
    const r = await runCliInProcess(['generate', sql, '-f', join(tempDir(), 'out.sql')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('public.t.d: a value of type integer cannot be assigned to date');
    expect(r.stderr).toContain("write '2024-01-01', in quotes");
    expect(r.stderr).toContain('public.t.i: a value of type integer cannot be assigned to interval');
    await expectServerRefuses(
      db,
      'CREATE TABLE t (i interval DEFAULT 60 * 60)',
      'default expression is of type integer',
    );

    // Quoted as the message says: a script into psql, an archive into pg_restore, and straight into a database.
    const spec = write(LOANS(`"'2024-01-01'"`));
    const dir = tempDir();
    expect((await runCliInProcess(['generate', spec, '-f', join(dir, 'loans.sql')])).status).toBe(0);
    const fromScript = await db.createSibling();
    fromScript.psqlFile(join(dir, 'loans.sql'));
    expect((await runCliInProcess(['generate', spec, '-F', 'c', '-f', join(dir, 'loans.dump')])).status).toBe(
      0,
    );
    const fromArchive = await db.createSibling();
    fromArchive.run('pg_restore', ['--exit-on-error', '-d', fromArchive.name, join(dir, 'loans.dump')]);
    const direct = await db.createSibling();
    const load = await runCliInProcess(['generate', spec, '-d', direct.connectionString]);
    expect(load.status, load.stderr).toBe(0);
    for (const target of [fromScript, fromArchive, direct]) {
      const [row] = await target.query<{ n: number; d: string }>(
        "SELECT count(*)::int AS n, pg_get_expr(adbin, adrelid) AS d FROM loans, pg_attrdef WHERE adrelid = 'loans'::regclass GROUP BY 2",
      );
      expect(row).toEqual({ n: 30, d: "'2024-01-01'::date" });
      await target.close();
    }
  });

  it('a key given twice, tabs, a block kept for its anchor, a YAML null DEFAULT: each told with its fix', async () => {
    expect(
      await refusal(
        'tables:\n  t:\n    columns:\n      id: int\n  u:\n    columns:\n      id: int\n  t:\n    columns:\n      x: int\n',
      ),
    ).toContain(
      'spec.yaml:8:3: "t" is given a second time in the same map, first at line 2; give each key once (merge the two entries)',
    );
    expect(await refusal('tables:\n  t:\n\tcolumns:\n\t  id: int\n')).toContain(
      'spec.yaml:3:1: Tabs are not allowed as indentation: YAML indents with spaces only; replace the tabs',
    );
    expect(
      await refusal(
        'base: &base\n  id: {type: bigint, primary_key: true}\ntables:\n  a:\n    columns:\n      <<: *base\n',
      ),
    ).toContain(
      'spec.yaml:1:1: unknown key "base" in the schema spec; the keys are: seed, locale, rows, batch_size, default_batch_size, jobs, null_rate, generator_version, vars, tables, extensions, enums, ddl; a block written only for its anchor has no key of its own: write &base where the block is first used (columns: &base {…}) and *base or <<: *base where it is repeated',
    );
    expect(await refusal('tables:\n  t:\n    columns:\n      id: {type: int, default: null}\n')).toContain(
      'spec.yaml:4:32: tables.t.columns.id.default expects a SQL expression; YAML reads null, ~ or nothing as no value: leave the key out, or write the SQL in quotes ("NULL")',
    );
  });

  it('the anchor where it is first used, merged into another table: both tables load', async () => {
    const spec = write(
      'tables:\n  a:\n    rows: 10\n    columns: &cols\n      id: {type: bigint, primary_key: true}\n      created_at: &ts {type: timestamptz, not_null: true, default: now()}\n  b:\n    rows: 10\n    columns:\n      <<: *cols\n      updated_at: *ts\n      a_id: {type: bigint, references: a}\n',
    );
    const out = join(tempDir(), 'anchors.sql');
    const r = await runCliInProcess(['generate', spec, '-f', out]);
    expect(r.status, r.stderr).toBe(0);
    const target = await db.createSibling();
    target.psqlFile(out);
    const rows = await target.query<{ a: number; b: number; keys: number }>(
      `SELECT (SELECT count(*)::int FROM a) AS a, (SELECT count(*)::int FROM b) AS b,
              (SELECT count(*)::int FROM pg_constraint WHERE conrelid IN ('a'::regclass, 'b'::regclass)) AS keys`,
    );
    expect(rows).toEqual([{ a: 10, b: 10, keys: 3 }]);
    await target.close();
  });
});

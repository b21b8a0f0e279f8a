/**
 * Hostile use of the CLI found by hostile13, each mistake reduced to its
 * minimal shape: one line saying what, where and how to fix it, the right
 * exit status, nothing written.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { quoteQualified } from '../../src/schema/quote.js';
import { runCliInProcess } from '../helpers/cli-in-process.js';
import { assertBuilt, runCli } from '../helpers/cli-process.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';

let db: TestDatabase;

describe('hostile13: hostile use of the CLI', () => {
  beforeAll(async () => {
    db = await createTestDatabase('hostile13');
  });
  afterAll(async () => db.close());

  it('--config naming a directory (or a .datagen.yaml that is one): one line saying so, exit 2, nothing written', async () => {
    // Before: 'datagen: error: --config DIR: Error: EISDIR: illegal operation on a directory, read'.
    assertBuilt();
    const dir = tempDir();
    const schema = join(dir, 'schema.sql');
    writeFileSync(schema, 'CREATE TABLE t (id int PRIMARY KEY);\n');
    const out = join(dir, 'out.sql');
    const named = await runCliInProcess(['generate', schema, '--config', dir, '-f', out]);
    expect(named.status).toBe(2);
    expect(named.stderr.trim()).toBe(
      `datagen: error: --config ${dir}: it is a directory; give the YAML file`,
    );
    mkdirSync(join(dir, '.datagen.yaml'));
    const found = runCli(['generate', schema, '-f', out], { cwd: dir });
    expect(found.status).toBe(2);
    expect(found.stderr.trim()).toBe(
      `datagen: error: --config ${join(dir, '.datagen.yaml')}: it is a directory; give the YAML file`,
    );
    expect(readdirSync(dir).sort()).toEqual(['.datagen.yaml', 'schema.sql']);
  });

  it('datagen init -f into a missing directory, under a file, onto a directory: one line with the fix, nothing written', async () => {
    // Before: 'datagen: error: DIR/x.yaml: Error: ENOENT: no such file or directory, open ...'.
    const dir = tempDir();
    const schema = join(dir, 'schema.sql');
    writeFileSync(schema, 'CREATE TABLE t (id int PRIMARY KEY);\n');
    mkdirSync(join(dir, 'sub'));
    // The statuses generate's -f gets (hostile32): a missing directory and a file in the path 1, a directory 2.
    for (const [target, reason, status] of [
      [
        join(dir, 'missing', 'x.yaml'),
        'the directory does not exist; create it or name another file with -f',
        1,
      ],
      [join(schema, 'x.yaml'), 'a part of the path is a file, not a directory; name another file with -f', 1],
      [`${join(dir, 'sub')}/`, 'it is a directory; name a file with -f', 2],
    ] as const) {
      const r = await runCliInProcess(['init', schema, '-f', target]);
      expect(r.status).toBe(status);
      expect(r.stderr.trim()).toBe(`datagen: error: ${target}: ${reason}`);
    }
    expect(readdirSync(dir).sort()).toEqual(['schema.sql', 'sub']);
    expect(readdirSync(join(dir, 'sub'))).toEqual([]);
  });

  it('-F csv: tables a."b.c" and "a.b".c get one file each (a dot in the schema is encoded); every file loads', async () => {
    // Before: both were written to a.b.c.csv, the second over the first, exit 0; datagen verify then failed.
    const dir = tempDir();
    const ddl =
      'CREATE SCHEMA a; CREATE TABLE a."b.c" (id int PRIMARY KEY); CREATE SCHEMA "a.b"; CREATE TABLE "a.b".c (k int PRIMARY KEY, v text);';
    const schema = join(dir, 'schema.sql');
    writeFileSync(schema, ddl);
    const out = join(dir, 'csv');
    const result = await generate({ schema: [schema], defaultRows: 7, seed: 1, format: 'csv', output: out });
    expect((result.files ?? []).map((f) => f.name).sort()).toEqual(['a%2Eb.c.csv', 'a.b.c.csv']);
    expect((await runCliInProcess(['verify', out])).status).toBe(0);
    const target = await db.createSibling();
    await target.query(ddl);
    const load = join(dir, 'load.sql');
    writeFileSync(
      load,
      (result.files ?? [])
        .map(
          (f) =>
            `\\copy ${quoteQualified({ schema: f.schema, name: f.table })} FROM '${join(out, f.name)}' WITH (FORMAT csv, HEADER MATCH)\n`,
        )
        .join(''),
    );
    target.psqlFile(load);
    const [row] = await target.query<{ a: string; b: string }>(
      'SELECT (SELECT count(*) FROM a."b.c") AS a, (SELECT count(*) FROM "a.b".c) AS b',
    );
    expect(row).toEqual({ a: '7', b: '7' });
  });
});

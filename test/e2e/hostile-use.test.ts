/**
 * The CLI used as a new user would try it, with paths and option values that
 * go wrong: each mistake one line saying what, where and how to fix it, the
 * right exit status, never an internal error, nothing left behind. (Hostile
 * schema text is in hostile-input.test.ts.)
 */

import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, type OutputFormat } from '../../src/index.js';
import { runCliInProcess } from '../helpers/cli-in-process.js';
import { assertBuilt, runCli } from '../helpers/cli-process.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { oneLineRefusal } from '../helpers/usage-error.js';

function schemaIn(dir: string): string {
  const schema = join(dir, 'schema.sql');
  writeFileSync(schema, 'CREATE TABLE t (id int PRIMARY KEY);\n');
  return schema;
}

/** The message a library run of `schema` to `output` in `format` fails with (one line, exit 1). */
const writeRefusal = (schema: string, format: OutputFormat, output: string): Promise<string> =>
  oneLineRefusal(generate({ schema: [schema], format, output }), 1, format);

let db: TestDatabase;

describe('hostile use of the CLI', () => {
  beforeAll(async () => {
    db = await createTestDatabase('hostileuse');
  });
  afterAll(async () => db.close());

  it('-f under a path whose directory is a file: one line, exit 1, for every format; nothing left', async () => {
    // Before: plain, copy, csv and jsonl ended in 'internal error (please report it)' with a stack
    // (removing the temporary file failed with ENOTDIR too, and that error escaped).
    const dir = tempDir();
    const schema = schemaIn(dir);
    const target = join(schema, 'out');
    const notDir = 'a part of the path is a file, not a directory; choose another path';
    // Every format through the library (the file sinks are its), the CLI once per kind of output.
    for (const format of ['plain', 'copy', 'csv', 'jsonl'] as const)
      expect(await writeRefusal(schema, format, target), format).toBe(`cannot write ${target}: ${notDir}`);
    for (const format of ['custom', 'directory', 'tar'] as const)
      expect(await writeRefusal(schema, format, target), format).toContain(`${notDir} (ENOTDIR)`);
    const plain = await runCliInProcess(['generate', schema, '-F', 'p', '-f', target]);
    expect(plain.status, plain.stderr).toBe(1);
    expect(plain.stderr.trim()).toBe(`datagen: error: cannot write ${target}: ${notDir}`);
    const custom = await runCliInProcess(['generate', schema, '-F', 'c', '-f', target]);
    expect(custom.status, custom.stderr).toBe(1);
    expect(custom.stderr.trim().split('\n')).toHaveLength(1);
    expect(custom.stderr).toMatch(
      /^datagen: error: .*a part of the path is a file, not a directory; choose another path \(ENOTDIR\)$/m,
    );
    expect(readdirSync(dir)).toEqual(['schema.sql']);
  });

  it('-f "" (an unset shell variable): a usage error naming the option, exit 2, for generate and plan', () => {
    // Before: 'cannot write : that path is a directory; give a file name', exit 1.
    assertBuilt();
    const dir = tempDir();
    const schema = schemaIn(dir);
    for (const command of ['generate', 'plan']) {
      const r = runCli([command, schema, '-f', ''], { cwd: dir });
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr.split('\n')[0]).toBe(
        'datagen: error: -f/--file needs a path (or - for stdout), got an empty string',
      );
    }
    expect(readdirSync(dir)).toEqual(['schema.sql']);
  });

  it('-f on a read-only file system says read-only (not permission denied), exit 1, for every format', async () => {
    // Before: plain, copy and the table files said 'permission denied; choose a writable path' for EROFS.
    // Root (a container) mounts a read-only tmpfs; another user gets a directory it may not write.
    const dir = tempDir();
    const schema = schemaIn(dir);
    const place = join(dir, 'ro');
    mkdirSync(place);
    const readOnly = spawnSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'tmpfs', place]).status === 0;
    if (!readOnly) chmodSync(place, 0o555);
    try {
      const said = readOnly ? /the file system is read-only; choose another/ : /permission denied/;
      // Every format through the library (the file sinks are its), the CLI once.
      for (const format of ['plain', 'copy', 'csv', 'custom', 'directory'] as const)
        expect(await writeRefusal(schema, format, join(place, 'out')), format).toMatch(said);
      const r = await runCliInProcess(['generate', schema, '-F', 'p', '-f', join(place, 'out')]);
      expect(r.status, r.stderr).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(said);
    } finally {
      if (readOnly) spawnSync('umount', [place]);
    }
    expect(readdirSync(place)).toEqual([]);
  });

  it('a psql variable no \\set line gives (:schema, as run with psql -v schema=...): the syntax error says so and how to set it', async () => {
    // Before: only 'syntax error at or near ":"' (fitnr/gtfs-sql-importer's schema.sql starts CREATE SCHEMA IF NOT EXISTS :schema).
    const dir = tempDir();
    const schema = join(dir, 'schema.sql');
    writeFileSync(
      schema,
      "CREATE SCHEMA IF NOT EXISTS :schema;\nCREATE TABLE :schema.t (id int DEFAULT :'dflt');\n",
    );
    const r = await runCliInProcess(['generate', schema]);
    expect(r.status).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      `datagen: error: ${schema}:1:29: syntax error at or near ":"`,
      '  CREATE SCHEMA IF NOT EXISTS :schema;',
      '                              ^',
      "  :schema is a psql variable that is not set (psql takes it from -v schema=VALUE); give --set schema=VALUE (datagen's spelling of psql's -v), add a line \\set schema VALUE at the top of the file, or replace it with its value",
    ]);
    writeFileSync(
      schema,
      "\\set schema gtfs\nCREATE SCHEMA IF NOT EXISTS :schema;\nCREATE TABLE :schema.t (id int DEFAULT :'dflt');\n",
    );
    const quoted = await runCliInProcess(['generate', schema]);
    expect(quoted.status).toBe(2);
    expect(quoted.stderr).toContain(
      ":'dflt' is a psql variable that is not set (psql takes it from -v dflt=VALUE)",
    );
  });

  it('a schema saved as UTF-16 (a Windows editor\'s "Unicode"), with or without a BOM, is read; the script loads', async () => {
    // Before: 'it is not a SQL text file (it holds NUL bytes)', exit 2.
    const dir = tempDir();
    const ddl =
      'CREATE TABLE "tåble" (id int PRIMARY KEY, v text NOT NULL);\r\nCREATE TABLE c (id int PRIMARY KEY, t_id int NOT NULL REFERENCES "tåble");\r\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ddl, 'utf16le')]);
    const be = Buffer.from(ddl, 'utf16le').swap16();
    for (const [name, bytes] of [
      ['le.sql', le],
      ['be.sql', be],
    ] as const) {
      const schema = join(dir, name);
      writeFileSync(schema, bytes);
      const out = join(dir, `${name}.out.sql`);
      const r = await runCliInProcess(['generate', schema, '--rows', '7', '-f', out]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toBe('');
      const target = await db.createSibling();
      target.psqlFile(out);
      const [row] = await target.query<{ n: string }>(
        'SELECT count(*) AS n FROM c JOIN "tåble" t ON t.id = c.t_id',
      );
      expect(row?.n).toBe('7');
    }
  });
});

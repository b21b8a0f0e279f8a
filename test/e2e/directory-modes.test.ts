/**
 * The modes of the directories the real CLI makes: a `-F d` archive is 0700,
 * as pg_dump -Fd makes its directory, whatever the umask (an existing empty
 * target keeps its own mode, as pg_dump leaves it); the csv, jsonl and
 * parquet directories follow the umask (0777 less it), as mkdir, DuckDB and
 * Spark make theirs, so a server reading them with COPY FROM can. The archive
 * is restored by the real pg_restore.
 */
import { chmodSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, cli, cliEnv, runProcess } from '../helpers/cli-process.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';

const SCHEMA = 'CREATE TABLE item (id int PRIMARY KEY, name text NOT NULL);\n';

/** `datagen generate schema -r 20 args` under `umask`; its exit status and stderr checked. */
async function generateUnder(umask: string, schema: string, args: readonly string[]): Promise<void> {
  const quoted = [cli, 'generate', schema, '-r', '20', ...args].map((a) => `'${a}'`).join(' ');
  const r = await runProcess('sh', ['-c', `umask ${umask} && exec '${process.execPath}' ${quoted}`], {
    env: cliEnv(),
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
}

const modeOf = (path: string): number => statSync(path).mode & 0o777;

describe('directory modes', () => {
  let db: TestDatabase;
  let dir: string;
  let schema: string;
  beforeAll(async () => {
    assertBuilt();
    db = await createTestDatabase('dmode');
    dir = tempDir();
    schema = join(dir, 'schema.sql');
    writeFileSync(schema, SCHEMA);
  });
  afterAll(async () => db.close());

  it('-F d makes its directory 0700 under umask 002 and 000, and pg_restore restores it', async () => {
    for (const umask of ['002', '000']) {
      const out = join(dir, `archive-${umask}`);
      await generateUnder(umask, schema, ['-F', 'd', '-f', out]);
      expect(modeOf(out)).toBe(0o700);
      expect(readdirSync(out)).toContain('toc.dat');
    }
    await db.runAsync('pg_restore', ['--exit-on-error', '-d', db.name, join(dir, 'archive-002')]);
    expect(await db.query('SELECT count(*)::int AS n FROM item')).toEqual([{ n: 20 }]);
  });

  it('-F d into an existing empty directory keeps its mode, as pg_dump does', async () => {
    const out = join(dir, 'existing');
    mkdirSync(out);
    chmodSync(out, 0o750);
    await generateUnder('022', schema, ['-F', 'd', '-f', out]);
    expect(modeOf(out)).toBe(0o750);
    expect(readdirSync(out)).toContain('toc.dat');
  });

  it('-F csv, jsonl and parquet directories (chunked too) follow the umask', async () => {
    const runs: [string, string, string[]][] = [
      ['002', 'csv', ['-F', 'csv', '--chunk-size', '200B']],
      ['027', 'jsonl', ['-F', 'jsonl']],
      ['022', 'parquet', ['-F', 'parquet']],
    ];
    for (const [umask, name, args] of runs) {
      const out = join(dir, name);
      await generateUnder(umask, schema, [...args, '-f', out]);
      expect(modeOf(out)).toBe(0o777 & ~Number.parseInt(umask, 8));
      expect(readdirSync(out)).toContain('manifest.json');
    }
    expect(readdirSync(join(dir, 'csv')).filter((f) => f.endsWith('.csv')).length).toBeGreaterThan(1);
  });
});

/**
 * Generator version 23 deflates archives with zlib's memLevel 9 (less CPU at
 * level 1, other compressed bytes): its archives restore with the real
 * pg_restore to the same rows as version 22's, whose bytes stay those datagen
 * wrote before (a data file's SHA-256 recorded from the build before the
 * change).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { constraintSummary, userTableRowCounts } from '../helpers/constraint-checks.js';
import { useTestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';

const db = useTestDatabase('memlevel');

// 40,000 rows: about 3.5 MB of COPY text, so several 1 MiB deflate chunks, each with the last one's window.
const ROWS = 40_000;
const SCHEMA = `CREATE TABLE ledger (
  id bigserial PRIMARY KEY,
  account text NOT NULL,
  memo text,
  amount numeric(12,2) NOT NULL CHECK (amount <> 0),
  booked_at timestamptz NOT NULL
);
`;

/** The archive (`custom` or `directory`) at generator version `version`, gzip level 1, in `dir`. */
async function archive(dir: string, format: 'custom' | 'directory', version: number): Promise<string> {
  const schema = join(dir, 'schema.sql');
  writeFileSync(schema, SCHEMA);
  const output = join(dir, `v${version}.${format === 'custom' ? 'dump' : 'dir'}`);
  await generate({
    schema: [schema],
    defaultRows: ROWS,
    format,
    output,
    workers: 2,
    compression: { method: 'gzip', level: 1 },
    seed: 30,
    createdAt: new Date(0),
    generatorVersion: version,
  });
  return output;
}

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

/** pg_restore's script of an archive, without the `\\restrict` key it draws at random each time (pg_restore 15.14+). */
async function restoreScript(path: string): Promise<string> {
  const script = await db.runAsync('pg_restore', ['-f', '-', path]);
  return script.replace(/^\\(un)?restrict .*$/gm, '');
}

describe('archives at generator version 23 (zlib memLevel 9)', () => {
  it('a custom archive restores with pg_restore to the rows version 22 holds, in other bytes', async () => {
    const dir = tempDir();
    const v22 = await archive(dir, 'custom', 22);
    const v23 = await archive(dir, 'custom', 23);
    expect(readFileSync(v23).equals(readFileSync(v22))).toBe(false);
    // pg_restore's script of each (its COPY rows decompressed by pg_restore itself): the same text.
    const script22 = await restoreScript(v22);
    const script23 = await restoreScript(v23);
    expect(script23).toBe(script22);
    expect(script23).toContain('COPY public.ledger (id, account, memo, amount, booked_at) FROM stdin;');
    const restored = await db.createSibling();
    await restored.runAsync('pg_restore', ['--exit-on-error', '-d', restored.name, v23]);
    expect(await userTableRowCounts(restored)).toEqual(new Map([['public.ledger', ROWS]]));
    expect((await constraintSummary(restored)).notValid).toEqual([]);
    await restored.close();
  });

  it("a directory archive's data file: version 22's bytes as before, version 23's restore", async () => {
    const dir = tempDir();
    const v22 = await archive(dir, 'directory', 22);
    const v23 = await archive(dir, 'directory', 23);
    // Recorded from the build before memLevel 9 (73d0a2f9): version 22's compressed bytes unchanged.
    expect(sha256(join(v22, '9.dat.gz'))).toBe(
      '96aca71bb03f19ecb4752a0609fa94c9ad461b9be3cf914a6da0e6ca28681c3b',
    );
    expect(sha256(join(v23, '9.dat.gz'))).not.toBe(sha256(join(v22, '9.dat.gz')));
    expect(readFileSync(join(v23, 'toc.dat')).equals(readFileSync(join(v22, 'toc.dat')))).toBe(true);
    const restored = await db.createSibling();
    await restored.runAsync('pg_restore', ['--exit-on-error', '-j', '2', '-d', restored.name, v23]);
    const [row] = await restored.query<{ n: string; ids: string }>(
      'SELECT count(*) AS n, count(DISTINCT id) AS ids FROM ledger WHERE amount <> 0',
    );
    expect(row).toEqual({ n: String(ROWS), ids: String(ROWS) });
    await restored.close();
  });
});

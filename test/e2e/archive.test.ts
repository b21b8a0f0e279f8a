/**
 * Archives from the generator, checked by the real pg_restore: listing,
 * parallel restore with every constraint, plain-SQL conversion, single-table
 * data restore, reading from a pipe, the directory format, determinism.
 * Every corpus schema's archive restored with -j 2: corpus.test.ts (with the
 * script of the same options loaded, and the rows compared).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { constraintSummary, userTableRowCounts } from '../helpers/constraint-checks.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';

const createdAt = new Date('2026-01-02T03:04:05Z');
const cli = join(import.meta.dirname, '../../dist/cli/main.js');

async function archive(schema: string, format: 'custom' | 'directory', rows: number, extra = {}) {
  const path = join(tempDir(), format === 'custom' ? 'out.dump' : 'out.dir');
  const result = await generate({
    schema: [schema],
    defaultRows: rows,
    seed: 5,
    format,
    output: path,
    createdAt,
    ...extra,
  });
  return { path, result };
}

describe('pg_dump archives from generated data', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('arch');
  });
  afterAll(async () => db.close());

  it('custom format: pg_restore -l lists every entry; -j 2 restores with every constraint valid', async () => {
    const { path, result } = await archive('examples/shop.sql', 'custom', 400);
    const listing = db.run('pg_restore', ['-l', path]);
    expect(listing).toContain('TABLE DATA shop customer');
    expect(listing).toContain('FK CONSTRAINT shop order order_customer_fkey');
    expect(listing).toContain('SEQUENCE SET');
    expect(listing).toContain(';     Dumped from database version: 15.0\n');
    const entries = listing.split('\n').filter((l) => /^\d+;/.test(l));
    expect(result.listing?.split('\n').filter((l) => /^\d+;/.test(l))).toEqual(entries);
    const target = await db.createSibling();
    target.run('pg_restore', ['-j', '2', '--exit-on-error', '-d', target.name, path]);
    const counts = await userTableRowCounts(target);
    expect(counts.get('shop.customer')).toBe(400);
    expect(counts.get('shop.order_line')).toBe(400);
    expect((counts.get('shop.payment_2025') ?? 0) + (counts.get('shop.payment_2026') ?? 0)).toBe(400);
    const summary = await constraintSummary(target);
    expect(summary.notValid).toEqual([]);
    expect(summary.byType.f).toBeGreaterThanOrEqual(11);
  });

  it('the header names the server version the DDL needs (uuidv7() is PostgreSQL 18’s)', async () => {
    const ddl = join(tempDir(), 'v18.sql');
    writeFileSync(ddl, 'CREATE TABLE t (id uuid DEFAULT uuidv7() PRIMARY KEY, n int);\n');
    for (const format of ['custom', 'directory'] as const) {
      const { path } = await archive(ddl, format, 3);
      expect(db.run('pg_restore', ['-l', path])).toContain(';     Dumped from database version: 18.0\n');
    }
  });

  it('pg_restore -f - gives a script psql loads; -t TABLE --data-only restores one table', async () => {
    const { path } = await archive('examples/awkward.sql', 'custom', 150, {
      compression: { method: 'gzip', level: 1 },
    });
    const script = join(tempDir(), 'restored.sql');
    db.run('pg_restore', ['-f', script, path]);
    const viaPsql = await db.createSibling();
    viaPsql.psqlFile(script);
    expect((await userTableRowCounts(viaPsql)).get('public.emp')).toBe(150);

    // Schema first (pre-data only), then one table's rows.
    const oneTable = await db.createSibling();
    oneTable.run('pg_restore', ['--section=pre-data', '--exit-on-error', '-d', oneTable.name, path]);
    oneTable.run('pg_restore', ['-t', 'emp', '--data-only', '--exit-on-error', '-d', oneTable.name, path]);
    const counts = await userTableRowCounts(oneTable);
    expect(counts.get('public.emp')).toBe(150);
    expect(counts.get('public.dept')).toBe(0);
  });

  it('an archive written to stdout restores from a pipe', async () => {
    const r = spawnSync(process.execPath, [cli, 'generate', 'examples/shop.sql', '-r', '120', '-F', 'c'], {
      maxBuffer: 1 << 28,
    });
    expect(r.status).toBe(0);
    const restored = db.tryRun('pg_restore', ['-f', '-'], r.stdout);
    expect(restored.status).toBe(0);
    expect(restored.stdout).toContain('COPY shop.customer');
    const target = await db.createSibling();
    const load = target.tryRun(
      'psql',
      ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', target.name],
      Buffer.from(restored.stdout),
    );
    expect(load.stderr).toBe('');
    expect((await userTableRowCounts(target)).get('shop.review')).toBe(120);
  });

  it('directory format restores with -j 2; same options give the same bytes whatever --jobs', async () => {
    const one = await archive('examples/shop.sql', 'directory', 300, { workers: 1 });
    const two = await archive('examples/shop.sql', 'directory', 300, { workers: 2 });
    const files = readdirSync(one.path).sort();
    expect(files).toContain('toc.dat');
    expect(files.some((f) => f.endsWith('.dat.gz'))).toBe(true);
    expect(readdirSync(two.path).sort()).toEqual(files);
    for (const f of files)
      expect(readFileSync(join(two.path, f)).equals(readFileSync(join(one.path, f))), f).toBe(true);
    const target = await db.createSibling();
    target.run('pg_restore', ['-j', '2', '--exit-on-error', '-d', target.name, one.path]);
    expect((await userTableRowCounts(target)).get('shop.product')).toBe(300);

    const c1 = await archive('examples/shop.sql', 'custom', 300, { workers: 1 });
    const c2 = await archive('examples/shop.sql', 'custom', 300, { workers: 2 });
    expect(readFileSync(c1.path).equals(readFileSync(c2.path))).toBe(true);
  });
});

/**
 * The tar format (`-F t`), checked by the real pg_restore and GNU tar: the
 * members pg_dump writes in its order, a restore with every constraint, the
 * same bytes through a pipe as into a file, restore.sql loading with psql,
 * and what pg_dump refuses too (compression, `pg_restore -j`).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, type Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatagenError, generate } from '../../src/index.js';
import { readToc } from '../helpers/archive-toc.js';
import { constraintSummary, userTableRowCounts } from '../helpers/constraint-checks.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';

const createdAt = new Date('2026-01-02T03:04:05Z');

async function tarArchive(rows: number, output?: Writable): Promise<string> {
  const path = join(tempDir(), 'out.tar');
  await generate({
    schema: ['examples/shop.sql'],
    defaultRows: rows,
    seed: 7,
    format: 'tar',
    output: output ?? path,
    createdAt,
  });
  return path;
}

function members(path: string): string[] {
  const r = spawnSync('tar', ['tf', path], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return r.stdout.split('\n').filter((l) => l !== '');
}

describe('tar archives (-F t)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('tar');
  });
  afterAll(async () => db.close());

  it('members as pg_dump writes them; pg_restore lists and restores it with every constraint valid', async () => {
    const path = await tarArchive(200);
    const listing = db.run('pg_restore', ['-l', path]);
    expect(listing).toContain(';     Format: TAR\n');
    expect(listing).toContain(';     Compression: 0\n');
    const toc = await readToc(db, path);
    const data = toc.filter((e) => e.desc === 'TABLE DATA');
    const dataIds = listing
      .split('\n')
      .filter((l) => / TABLE DATA /.test(l))
      .map((l) => `${l.split(';')[0]}.dat`);
    expect(data.length).toBeGreaterThan(5);
    expect(members(path)).toEqual(['toc.dat', ...dataIds, 'restore.sql']);

    const target = await db.createSibling();
    target.run('pg_restore', ['--exit-on-error', '-d', target.name, path]);
    const counts = await userTableRowCounts(target);
    expect(counts.get('shop.customer')).toBe(200);
    expect(counts.get('shop.order_line')).toBe(200);
    expect((await constraintSummary(target)).notValid).toEqual([]);
    // pg_restore restores tar archives serially, whoever wrote them.
    const parallel = db.tryRun('pg_restore', ['-j', '2', '-d', target.name, path]);
    expect(parallel.status).not.toBe(0);
    expect(parallel.stderr).toContain('parallel restore is not supported with this archive file format');
  });

  it('through a pipe: the same bytes as into a file, and pg_restore reads it from stdin', async () => {
    const path = await tarArchive(150);
    const stream = new PassThrough();
    const parts: Buffer[] = [];
    stream.on('data', (b: Buffer) => parts.push(b));
    await tarArchive(150, stream);
    const piped = Buffer.concat(parts);
    expect(piped.equals(readFileSync(path))).toBe(true);
    const restored = db.tryRun('pg_restore', ['-f', '-'], piped);
    expect(restored.status).toBe(0);
    expect(restored.stdout).toContain('COPY shop.customer');
  });

  it('restore.sql loads with psql once $$PATH$$ names the extracted files', async () => {
    const path = await tarArchive(60);
    const parent = tempDir();
    const dir = join(parent, 'extracted');
    mkdirSync(dir);
    expect(spawnSync('tar', ['xf', path, '-C', dir]).status).toBe(0);
    // The server reads the data files itself (COPY FROM a file), as the postgres OS user.
    for (const d of [parent, dir]) chmodSync(d, 0o755);
    for (const m of members(path)) chmodSync(join(dir, m), 0o644);
    const script = readFileSync(join(dir, 'restore.sql'), 'utf8');
    expect(script).toMatch(/^--\n-- NOTE:\n/);
    const edited = join(dir, 'edited.sql');
    writeFileSync(edited, script.replaceAll('$$PATH$$', dir));
    const target = await db.createSibling();
    target.psqlFile(edited);
    expect((await userTableRowCounts(target)).get('shop.review')).toBe(60);
  });

  it('compression is refused, as pg_dump refuses -Ft -Z', async () => {
    const error = await generate({
      schema: ['examples/shop.sql'],
      defaultRows: 5,
      format: 'tar',
      output: join(tempDir(), 'z.tar'),
      compression: { method: 'gzip', level: 6 },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatagenError);
    expect((error as DatagenError).message).toContain('the tar format is not compressed');
  });
});

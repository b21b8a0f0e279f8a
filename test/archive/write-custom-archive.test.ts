import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveCompression } from '../../src/archive/archive-entry.js';
import { buildArchiveEntries } from '../../src/archive/build-archive-entries.js';
import { formatArchiveListing } from '../../src/archive/format-archive-listing.js';
import { writeCustomArchive } from '../../src/archive/write-custom-archive.js';
import { generate } from '../../src/index.js';
import { generateEach } from '../../src/run/generate.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { createFixture, FIXED_HEADER } from './archive-fixture.js';
import { expectFixtureRestored, loadScript, rowCounts } from './restore-checks.js';

const GZIP6: ArchiveCompression = { method: 'gzip', level: 6 };

async function writeFixture(
  path: string,
  compression: ArchiveCompression,
  options: { bigRows?: number; workers?: number } = {},
) {
  const fixture = createFixture(options.bigRows === undefined ? {} : { bigRows: options.bigRows });
  const entries = buildArchiveEntries(fixture.schema, fixture.tableData, {
    sequenceValues: fixture.sequenceValues,
  });
  const summary = await writeCustomArchive({
    entries,
    header: FIXED_HEADER,
    compression,
    output: path,
    workers: options.workers ?? 2,
  });
  return { fixture, entries, summary };
}

describe('writeCustomArchive with the real pg_restore', () => {
  let db: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    db = await createTestDatabase('arch');
    dir = mkdtempSync(join(tmpdir(), 'datagen-archive-'));
  });
  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('pg_restore -l lists every entry, exactly as formatArchiveListing prints it', async () => {
    const path = join(dir, 'list.dump');
    const { entries } = await writeFixture(path, GZIP6);
    const listing = db.run('pg_restore', ['-l', path], { env: { ...db.env, TZ: 'UTC' } });
    expect(listing).toBe(
      formatArchiveListing(entries, FIXED_HEADER, { format: 'custom', compression: GZIP6 }),
    );
    expect(listing).toContain('; TABLE DATA shop Book'.slice(2));
    const verbose = db.run('pg_restore', ['-l', '-v', path]);
    for (const e of entries) expect(verbose).toContain(`${e.dumpId}; `);
  });

  for (const compression of [
    { method: 'none', level: 0 },
    { method: 'gzip', level: 1 },
    { method: 'gzip', level: 6 },
  ] as const) {
    it(`pg_restore -d -j 2 --exit-on-error restores everything (${compression.method}:${compression.level})`, async () => {
      const path = join(dir, `restore-${compression.method}-${compression.level}.dump`);
      const { fixture, summary } = await writeFixture(path, compression);
      expect(summary.data.every((d) => d.offset !== null && d.offset > 0)).toBe(true);
      const target = await db.createSibling();
      target.run('pg_restore', ['-d', target.name, '-j', '2', '--exit-on-error', path]);
      await expectFixtureRestored(target, fixture.rowCounts);
    });
  }

  it('pg_restore -f - gives a script psql loads', async () => {
    const path = join(dir, 'script.dump');
    const { fixture } = await writeFixture(path, GZIP6);
    const script = db.run('pg_restore', ['-f', '-', path]);
    expect(script).toContain(
      'COPY shop."Book" (id, author_id, title, price) FROM stdin;\n10\t1\tFirst\t9.99\n',
    );
    const target = await db.createSibling();
    loadScript(target, script, dir, 'script');
    await expectFixtureRestored(target, fixture.rowCounts);
  });

  it('an archive written to a stream restores from a pipe (offsets not set)', async () => {
    const fixture = createFixture();
    const entries = buildArchiveEntries(fixture.schema, fixture.tableData, {
      sequenceValues: fixture.sequenceValues,
    });
    const stream = new PassThrough();
    const parts: Buffer[] = [];
    stream.on('data', (b: Buffer) => parts.push(b));
    const summary = await writeCustomArchive({
      entries,
      header: FIXED_HEADER,
      compression: GZIP6,
      output: stream,
    });
    expect(summary.path).toBeNull();
    expect(summary.data.every((d) => d.offset === null)).toBe(true);
    const archive = Buffer.concat(parts);
    const result = db.tryRun('pg_restore', ['-f', '-'], archive);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const target = await db.createSibling();
    loadScript(target, result.stdout, dir, 'piped');
    await expectFixtureRestored(target, fixture.rowCounts);
    // The same bytes as the file version, except the offset fields ("not set" instead of positions).
    const path = join(dir, 'seekable.dump');
    await writeFixture(path, GZIP6);
    const file = readFileSync(path);
    expect(archive.length).toBe(file.length);
    const differing = [...archive].filter((b, i) => b !== file[i]).length;
    expect(differing).toBeGreaterThan(0);
    expect(differing).toBeLessThanOrEqual(summary.data.length * 9);
  });

  it('pg_restore -t TABLE --data-only restores one table into a database that has the schema', async () => {
    const path = join(dir, 'one-table.dump');
    const { fixture } = await writeFixture(path, GZIP6);
    const target = await db.createSibling();
    target.run('pg_restore', ['-d', target.name, '--section=pre-data', '--exit-on-error', path]);
    target.run('pg_restore', ['-d', target.name, '-t', 'Book', '--data-only', '--exit-on-error', path]);
    const counts = await rowCounts(target, fixture.rowCounts);
    expect(counts['shop.Book']).toBe(3);
    expect(counts['shop.author']).toBe(0);
    expect(counts['shop.events']).toBe(0);
  });

  it('compresses a multi-MiB table on several chunks, byte-identical for 1 and 2 workers, and restores it', async () => {
    const one = join(dir, 'big-1.dump');
    const two = join(dir, 'big-2.dump');
    const bigRows = 150_000;
    const a = await writeFixture(one, GZIP6, { bigRows, workers: 1 });
    await writeFixture(two, GZIP6, { bigRows, workers: 2 });
    const big = a.summary.data.find((d) => d.tag === 'big');
    expect(big?.payloadBytes).toBeGreaterThan(4 * 1024 * 1024);
    expect(readFileSync(one).equals(readFileSync(two))).toBe(true);
    const target = await db.createSibling();
    target.run('pg_restore', ['-d', target.name, '-j', '2', '--exit-on-error', two]);
    await expectFixtureRestored(target, a.fixture.rowCounts);
    const [sum] = await target.query<{ s: string }>('SELECT sum(n) AS s FROM public.big');
    let expected = 0;
    for (let i = 1; i <= bigRows; i++) expected += (i * 7) % 1000;
    expect(Number(sum?.s)).toBe(expected);
  });
});

describe('generateEach: one plan written as a script and as an archive', () => {
  it('writes the bytes two generate() runs write, with their warnings and tables (-j 1, and -j 2 over small blocks)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'datagen-each-'));
    try {
      const schema = join(dir, 'schema.sql');
      writeFileSync(
        schema,
        `CREATE TABLE a (id serial PRIMARY KEY, code text UNIQUE NOT NULL, n int CHECK (n > 0));
CREATE TABLE b (id bigserial PRIMARY KEY, a_id int NOT NULL REFERENCES a, note text, UNIQUE (a_id, note));`,
      );
      const createdAt = new Date('2024-01-02T03:04:05Z');
      for (const way of [{ workers: 1 }, { workers: 2, blockRows: 64 }]) {
        const options = { schema: [schema], defaultRows: 400, seed: 5, createdAt, ...way };
        const [s1, a1, s2, a2] = ['1.sql', '1.dump', '2.sql', '2.dump'].map((f) => join(dir, f)) as string[];
        const script = await generate({ ...options, output: s1 as string });
        await generate({ ...options, output: a1 as string, format: 'custom' });
        const [each, archive] = await generateEach({ ...options, output: s2 as string }, [
          { output: a2 as string, format: 'custom' },
        ]);
        expect(readFileSync(s2 as string).equals(readFileSync(s1 as string)), `script ${way.workers}`).toBe(
          true,
        );
        expect(readFileSync(a2 as string).equals(readFileSync(a1 as string)), `archive ${way.workers}`).toBe(
          true,
        );
        expect(each?.warnings).toEqual(script.warnings);
        expect(each?.tables).toEqual(script.tables);
        expect(archive?.tables).toEqual(script.tables);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

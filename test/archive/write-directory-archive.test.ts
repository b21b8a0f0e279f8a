import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveCompression } from '../../src/archive/archive-entry.js';
import { buildArchiveEntries } from '../../src/archive/build-archive-entries.js';
import { formatArchiveListing } from '../../src/archive/format-archive-listing.js';
import { writeDirectoryArchive } from '../../src/archive/write-directory-archive.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { createFixture, FIXED_HEADER } from './archive-fixture.js';
import { expectFixtureRestored, loadScript, rowCounts } from './restore-checks.js';

async function writeFixture(path: string, compression: ArchiveCompression, bigRows = 0, workers = 2) {
  const fixture = createFixture({ bigRows });
  const entries = buildArchiveEntries(fixture.schema, fixture.tableData, {
    sequenceValues: fixture.sequenceValues,
  });
  const summary = await writeDirectoryArchive({
    entries,
    header: FIXED_HEADER,
    compression,
    output: path,
    workers,
  });
  return { fixture, entries, summary };
}

/** `name:sha256` per file, sorted: compares two directories byte for byte. */
function directoryDigest(path: string): string[] {
  return readdirSync(path)
    .sort()
    .map(
      (f) =>
        `${f}:${createHash('sha256')
          .update(readFileSync(join(path, f)))
          .digest('hex')}`,
    );
}

describe('writeDirectoryArchive with the real pg_restore', () => {
  let db: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    db = await createTestDatabase('archdir');
    dir = mkdtempSync(join(tmpdir(), 'datagen-archive-dir-'));
  });
  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes toc.dat plus one real gzip file per data entry, and pg_restore -l lists every entry', async () => {
    const path = join(dir, 'listed');
    const compression = { method: 'gzip', level: 6 } as const;
    const { entries, summary } = await writeFixture(path, compression);
    const files = readdirSync(path).sort();
    const dataIds = entries.filter((e) => e.data !== undefined).map((e) => `${e.dumpId}.dat.gz`);
    expect(files).toEqual(['toc.dat', ...dataIds].sort());
    const author = entries.find((e) => e.desc === 'TABLE DATA' && e.tag === 'author')!;
    expect(gunzipSync(readFileSync(join(path, `${author.dumpId}.dat.gz`))).toString()).toBe(
      '1\ta@x.org\tAnn\n2\tb@x.org\tBob\\ttab\n3\tc@x.org\t\\N\n4\td@x.org\tZoë «quoted» 日本\n\\.\n\n\n',
    );
    expect(summary.data.map((d) => d.file)).toEqual(dataIds);
    const listing = db.run('pg_restore', ['-l', path], { env: { ...db.env, TZ: 'UTC' } });
    expect(listing).toBe(formatArchiveListing(entries, FIXED_HEADER, { format: 'directory', compression }));
  });

  for (const compression of [
    { method: 'none', level: 0 },
    { method: 'gzip', level: 1 },
  ] as const) {
    it(`pg_restore -d -j 2 --exit-on-error restores everything (${compression.method}:${compression.level})`, async () => {
      const path = join(dir, `restore-${compression.method}`);
      const { fixture } = await writeFixture(path, compression);
      const target = await db.createSibling();
      target.run('pg_restore', ['-d', target.name, '-j', '2', '--exit-on-error', path]);
      await expectFixtureRestored(target, fixture.rowCounts);
    });
  }

  it('pg_restore -f - gives a script psql loads, and -t TABLE --data-only restores one table', async () => {
    const path = join(dir, 'script');
    const { fixture } = await writeFixture(path, { method: 'gzip', level: 6 });
    const target = await db.createSibling();
    loadScript(target, db.run('pg_restore', ['-f', '-', path]), dir, 'dir-script');
    await expectFixtureRestored(target, fixture.rowCounts);
    const partial = await db.createSibling();
    partial.run('pg_restore', ['-d', partial.name, '--section=pre-data', '--exit-on-error', path]);
    partial.run('pg_restore', ['-d', partial.name, '-t', 'author', '--data-only', '--exit-on-error', path]);
    const counts = await rowCounts(partial, fixture.rowCounts);
    expect(counts['shop.author']).toBe(4);
    expect(counts['shop.Book']).toBe(0);
  });

  it('multi-MiB data is byte-identical for 1 and 2 workers and restores; an empty existing directory is fine', async () => {
    const one = join(dir, 'big-1');
    const two = join(dir, 'big-2');
    mkdirSync(two);
    const a = await writeFixture(one, { method: 'gzip', level: 6 }, 120_000, 1);
    await writeFixture(two, { method: 'gzip', level: 6 }, 120_000, 2);
    expect(directoryDigest(two)).toEqual(directoryDigest(one));
    const big = a.summary.data.find((d) => d.tag === 'big')!;
    expect(big.payloadBytes).toBeGreaterThan(3 * 1024 * 1024);
    expect(gunzipSync(readFileSync(join(one, big.file!))).length).toBe(big.payloadBytes);
    const target = await db.createSibling();
    target.run('pg_restore', ['-d', target.name, '-j', '2', '--exit-on-error', two]);
    await expectFixtureRestored(target, a.fixture.rowCounts);
  });
});

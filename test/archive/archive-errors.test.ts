import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveEntry } from '../../src/archive/archive-entry.js';
import { archiveIoError } from '../../src/archive/archive-io-error.js';
import { buildArchiveEntries } from '../../src/archive/build-archive-entries.js';
import { writeCustomArchive } from '../../src/archive/write-custom-archive.js';
import { givenDirectory, writeDirectoryArchive } from '../../src/archive/write-directory-archive.js';
import { DatagenError } from '../../src/errors.js';
import { createFixture, FIXED_HEADER } from './archive-fixture.js';

const entries = (): ArchiveEntry[] => {
  const f = createFixture();
  return buildArchiveEntries(f.schema, f.tableData, { sequenceValues: f.sequenceValues });
};

async function caught(promise: Promise<unknown>): Promise<DatagenError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DatagenError) return error;
    throw error;
  }
  throw new Error('expected a DatagenError, got success');
}

describe('archive writers: bad output paths and options', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'datagen-archive-err-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const gzip = { method: 'gzip', level: 6 } as const;

  it('a path in a missing directory: IO error naming the path and the fix, nothing written', async () => {
    const path = join(dir, 'no-such-dir', 'x.dump');
    const error = await caught(
      writeCustomArchive({ entries: entries(), header: FIXED_HEADER, compression: gzip, output: path }),
    );
    expect(error.code).toBe('IO');
    expect(error.message).toContain(path);
    expect(error.message).toContain('directory does not exist');
    expect(existsSync(join(dir, 'no-such-dir'))).toBe(false);
    const dirError = await caught(
      writeDirectoryArchive({ entries: entries(), header: FIXED_HEADER, compression: gzip, output: path }),
    );
    expect(dirError.code).toBe('IO');
    expect(dirError.message).toContain(path);
  });

  it('a path under a regular file (not a directory): IO error', async () => {
    const file = join(dir, 'plain-file');
    writeFileSync(file, 'x');
    const error = await caught(
      writeCustomArchive({
        entries: entries(),
        header: FIXED_HEADER,
        compression: gzip,
        output: join(file, 'x.dump'),
      }),
    );
    expect(error.code).toBe('IO');
    expect(error.data).toMatchObject({ systemCode: 'ENOTDIR' });
  });

  it('a full disk (a full device node made here, never the system /dev/full): IO error saying no space left', async () => {
    const full = join(dir, 'full');
    execFileSync('mknod', [full, 'c', '1', '7']);
    const error = await caught(
      writeCustomArchive({
        entries: entries(),
        header: FIXED_HEADER,
        compression: gzip,
        output: full,
      }),
    );
    expect(error.code).toBe('IO');
    expect(error.message).toContain(full);
    expect(error.message).toContain('the disk is full');
    expect(statSync(full).isCharacterDevice()).toBe(true);
  });

  it('a directory archive failing on a file of its temporary directory is told of the directory the user gave', () => {
    // hostile17: a full disk under -F d said 'cannot write the archive to ".../.out.d.datagen-2917-646ba1c3.tmp/8.dat.gz"'.
    const temp = join(dir, '.out.d.datagen-1-ab.tmp');
    const full = Object.assign(new Error('no space'), { code: 'ENOSPC' });
    const told = givenDirectory(archiveIoError(full, join(temp, '8.dat.gz')), temp, 'out.d') as DatagenError;
    expect(told.message).toBe(
      'cannot write the archive to "out.d": the disk is full; free space or write elsewhere (ENOSPC)',
    );
    expect(told.exitCode).toBe(1);
    const elsewhere = archiveIoError(full, join(dir, 'other'));
    expect(givenDirectory(elsewhere, temp, 'out.d')).toBe(elsewhere);
  });

  it('a failing data source: the error propagates and no file or temporary file is left', async () => {
    const sub = join(dir, 'failing');
    mkdirSync(sub);
    const broken = entries().map((e) =>
      e.tag === 'Book' && e.desc === 'TABLE DATA'
        ? {
            ...e,
            data: async function* () {
              yield new TextEncoder().encode('1\t2\n');
              throw new Error('generator exploded');
            },
          }
        : e,
    );
    await expect(
      writeCustomArchive({
        entries: broken,
        header: FIXED_HEADER,
        compression: gzip,
        output: join(sub, 'x.dump'),
      }),
    ).rejects.toThrow('generator exploded');
    await expect(
      writeDirectoryArchive({
        entries: broken,
        header: FIXED_HEADER,
        compression: gzip,
        output: join(sub, 'd'),
      }),
    ).rejects.toThrow('generator exploded');
    expect(readdirSync(sub)).toEqual([]);
  });

  it('an existing non-empty directory is refused for the directory format', async () => {
    const target = join(dir, 'occupied');
    mkdirSync(target);
    writeFileSync(join(target, 'keep.txt'), 'mine');
    const error = await caught(
      writeDirectoryArchive({ entries: entries(), header: FIXED_HEADER, compression: gzip, output: target }),
    );
    expect(error.code).toBe('IO');
    expect(error.message).toContain('not an empty directory');
    expect(readdirSync(target)).toEqual(['keep.txt']);
  });

  it('lz4 and zstd are refused with a clear BAD_OPTION (they need archive 1.15 / pg_restore 16+), as are bad levels', async () => {
    for (const method of ['lz4', 'zstd'] as const) {
      const error = await caught(
        writeCustomArchive({
          entries: entries(),
          header: FIXED_HEADER,
          compression: { method, level: 3 },
          output: join(dir, 'never.dump'),
        }),
      );
      expect(error.code).toBe('BAD_OPTION');
      expect(error.message).toContain('1.15');
    }
    const error = await caught(
      writeCustomArchive({
        entries: entries(),
        header: FIXED_HEADER,
        compression: { method: 'gzip', level: 10 },
        output: join(dir, 'never.dump'),
      }),
    );
    expect(error.code).toBe('BAD_OPTION');
    expect(existsSync(join(dir, 'never.dump'))).toBe(false);
  });
});

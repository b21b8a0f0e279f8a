/**
 * Schema files as users have them: a real pg_dump archive of a database
 * (custom, tar, directory; also on stdin), a gzipped plain dump, a DDL file
 * saved with a byte order mark. Each is read, generated from, and the output
 * loads into a fresh database. What is not SQL text gets one clear line.
 * The CLI runs in-process (what it reads and writes is the subject), but for
 * the archive on stdin, which a process of its own reads.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findClientProgram } from '../../src/input/client-programs.js';
import { loadSchemaFiles } from '../../src/run/load-schema.js';
import { runCliInProcess } from '../helpers/cli-in-process.js';
import { assertBuilt, cli } from '../helpers/cli-process.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';

describe('schema files as users have them', () => {
  let source: TestDatabase;
  const dir = tempDir();
  beforeAll(async () => {
    assertBuilt();
    source = await createTestDatabase('src');
    source.psqlFile('examples/shop.sql');
  });
  afterAll(async () => source.close());

  /** Generate from `input` and load the plain script into a fresh database; the table count it holds. */
  async function generatesAndLoads(input: string[], stdin?: Buffer): Promise<number> {
    const out = join(dir, `out-${Math.random().toString(36).slice(2)}.sql`);
    const args = ['generate', ...input, '--rows', '40', '-q', '-f', out];
    const r =
      stdin === undefined
        ? await runCliInProcess(args)
        : spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', input: stdin });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const target = await source.createSibling();
    target.psqlFile(out);
    const rows = await target.query<{ n: string }>(
      "select count(*) as n from pg_tables where schemaname not in ('pg_catalog', 'information_schema')",
    );
    return Number(rows[0]?.n);
  }

  it('a real pg_dump archive in every format (and a custom one on stdin) is read through pg_restore', async () => {
    const custom = join(dir, 'shop.dump');
    const tar = join(dir, 'shop.tar');
    const directory = join(dir, 'shop.dir');
    source.run('pg_dump', ['-Fc', '-f', custom]);
    source.run('pg_dump', ['-Ft', '-f', tar]);
    source.run('pg_dump', ['-Fd', '-f', directory]);
    const tables = await generatesAndLoads(['examples/shop.sql']);
    expect(tables).toBeGreaterThan(5);
    expect(await generatesAndLoads([custom])).toBe(tables);
    expect(await generatesAndLoads([tar])).toBe(tables);
    expect(await generatesAndLoads([directory])).toBe(tables);
    // hostile17: the directory archive's toc.dat given for its directory (pg_restore refused it: "expected
    // format (1) differs from format found in file (3)").
    expect(await generatesAndLoads([join(directory, 'toc.dat')])).toBe(tables);
    expect(await generatesAndLoads(['-'], readFileSync(custom))).toBe(tables);
  });

  it('a gzipped plain dump and a DDL file with a UTF-8 byte order mark', async () => {
    const gz = join(dir, 'shop.sql.gz');
    writeFileSync(gz, gzipSync(source.run('pg_dump', ['--schema-only'])));
    const bom = join(dir, 'bom.sql');
    writeFileSync(bom, `\ufeffCREATE TABLE "Größe" (id int PRIMARY KEY, "naïve" text NOT NULL);\r\n`);
    expect(await generatesAndLoads([gz])).toBeGreaterThan(5);
    expect(await generatesAndLoads([bom])).toBe(1);
  });

  it('binary data and a broken archive: one line saying what the file is, exit 2, nothing written', async () => {
    const binary = join(dir, 'binary.sql');
    writeFileSync(binary, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3, 0, 0]));
    const broken = join(dir, 'broken.dump');
    const custom = join(dir, 'whole.dump');
    source.run('pg_dump', ['-Fc', '-f', custom]);
    writeFileSync(broken, readFileSync(custom).subarray(0, 200));
    // hostile17: bytes without a NUL reached the parser, whose error echoed them (terminal escapes too).
    const noisy = join(dir, 'noisy.sql');
    writeFileSync(noisy, Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 37 + 11) % 256 || 1)));
    const zstd = join(dir, 'schema.sql.zst');
    writeFileSync(zstd, Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x24, 0x05, 0x29, 0, 0]));
    for (const [file, says] of [
      [binary, 'it is not a SQL text file (it holds NUL bytes (the first at '],
      [broken, 'pg_restore could not read this custom archive'],
      [
        noisy,
        'it is not a SQL text file (211 of its first 2000 bytes are control characters: it looks like binary data)',
      ],
      [zstd, 'it is zstd-compressed; decompress it first (zstd -d FILE)'],
    ] as const) {
      const out = join(dir, 'never.sql');
      const r = await runCliInProcess(['generate', file, '-f', out]);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`cannot read schema file ${file}: ${says}`);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(() => readFileSync(out)).toThrow();
    }
  });

  it('an archive of a pg_dump newer than the pg_restore at hand: what reads it, and the ways round', async () => {
    // pg_dump 17's archive version (1.16: the header's minor byte after PGDMP and the major), which the system's
    // pg_restore 15 refuses; before, only its one-line refusal was told.
    const custom = join(dir, 'whole17.dump');
    source.run('pg_dump', ['-Fc', '-f', custom]);
    const newer = join(dir, 'pg17.dump');
    const bytes = readFileSync(custom);
    bytes[6] = 16;
    writeFileSync(newer, bytes);
    await expect(loadSchemaFiles([newer])).rejects.toThrow(
      `cannot read schema file ${newer}: pg_restore could not read this custom archive: error: unsupported version (1.16) in file header (archive version 1.16 is written by pg_dump 17 and later and read by pg_restore 17 and later; ${findClientProgram('pg_restore')} is older): put a newer pg_restore first on PATH, or give the DDL (pg_restore -s -f schema.sql ${newer} with a newer pg_restore), or restore the archive into a database and read its schema with -d`,
    );
  });
});

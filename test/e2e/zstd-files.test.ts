/**
 * `-Z zstd[:LEVEL]` for the table-file formats: CSV and JSON Lines files get
 * `.zst` and are the uncompressed files' bytes once decompressed (the real
 * `zstd` CLI when on PATH; DuckDB, an independent reader, always); the same
 * bytes for any -j; Parquet with the ZSTD codec reads back (DuckDB) with the
 * Snappy file's rows; bad levels are refused with one line (the CLI run
 * in-process: its output and status are the subject, not the process).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { runCliInProcess } from '../helpers/cli-in-process.js';
import { readParquet } from '../helpers/duckdb.js';
import { tempDir } from '../helpers/generate-file.js';

const SCHEMA = 'examples/shop.sql';
const ROWS = { defaultRows: 2000, tables: { 'shop.category': 40 }, seed: 5 };
const hasZstdCli = spawnSync('zstd', ['--version']).status === 0;

type DuckConnection = Awaited<ReturnType<DuckDBInstance['connect']>>;

/** Rows of a CSV or JSON Lines file (compressed or not, by its name) as DuckDB reads them, as JSON text. */
async function duckRows(
  connection: DuckConnection,
  file: string,
  format: 'csv' | 'jsonl',
): Promise<string[]> {
  const reader = format === 'csv' ? `read_csv('${file}', all_varchar = true)` : `read_json('${file}')`;
  const read = await connection.runAndReadAll(`SELECT * FROM ${reader}`);
  return read.getRowObjectsJson().map((r) => JSON.stringify(r));
}

describe('-Z zstd for csv, jsonl and parquet', () => {
  for (const format of ['csv', 'jsonl'] as const) {
    it(`${format}: .zst files are the uncompressed files' bytes, the same for any -j`, async () => {
      const plainDir = join(tempDir(), 'plain');
      const plain = await generate({ schema: [SCHEMA], ...ROWS, format, output: plainDir });
      const zstdDirs: string[] = [];
      for (const workers of [1, 2]) {
        const out = join(tempDir(), `zstd-${workers}`);
        const result = await generate({
          schema: [SCHEMA],
          ...ROWS,
          format,
          output: out,
          workers,
          fileCompression: { method: 'zstd', level: 3 },
        });
        expect(result.files?.map((f) => f.name)).toEqual(plain.files?.map((f) => `${f.name}.zst`));
        zstdDirs.push(out);
      }
      // One in-memory DuckDB for the test's files (an instance per read was two per file).
      const instance = await DuckDBInstance.create(':memory:');
      const connection = await instance.connect();
      for (const f of plain.files ?? []) {
        const compressed = join(zstdDirs[0]!, `${f.name}.zst`);
        expect(readFileSync(join(zstdDirs[1]!, `${f.name}.zst`)).equals(readFileSync(compressed))).toBe(true);
        expect(readFileSync(compressed).length).toBeLessThan(Math.max(64, f.bytes));
        if (hasZstdCli) {
          const cli = spawnSync('zstd', ['-dc', compressed], { maxBuffer: 1 << 28 });
          expect(cli.status).toBe(0);
          expect(cli.stdout.equals(readFileSync(join(plainDir, f.name))), f.name).toBe(true);
        }
        if (f.rows > 0)
          expect(await duckRows(connection, compressed, format), f.name).toEqual(
            await duckRows(connection, join(plainDir, f.name), format),
          );
      }
      connection.closeSync();
      instance.closeSync();
    });
  }

  it('parquet: the ZSTD codec, the Snappy file rows', async () => {
    const snappyDir = join(tempDir(), 'snappy');
    const zstdDir = join(tempDir(), 'zstd');
    await generate({ schema: [SCHEMA], ...ROWS, format: 'parquet', output: snappyDir });
    const result = await generate({
      schema: [SCHEMA],
      ...ROWS,
      format: 'parquet',
      output: zstdDir,
      fileCompression: { method: 'zstd', level: 6 },
    });
    const file = result.files?.find((f) => f.table === 'order')?.name ?? '';
    expect(file).toBe('shop.order.parquet');
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const meta = await connection.runAndReadAll(
      `SELECT DISTINCT compression FROM parquet_metadata('${join(zstdDir, file)}')`,
    );
    connection.closeSync();
    instance.closeSync();
    expect(meta.getRowObjectsJson()).toEqual([{ compression: 'ZSTD' }]);
    for (const f of result.files ?? [])
      expect((await readParquet(join(zstdDir, f.name))).rows, f.name).toEqual(
        (await readParquet(join(snappyDir, f.name))).rows,
      );
  });

  it('the CLI takes zstd and zstd:LEVEL, and refuses a level outside 1-22 with one error line', async () => {
    const out = join(tempDir(), 'cli');
    const ok = await runCliInProcess([
      'generate',
      SCHEMA,
      '--rows',
      '50',
      '-F',
      'jsonl',
      '-Z',
      'zstd:19',
      '-f',
      out,
      '-q',
    ]);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
      options: { compression: unknown };
      tables: { files: { name: string }[] }[];
    };
    expect(manifest.options.compression).toEqual({ method: 'zstd', level: 19 });
    expect(manifest.tables[0]?.files[0]?.name).toMatch(/\.jsonl\.zst$/);
    for (const bad of ['zstd:0', 'zstd:23', 'zstd:x']) {
      const r = await runCliInProcess([
        'generate',
        SCHEMA,
        '-F',
        'csv',
        '-Z',
        bad,
        '-f',
        join(tempDir(), 'bad'),
      ]);
      expect(r.status).toBe(2);
      expect(r.stderr.split('\n')[0]).toBe(
        `datagen: error: --compress ${bad}: for -F csv expected none, gzip, gzip:LEVEL (1-9), a level 0-9 (gzip), zstd or zstd:LEVEL (1-22)`,
      );
    }
  });
});

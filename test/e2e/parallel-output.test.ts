/**
 * Row generation on worker threads gives the very bytes of generation on
 * one thread, for every output: plain and copy scripts, custom, directory
 * and tar archives (partitioned tables split per partition included), csv
 * and jsonl directories (whole files, chunks cut inside blocks, shards),
 * parquet directories (generated on one thread today: the test holds them
 * to it should they move to the workers), and a direct load.
 * Tables are cut into blocks of odd sizes so block edges fall everywhere
 * (one row, 37 rows, 1000 rows, and the size the engine picks).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GenerateOptions, generate, type OutputFormat } from '../../src/index.js';
import { WORKER_START_ROWS } from '../../src/run/parallel-threshold.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';

const SHOP = 'examples/shop.sql';
const REFERENCE = 'bench/reference-table.sql';
const createdAt = new Date('2026-01-02T03:04:05Z');

const DIRECTORY_FORMATS: ReadonlySet<OutputFormat> = new Set(['directory', 'csv', 'jsonl', 'parquet']);

/** Every file's bytes (one for a script, custom or tar archive; each file of a directory, by name). */
function readOutput(path: string, format: OutputFormat): Map<string, Buffer> {
  if (!DIRECTORY_FORMATS.has(format)) return new Map([['', readFileSync(path)]]);
  return new Map(readdirSync(path).map((f) => [f, readFileSync(join(path, f))]));
}

async function output(
  schema: string,
  format: OutputFormat,
  rows: number,
  workers: number,
  blockRows?: number,
  files: Pick<GenerateOptions, 'chunkSize' | 'shard' | 'fileCompression'> = {},
): Promise<Map<string, Buffer>> {
  const path = join(tempDir(), DIRECTORY_FORMATS.has(format) ? 'out.dir' : 'out');
  await generate({
    schema: [schema],
    defaultRows: rows,
    seed: 11,
    format,
    output: path,
    createdAt,
    ...(format === 'tar' || (DIRECTORY_FORMATS.has(format) && format !== 'directory')
      ? {}
      : { compression: { method: 'gzip', level: 1 } }),
    workers,
    ...(blockRows === undefined ? {} : { blockRows }),
    ...files,
  });
  return readOutput(path, format);
}

/** [workers, rows per block] */
const SPLITS: readonly (readonly [number, number])[] = [
  [2, 37],
  [3, 1],
  [3, 1000],
  [8, 37],
];

describe('the same bytes for any -j and block size', () => {
  for (const format of ['plain', 'copy', 'custom', 'directory', 'tar', 'csv', 'jsonl', 'parquet'] as const) {
    it(`${format}: -j 1 = -j 2, 3, 8 over blocks of 1, 37 and 1000 rows (shop, partitions included)`, async () => {
      const serial = await output(SHOP, format, 250, 1);
      expect(serial.size).toBeGreaterThan(0);
      for (const [workers, blockRows] of SPLITS) {
        const parallel = await output(SHOP, format, 250, workers, blockRows);
        expect([...parallel.keys()], `-j ${workers}, ${blockRows} rows per block`).toEqual([
          ...serial.keys(),
        ]);
        for (const [file, bytes] of serial) {
          expect(
            parallel.get(file)?.equals(bytes),
            `${format} ${file}: -j ${workers}, ${blockRows} rows per block`,
          ).toBe(true);
        }
      }
    });
  }

  for (const format of ['csv', 'jsonl'] as const) {
    it(`${format}: chunks of 3,000 bytes (files ending inside blocks), a shard and zstd, the same files over blocks`, async () => {
      // [options, workers, rows per block]
      const cases = [
        [{ chunkSize: 3000 }, 2, 37],
        [
          { chunkSize: 3000, shard: { index: 2, count: 3 }, fileCompression: { method: 'zstd', level: 3 } },
          3,
          1000,
        ],
      ] as const;
      for (const [files, workers, blockRows] of cases) {
        const serial = await output(SHOP, format, 250, 1, undefined, files);
        expect(serial.size, JSON.stringify(files)).toBeGreaterThan(20);
        const parallel = await output(SHOP, format, 250, workers, blockRows, files);
        expect([...parallel.keys()]).toEqual([...serial.keys()]);
        for (const [file, bytes] of serial)
          expect(
            parallel.get(file)?.equals(bytes),
            `${file}: -j ${workers}, ${blockRows} rows per block`,
          ).toBe(true);
      }
    });
  }

  it('a table big enough for workers by default: blocks sized by the engine, same bytes as -j 1', async () => {
    // The fewest rows from which a run starts generation workers by itself.
    const serial = await output(REFERENCE, 'copy', WORKER_START_ROWS, 1);
    for (const workers of [2, 3]) {
      const parallel = await output(REFERENCE, 'copy', WORKER_START_ROWS, workers);
      expect(parallel.get('')?.equals(serial.get('') as Buffer), `-j ${workers}`).toBe(true);
    }
    // CSV the same way, its chunks of 5 MB cut inside the engine's blocks.
    const files = { chunkSize: 5_000_000 };
    const serialCsv = await output(REFERENCE, 'csv', WORKER_START_ROWS, 1, undefined, files);
    expect(serialCsv.size).toBeGreaterThan(3);
    const parallelCsv = await output(REFERENCE, 'csv', WORKER_START_ROWS, 2, undefined, files);
    expect([...parallelCsv.keys()]).toEqual([...serialCsv.keys()]);
    for (const [file, bytes] of serialCsv) expect(parallelCsv.get(file)?.equals(bytes), file).toBe(true);
  });
});

describe('loading into a database on worker threads', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('parallel_load');
  });
  afterAll(async () => db.close());

  it('-j 3 over 37-row blocks loads the same rows as -j 1', async () => {
    const dumps: string[] = [];
    for (const [workers, blockRows] of [
      [1, undefined],
      [3, 37],
    ] as const) {
      const target = await db.createSibling();
      target.psqlFile(SHOP);
      await generate({
        connection: { dbname: target.connectionString },
        schema: [SHOP],
        defaultRows: 250,
        seed: 11,
        workers,
        ...(blockRows === undefined ? {} : { blockRows }),
      });
      const dump = target.run('pg_dump', ['--data-only', '--no-comments', '-d', target.name]);
      // pg_dump's \restrict key is random in every dump.
      dumps.push(dump.replace(/^\\(un)?restrict .*$/gm, ''));
    }
    expect(dumps[0]).toContain('COPY shop.customer');
    expect(dumps[1]).toBe(dumps[0]);
  });
});

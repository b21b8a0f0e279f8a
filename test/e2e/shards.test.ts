/**
 * --shard K/N: every table's K-th contiguous row range. Shards 1..N (N = 1,
 * 3, 7) of CSV and JSON Lines concatenated are the single run's files byte
 * for byte; Parquet shards hold the single run's rows, in order. The
 * Kubernetes Indexed Job example (deploy/indexed-job.yaml) runs shards 1..N.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { shardRange } from '../../src/format/table-files.js';
import { generate } from '../../src/index.js';
import { assertBuilt, cli, cliEnv } from '../helpers/cli-process.js';
import { readParquet } from '../helpers/duckdb.js';
import { tempDir } from '../helpers/generate-file.js';

const SCHEMA = 'examples/shop.sql';
const ROWS = { defaultRows: 150, tables: { 'shop.category': 5 } };

describe('--shard K/N', () => {
  it('splits [0, rows) into N contiguous ranges, in order, each row once', () => {
    expect([1, 2, 3].map((index) => shardRange(10, { index, count: 3 }))).toEqual([
      { start: 0, end: 3 },
      { start: 3, end: 6 },
      { start: 6, end: 10 },
    ]);
    expect(shardRange(2, { index: 1, count: 7 })).toEqual({ start: 0, end: 0 });
    expect(shardRange(2, { index: 7, count: 7 })).toEqual({ start: 1, end: 2 });
  });

  for (const format of ['csv', 'jsonl'] as const) {
    it(`${format}: shards 1..N concatenated equal the single run byte for byte (N = 1, 3, 7)`, async () => {
      const single = join(tempDir(), 'single');
      await generate({ schema: [SCHEMA], ...ROWS, format, output: single });
      const names = readdirSync(single)
        .filter((n) => n !== 'manifest.json')
        .sort();
      for (const count of [1, 3, 7]) {
        const dirs: string[] = [];
        for (let index = 1; index <= count; index++) {
          const dir = join(tempDir(), `shard-${index}`);
          const result = await generate({
            schema: [SCHEMA],
            ...ROWS,
            format,
            output: dir,
            shard: { index, count },
          });
          expect(result.files?.find((f) => f.table === 'category')?.rows).toBe(
            shardRange(5, { index, count }).end - shardRange(5, { index, count }).start,
          );
          dirs.push(dir);
        }
        for (const name of names) {
          const joined = Buffer.concat(dirs.map((d) => readFileSync(join(d, name))));
          expect(joined.equals(readFileSync(join(single, name))), `${name}, ${count} shards`).toBe(true);
        }
      }
    });
  }

  it('parquet: the shards hold the single run rows, in order', async () => {
    const single = join(tempDir(), 'single');
    await generate({ schema: [SCHEMA], ...ROWS, format: 'parquet', output: single });
    const dirs: string[] = [];
    for (let index = 1; index <= 3; index++) {
      const dir = join(tempDir(), `shard-${index}`);
      await generate({
        schema: [SCHEMA],
        ...ROWS,
        format: 'parquet',
        output: dir,
        shard: { index, count: 3 },
      });
      dirs.push(dir);
    }
    for (const name of readdirSync(single).filter((n) => n !== 'manifest.json')) {
      const whole = await readParquet(join(single, name));
      const parts = await Promise.all(dirs.map((d) => readParquet(join(d, name))));
      expect(
        parts.flatMap((p) => p.rows),
        name,
      ).toEqual(whole.rows);
      for (const p of parts) expect(p.types).toEqual(whole.types);
    }
  });

  it('deploy/indexed-job.yaml: N pods (completions = parallelism = the N of --shard); its command run as pod N - 1 writes shard N/N into its own directory', () => {
    assertBuilt();
    const job = parse(readFileSync('deploy/indexed-job.yaml', 'utf8'));
    expect(job.kind).toBe('Job');
    expect(job.spec.completionMode).toBe('Indexed');
    const command: string = job.spec.template.spec.containers[0].args[0];
    const count = Number(/--shard \S.*?\/(\d+)/.exec(command)?.[1]);
    expect([job.spec.completions, job.spec.parallelism]).toEqual([count, count]);
    // The pod's command as it is, with the built CLI, a few rows instead of 100 GB and a temporary volume.
    const out = tempDir();
    const local = command
      .replace('npx --yes datagen', `"${process.execPath}" "${cli}"`)
      .replace(/--size \S+/, '--rows 20')
      .replaceAll('/out/', `${out}/`);
    // The last pod (index N - 1) writes shard N/N into shard-000N.
    const r = spawnSync('sh', ['-c', local], {
      encoding: 'utf8',
      env: cliEnv({ JOB_COMPLETION_INDEX: String(count - 1) }),
    });
    expect(r.status, r.stderr).toBe(0);
    const dir = join(out, `shard-${String(count).padStart(4, '0')}`);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.options.shard).toEqual({ index: count, count });
  });

  it('is refused for other formats and bad values, with one line', async () => {
    await expect(
      generate({
        schema: [SCHEMA],
        format: 'plain',
        output: join(tempDir(), 'x.sql'),
        shard: { index: 1, count: 2 },
      }),
    ).rejects.toThrow(/--shard applies to the csv, jsonl and parquet formats/);
  });
});

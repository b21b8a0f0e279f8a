/**
 * --chunk-size, manifest.json, `datagen verify` and --resume against the
 * real server: CSV chunks load with `COPY ... (FORMAT csv, HEADER)` one by
 * one; JSON Lines chunks concatenate to the single file; Parquet chunks are
 * each a valid file (DuckDB) holding the single file's rows in order; the
 * manifest matches the files and is the same for any -j; verify finds a
 * flipped byte, a missing chunk and an extra file; a run killed with SIGKILL
 * or stopped with Ctrl-C (SIGINT) and resumed ends with the uninterrupted
 * run's manifest.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/format/manifest.js';
import { generate } from '../../src/index.js';
import { quoteQualified } from '../../src/schema/quote.js';
import { GENERATOR_VERSION } from '../../src/version.js';
import { runCliInProcess } from '../helpers/cli-in-process.js';
import { assertBuilt, exited, spawnCli, temporaries, waitUntil } from '../helpers/cli-process.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { readParquet } from '../helpers/duckdb.js';
import { tempDir } from '../helpers/generate-file.js';

const SCHEMA = 'examples/shop.sql';
const ROWS = { defaultRows: 1500, tables: { 'shop.category': 40 }, seed: 3 };

function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
}

function chunksOf(manifest: Manifest, table: string): string[] {
  return manifest.tables.find((t) => t.name === table)?.files.map((f) => f.name) ?? [];
}

/** The text of a CSV file without its header line. */
function body(text: string): string {
  return text.slice(text.indexOf('\n') + 1);
}

describe('--chunk-size and manifest.json', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => db.close());

  it('CSV chunks (gzip) each load with COPY (FORMAT csv, HEADER) and together are the single file, for any -j', async () => {
    const single = join(tempDir(), 'single');
    await generate({ schema: [SCHEMA], ...ROWS, format: 'csv', output: single });
    const chunked: string[] = [];
    for (const workers of [1, 2]) {
      const out = join(tempDir(), `chunked-${workers}`);
      await generate({
        schema: [SCHEMA],
        ...ROWS,
        format: 'csv',
        output: out,
        chunkSize: 30_000,
        fileCompression: { method: 'gzip', level: 1 },
        workers,
      });
      chunked.push(out);
    }
    expect(readFileSync(join(chunked[0]!, 'manifest.json'))).toEqual(
      readFileSync(join(chunked[1]!, 'manifest.json')),
    );
    const manifest = readManifest(chunked[0]!);
    expect(chunksOf(manifest, 'review').length).toBeGreaterThan(3);
    expect(chunksOf(manifest, 'review')[1]).toBe('shop.review.0002.csv.gz');
    const ddl = join(tempDir(), 'ddl.sql');
    await generate({ schema: [SCHEMA], defaultRows: 0, output: ddl });
    const target = await db.createSibling();
    target.psqlFile(ddl);
    const lines = ['SET session_replication_role = replica;'];
    for (const table of manifest.tables) {
      const whole = readFileSync(join(single, `shop.${table.name}.csv`), 'utf8');
      const texts = table.files.map((f) => gunzipSync(readFileSync(join(chunked[0]!, f.name))).toString());
      // Every chunk has the header; all but the last reach the size, by less than one row.
      for (const [i, text] of texts.entries()) {
        expect(text.slice(0, text.indexOf('\n'))).toBe(whole.slice(0, whole.indexOf('\n')));
        if (i === texts.length - 1) continue;
        const lastRow = text.slice(text.lastIndexOf('\n', text.length - 2) + 1);
        expect(Buffer.byteLength(text)).toBeGreaterThanOrEqual(30_000);
        expect(Buffer.byteLength(text) - Buffer.byteLength(lastRow)).toBeLessThan(30_000);
      }
      expect(texts.map(body).join(''), table.name).toBe(body(whole));
      for (const f of table.files) {
        lines.push(
          `\\copy ${quoteQualified({ schema: table.schema, name: table.name })} FROM PROGRAM 'gzip -dc ${join(chunked[0]!, f.name)}' WITH (FORMAT csv, HEADER MATCH)`,
        );
      }
    }
    const load = join(tempDir(), 'load.sql');
    writeFileSync(load, `${lines.join('\n')}\n`);
    target.psqlFile(load);
    for (const table of manifest.tables) {
      const [row] = await target.query<{ n: string }>(
        `SELECT count(*) AS n FROM ${quoteQualified({ schema: table.schema, name: table.name })}`,
      );
      expect(Number(row?.n), table.name).toBe(table.rows);
    }
  });

  it('JSON Lines chunks concatenated are the single file byte for byte', async () => {
    const single = join(tempDir(), 'single');
    await generate({ schema: [SCHEMA], ...ROWS, format: 'jsonl', output: single });
    const out = join(tempDir(), 'chunked');
    await generate({ schema: [SCHEMA], ...ROWS, format: 'jsonl', output: out, chunkSize: 50_000 });
    const manifest = readManifest(out);
    for (const table of manifest.tables) {
      const joined = Buffer.concat(table.files.map((f) => readFileSync(join(out, f.name))));
      expect(joined.equals(readFileSync(join(single, `shop.${table.name}.jsonl`))), table.name).toBe(true);
    }
    expect(chunksOf(manifest, 'product').length).toBeGreaterThan(2);
  });

  it('Parquet chunks are each a valid file and hold the single file rows in order', async () => {
    const single = join(tempDir(), 'single');
    await generate({ schema: [SCHEMA], ...ROWS, format: 'parquet', output: single });
    const out = join(tempDir(), 'chunked');
    await generate({ schema: [SCHEMA], ...ROWS, format: 'parquet', output: out, chunkSize: 40_000 });
    const manifest = readManifest(out);
    expect(chunksOf(manifest, 'review').length).toBeGreaterThan(1);
    for (const table of manifest.tables) {
      const whole = await readParquet(join(single, `shop.${table.name}.parquet`));
      const parts = [];
      for (const f of table.files) {
        const part = await readParquet(join(out, f.name));
        expect(part.rows.length, f.name).toBe(f.rows);
        expect(part.types).toEqual(whole.types);
        parts.push(...part.rows);
      }
      expect(parts, table.name).toEqual(whole.rows);
    }
  });

  it('the manifest lists every file with its rows, bytes and SHA-256, and the run options', async () => {
    const out = join(tempDir(), 'out');
    const result = await generate({
      schema: [SCHEMA],
      ...ROWS,
      format: 'csv',
      output: out,
      chunkSize: 100_000,
    });
    const manifest = readManifest(out);
    expect(manifest).toMatchObject({ format: 'csv', seed: 3, options: { chunkSize: 100_000, shard: null } });
    expect(manifest.datagen).toMatch(/^\d+\.\d+\.\d+/);
    // The generators' version and a digest of what the plan decided per column (a resumed run must match them).
    expect(manifest.generators).toBe(GENERATOR_VERSION);
    expect(manifest.options.plan).toMatch(/^[0-9a-f]{64}$/);
    const listed = manifest.tables.flatMap((t) => t.files.map((f) => f.name));
    expect(readdirSync(out).sort()).toEqual([...listed, 'manifest.json'].sort());
    for (const table of manifest.tables) {
      expect(table.rows).toBe(result.tables.find((t) => t.name === table.name)?.rows);
      expect(
        table.files.reduce((n, f) => n + f.rows, 0),
        table.name,
      ).toBe(table.rows);
      for (const f of table.files) {
        const bytes = readFileSync(join(out, f.name));
        expect(f.bytes).toBe(bytes.length);
        expect(f.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      }
    }
    // Without --chunk-size: one file per table, listed the same way.
    const plain = join(tempDir(), 'plain');
    await generate({ schema: [SCHEMA], ...ROWS, format: 'jsonl', output: plain });
    expect(chunksOf(readManifest(plain), 'order')).toEqual(['shop.order.jsonl']);
  });
});

describe('datagen verify and --resume', () => {
  beforeAll(() => assertBuilt());

  function chunkedRun(dir: string, extra: string[] = []): string[] {
    return [
      'generate',
      SCHEMA,
      '-r',
      '2000',
      '-F',
      'csv',
      '--chunk-size',
      '20KB',
      '-j',
      '1',
      '-f',
      dir,
      ...extra,
    ];
  }

  it('verify: intact exit 0; a flipped byte and a missing chunk fail with a line each; an extra file is a note', async () => {
    const dir = join(tempDir(), 'out');
    expect((await runCliInProcess(chunkedRun(dir))).status).toBe(0);
    const intact = await runCliInProcess(['verify', dir]);
    expect(intact.status, intact.stderr).toBe(0);
    expect(intact.stdout).toMatch(/files, \d+ bytes: all match the manifest/);
    expect(intact.stderr).toBe('');

    writeFileSync(join(dir, 'README.txt'), 'notes\n');
    const extra = await runCliInProcess(['verify', dir]);
    expect(extra.status).toBe(0);
    expect(extra.stderr.trim()).toBe(`datagen: note: ${dir}/README.txt: not in the manifest (left alone)`);

    const flipped = join(dir, 'shop.order.0002.csv');
    const bytes = readFileSync(flipped);
    bytes[100] = bytes[100]! ^ 1;
    writeFileSync(flipped, bytes);
    const manifest = readManifest(dir);
    const missing = chunksOf(manifest, 'review')[1]!;
    rmSync(join(dir, missing));
    const bad = await runCliInProcess(['verify', dir]);
    expect(bad.status).toBe(1);
    const errors = bad.stderr.split('\n').filter((l) => l.startsWith('datagen: error:'));
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(
      /shop\.order\.0002\.csv: content differs from the manifest \(SHA-256 [0-9a-f]{64}, expected [0-9a-f]{64}\)$/,
    );
    expect(errors[1]).toMatch(
      new RegExp(
        `${missing.replaceAll('.', '\\.')}: missing \\(the manifest lists \\d+ bytes, \\d+ rows\\)$`,
      ),
    );
    expect(bad.stdout).toMatch(/2 of \d+ files missing or different/);

    const noManifest = await runCliInProcess(['verify', tempDir()]);
    expect(noManifest.status).toBe(2);
    expect(noManifest.stderr).toMatch(/manifest\.json: no manifest; give a directory written by datagen/);
  });

  /**
   * The resumed runs' options, writing to `dir`: about 200 chunks (as 60,000 rows in 200KB chunks made, at 2.5 times the rows).
   * Not fewer rows: the uninterrupted run is in-process, in this worker, and can hold its event loop while the
   * child to kill runs, so a shorter child risks ending before a poll sees four chunks.
   */
  const resumable = (dir: string) => [
    'generate',
    SCHEMA,
    '-r',
    '24000',
    '-F',
    'csv',
    '-Z',
    'gzip:1',
    '--chunk-size',
    '80KB',
    '-j',
    '1',
    '-f',
    dir,
  ];
  /** The uninterrupted run's manifest: made once for both signals, while they run. */
  let uninterrupted: Promise<string> | undefined;
  const wholeManifest = () => {
    uninterrupted ??= (async () => {
      const whole = join(tempDir(), 'whole');
      const run = await runCliInProcess(resumable(whole));
      expect(run.status, run.stderr).toBe(0);
      return readFileSync(join(whole, 'manifest.json'), 'utf8');
    })();
    // Awaited by each test (a failure fails both); not an unhandled rejection meanwhile.
    uninterrupted.catch(() => {});
    return uninterrupted;
  };

  // Concurrent: the two signals wait on their datagen children.
  for (const signal of ['SIGKILL', 'SIGINT'] as const)
    it.concurrent(`--resume after ${signal} keeps the complete chunks and ends with the uninterrupted run manifest`, async ({
      expect,
    }) => {
      const whole = wholeManifest();
      const parent = tempDir();
      const dir = join(parent, 'out');
      const args = resumable(dir);
      const child = spawnCli(args);
      const done = exited(child);
      const progress = () => {
        const [tmp] = temporaries(parent);
        if (tmp === undefined) return [];
        try {
          return readFileSync(join(parent, tmp, '.datagen-progress.jsonl'), 'utf8')
            .split('\n')
            .slice(1, -1);
        } catch {
          return [];
        }
      };
      await waitUntil(() => progress().length >= 4, 'four chunks are complete', 120_000);
      child.kill(signal);
      const stopped = await done;
      const [tmp] = temporaries(parent);
      if (signal === 'SIGKILL') expect(stopped.signal).toBe('SIGKILL');
      else {
        // Ctrl-C: exit 130, the temporary directory kept for --resume, and a line that says so.
        expect(stopped.status).toBe(130);
        expect(stopped.stderr.trim()).toBe(
          `datagen: interrupted; the complete files are kept in ${join(parent, tmp!)}: run the same command with --resume to continue (without it, the next run removes them)`,
        );
      }
      const kept = progress().map((line) => (JSON.parse(line) as { name: string }).name);
      const inodes = new Map(kept.map((name) => [name, statSync(join(parent, tmp!, name)).ino]));

      const resumed = await runCliInProcess([...args, '--resume']);
      expect(resumed.status, resumed.stderr).toBe(0);
      expect(temporaries(parent)).toEqual([]);
      for (const [name, ino] of inodes) expect(statSync(join(dir, name)).ino, name).toBe(ino);
      expect(readdirSync(dir)).not.toContain('.datagen-progress.jsonl');

      expect(readFileSync(join(dir, 'manifest.json'), 'utf8')).toBe(await whole);
      expect((await runCliInProcess(['verify', dir])).status).toBe(0);
      // The run is complete: another --resume says so and changes nothing (hostile24: it was refused, exit 2).
      const again = await runCliInProcess([...args, '--resume']);
      expect(again.status).toBe(0);
      expect(again.stderr.trim()).toBe(
        `datagen: warning: --resume: ${dir} is complete already (its manifest.json is this run's, with the same seed, options and row counts, and every file it lists is there); nothing was written`,
      );
      for (const [name, ino] of inodes) expect(statSync(join(dir, name)).ino, name).toBe(ino);
      expect((await runCliInProcess(['verify', dir])).status).toBe(0);
    }, 240_000);

  it('refuses --chunk-size and --resume outside the table-file formats, and a bad size', async () => {
    const plain = await runCliInProcess([
      'generate',
      SCHEMA,
      '--chunk-size',
      '1MB',
      '-f',
      join(tempDir(), 'x.sql'),
    ]);
    expect(plain.status).toBe(2);
    expect(plain.stderr).toMatch(/--chunk-size applies to the csv, jsonl and parquet formats/);
    const bad = await runCliInProcess([
      'generate',
      SCHEMA,
      '-F',
      'csv',
      '--chunk-size',
      'big',
      '-f',
      join(tempDir(), 'x'),
    ]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(
      /--chunk-size big: not a number of bytes; a size is a number of bytes and a unit, such as 500MB/,
    );
  });
});

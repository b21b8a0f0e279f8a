/**
 * --chunk-size with --shard K/N: each shard's chunks are named apart
 * (`shop.order.s0002.0001.jsonl`), so all shards' chunks gather into one
 * directory, listed in row order; `datagen merge-manifests` merges the
 * shards' manifests into one that `datagen verify` accepts for that
 * directory, and refuses manifests that are not shards 1..N of one run.
 * The three jsonl shards are made once for the two tests that read them, and
 * the commands run in-process (their output and status are the subject, not
 * the process).
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/format/manifest.js';
import { generate } from '../../src/index.js';
import { runCliInProcess } from '../helpers/cli-in-process.js';
import { tempDir } from '../helpers/generate-file.js';

const SCHEMA = 'examples/shop.sql';
const ROWS = { defaultRows: 1200, tables: { 'shop.category': 30 }, seed: 9 };

async function shards(format: 'csv' | 'jsonl', count: number, root: string): Promise<string[]> {
  const dirs: string[] = [];
  for (let index = 1; index <= count; index++) {
    const dir = join(root, `shard-${index}`);
    await generate({
      schema: [SCHEMA],
      ...ROWS,
      format,
      output: dir,
      chunkSize: 20_000,
      shard: { index, count },
    });
    dirs.push(dir);
  }
  return dirs;
}

/** The three jsonl shards made once for the file's two tests that read them (neither changes them). */
let jsonlShards: Promise<string[]> | undefined;
const sharedJsonlShards = () => {
  jsonlShards ??= shards('jsonl', 3, tempDir());
  return jsonlShards;
};

/** Copy every data file of `dirs` into `target`. */
function gather(dirs: readonly string[], target: string): void {
  mkdirSync(target);
  for (const dir of dirs)
    for (const name of readdirSync(dir))
      if (name !== 'manifest.json') copyFileSync(join(dir, name), join(target, name));
}

describe('--chunk-size with --shard K/N', () => {
  it('jsonl: shard chunks gather into one directory, in row order; the merged manifest passes verify', async () => {
    const root = tempDir();
    const single = join(root, 'single');
    await generate({ schema: [SCHEMA], ...ROWS, format: 'jsonl', output: single });
    const dirs = await sharedJsonlShards();
    expect(readdirSync(dirs[1]!).filter((n) => n.startsWith('shop.order.'))).toContain(
      'shop.order.s0002.0001.jsonl',
    );
    const all = join(root, 'all');
    gather(dirs, all);
    const merged = await runCliInProcess([
      'merge-manifests',
      dirs[2]!,
      dirs[0]!,
      dirs[1]!,
      '-f',
      join(all, 'manifest.json'),
    ]);
    expect(merged.stderr).toBe('');
    expect(merged.status).toBe(0);
    const verified = await runCliInProcess(['verify', all]);
    expect(verified.stderr).toBe('');
    expect(verified.status).toBe(0);
    // A shard's own manifest verifies (its files hold its range of the table's rows); an edited count does not.
    expect((await runCliInProcess(['verify', dirs[1]!])).status).toBe(0);
    // The edit on a copy of the shard: the shards are the file's other test's too.
    const copy = join(root, 'shard-2');
    gather([dirs[1]!], copy);
    const shardManifest = join(copy, 'manifest.json');
    copyFileSync(join(dirs[1]!, 'manifest.json'), shardManifest);
    const edited = JSON.parse(readFileSync(shardManifest, 'utf8')) as Manifest;
    writeFileSync(
      shardManifest,
      JSON.stringify({
        ...edited,
        tables: edited.tables.map((t, i) => (i === 0 ? { ...t, rows: t.rows + 3 } : t)),
      }),
    );
    expect((await runCliInProcess(['verify', copy])).stderr).toMatch(
      /tables\[0\] says \d+ rows \(shard 2\/3: \d+\), and its files' rows add up to/,
    );

    const manifest = JSON.parse(readFileSync(join(all, 'manifest.json'), 'utf8')) as Manifest;
    const whole = JSON.parse(readFileSync(join(single, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.options).toMatchObject({ shard: null, shards: 3, chunkSize: 20_000 });
    expect(manifest.tables.map((t) => [t.name, t.rows])).toEqual(whole.tables.map((t) => [t.name, t.rows]));
    for (const table of manifest.tables) {
      const names = table.files.map((f) => f.name);
      expect(names.length).toBeGreaterThanOrEqual(3);
      // Listed in shard then chunk order, which is also the names' order: the rows in order.
      expect([...names].sort()).toEqual(names);
      const joined = Buffer.concat(names.map((n) => readFileSync(join(all, n))));
      const file = `${table.schema}.${table.name}.jsonl`;
      expect(joined.equals(readFileSync(join(single, file))), file).toBe(true);
      expect(table.files.reduce((n, f) => n + f.rows, 0)).toBe(table.rows);
    }
  });

  it('csv: every shard chunk has the header; their rows in name order are the single run rows', async () => {
    const root = tempDir();
    const single = join(root, 'single');
    await generate({ schema: [SCHEMA], ...ROWS, format: 'csv', output: single });
    const all = join(root, 'all');
    gather(await shards('csv', 2, root), all);
    const names = readdirSync(all).sort();
    const header = (text: string) => text.slice(0, text.indexOf('\n') + 1);
    const body = (text: string) => text.slice(text.indexOf('\n') + 1);
    const wholeOrder = readFileSync(join(single, 'shop.order.csv'), 'utf8');
    const orderChunks = names.filter((n) => n.startsWith('shop.order.s'));
    expect(orderChunks.some((n) => n.startsWith('shop.order.s0002.'))).toBe(true);
    const texts = orderChunks.map((n) => readFileSync(join(all, n), 'utf8'));
    for (const text of texts) expect(header(text)).toBe(header(wholeOrder));
    expect(texts.map(body).join('')).toBe(body(wholeOrder));
  });

  it('merge-manifests refuses a missing shard, a shard of another run, and unsharded manifests, with one line', async () => {
    const root = tempDir();
    const dirs = await sharedJsonlShards();
    const other = join(root, 'other');
    await generate({
      schema: [SCHEMA],
      ...ROWS,
      seed: 10,
      format: 'jsonl',
      output: other,
      chunkSize: 20_000,
      shard: { index: 3, count: 3 },
    });
    const unsharded = join(root, 'unsharded');
    await generate({ schema: [SCHEMA], ...ROWS, format: 'jsonl', output: unsharded, chunkSize: 20_000 });
    const cases: [string[], string][] = [
      [
        [dirs[0]!, dirs[1]!],
        `datagen: error: ${dirs[0]}: shards 3/3 missing; give the manifests of all 3 shards`,
      ],
      [
        [dirs[0]!, dirs[1]!, other],
        `datagen: error: ${other}: not the same run as ${dirs[0]}: --seed 9 (${other}: 10); every shard must run the same command`,
      ],
      [[dirs[0]!, dirs[0]!, dirs[1]!], `datagen: error: ${dirs[0]}: shard 1/3 again (also ${dirs[0]})`],
      [
        [unsharded],
        `datagen: error: ${unsharded}: not the manifest of a shard (its run had no --shard K/N); give the manifests of shards 1..N`,
      ],
    ];
    for (const [args, message] of cases) {
      const r = await runCliInProcess(['merge-manifests', ...args]);
      expect(r.stdout).toBe('');
      expect(r.stderr.split('\n')[0]).toBe(message);
      expect(r.status).toBe(2);
    }
  });
});

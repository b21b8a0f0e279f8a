/**
 * Parquet under -j 2: the tables' files are written at once (as the
 * directory archive writes its tables), their row groups made on the
 * generation workers and on the calling thread, and every file is the very
 * bytes of -j 1; a failure in one table's file stops the others and leaves
 * no directory behind.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { findTemplate, templateRowCounts } from '../../src/run/templates.js';
import { readParquet } from '../helpers/duckdb.js';
import { tempDir } from '../helpers/generate-file.js';

const ecommerce = findTemplate('ecommerce');
const createdAt = new Date('2026-01-02T03:04:05Z');

/** Every file of a directory by name. */
function files(dir: string): Map<string, Buffer> {
  return new Map(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f))]));
}

describe('Parquet tables written at once under -j 2', () => {
  it('ecommerce (order_item 25,000 rows+): -j 2 (tables side by side) writes each file the bytes of -j 1', async () => {
    // Scale 3: order_item 27,000 rows, orders 9,000, category 50: tables above and below a worker's share.
    const tables = templateRowCounts(ecommerce, 3);
    expect(Math.max(...Object.values(tables))).toBeGreaterThanOrEqual(25_000);
    const run = async (workers: number) => {
      const output = join(tempDir(), `j${workers}`);
      // Which table each onRows call was for, in order (a change of table appended).
      const order: number[] = [];
      await generate({
        schema: [ecommerce.file],
        tables,
        fixedTables: ecommerce.fixed,
        seed: 5,
        createdAt,
        format: 'parquet',
        output,
        workers,
        // Every table's row groups on the workers, whatever its size (a run this small starts none otherwise).
        ...(workers > 1 ? { blockRows: 1000 } : {}),
        onRows: (table) => {
          if (order.at(-1) !== table) order.push(table);
        },
      });
      return { output, files: files(output), switches: order.length };
    };
    const serial = await run(1);
    const parallel = await run(2);
    expect([...parallel.files.keys()]).toEqual([...serial.files.keys()]);
    for (const [name, bytes] of serial.files)
      expect(parallel.files.get(name)?.equals(bytes), name).toBe(true);
    // -j 1: one table after another, each table's progress in one run of calls. (Whether -j 2's tables
    // interleave depends on the workers' timing, so it is not asserted: only that the bytes do not.)
    const parquetFiles = [...serial.files.keys()].filter((f) => f.endsWith('.parquet'));
    expect(serial.switches).toBe(parquetFiles.length);
    // Read back by an independent reader: the rows are all there.
    const items = await readParquet(join(parallel.output, 'public.order_item.parquet'));
    expect(items.rows.length).toBe(tables.order_item);
  }, 240_000);

  it('a failure in one table while another is written stops the run: no directory left, the error thrown', async () => {
    const output = join(tempDir(), 'failing');
    const tables = templateRowCounts(ecommerce, 1);
    let calls = 0;
    await expect(
      generate({
        schema: [ecommerce.file],
        tables,
        fixedTables: ecommerce.fixed,
        seed: 5,
        format: 'parquet',
        output,
        workers: 2,
        blockRows: 1000,
        // The third row group written fails (a table's progress callback throws inside its file's stream).
        onRows: () => {
          if (++calls === 3) throw new Error('stop here');
        },
      }),
    ).rejects.toThrow('stop here');
    expect(existsSync(output)).toBe(false);
    // Nor its temporary directory.
    expect(readdirSync(join(output, '..'))).toEqual([]);
  }, 120_000);
});

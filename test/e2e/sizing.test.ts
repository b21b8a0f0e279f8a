/**
 * --size: output lands within ±5% of the target for each file format at two
 * sizes, with the template's ratios between tables kept; the size model
 * alone (what targets above 64 MB rely on: no run at the solved scale)
 * lands within 5% at 30 MB (Parquet with zstd at 50 MB); sizes parse as documented.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { loadSchemaFiles } from '../../src/run/load-schema.js';
import { fitSizeModel, modelBytes, parseSize, rowsForSize, solveScale } from '../../src/run/sizing.js';
import { findTemplate, templateRowCounts } from '../../src/run/templates.js';
import { tempDir } from '../helpers/generate-file.js';

const ecommerce = findTemplate('ecommerce');

describe('--size', () => {
  it('parses MB/GB/TB as powers of 1000 and MiB/GiB/TiB as powers of 1024', () => {
    expect(parseSize('50MB')).toBe(50_000_000);
    expect(parseSize('1.5 GB')).toBe(1_500_000_000);
    expect(parseSize('2TiB')).toBe(2 * 1024 ** 4);
    expect(parseSize('30mib')).toBe(30 * 1024 ** 2);
    expect(() => parseSize('ten GB')).toThrow(/--size ten GB: expected a size such as 500MB/);
    expect(() => parseSize('5 PB')).toThrow(/expected a size/);
  });

  for (const format of ['csv', 'jsonl', 'parquet'] as const) {
    for (const target of [5e6, 30e6]) {
      it(`-F ${format} --size ${target / 1e6}MB lands within 5%, ratios kept`, async () => {
        const out = join(tempDir(), format);
        const result = await generate({
          schema: [ecommerce.file],
          tables: templateRowCounts(ecommerce, 1),
          fixedTables: ecommerce.fixed,
          size: target,
          format,
          output: out,
        });
        // The data files (manifest.json, their list, is not counted).
        const onDisk = readdirSync(out)
          .filter((f) => f !== 'manifest.json')
          .reduce((n, f) => n + statSync(join(out, f)).size, 0);
        expect(onDisk).toBe(result.bytes);
        expect(Math.abs(onDisk / target - 1), `${onDisk} bytes`).toBeLessThan(0.05);
        const rows = Object.fromEntries(result.tables.map((t) => [t.name, t.rows]));
        expect(rows.category).toBe(50); // fixed
        const scale = (rows.customer ?? 0) / 1000;
        for (const [table, atOne] of Object.entries(ecommerce.rows)) {
          if (table === 'category') continue;
          expect(Math.abs((rows[table] ?? 0) - atOne * scale), table).toBeLessThanOrEqual(
            Math.max(2, atOne * scale * 0.001),
          );
        }
      });
    }
  }

  it('the size model recovers bytes = fixed + s (perScale + perDecade log10 s) from three points and solves it', () => {
    const truth = { fixed: 12_345, perScale: 1_000_000, perDecade: 40_000 };
    const model = fitSizeModel([0.01, 0.04, 0.16].map((s) => [s, modelBytes(truth, s)] as const));
    expect(model.fixed).toBeCloseTo(truth.fixed, 3);
    expect(model.perScale).toBeCloseTo(truth.perScale, 3);
    expect(model.perDecade).toBeCloseTo(truth.perDecade, 3);
    // 1 GB is far beyond the samples: the log term is what keeps the solved scale right.
    const s = solveScale(model, 1e9, 0.16);
    expect(modelBytes(truth, s) / 1e9).toBeCloseTo(1, 9);
    expect(solveScale(model, 10_000, 0.16)).toBeNaN(); // below the fixed part
  });

  for (const format of ['csv', 'jsonl'] as const) {
    it(`-F ${format}: the size model alone (no run at the solved scale) lands within 5% at 30 MB`, async () => {
      const out = join(tempDir(), format);
      const options = {
        schema: [ecommerce.file],
        tables: templateRowCounts(ecommerce, 1),
        fixedTables: ecommerce.fixed,
        format,
        output: out,
      };
      const { schema } = await loadSchemaFiles([ecommerce.file]);
      const tables = await rowsForSize(schema, options, 30e6, generate, 0);
      const result = await generate({ ...options, tables });
      expect(Math.abs(result.bytes / 30e6 - 1), `${result.bytes} bytes`).toBeLessThan(0.05);
    });
  }

  it('-F parquet -Z zstd: the size model alone (what targets above 64 MB get: a sample at an eighth, no run at the solved scale) lands within 5% at 50 MB', async () => {
    const out = join(tempDir(), 'parquet-zstd');
    const options = {
      schema: [ecommerce.file],
      tables: templateRowCounts(ecommerce, 1),
      fixedTables: ecommerce.fixed,
      format: 'parquet' as const,
      fileCompression: { method: 'zstd' as const },
      output: out,
    };
    const { schema } = await loadSchemaFiles([ecommerce.file]);
    const tables = await rowsForSize(schema, options, 50e6, generate, 0);
    const result = await generate({ ...options, tables });
    expect(Math.abs(result.bytes / 50e6 - 1), `${result.bytes} bytes`).toBeLessThan(0.05);
    const onDisk = readdirSync(out)
      .filter((f) => f.endsWith('.parquet'))
      .reduce((n, f) => n + statSync(join(out, f)).size, 0);
    expect(onDisk).toBe(result.bytes);
  }, 360_000); // 50 MB of zstd Parquet: 121 s under load 15 (the default 120 s ran out)

  it('tpch --size: samples small enough to be quick keep partsupp under its key capacity; lands within 5%', async () => {
    const tpch = findTemplate('tpch');
    const out = join(tempDir(), 'tpch');
    const result = await generate({
      schema: [tpch.file],
      tables: templateRowCounts(tpch, 0.01),
      fixedTables: tpch.fixed,
      size: 8e6,
      format: 'csv',
      output: out,
    });
    expect(Math.abs(result.bytes / 8e6 - 1), `${result.bytes} bytes`).toBeLessThan(0.05);
    const rows = Object.fromEntries(result.tables.map((t) => [t.name, t.rows]));
    expect([rows.nation, rows.region]).toEqual([25, 5]);
  });

  it('sizes any schema from its --rows ratios (custom archive)', async () => {
    const out = join(tempDir(), 'shop.dump');
    const result = await generate({
      schema: ['examples/shop.sql'],
      tables: { 'shop.order_line': 4000 },
      size: 3e6,
      format: 'custom',
      output: out,
      createdAt: new Date(0),
    });
    expect(Math.abs(statSync(out).size / 3e6 - 1)).toBeLessThan(0.05);
    const rows = Object.fromEntries(result.tables.map((t) => [t.name, t.rows]));
    expect(Math.abs((rows.order_line ?? 0) / (rows.customer ?? 1) - 4)).toBeLessThan(0.05);
  });
});

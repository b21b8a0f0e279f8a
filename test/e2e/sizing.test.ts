/**
 * --size: output lands within ±5% of the target for each file format at two
 * sizes, with the template's ratios between tables kept; the size model
 * alone (no run at the solved scale) lands within 5% at 30 MB for csv and
 * jsonl (the run version 18's --size measures before it corrects); Parquet
 * with zstd at 36 MB is corrected by one slice of the run at an eighth of
 * the target, its middle shard of eight, as every target above 64 MB is
 * (one run for what were two: uncompressed Parquet at 30 MB, sliced the same
 * way, and Parquet with zstd at 50 MB, 22 s of the file's 44); csv and
 * uncompressed Parquet at 5 MB are corrected by one slice, the middle
 * shard of two, no measuring run the whole target (what version 19 brought:
 * sizing-versions.test.ts held it for these two formats at version 19 as
 * well, the same code, until session 38); versions 18's and 19's
 * corrections of the other formats are in sizing-versions.test.ts; sizes
 * parse as documented; a schema that names no ratios gets them from its
 * foreign keys.
 */
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type GenerateOptions, generate } from '../../src/index.js';
import { FAN_OUT, graphRatios, LOOKUP_ROWS } from '../../src/plan/graph-ratios.js';
import { loadSchemaFiles } from '../../src/run/load-schema.js';
import { fitSizeModel, modelBytes, solveScale } from '../../src/run/size-model.js';
import { parseSize, rowsForSize } from '../../src/run/sizing.js';
import { findTemplate, templateRowCounts } from '../../src/run/templates.js';
import { tempDir } from '../helpers/generate-file.js';

const ecommerce = findTemplate('ecommerce');

/**
 * The large runs on one thread: sizes do not depend on -j (the bytes are the same: parallel-output.test.ts),
 * and a generation worker only adds its start and hand-offs where the suite's other files hold the cores
 * (ecommerce's 10 MB of csv: 3.0 CPU s at the default -j 2, 2.4 at -j 1). pool-close.test.ts sizes at -j 2.
 */
const ONE_THREAD = { workers: 1 } as const;

describe('--size', () => {
  it('parses MB/GB/TB as powers of 1000 and MiB/GiB/TiB as powers of 1024', () => {
    expect(parseSize('50MB')).toBe(50_000_000);
    expect(parseSize('1.5 GB')).toBe(1_500_000_000);
    expect(parseSize('2TiB')).toBe(2 * 1024 ** 4);
    expect(parseSize('30mib')).toBe(30 * 1024 ** 2);
    expect(() => parseSize('ten GB')).toThrow(
      /^--size ten GB: not a number of bytes; a size is a number of bytes and a unit, such as 500MB/,
    );
    expect(() => parseSize('5 PB')).toThrow(/^--size 5 PB: unknown unit PB; a size is/);
    // hostile33: each was the one generic message.
    expect(() => parseSize('0')).toThrow(
      /^--size 0: a size of 0 writes nothing: give 1 byte or more; a size is/,
    );
    expect(() => parseSize('-1')).toThrow(/^--size -1: a size cannot be negative; a size is/);
    expect(() => parseSize('1XB')).toThrow(/^--size 1XB: unknown unit XB; a size is/);
    expect(() => parseSize('1.5.5GB')).toThrow(/^--size 1.5.5GB: 1.5.5 is not a number; a size is/);
    expect(() => parseSize('0.1')).toThrow(/^--size 0.1: under 1 byte; a size is/);
  });

  it('the library refuses a size that is not a number of bytes (NaN ran the samples without end)', async () => {
    for (const size of [Number.NaN, Number.POSITIVE_INFINITY, 0]) {
      await expect(
        generate({ schema: ['examples/shop.sql'], size, format: 'copy', output: join(tempDir(), 'x') }),
      ).rejects.toMatchObject({
        code: 'BAD_OPTION',
        message: expect.stringMatching(/^size .*: expected a whole number of bytes/),
      });
    }
  });

  /**
   * What --size does (generate() calls rowsForSize with itself), with each
   * measured run's bytes and slice recorded: at version 18 the last is the
   * run at the model's solved scale, before the correction, so it is what
   * the size model alone gives; from 19, above 4 MB, the slice measured.
   */
  async function sizeRecorded(options: GenerateOptions, target: number) {
    const { schema } = await loadSchemaFiles([ecommerce.file]);
    const measured: { bytes: number; slice: string | null }[] = [];
    const tables = await rowsForSize(schema, options, target, async (o) => {
      const run = await generate(o);
      const slice = o.shard ?? o.sizingSlice;
      measured.push({
        bytes: run.bytes,
        slice: slice === undefined ? null : `${slice.index}/${slice.count}`,
      });
      return run;
    });
    return { result: await generate({ ...options, tables }), measured };
  }

  // Parquet with zstd at 36 MB: from 4 MB samples alone it overshot 100 MB by 9.6%; above 32 MB the slice is
  // an eighth of the target, as above 64 MB (at most 64 MB), so this is what those targets get.
  for (const [format, target, zstd] of [
    ['csv', 5e6, false],
    ['csv', 30e6, false],
    ['jsonl', 5e6, false],
    ['jsonl', 30e6, false],
    ['parquet', 5e6, false],
    ['parquet', 36e6, true],
  ] as const) {
    // At 30 MB, csv and jsonl also check the size model alone (no run at the solved scale) within 5%:
    // that run is the one --size measures before correcting, so it is not made twice. Version 18's sizing:
    // from version 19 a target up to 64 MB is corrected from a slice, its last measured run no whole run.
    const modelToo = target === 30e6;
    const title = `-F ${format}${zstd ? ' -Z zstd' : ''} --size ${target / 1e6}MB lands within 5%, ratios kept${modelToo ? '; the size model alone lands within 5% too' : zstd ? ' (one slice of an eighth, as above 64 MB)' : ' (one slice, no whole extra run)'}`;
    it(title, async () => {
      const out = join(tempDir(), format);
      const options: GenerateOptions = {
        schema: [ecommerce.file],
        tables: templateRowCounts(ecommerce, 1),
        fixedTables: ecommerce.fixed,
        format,
        output: out,
        ...ONE_THREAD,
        ...(modelToo ? { generatorVersion: 18 } : {}),
        ...(zstd ? { fileCompression: { method: 'zstd' as const } } : {}),
      };
      const { result, measured } = zstd
        ? { result: await generate({ ...options, size: target }), measured: [] }
        : await sizeRecorded(options, target);
      if (modelToo) {
        const modelAlone = measured.at(-1)?.bytes ?? 0;
        expect(Math.abs(modelAlone / target - 1), `model alone: ${modelAlone} bytes`).toBeLessThan(0.05);
      } else if (!zstd) {
        // From version 19 (sizing-versions.test.ts held this for csv and Parquet at version 19): no measuring
        // run is the whole target, the largest a 4 MB sample or the slice, the middle shard of two (a 5 MB
        // target over slices of at least 4 MB).
        for (const run of measured) expect(run.bytes, JSON.stringify(measured)).toBeLessThan(1.3e6 * 4);
        expect(measured.at(-1)?.slice).toBe('1/2');
      }
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
    }, 360_000); // 36 MB of zstd Parquet: 50 MB took 121 s under load 15 (the default 120 s ran out)
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
      ...ONE_THREAD,
    });
    expect(Math.abs(result.bytes / 8e6 - 1), `${result.bytes} bytes`).toBeLessThan(0.05);
    const rows = Object.fromEntries(result.tables.map((t) => [t.name, t.rows]));
    expect([rows.nation, rows.region]).toEqual([25, 5]);
  });

  /** Three levels (customer → orders → order_item), two lookups, a 1:1 child, a second root. */
  const threeLevels = `
    CREATE TABLE status (id smallint PRIMARY KEY, name text NOT NULL UNIQUE);
    CREATE TABLE country (code char(2) PRIMARY KEY, name text NOT NULL);
    CREATE TABLE customer (id serial PRIMARY KEY, name text NOT NULL, email text NOT NULL UNIQUE,
      country char(2) NOT NULL REFERENCES country, created_at timestamptz NOT NULL);
    CREATE TABLE supplier (id serial PRIMARY KEY, name text NOT NULL, country char(2) NOT NULL REFERENCES country);
    CREATE TABLE customer_profile (customer_id int PRIMARY KEY REFERENCES customer, bio text);
    CREATE TABLE orders (id bigserial PRIMARY KEY, customer_id int NOT NULL REFERENCES customer,
      status smallint NOT NULL REFERENCES status, placed_at timestamptz NOT NULL, total numeric(12,2) NOT NULL);
    CREATE TABLE order_item (order_id bigint NOT NULL REFERENCES orders, line int NOT NULL,
      status smallint NOT NULL REFERENCES status, supplier_id int REFERENCES supplier,
      qty int NOT NULL CHECK (qty > 0), PRIMARY KEY (order_id, line));`;

  it('a schema with no ratios gets them from its foreign keys: lookups fixed, children ×5 per level, 1:1 children equal; lands within 5%', async () => {
    const dir = tempDir();
    const file = join(dir, 'three.sql');
    writeFileSync(file, threeLevels);
    const result = await generate({ schema: [file], size: 3e6, format: 'csv', output: join(dir, 'out') });
    expect(Math.abs(result.bytes / 3e6 - 1), `${result.bytes} bytes`).toBeLessThan(0.05);
    const rows = Object.fromEntries(result.tables.map((t) => [t.name, t.rows]));
    expect([rows.status, rows.country]).toEqual([LOOKUP_ROWS, LOOKUP_ROWS]);
    const customers = rows.customer ?? 0;
    expect(customers).toBeGreaterThan(1000);
    expect([rows.supplier, rows.customer_profile]).toEqual([customers, customers]);
    // Each table's count is rounded at the scale: k × customers is off by at most k/2 + 1/2.
    expect(Math.abs((rows.orders ?? 0) - FAN_OUT * customers)).toBeLessThanOrEqual(FAN_OUT / 2 + 0.5);
    expect(Math.abs((rows.order_item ?? 0) - FAN_OUT ** 2 * customers)).toBeLessThanOrEqual(
      FAN_OUT ** 2 / 2 + 0.5,
    );
  });

  it('the graph ratios: a named table keeps its rows and its children follow it; a cycle and a self-reference are cut; fan-out stops three levels down', async () => {
    const dir = tempDir();
    const file = join(dir, 'graph.sql');
    writeFileSync(
      file,
      `${threeLevels}
      CREATE TABLE shipment (id int PRIMARY KEY, item_order bigint NOT NULL, item_line int NOT NULL,
        FOREIGN KEY (item_order, item_line) REFERENCES order_item);
      CREATE TABLE a (id int PRIMARY KEY, up int REFERENCES a, b_id int);
      CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a);
      ALTER TABLE a ADD FOREIGN KEY (b_id) REFERENCES b;`,
    );
    const { schema } = await loadSchemaFiles([file]);
    const byName = (name: string) => schema.tables.find((t) => t.name === name)!;
    const free = graphRatios(schema.tables, new Map(), 10);
    expect(free.lookups).toEqual(['public.status', 'public.country']);
    expect(free.rows).toMatchObject({
      'public.customer': 10,
      'public.orders': 50,
      'public.order_item': 250,
      'public.shipment': 1250,
      // The cycle a ↔ b: the edge back to the table being sized (a, first in the DDL) is cut, so b is a root.
      'public.a': 50,
      'public.b': 10,
    });
    const named = graphRatios(schema.tables, new Map([[byName('orders'), 70]]), 10);
    expect(named.rows['public.orders']).toBeUndefined();
    expect(named.rows).toMatchObject({
      'public.order_item': 350,
      'public.shipment': 1750,
      'public.customer': 10,
    });
    // Deeper than three levels below a root: as many as the parent.
    writeFileSync(
      file,
      `CREATE TABLE l0 (id int PRIMARY KEY);
      ${[1, 2, 3, 4].map((i) => `CREATE TABLE l${i} (id int PRIMARY KEY, up int NOT NULL REFERENCES l${i - 1});`).join('\n')}`,
    );
    const chain = await loadSchemaFiles([file]);
    expect(graphRatios(chain.schema.tables, new Map(), 2).rows).toEqual({
      'public.l0': 2,
      'public.l1': 10,
      'public.l2': 50,
      'public.l3': 250,
      'public.l4': 250,
    });
  });

  // The custom archive, the plain script and COPY text: the formats the csv/jsonl/parquet cases above leave out.
  // 1 MB: about 47,000 rows, 272 customers (3 MB took 34 s for the archive under load 14: the ratio is the check).
  for (const format of ['custom', 'plain', 'copy'] as const) {
    it(`sizes any schema from its --rows ratios (-F ${format})`, async () => {
      const out = join(tempDir(), `shop.${format}`);
      const result = await generate({
        schema: ['examples/shop.sql'],
        tables: { 'shop.order_line': 4000 },
        size: 1e6,
        format,
        output: out,
        createdAt: new Date(0),
      });
      expect(Math.abs(statSync(out).size / 1e6 - 1)).toBeLessThan(0.05);
      const rows = Object.fromEntries(result.tables.map((t) => [t.name, t.rows]));
      expect(Math.abs((rows.order_line ?? 0) / (rows.customer ?? 1) - 4)).toBeLessThan(0.05);
    });
  }
});

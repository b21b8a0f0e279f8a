/**
 * --size at generator versions 18 and 19 (split from sizing.test.ts, whose
 * run was the suite's longest file): version 18's model corrected by one
 * slice of the run at its solved scale (what targets above 64 MB get; the
 * finance template's Parquet and medical's JSON Lines with gzip at 8 MB,
 * shard 4 of 8 each: 20 and 12 MB until session 39, 40 CPU s where
 * these take 22.5, for the same path and checks), and
 * version 19's targets up to 64 MB without a whole extra run (the model
 * alone up to 4 MB, else one slice: also of copy and plain's COPY rows),
 * each within 5% of the target on disk. Uncompressed csv and Parquet's
 * slice (version 19's code at every version since) is checked at the
 * default version in sizing.test.ts, at 5 MB (here at 6 MB and version 19
 * as well until session 38: the same runs twice).
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type GenerateOptions, generate } from '../../src/index.js';
import { loadSchemaFiles } from '../../src/run/load-schema.js';
import { rowsForSize } from '../../src/run/sizing.js';
import { findTemplate, templateRowCounts } from '../../src/run/templates.js';
import { tempDir } from '../helpers/generate-file.js';

const ecommerce = findTemplate('ecommerce');

/** The runs on one thread, as in sizing.test.ts (sizes do not depend on -j; a worker only adds CPU here). */
const ONE_THREAD = { workers: 1 } as const;

describe('--size at versions 18 and 19', () => {
  // finance template's Parquet grows faster between the samples than after them (daily_price.security_id
  // leaves its dictionary once a row group holds too many securities): -7.45% at 100 MB before.
  // Both at 8 MB (finance 20 MB and medical 12 MB until session 39: 31 and 9.1 CPU s, finance's 12.5 of them
  // the samples and the slice, 18.4 its final run; at 8 MB 15.7 and 6.8): the same path, the same samples
  // (the largest 4 MB), the slice shard 4 of 8 (1 MB); finance's slice corrected the model by -3.0% and it
  // landed at -1.3% (at 20 MB: -0.9% and -0.5%), medical at -0.6% (at 12 MB: -0.4%).
  for (const [name, format, target, compression] of [
    ['finance', 'parquet', 8e6, undefined],
    ['medical', 'jsonl', 8e6, 'gzip'],
  ] as const) {
    it(`v18: ${name} -F ${format}${compression ? ` -Z ${compression}` : ''}: the model corrected by one slice of the run (what targets above 64 MB get) lands within 5% at ${target / 1e6} MB`, async () => {
      const template = findTemplate(name);
      const out = join(tempDir(), `${name}-${format}`);
      const options: GenerateOptions = {
        schema: [template.file],
        tables: templateRowCounts(template, 1),
        fixedTables: template.fixed,
        format,
        output: out,
        generatorVersion: 18,
        ...ONE_THREAD,
        ...(compression === undefined ? {} : { fileCompression: { method: compression } }),
      };
      const { schema } = await loadSchemaFiles([template.file]);
      const shards: string[] = [];
      const tables = await rowsForSize(
        schema,
        options,
        target,
        (o) => {
          if (o.shard !== undefined) shards.push(`${o.shard.index}/${o.shard.count}`);
          return generate(o);
        },
        0,
      );
      expect(shards).toEqual(['4/8']);
      const result = await generate({ ...options, tables });
      const onDisk = readdirSync(out)
        .filter((f) => f !== 'manifest.json')
        .reduce((n, f) => n + statSync(join(out, f)).size, 0);
      expect(onDisk).toBe(result.bytes);
      expect(Math.abs(onDisk / target - 1), `${onDisk} bytes`).toBeLessThan(0.05);
    }, 480_000); // finance 20 MB of Parquet took 161 s under load 20; 8 MB 121 s under load 8
  }

  // Generator version 19: no whole extra run at the solved scale for targets up to 64 MB. Up to 4 MB (the
  // largest sample's size) the model alone; beyond, csv, jsonl and parquet are corrected by one shard of
  // the run, copy and the plain script by one slice of their COPY rows (their DDL and setval counted once),
  // each slice an eighth of the target but at least 4 MB (an eighth of a few MB of Parquet or of
  // compressed files is mostly their fixed bytes); the archives by the model (a sample at an eighth of the
  // target only when that is past the samples).
  // Uncompressed csv and Parquet at 6 MB: in sizing.test.ts at the default version (5 MB, the same slice).
  // The sliced targets at 6 MB (10 MB before: the same slice of at least 4 MB, of two shards instead of
  // three, and 4 MB less of each final run); custom at 10 MB, where its model alone extrapolates 2.5 times
  // past the largest sample.
  for (const [format, target, compression] of [
    ['csv', 6e6, 'gzip'],
    ['jsonl', 3e6, undefined],
    ['jsonl', 6e6, 'zstd'],
    ['parquet', 3e6, 'zstd'],
    ['copy', 6e6, undefined],
    ['plain', 6e6, undefined],
    ['plain', 3e6, undefined],
    ['custom', 10e6, undefined],
    ['custom', 3e6, 'none'],
  ] as const) {
    const sliced = target > 4e6 && format !== 'custom';
    it(`v19: -F ${format}${compression ? ` -Z ${compression}` : ''} --size ${target / 1e6}MB lands within 5% with no whole extra run (${sliced ? 'one slice' : 'the model alone'})`, async () => {
      const files = format === 'csv' || format === 'jsonl' || format === 'parquet';
      const out = join(tempDir(), `v19-${format}`);
      const options: GenerateOptions = {
        schema: [ecommerce.file],
        tables: templateRowCounts(ecommerce, 1),
        fixedTables: ecommerce.fixed,
        format,
        output: out,
        generatorVersion: 19,
        createdAt: new Date(0),
        ...ONE_THREAD,
        ...(compression === undefined
          ? {}
          : format === 'custom'
            ? { compression: { method: 'none' as const, level: 0 } }
            : { fileCompression: { method: compression as 'gzip' | 'zstd' } }),
      };
      const { schema } = await loadSchemaFiles([ecommerce.file]);
      const runs: { bytes: number; customers: number; slice: string | null }[] = [];
      const tables = await rowsForSize(schema, options, target, async (o) => {
        const run = await generate(o);
        const slice = o.shard ?? o.sizingSlice;
        runs.push({
          bytes: run.bytes,
          customers: o.tables?.['public.customer'] ?? 0,
          slice: slice === undefined ? null : `${slice.index}/${slice.count}`,
        });
        return run;
      });
      // No measuring run is the whole target: the largest a 4 MB sample or slice.
      for (const run of runs)
        expect(run.bytes, JSON.stringify(runs)).toBeLessThan(Math.max(0.5 * target, 1.3e6 * 4));
      const last = runs.at(-1)!;
      // The middle shard of two (a 6 MB target over slices of at least 4 MB).
      if (sliced) expect(last.slice).toBe('1/2');
      else {
        // The last run is the samples' largest, at twice the scale of the one before.
        expect(last.slice).toBeNull();
        expect(Math.abs(last.customers - 2 * runs.at(-2)!.customers)).toBeLessThanOrEqual(1);
      }
      const result = await generate({ ...options, tables });
      const onDisk = files
        ? readdirSync(out)
            .filter((f) => f !== 'manifest.json')
            .reduce((n, f) => n + statSync(join(out, f)).size, 0)
        : statSync(out).size;
      expect(onDisk).toBe(result.bytes);
      expect(Math.abs(onDisk / target - 1), `${onDisk} bytes`).toBeLessThan(0.05);
    }, 360_000);
  }
});

/**
 * `--size 50MB`: row counts that make the output land near a byte target.
 * The ratios between tables are the ones the other options give (a
 * template's, or `--rows` hints, or the default count for every table); the
 * bytes per unit of scale are measured, not guessed: the run is made twice
 * at small scales in the chosen format (every encoding, compression and
 * file overhead included), a line `bytes = fixed + perScale × scale` is
 * fitted through the two, and the scale that meets the target is solved
 * from it; a target up to 64 MB is then measured at that scale once more and
 * corrected (within ±1% in the tests; larger targets rely on the fit, which
 * overshot by 1-4% at 30 MB from 4 MB samples). Fixed tables (TPC-H's region and nation) keep their counts.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { DatagenError, ErrorCodes } from '../errors.js';
import type { Schema } from '../schema/model.js';
import { displayName } from '../schema/names.js';
import type { GenerateOptions } from './generate.js';
import { planWithRowTrial } from './row-trial.js';

const UNITS: Readonly<Record<string, number>> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4,
};

/** `50MB` → 50,000,000; `2GiB` → 2,147,483,648 (MB, GB, TB are powers of 1000; MiB, GiB, TiB of 1024). */
export function parseSize(text: string, option = '--size'): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = UNITS[(m?.[2] || 'b').toLowerCase()];
  const bytes = m === null || unit === undefined ? Number.NaN : Number(m[1]) * unit;
  if (!(bytes >= 1)) {
    throw new DatagenError(
      ErrorCodes.BAD_OPTION,
      `${option} ${text}: expected a size such as 500MB, 10GB or 2TiB (MB/GB/TB: powers of 1000; MiB/GiB/TiB: of 1024)`,
      { size: text },
    );
  }
  return Math.round(bytes);
}

/** A sample's largest size: big enough to average over many rows, small enough to be quick. */
const SAMPLE_BYTES = 4e6;
/** Targets up to this size get one more run at the solved scale, to correct the fit. */
const CORRECTED_BYTES = 64e6;

/** Warnings of a table held to fewer rows than asked (by its keys' capacity or the row trial). */
const CAPPED = new Set(['ROWS_REDUCED', 'ROWS_CUT_BY_CHECK']);

/** Rows per table at scale `s` of `base`; fixed tables keep theirs. */
function scaled(base: Readonly<Record<string, number>>, fixed: ReadonlySet<string>, s: number) {
  const tables: Record<string, number> = {};
  for (const [name, rows] of Object.entries(base)) {
    tables[name] = fixed.has(name) ? rows : Math.max(rows === 0 ? 0 : 1, Math.round(rows * s));
  }
  return tables;
}

/** Bytes of one run at these row counts, written where nothing is kept. */
async function measure(
  schema: Schema,
  options: GenerateOptions,
  generate: (o: GenerateOptions) => Promise<{ bytes: number }>,
  tables: Record<string, number>,
): Promise<number> {
  const base: GenerateOptions = { ...options, schema, tables, computedTables: true };
  delete (base as { size?: number }).size;
  // Every shard sizes the whole run, so all of them get the same row counts.
  delete (base as { shard?: unknown }).shard;
  delete (base as { resume?: unknown }).resume;
  delete (base as { onRows?: unknown }).onRows;
  delete (base as { onPlan?: unknown }).onPlan;
  delete (base as { onEstimate?: unknown }).onEstimate;
  const format = options.format ?? 'plain';
  if (format === 'directory' || format === 'csv' || format === 'jsonl' || format === 'parquet') {
    const dir = await mkdtemp(join(tmpdir(), 'datagen-size-'));
    try {
      return (await generate({ ...base, output: join(dir, 'out') })).bytes;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
  return (await generate({ ...base, output: discard })).bytes;
}

/**
 * Row counts (by `schema.table`) for which the output of `options` is about
 * `target` bytes.
 */
export async function rowsForSize(
  schema: Schema,
  options: GenerateOptions,
  target: number,
  generate: (o: GenerateOptions) => Promise<{ bytes: number }>,
): Promise<Record<string, number>> {
  // The plan generate() writes from (row trial included), so cut tables are sized by their cut rows.
  const { plan } = planWithRowTrial(schema, options);
  // A table its keys or CHECKs hold to fewer rows keeps that count: asked for more by name, the run would stop.
  const capped = new Set(plan.warnings.filter((w) => CAPPED.has(w.code)).map((w) => w.where));
  const base: Record<string, number> = {};
  const fixed = new Set<string>();
  const fixedNames = new Set(options.fixedTables ?? []);
  for (const t of plan.tables) {
    if (t.filledThrough) continue;
    const name = displayName(t.table);
    base[name] = t.rows;
    if (fixedNames.has(t.table.name) || fixedNames.has(name) || capped.has(name)) fixed.add(name);
  }
  // Two samples at scales a and 2a, both at most SAMPLE_BYTES (or the target itself when smaller).
  const scalable = Object.entries(base).reduce((n, [name, rows]) => n + (fixed.has(name) ? 0 : rows), 0);
  let a = Math.min(1, 20_000 / Math.max(1, scalable));
  let bytesA = await measure(schema, options, generate, scaled(base, fixed, a));
  const limit = Math.min(SAMPLE_BYTES, target) / 2;
  for (let i = 0; i < 8 && bytesA > 0 && Math.abs(bytesA - limit) > limit * 0.2; i++) {
    a *= limit / bytesA;
    bytesA = await measure(schema, options, generate, scaled(base, fixed, a));
  }
  const bytesB = await measure(schema, options, generate, scaled(base, fixed, 2 * a));
  const perScale = (bytesB - bytesA) / a;
  const fixedBytes = bytesA - perScale * a;
  if (!(perScale > 0) || target <= fixedBytes) {
    throw new DatagenError(
      ErrorCodes.BAD_OPTION,
      `--size ${target} bytes: the output does not grow with the row counts${perScale > 0 ? `, and its fixed part alone is ${Math.round(fixedBytes)} bytes` : ''}; ask for a larger size or give --rows`,
      { target },
    );
  }
  const s = (target - fixedBytes) / perScale;
  // Up to CORRECTED_BYTES: measure once more at the solved scale and correct (the line is a fit,
  // and key widths, dictionaries and compression make bytes grow a little faster than rows).
  if (target <= CORRECTED_BYTES) {
    const got = await measure(schema, options, generate, scaled(base, fixed, s));
    return scaled(base, fixed, s + (target - got) / perScale);
  }
  return scaled(base, fixed, s);
}

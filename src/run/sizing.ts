/**
 * `--size 50MB`: row counts that make the output land near a byte target.
 * The ratios between tables are the ones the other options give (a
 * template's, or `--rows` hints; tables no count names get theirs from the
 * foreign-key graph, plan/graph-ratios.ts); the
 * bytes per unit of scale are measured, not guessed: the run is made three
 * times at small scales a, 2a, 4a in the chosen format (every encoding,
 * compression and file overhead included; the largest 4 MB),
 * `bytes = fixed + s × (perScale + perDecade × log10 s)` is fitted through
 * the three (the log term: keys gain a digit every tenfold), and the scale
 * that meets the target is solved from it. A target up to 64 MB is then
 * measured at that scale once more and corrected (within ±1% in the tests);
 * a larger one gets a fourth sample at an eighth of it (at most 64 MB) and
 * the model is fitted again through the three largest (a straight line
 * through two 4 MB samples overshot 100 MB of CSV by 4.3%; the model without
 * the fourth sample, Parquet with zstd by 9.6%; with it, still -5.9% at
 * 100 MB while Parquet's row groups held 65,536 rows, more than a sample;
 * with 4,096-row groups the samples are made of full groups as the target
 * is, and it lands within 2% at 50 and 500 MB). Fixed tables (TPC-H's region
 * and nation) keep their counts. From version 19 no target gets a whole extra
 * run: up to 4 MB the model alone, beyond it one slice of the run at the solved
 * scale (at least 4 MB), copy and plain's COPY rows too (rowsForSize's end).
 */
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { DatagenError, ErrorCodes } from '../errors.js';
import type { Shard } from '../format/table-files.js';
import { withScratchDirectory } from '../input/scratch-directory.js';
import { graphRatios } from '../plan/graph-ratios.js';
import type { GenerationPlan } from '../plan/plan-model.js';
import { DEFAULT_ROWS, resolveRowCounts } from '../plan/row-counts.js';
import type { Schema, Table } from '../schema/model.js';
import { displayName } from '../schema/names.js';
import { quoteQualified } from '../schema/quote.js';
import { effectiveGeneratorVersion } from '../version.js';
import type { GenerateOptions } from './generate.js';
import { planWithRowTrial } from './row-trial.js';
import { fitSizeModel, sizeOutOfReach, slope, solveScale } from './size-model.js';

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
  if (!(bytes >= 1 && Number.isFinite(bytes))) {
    throw new DatagenError(ErrorCodes.BAD_OPTION, `${option} ${text}: ${sizeProblem(text, m, unit)}`, {
      size: text,
    });
  }
  return Math.round(bytes);
}

const SIZE_FORM =
  'a size is a number of bytes and a unit, such as 500MB, 10GB, 1.5GiB or 2TiB (B, kB, MB, GB, TB: powers of 1000; KiB, MiB, GiB, TiB: of 1024)';

/** What is wrong with a size parseSize refused (`0`, `-1`, `1XB`, `1.5.5GB`), and what it accepts. */
function sizeProblem(text: string, m: RegExpExecArray | null, unit: number | undefined): string {
  const trimmed = text.trim();
  if (trimmed === '') return `empty; ${SIZE_FORM}`;
  if (/^-/.test(trimmed)) return `a size cannot be negative; ${SIZE_FORM}`;
  const unitText = /^[\d.]+\s*([a-z]+)$/i.exec(trimmed)?.[1];
  if (m === null)
    return unitText === undefined
      ? `not a number of bytes; ${SIZE_FORM}`
      : `${trimmed.slice(0, -unitText.length).trim()} is not a number; ${SIZE_FORM}`;
  if (unit === undefined) return `unknown unit ${m[2]}; ${SIZE_FORM}`;
  const bytes = Number(m[1]) * unit;
  if (!Number.isFinite(bytes)) return `past any size a run can write; ${SIZE_FORM}`;
  return bytes === 0
    ? `a size of 0 writes nothing: give 1 byte or more; ${SIZE_FORM}`
    : `under 1 byte; ${SIZE_FORM}`;
}

/** The largest of the three first samples: quick, yet many rows (or the target itself when smaller). */
const SAMPLE_BYTES = 4e6;

/** Larger targets get one more sample, of an eighth of the target up to this size. */
const MIDDLE_SAMPLE_BYTES = 64e6;
/** Targets up to this size get one more run at the solved scale, to correct the fit. */
export const CORRECTED_BYTES = 64e6;

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
  shard?: Shard,
): Promise<number> {
  const base = measuredOptions(schema, options, tables);
  if (shard !== undefined) (base as { shard?: Shard }).shard = shard;
  const format = options.format ?? 'plain';
  if (format === 'directory' || format === 'csv' || format === 'jsonl' || format === 'parquet') {
    return withScratchDirectory(
      'datagen-size',
      "--size's measuring runs",
      async (dir) => (await generate({ ...base, output: join(dir, 'out') })).bytes,
    );
  }
  const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
  return (await generate({ ...base, output: discard })).bytes;
}

/** The options of a measuring run at these row counts: the user's, less what is about the run itself. */
function measuredOptions(
  schema: Schema,
  options: GenerateOptions,
  tables: Record<string, number>,
): GenerateOptions {
  const base: GenerateOptions = { ...options, schema, tables, computedTables: true };
  delete (base as { size?: number }).size;
  // Every shard sizes the whole run, so all of them get the same row counts.
  delete (base as { shard?: unknown }).shard;
  delete (base as { resume?: unknown }).resume;
  delete (base as { onRows?: unknown }).onRows;
  delete (base as { onPlan?: unknown }).onPlan;
  delete (base as { onEstimate?: unknown }).onEstimate;
  delete (base as { sizingSlice?: unknown }).sizingSlice;
  return base;
}

/**
 * The copy and plain formats' whole run at these row counts from one slice of
 * its COPY rows (`sizingSlice`): the bytes outside the rows (DDL, COPY
 * headers, setval: the same as the whole run's, its row counts the same)
 * once, the rows' bytes `slice.count` times. As a shard's bytes divided by
 * the count, for sliceCorrected.
 */
async function measureScriptSlice(
  schema: Schema,
  options: GenerateOptions,
  generate: (o: GenerateOptions) => Promise<{ bytes: number }>,
  tables: Record<string, number>,
  slice: Shard,
): Promise<number> {
  let rows = 0;
  const { bytes } = await generate({
    ...measuredOptions(schema, options, tables),
    sizingSlice: slice,
    onRows: (_table, _rows, written) => {
      rows += written;
    },
    output: new Writable({ write: (_chunk, _encoding, done) => done() }),
  });
  return (bytes - rows) / slice.count + rows;
}

/**
 * From version 19, a script whose rows are all COPY text (no INSERTs, no -E re-encoding, whose row bytes
 * would not be the written ones) is sized from one slice of them too.
 */
function scriptSliceable(options: GenerateOptions): boolean {
  const format = options.format ?? 'plain';
  return (
    (format === 'copy' || format === 'plain') &&
    options.inserts !== true &&
    options.rowsPerInsert === undefined &&
    options.schemaOnly !== true &&
    options.encoding === undefined &&
    options.connection === undefined
  );
}

/** The formats whose run can be cut to one of its shards (`--shard K/N`: a row range of every table). */
const SLICEABLE: ReadonlySet<string> = new Set(['csv', 'jsonl', 'parquet']);

/**
 * The scale `s` corrected by one slice of the run at `s`: the middle shard of
 * N (each about an eighth of the target, at most 64 MB) holds a row range of
 * every table as the whole run makes it (its parents', keys' and Parquet
 * dictionaries' spans those of the target), so N times its bytes is the
 * run's, where samples at smaller scales miss what changes on the way (the
 * finance template's daily_price.security_id leaves its dictionary once a
 * row group holds too many securities: -7.5% at 100 MB of Parquet).
 * `least`: the smallest slice (from version 19, SAMPLE_BYTES: an eighth of
 * 12 MB of JSON Lines with zstd, or of Parquet, is mostly its files' fixed
 * bytes, which N slices count N times: -2.1% at 12 MB, -8.4% at 2 MB).
 */
async function sliceCorrected(
  measureShard: (scale: number, shard: Shard) => Promise<number>,
  s: number,
  target: number,
  least = 0,
): Promise<number> {
  const slice = Math.max(least, Math.min(target / 8, MIDDLE_SAMPLE_BYTES));
  const count = Math.max(2, Math.ceil(target / slice));
  const whole = (await measureShard(s, { index: Math.ceil(count / 2), count })) * count;
  return whole > 0 ? (s * target) / whole : s;
}

/**
 * The tables no row count names (by `--rows TABLE=N`, a template or the
 * configuration) get theirs from the foreign-key graph (plan/graph-ratios.ts)
 * instead of the same count for all: the options with them, and the lookups,
 * whose rows do not scale.
 */
function withGraphRatios(
  schema: Schema,
  asked: GenerationPlan,
  options: GenerateOptions,
): { options: GenerateOptions; lookups: readonly string[] } {
  if (options.computedTables === true) return { options, lookups: [] };
  const { rows, explicit } = resolveRowCounts(schema.tables, {
    tables: options.tables ?? {},
    ...(options.settings === undefined ? {} : { settings: options.settings }),
  });
  const named = new Map<Table, number>();
  schema.tables.forEach((t, i) => {
    if (explicit[i]) named.set(t, rows[i] as number);
  });
  // The tables that get rows (partitions are filled through their root; a table -t leaves out has none).
  const tables = asked.tables.filter((t) => t.filledThrough === null && !t.excluded);
  if (tables.every((t) => named.has(t.table))) return { options, lookups: [] };
  const derived = graphRatios(
    tables.map((t) => t.table),
    named,
    options.defaultRows ?? DEFAULT_ROWS,
  );
  const computed = Array.isArray(options.computedTables) ? options.computedTables : [];
  return {
    options: {
      ...options,
      tables: { ...options.tables, ...derived.rows },
      computedTables: [...computed, ...Object.keys(derived.rows)],
    },
    lookups: derived.lookups,
  };
}

/**
 * Row counts (by `schema.table`) for which the output of `options` is about
 * `target` bytes; `correctUpTo`: targets up to this size are measured once
 * more at the solved scale and corrected (the tests set 0 to try the model
 * alone at a quick size).
 */
export async function rowsForSize(
  schema: Schema,
  options: GenerateOptions,
  target: number,
  generate: (o: GenerateOptions) => Promise<{ bytes: number }>,
  correctUpTo = CORRECTED_BYTES,
): Promise<Record<string, number>> {
  // The library's `size` is a number the CLI's parseSize made; NaN or Infinity would never be met.
  if (!(Number.isFinite(target) && target >= 1))
    throw new DatagenError(
      ErrorCodes.BAD_OPTION,
      `size ${target}: expected a whole number of bytes, 1 or more (500MB is 500000000; parseSize reads '500MB')`,
      { size: String(target) },
    );
  // The plan generate() writes from (row trial included), so cut tables are sized by their cut rows.
  const asked = planWithRowTrial(schema, options).plan;
  const ratios = withGraphRatios(schema, asked, options);
  const plan = ratios.options === options ? asked : planWithRowTrial(schema, ratios.options).plan;
  // A table its keys or CHECKs hold to fewer rows keeps that count: asked for more by name, the run would stop.
  const capped = new Set(plan.warnings.filter((w) => CAPPED.has(w.code)).map((w) => w.where));
  const base: Record<string, number> = {};
  const fixed = new Set<string>();
  // A template's fixed tables, those the configuration marks `fixed: true`, and lookups keep their rows.
  const configured = Object.entries(options.settings ?? {}).flatMap(([name, t]) => (t.fixed ? [name] : []));
  const fixedNames = new Set([...(options.fixedTables ?? []), ...configured, ...ratios.lookups]);
  for (const t of plan.tables) {
    if (t.filledThrough) continue;
    // Keyed as `--rows` reads a name (`a."b.c"`, `"a.b".c`): the unquoted `schema.table` misread a dot in a name.
    const name = quoteQualified(t.table);
    base[name] = t.rows;
    const shown = displayName(t.table);
    if (fixedNames.has(t.table.name) || fixedNames.has(shown) || fixedNames.has(name) || capped.has(shown))
      fixed.add(name);
  }
  const at = (s: number) => measure(schema, options, generate, scaled(base, fixed, s));
  // Three samples at scales a, 2a and 4a, the largest about SAMPLE_BYTES (or the target); the smallest
  // stays at a quarter of it, where keys over foreign keys (TPC-H's partsupp) still have room.
  const scalable = Object.entries(base).reduce((n, [name, rows]) => n + (fixed.has(name) ? 0 : rows), 0);
  let a = Math.min(1, 20_000 / Math.max(1, scalable));
  let bytesA = await at(a);
  const first = Math.min(SAMPLE_BYTES, target) / 4;
  for (let i = 0; i < 8 && bytesA > 0 && Math.abs(bytesA - first) > first * 0.2; i++) {
    a *= first / bytesA;
    bytesA = await at(a);
  }
  const points: [number, number][] = [
    [a, bytesA],
    [2 * a, await at(2 * a)],
    [4 * a, await at(4 * a)],
  ];
  const model = fitSizeModel(points);
  const s = solveScale(model, target, a);
  if (!(s > 0)) throw sizeOutOfReach(target, model, points);
  const version = effectiveGeneratorVersion(options.generatorVersion);
  // Up to correctUpTo, before version 19: measure once more at the solved scale and correct (the model is
  // a fit). From 19 no whole extra run: up to SAMPLE_BYTES the largest sample is the target's size, so
  // the model alone; beyond, a slice of the run (or a sample) of an eighth of it, at least SAMPLE_BYTES.
  if (target <= correctUpTo && version < 19) {
    const got = await at(s);
    return scaled(base, fixed, Math.max(s / 2, s + (target - got) / slope(model, s)));
  }
  if (version >= 19 && target <= SAMPLE_BYTES) return scaled(base, fixed, s);
  const least = version >= 19 ? SAMPLE_BYTES : 0;
  // Beyond, from version 18, a format written a file per table: the run at the solved scale measured on
  // one slice of it (sliceCorrected); from 19 the copy and plain formats too, on a slice of their rows.
  if (version >= 18 && SLICEABLE.has(options.format ?? 'plain')) {
    const shardAt = (scale: number, shard: Shard) =>
      measure(schema, options, generate, scaled(base, fixed, scale), shard);
    return scaled(base, fixed, await sliceCorrected(shardAt, s, target, least));
  }
  if (version >= 19 && scriptSliceable(options)) {
    const sliceAt = (scale: number, slice: Shard) =>
      measureScriptSlice(schema, options, generate, scaled(base, fixed, scale), slice);
    return scaled(base, fixed, await sliceCorrected(sliceAt, s, target, least));
  }
  // Else: one more sample at an eighth of the target (at most 64 MB), and the model fitted again
  // through it and the two larger samples: Parquet's row groups fill up and compression settles
  // only at such sizes (from 4 MB samples alone, Parquet with zstd overshot 100 MB by 9.6%).
  const middle = solveScale(model, Math.min(target / 8, MIDDLE_SAMPLE_BYTES), a);
  if (!(middle > 4 * a)) return scaled(base, fixed, s);
  const wide = fitSizeModel([points[1]!, points[2]!, [middle, await at(middle)]]);
  const refined = solveScale(wide, target, middle);
  return scaled(base, fixed, refined > 0 ? refined : s);
}

/**
 * Command-line options, named like pg_dump's where they mean the same
 * (-f/--file, -F/--format, -O/--no-owner). A misspelt option is an error
 * naming the nearest one (parse-arguments.ts); a bad value says what is wrong.
 */
import { type ArchiveCompression, resolveArchiveCompression } from '../archive/index.js';
import type { TableFileCompression } from '../format/table-files.js';
import type { ConnectionOptions } from '../input/connection.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../run/generate.js';
import { parseSize } from '../run/sizing.js';
import { findTemplate, type Template, templateRowCounts } from '../run/templates.js';
import { parseArguments, usageError } from './parse-arguments.js';

export const GENERATE_OPTIONS = {
  schema: { type: 'string', short: 's', multiple: true },
  template: { type: 'string' },
  scale: { type: 'string' },
  size: { type: 'string' },
  shard: { type: 'string' },
  'schema-only': { type: 'boolean' },
  rows: { type: 'string', short: 'r', multiple: true },
  seed: { type: 'string' },
  format: { type: 'string', short: 'F' },
  file: { type: 'string', short: 'f' },
  inserts: { type: 'boolean' },
  'batch-size': { type: 'string' },
  'no-owner': { type: 'boolean', short: 'O' },
  compress: { type: 'string', short: 'Z' },
  jobs: { type: 'string', short: 'j' },
  timestamp: { type: 'string' },
  'archive-dbname': { type: 'string' },
  dbname: { type: 'string', short: 'd' },
  host: { type: 'string' },
  port: { type: 'string', short: 'p' },
  username: { type: 'string', short: 'U' },
  truncate: { type: 'boolean' },
  strict: { type: 'boolean' },
  list: { type: 'boolean', short: 'l' },
  explain: { type: 'boolean' },
  'reference-time': { type: 'string' },
  'null-rate': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface ParsedGenerateOptions {
  readonly schema: string[];
  /** --template NAME: a built-in schema, its tables' rows from its ratios at --scale. */
  readonly template?: Template;
  /** --schema-only (with --template): write the template's DDL instead of data. */
  readonly schemaOnly: boolean;
  /** --size: output bytes to aim at (row counts measured and scaled). */
  readonly size?: number;
  /** --shard K/N */
  readonly shard?: { readonly index: number; readonly count: number };
  readonly defaultRows?: number;
  readonly tables: Record<string, number>;
  readonly seed?: number;
  readonly format: OutputFormat;
  readonly file: string;
  readonly inserts: boolean;
  readonly batchSize?: number;
  readonly noOwner: boolean;
  readonly compression?: ArchiveCompression;
  /** -Z for csv, jsonl and parquet. */
  readonly fileCompression?: TableFileCompression;
  readonly workers?: number;
  readonly createdAt?: Date;
  /** The archive's database label (--archive-dbname). */
  readonly dbname?: string;
  /** A live database (-d/--host/-p/-U): the load target without --file, the schema's source without DDL files. */
  readonly connection?: ConnectionOptions;
  /** --file was given (else stdout, or the database with -d). */
  readonly fileGiven: boolean;
  readonly truncate: boolean;
  /** Every degradation is an error (exit 2, nothing written). */
  readonly strict: boolean;
  readonly list: boolean;
  /** Print the plan instead of generating (`datagen plan`). */
  readonly explain: boolean;
  /** The `now()` CHECKs are read against (default: today, 00:00 UTC). */
  readonly referenceTime?: Date;
  readonly nullRate?: number;
  readonly quiet: boolean;
  readonly json: boolean;
  readonly help: boolean;
}

const FORMAT_ALIASES: Record<string, OutputFormat> = {
  p: 'plain',
  plain: 'plain',
  c: 'custom',
  custom: 'custom',
  d: 'directory',
  directory: 'directory',
  copy: 'copy',
  csv: 'csv',
  jsonl: 'jsonl',
  parquet: 'parquet',
};

const TABLE_FILE_FORMATS: ReadonlySet<OutputFormat> = new Set(['csv', 'jsonl', 'parquet']);

/** -Z for csv and jsonl (`none`, `gzip`, `gzip:LEVEL`, a level 0-9) and parquet (also `snappy`, its default). */
export function parseFileCompression(text: string, format: OutputFormat): TableFileCompression {
  const spec = text.trim().toLowerCase();
  if (format === 'parquet' && spec === 'snappy') return { method: 'snappy' };
  const m = /^(?:(none|gzip)(?::(\d+))?|(\d))$/.exec(spec);
  const level = m === null ? Number.NaN : Number(m[2] ?? m[3] ?? (m[1] === 'none' ? 0 : 6));
  if (m === null || !(level >= 0 && level <= 9) || (m[1] === 'none' && m[2] !== undefined)) {
    const parquet = format === 'parquet' ? 'snappy (the default), ' : '';
    throw badOption(
      `--compress ${text}: for -F ${format} expected ${parquet}none, gzip, gzip:LEVEL (1-9) or a level 0-9 (zstd is not written yet)`,
    );
  }
  return m[1] === 'none' || level === 0 ? { method: 'none' } : { method: 'gzip', level };
}

/** pg_dump 16's spelling: `none`, `gzip`, `gzip:6`, or a bare level `0`..`9`. */
export function parseCompression(text: string): ArchiveCompression {
  const spec = text.trim().toLowerCase();
  if (/^\d$/.test(spec))
    return Number(spec) === 0 ? { method: 'none', level: 0 } : { method: 'gzip', level: Number(spec) };
  const [method = '', levelText] = spec.split(':');
  if (method !== 'none' && method !== 'gzip' && method !== 'lz4' && method !== 'zstd') {
    throw badOption(`--compress ${text}: expected none, gzip, gzip:LEVEL (1-9) or a level 0-9`);
  }
  const level = levelText === undefined ? (method === 'gzip' ? 6 : 0) : Number(levelText);
  if (!Number.isInteger(level)) throw badOption(`--compress ${text}: the level must be a whole number`);
  const compression = { method, level } as ArchiveCompression;
  resolveArchiveCompression(compression);
  return compression;
}

/** `--timestamp`: ISO 8601 or seconds since the epoch. */
function parseTimestamp(text: string, option = '--timestamp'): Date {
  const date = /^\d+$/.test(text) ? new Date(Number(text) * 1000) : new Date(text);
  if (Number.isNaN(date.getTime())) {
    throw badOption(`${option} ${text}: expected ISO 8601 (2026-01-01T00:00:00Z) or seconds since 1970`);
  }
  return date;
}

const badOption = (message: string) => usageError(message);

/** `--shard K/N`: 1 <= K <= N. */
function parseShard(text: string): { index: number; count: number } {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (m === null || !(count >= 1) || !(index >= 1 && index <= count) || !Number.isSafeInteger(count))
    throw badOption(
      `--shard ${text}: expected K/N with 1 <= K <= N (e.g. --shard 2/8; in a Kubernetes Indexed Job K is JOB_COMPLETION_INDEX + 1)`,
    );
  return { index, count };
}

/** -d/--dbname, --host, -p/--port, -U/--username: a live database, or undefined. */
function connectionOf(values: ParsedOptionValues): ConnectionOptions | undefined {
  if (
    values.dbname === undefined &&
    values.host === undefined &&
    values.port === undefined &&
    values.username === undefined
  )
    return undefined;
  return {
    ...(values.dbname === undefined ? {} : { dbname: values.dbname }),
    ...(values.host === undefined ? {} : { host: values.host }),
    ...(values.port === undefined ? {} : { port: nonNegativeInteger(values.port, '--port') }),
    ...(values.username === undefined ? {} : { username: values.username }),
  };
}

/** The parsed values, typed by GENERATE_OPTIONS (checked by parseArguments). */
type ParsedOptionValues = {
  [K in keyof typeof GENERATE_OPTIONS]?: (typeof GENERATE_OPTIONS)[K] extends { type: 'boolean' }
    ? boolean
    : (typeof GENERATE_OPTIONS)[K] extends { multiple: true }
      ? string[]
      : string;
};

function nonNegativeInteger(text: string, option: string): number {
  if (!/^\d+$/.test(text.trim())) throw badOption(`${option} expects a whole number >= 0, got "${text}"`);
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw badOption(`${option} ${text} is too large`);
  return n;
}

export function parseGenerateOptions(argv: readonly string[]): ParsedGenerateOptions {
  const files: string[] = [];
  const values = parseArguments(argv, GENERATE_OPTIONS, files) as ParsedOptionValues;
  const connection = connectionOf(values);
  let defaultRows: number | undefined;
  const tables: Record<string, number> = {};
  for (const spec of values.rows ?? []) {
    const eq = spec.lastIndexOf('=');
    if (eq < 0) defaultRows = nonNegativeInteger(spec, '--rows');
    else {
      const name = spec.slice(0, eq).trim();
      if (!name) throw badOption(`--rows ${spec}: give a table name before "="`);
      tables[name] = nonNegativeInteger(spec.slice(eq + 1), `--rows ${name}=`);
    }
  }
  const ddlFiles = [...(values.schema ?? []), ...files];
  const template = values.template === undefined ? undefined : findTemplate(values.template);
  if (template !== undefined && ddlFiles.length > 0)
    throw badOption(`--template ${template.name} is the schema: give no DDL files with it`);
  if (template === undefined && (values.scale !== undefined || values['schema-only']))
    throw badOption(`${values.scale !== undefined ? '--scale' : '--schema-only'} applies to --template NAME`);
  let scale: number | undefined;
  if (values.scale !== undefined) {
    scale = Number(values.scale);
    if (!(scale > 0) || !Number.isFinite(scale))
      throw badOption(`--scale expects a number > 0, got "${values.scale}"`);
  }
  if (values.size !== undefined && values.scale !== undefined)
    throw badOption('--size and --scale both set the row counts: give one of them');
  const size = values.size === undefined ? undefined : parseSize(values.size);
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  // The template's ratios first; --rows TABLE=N still overrides one table.
  const rowCounts = template === undefined ? tables : { ...templateRowCounts(template, scale), ...tables };
  const formatText = values.format ?? 'plain';
  const format = FORMAT_ALIASES[formatText];
  if (!format) {
    throw badOption(
      `unknown --format "${formatText}"; expected one of: ${OUTPUT_FORMATS.join(', ')} (or p, c, d)`,
    );
  }
  let seed: number | undefined;
  if (values.seed !== undefined) {
    seed = nonNegativeInteger(values.seed, '--seed');
    if (seed > 0xffffffff) throw badOption('--seed must be below 2^32');
  }
  let nullRate: number | undefined;
  if (values['null-rate'] !== undefined) {
    nullRate = Number(values['null-rate']);
    if (!(nullRate >= 0 && nullRate <= 1)) throw badOption('--null-rate expects a number between 0 and 1');
  }
  const jobs = values.jobs === undefined ? undefined : nonNegativeInteger(values.jobs, '--jobs');
  if (jobs === 0) throw badOption('--jobs must be at least 1');
  const archive = format === 'custom' || format === 'directory';
  const tableFiles = TABLE_FILE_FORMATS.has(format);
  if (!archive && values.list)
    throw badOption(`--list applies to the custom and directory formats (-F c, -F d), not ${format}`);
  if (!archive && !tableFiles && values.compress !== undefined) {
    throw badOption(
      `--compress applies to the custom, directory, csv, jsonl and parquet formats, not ${format}`,
    );
  }
  const batchSize =
    values['batch-size'] === undefined ? undefined : nonNegativeInteger(values['batch-size'], '--batch-size');
  if (batchSize === 0) throw badOption('--batch-size must be at least 1');
  return {
    schema: template === undefined ? ddlFiles : [template.file],
    ...(template === undefined ? {} : { template }),
    schemaOnly: values['schema-only'] === true,
    ...(size === undefined ? {} : { size }),
    ...(shard === undefined ? {} : { shard }),
    ...(defaultRows === undefined ? {} : { defaultRows }),
    tables: rowCounts,
    ...(seed === undefined ? {} : { seed }),
    format,
    file: values.file ?? '-',
    inserts: values.inserts ?? false,
    ...(batchSize === undefined ? {} : { batchSize }),
    noOwner: values['no-owner'] ?? false,
    ...(values.compress === undefined
      ? {}
      : tableFiles
        ? { fileCompression: parseFileCompression(values.compress, format) }
        : { compression: parseCompression(values.compress) }),
    ...(jobs === undefined ? {} : { workers: jobs }),
    ...(values.timestamp === undefined ? {} : { createdAt: parseTimestamp(values.timestamp) }),
    ...(values['archive-dbname'] === undefined ? {} : { dbname: values['archive-dbname'] }),
    ...(connection === undefined ? {} : { connection }),
    fileGiven: values.file !== undefined,
    truncate: values.truncate === true,
    strict: values.strict === true,
    list: values.list ?? false,
    explain: values.explain ?? false,
    ...(values['reference-time'] === undefined
      ? {}
      : { referenceTime: parseTimestamp(values['reference-time'], '--reference-time') }),
    ...(nullRate === undefined ? {} : { nullRate }),
    quiet: values.quiet ?? false,
    json: values.json ?? false,
    help: values.help ?? false,
  };
}

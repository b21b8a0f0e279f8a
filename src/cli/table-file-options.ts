/**
 * The options of the table-file formats (`-F csv|jsonl|parquet`): `--shard
 * K/N`, `--chunk-size SIZE`, `--resume`, checked against the format.
 */
import type { OutputFormat } from '../run/generate.js';
import { parseSize } from '../run/sizing.js';
import { usageError } from './parse-arguments.js';

export interface TableFileOptions {
  readonly shard?: { readonly index: number; readonly count: number };
  readonly chunkSize?: number;
  readonly resume: boolean;
}

/** `--shard K/N`: 1 <= K <= N. */
function parseShard(text: string): { index: number; count: number } {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (m === null || !(count >= 1) || !(index >= 1 && index <= count) || !Number.isSafeInteger(count))
    throw usageError(
      `--shard ${text}: expected K/N with 1 <= K <= N (e.g. --shard 2/8; in a Kubernetes Indexed Job K is JOB_COMPLETION_INDEX + 1)`,
    );
  return { index, count };
}

/** The pg_dump formats, which neither chunk nor resume. */
const ARCHIVES = new Set(['custom', 'directory', 'tar']);
/** Why not, and what to do instead. */
const ARCHIVE_WHY =
  "pg_restore reads each table's rows from one data member (-F d: one file a table), so an archive has no chunks, and datagen does not resume one; for resumable chunks write -F csv, jsonl or parquet (each chunk loads with COPY ... FROM), or load into the database with -d and --resume";

/** Options about a script's or archive's DDL and statements: table files hold rows only (no DDL, no INSERT, no owners, privileges or triggers). */
const SCRIPT_ONLY = {
  create: '-C/--create',
  clean: '-c/--clean',
  'if-exists': '--if-exists',
  inserts: '--inserts',
  'column-inserts': '--column-inserts',
  'rows-per-insert': '--rows-per-insert',
  'disable-triggers': '--disable-triggers',
  'no-owner': '-O/--no-owner',
  'no-privileges': '-x/--no-privileges',
} as const;

export function tableFileOptions(
  values: { readonly shard?: string; readonly 'chunk-size'?: string; readonly resume?: boolean } & {
    readonly [K in keyof typeof SCRIPT_ONLY]?: boolean | string;
  },
  format: OutputFormat | undefined,
  loading = false,
): TableFileOptions {
  const tableFiles = format === 'csv' || format === 'jsonl' || format === 'parquet';
  // They were ignored without a word: a user asking for -C or --inserts got files that have neither.
  const given = Object.entries(SCRIPT_ONLY).filter(
    ([key]) => values[key as keyof typeof SCRIPT_ONLY] !== undefined,
  );
  if (tableFiles && given.length > 0)
    throw usageError(
      `${given.map(([, name]) => name).join(', ')}: -F ${format} writes only the rows, a file per table (no DDL, no INSERT statements); leave ${given.length === 1 ? 'it' : 'them'} out, or use -F p, c, d or t for a script or an archive`,
    );
  for (const option of ['chunk-size', 'resume'] as const) {
    // A direct load (-d without -f) resumes too.
    if (values[option] !== undefined && !tableFiles && !(option === 'resume' && loading))
      throw usageError(
        `--${option} applies to the csv, jsonl and parquet formats (-F csv|jsonl|parquet -f DIR)${option === 'resume' ? ' and to loading into a database (-d without -f)' : ''}, not ${format}${ARCHIVES.has(format ?? '') ? `: ${ARCHIVE_WHY}` : ''}`,
      );
  }
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  const chunkSize =
    values['chunk-size'] === undefined ? undefined : parseSize(values['chunk-size'], '--chunk-size');
  return {
    ...(shard === undefined ? {} : { shard }),
    ...(chunkSize === undefined ? {} : { chunkSize }),
    resume: values.resume === true,
  };
}

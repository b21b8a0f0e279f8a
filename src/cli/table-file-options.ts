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

export function tableFileOptions(
  values: { readonly shard?: string; readonly 'chunk-size'?: string; readonly resume?: boolean },
  format: OutputFormat | undefined,
  loading = false,
): TableFileOptions {
  const tableFiles = format === 'csv' || format === 'jsonl' || format === 'parquet';
  for (const option of ['chunk-size', 'resume'] as const) {
    // A direct load (-d without -f) resumes too.
    if (values[option] !== undefined && !tableFiles && !(option === 'resume' && loading))
      throw usageError(
        `--${option} applies to the csv, jsonl and parquet formats (-F csv|jsonl|parquet -f DIR)${option === 'resume' ? ' and to loading into a database (-d without -f)' : ''}, not ${format}`,
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

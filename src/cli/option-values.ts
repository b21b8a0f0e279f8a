/**
 * Values of single options: formats and their aliases, -Z codecs, times,
 * whole numbers. Each bad value is a usage error saying what was expected.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { type ArchiveCompression, resolveArchiveCompression } from '../archive/index.js';
import { ZSTD_MAX_LEVEL } from '../encode/zstd.js';
import type { TableFileCompression } from '../format/table-files.js';
import { parseInstant } from '../input/date-time-fields.js';
import type { OutputFormat } from '../run/generate.js';
import { parseSize } from '../run/sizing.js';
import { GENERATOR_VERSION, MAX_SEED } from '../version.js';
import { usageError } from './parse-arguments.js';

export const FORMAT_ALIASES: Record<string, OutputFormat> = {
  p: 'plain',
  plain: 'plain',
  c: 'custom',
  custom: 'custom',
  d: 'directory',
  directory: 'directory',
  t: 'tar',
  tar: 'tar',
  copy: 'copy',
  csv: 'csv',
  jsonl: 'jsonl',
  parquet: 'parquet',
};

export const TABLE_FILE_FORMATS: ReadonlySet<OutputFormat> = new Set(['csv', 'jsonl', 'parquet']);

/**
 * -Z for csv and jsonl (`none`, `gzip`, `gzip:LEVEL`, a level 0-9 for gzip,
 * `zstd`, `zstd:LEVEL`) and parquet (the same codecs, and `snappy`, its default).
 */
export function parseFileCompression(text: string, format: OutputFormat): TableFileCompression {
  const spec = text.trim().toLowerCase();
  if (format === 'parquet' && spec === 'snappy') return { method: 'snappy' };
  const m = /^(?:(none|gzip|zstd)(?::(\d+))?|(\d))$/.exec(spec);
  const zstd = m?.[1] === 'zstd';
  const level = m === null ? Number.NaN : Number(m[2] ?? m[3] ?? (m[1] === 'none' ? 0 : zstd ? 3 : 6));
  const max = zstd ? ZSTD_MAX_LEVEL : 9;
  if (m === null || !(level >= (zstd ? 1 : 0) && level <= max) || (m[1] === 'none' && m[2] !== undefined)) {
    const parquet = format === 'parquet' ? 'snappy (the default), ' : '';
    throw badOption(
      `--compress ${text}: for -F ${format} expected ${parquet}none, gzip, gzip:LEVEL (1-9), a level 0-9 (gzip), zstd or zstd:LEVEL (1-${ZSTD_MAX_LEVEL})${zstdDetail(spec.split(':')[1])}`,
    );
  }
  if (zstd) return { method: 'zstd', level };
  return m[1] === 'none' || level === 0 ? { method: 'none' } : { method: 'gzip', level };
}

/** pg_dump 16's zstd details datagen does not take (`long`, `workers=N`), named as such after a refusal. */
function zstdDetail(detail: string | undefined): string {
  const word = /^(long|workers)\b/.exec(detail ?? '')?.[1];
  return word === undefined
    ? ''
    : `; "${word}" is pg_dump's zstd ${word === 'long' ? 'long-distance mode' : 'thread count'}, which datagen does not have: leave it out`;
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
  // lz4 and zstd first, whatever their detail: `-Z zstd:long` was told "the level must be a whole number".
  if (method === 'lz4' || method === 'zstd')
    throw badOption(
      `--compress ${text}: an archive (-F c, d, t) compressed with ${method} needs archive version 1.15 (read only by pg_restore 16 and later), which datagen does not write yet; use -Z gzip[:LEVEL] or -Z none${method === 'zstd' ? ' (-F csv, jsonl and parquet take -Z zstd[:LEVEL])' : ''}`,
    );
  // pg_dump 16 writes the detail as `gzip:5` or `gzip:level=5`; an empty one it refuses.
  const detail = levelText?.replace(/^level=/, '');
  const level =
    detail === undefined ? (method === 'gzip' ? 6 : 0) : /^\d+$/.test(detail) ? Number(detail) : Number.NaN;
  if (!Number.isInteger(level))
    throw badOption(
      `--compress ${text}: the level must be a whole number (\`${method}:LEVEL\` or \`${method}:level=LEVEL\`)${zstdDetail(detail)}`,
    );
  if (method === 'none' && level !== 0)
    throw badOption(
      `--compress ${text}: "none" takes no compression level (as pg_dump says); write -Z none or -Z 0`,
    );
  if (method === 'gzip' && !(level >= 0 && level <= 9))
    throw badOption(`--compress ${text}: the gzip level is a whole number from 0 to 9`);
  const compression = { method, level } as ArchiveCompression;
  resolveArchiveCompression(compression);
  return compression;
}

/** --generator-version: a version this datagen's generators still make (1 … GENERATOR_VERSION). */
export function parseGeneratorVersion(text: string): number {
  const version = /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!(version >= 1 && version <= GENERATOR_VERSION)) {
    throw badOption(
      `--generator-version ${text} is not a version of this datagen's generators; expected 1 to ${GENERATOR_VERSION}`,
    );
  }
  return version;
}

/** A number from 0 to 1 (`--null-rate`): written as one (`0.25`, `.5`, `1`), not an empty or other text. */
export function parseShare(text: string, option: string): number {
  const share = /^\s*(?:\d+(?:\.\d*)?|\.\d+)\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!(share >= 0 && share <= 1))
    throw badOption(`${option} expects a number from 0 to 1 (0.1: one in ten), got "${text}"`);
  return share;
}

/** `--timestamp`: ISO 8601 or seconds since the epoch. */
export function parseTimestamp(text: string, option = '--timestamp'): Date {
  const date = parseInstant(text);
  if (date === undefined) {
    throw badOption(
      `${option} ${text}: expected ISO 8601 (2026-01-01T00:00:00Z; without an offset, UTC), year 1 to 9999, or seconds since 1970`,
    );
  }
  return date;
}

export const badOption = (message: string) => usageError(message);

/** The most rows a table takes (as `rows:` in a configuration file): plan/row-counts.ts' MAX_TABLE_ROWS. */
export const MAX_ROWS = 2 ** 52;

/**
 * Every whole-number option's one rule: decimal digits, also with an exponent (`1e9`: a user's way to ask for a
 * billion rows), from `min` to `max`; anything else (`0x10`, `1_000`, `16.0`, `-1`) refused in one wording, the
 * configuration file's (`rows expects a whole number from 0 to 4503599627370496, got "x"`).
 */
export function wholeNumber(text: string, option: string, min: number, max: number): number {
  const n = /^\d+(?:e\d+)?$/i.test(text.trim()) ? Number(text) : Number.NaN;
  if (!(Number.isSafeInteger(n) && n >= min && n <= max))
    throw badOption(`${option} expects a whole number from ${min} to ${max}, got "${text}"`);
  return n;
}

/** A row count (`--rows N`, `--rows TABLE=N`): 0 to 2^52. */
export const rowCount = (text: string, option: string): number => wholeNumber(text, option, 0, MAX_ROWS);

/**
 * `--size 10 MB`: the unit, split from its number by a space, was taken as a schema file; said so (before: "cannot
 * read schema file MB: no such file"), unless a file of that name is there.
 */
export function refuseSplitUnits(argv: readonly string[], files: readonly string[]): void {
  for (let i = 0; i + 2 < argv.length; i++) {
    const [option, number, unit] = [argv[i], argv[i + 1], argv[i + 2]] as [string, string, string];
    if (option !== '--size' && option !== '--chunk-size') continue;
    if (!files.includes(unit) || existsSync(unit) || !isSize(`${number}${unit}`)) continue;
    throw badOption(
      `${option} ${number} ${unit}: write the number and its unit together, ${option} ${number}${unit}`,
    );
  }
}

/** Whether parseSize reads `text` (a number and one of its units). */
function isSize(text: string): boolean {
  try {
    parseSize(text);
    return true;
  } catch {
    return false;
  }
}

/** `generate s.sql ./s.sql`: one file read twice was told as every table of it "already defined" at its own place. */
export function refuseFileTwice(files: readonly string[]): void {
  const seen = new Map<string, string>();
  for (const file of files) {
    if (file === '-') continue;
    const path = resolve(file);
    const earlier = seen.get(path);
    if (earlier !== undefined)
      throw badOption(
        `${earlier === file ? file : `${earlier} and ${file}`}: the same schema file is given twice; give it once`,
      );
    seen.set(path, file);
  }
}

/** `generate - -`: standard input read twice gave the second nothing, silently (its tables missing). */
export function refuseStdinTwice(files: readonly string[]): void {
  const stdin = files.filter((f) => f === '-' || /^\/dev\/stdin$|^\/(dev|proc\/self)\/fd\/0$/.test(f));
  if (stdin.length > 1)
    throw badOption(
      `${stdin.join(' and ')}: standard input is given ${stdin.length} times, and it can be read once; give it once (concatenate the files first: cat a.sql b.sql | datagen generate -)`,
    );
}

/** `--seed`: a whole number as every such option reads it (a configuration file's `seed:` is YAML's number). */
export function parseSeed(text: string): number {
  return wholeNumber(text, '--seed', 0, MAX_SEED);
}

/**
 * `datagen verify DIR`: a table-file directory (`-F csv|jsonl|parquet`)
 * checked against its `manifest.json`: every file listed is there, with the
 * listed size and SHA-256. Files the manifest does not list are reported but
 * are no failure (a README a user put beside the data).
 */

import { constants } from 'node:fs';
import { access, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { counted, DatagenError, ErrorCodes, readErrorExitCode } from '../errors.js';
import { MANIFEST_FILE, type Manifest, type ManifestFile, recordedShard } from '../format/manifest.js';
import { type Shard, shardRange } from '../format/table-files.js';
import { hashFile } from '../sink/resume-directory.js';
import { describeSystemError } from '../sink/system-error.js';
import { countFileRows } from './file-row-count.js';

export interface VerifyFinding {
  /** The file's name in the directory. */
  readonly file: string;
  /**
   * `missing`, `unreadable`, `size`, `sha256`, `rows`: the file does not match (a failure; `rows`: its
   * rows, counted, are not the manifest's, or cannot be counted); `extra`: not in the manifest (a note).
   */
  readonly kind: 'missing' | 'unreadable' | 'size' | 'sha256' | 'rows' | 'extra';
  readonly message: string;
}

export interface VerifyResult {
  /** Files the manifest lists. */
  readonly files: number;
  readonly bytes: number;
  readonly findings: readonly VerifyFinding[];
  /** No file missing or different. */
  readonly ok: boolean;
}

/** The manifest of `directory` (or the manifest file `directory` names, when it ends in `.json`). */
export async function readManifest(directory: string): Promise<Manifest> {
  const path = directory.endsWith('.json') ? directory : join(directory, MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DatagenError(
      ErrorCodes.IO,
      code === 'ENOENT'
        ? `${path}: no manifest; give a directory written by datagen -F csv, jsonl or parquet (a run that did not finish has none: rerun it with --resume)`
        : code === 'ENOTDIR'
          ? `${directory}: not a directory; give the directory datagen -F csv, jsonl or parquet wrote (its manifest.json in it)`
          : `${path}: cannot be read (${describeSystemError(error).toLowerCase()}${code === 'EACCES' || code === 'EPERM' ? ': run as a user who can read the directory and its files' : ''})`,
      { path },
      // A permission or a failing disk is the machine's (1), as a chunk file verify may not read is.
      { cause: error, exitCode: readErrorExitCode(code) },
    );
  }
  let manifest: unknown;
  let problem: string | null;
  try {
    manifest = JSON.parse(text);
    problem = manifestProblem(manifest);
  } catch (error) {
    problem = `not JSON: ${(error as Error).message}`;
  }
  if (problem !== null)
    throw new DatagenError(
      ErrorCodes.IO,
      `${path}: not a datagen manifest (${problem}); it was changed or is from another tool`,
      { path },
    );
  return manifest as Manifest;
}

/** The shard a manifest's run wrote, if any, and only a whole K of 1..N (a hand-edited one checks as unsharded). */
function manifestShard(manifest: unknown): Shard | undefined {
  const shard = recordedShard(manifest);
  return shard !== undefined &&
    Number.isInteger(shard.index) &&
    Number.isInteger(shard.count) &&
    shard.index >= 1 &&
    shard.index <= shard.count
    ? shard
    : undefined;
}

/**
 * What makes parsed JSON not a manifest (null when it is one): tables, each
 * with its files, each file a name in the directory (no path) with its bytes,
 * rows and SHA-256 (JSON `null` read `.tables` and told 'Cannot read
 * properties of null'; a name `../x` was hashed outside the directory).
 */
function manifestProblem(manifest: unknown): string | null {
  const tables = (manifest as { tables?: unknown } | null)?.tables;
  if (!Array.isArray(tables)) return 'no "tables" list';
  const shard = manifestShard(manifest);
  for (const [t, table] of tables.entries()) {
    const files = (table as { files?: unknown } | null)?.files;
    if (!Array.isArray(files)) return `tables[${t}] has no "files" list`;
    let fileRows = 0;
    for (const [f, file] of files.entries()) {
      const { name, bytes, rows, sha256 } = (file ?? {}) as Partial<Record<keyof ManifestFile, unknown>>;
      const where = `tables[${t}].files[${f}]`;
      if (typeof name !== 'string' || name === '' || /[/\\]/.test(name) || name === '.' || name === '..')
        return `${where}: its "name" is not a file name in the directory`;
      if (typeof bytes !== 'number' || typeof rows !== 'number' || typeof sha256 !== 'string')
        return `${where} (${name}): "bytes", "rows" and "sha256" are not all given`;
      fileRows += rows;
    }
    // A table's rows are its files' (an edited count is told, not trusted); a shard's files hold its range of them.
    const rows = (table as { rows?: unknown }).rows;
    const range = typeof rows === 'number' ? shardRange(rows, shard) : undefined;
    if (typeof rows === 'number' && range !== undefined && range.end - range.start !== fileRows) {
      const share =
        shard === undefined ? '' : ` (shard ${shard.index}/${shard.count}: ${range.end - range.start})`;
      return `tables[${t}] says ${counted(rows, 'row')}${share}, and its files' rows add up to ${fileRows}`;
    }
  }
  return null;
}

async function checkFile(
  directory: string,
  file: ManifestFile,
  header: boolean,
): Promise<VerifyFinding | null> {
  const found = await hashFile(join(directory, file.name));
  const unreadable = found === null ? await readProblem(join(directory, file.name)) : undefined;
  if (unreadable !== undefined)
    return { file: file.name, kind: 'unreadable', message: `${file.name}: cannot be read (${unreadable})` };
  if (found === null) {
    return {
      file: file.name,
      kind: 'missing',
      message: `${file.name}: missing (the manifest lists ${counted(file.bytes, 'byte')}, ${counted(file.rows, 'row')})`,
    };
  }
  if (found.bytes !== file.bytes) {
    return {
      file: file.name,
      kind: 'size',
      message: `${file.name}: ${counted(found.bytes, 'byte')}, the manifest says ${file.bytes} (truncated or appended to)`,
    };
  }
  if (found.sha256 !== file.sha256) {
    return {
      file: file.name,
      kind: 'sha256',
      message: `${file.name}: content differs from the manifest (SHA-256 ${found.sha256}, expected ${file.sha256})`,
    };
  }
  // Size and hash are the manifest's own word: the rows are counted from the bytes (an entry edited to match).
  const count = await countFileRows(join(directory, file.name), file.name, header);
  if ('problem' in count)
    return {
      file: file.name,
      kind: 'rows',
      message: `${file.name}: its rows cannot be counted (${count.problem})`,
    };
  if (count.rows !== file.rows)
    return {
      file: file.name,
      kind: 'rows',
      message: `${file.name}: holds ${counted(count.rows, 'row')}, the manifest says ${file.rows} (the manifest was edited, or the file replaced)`,
    };
  return null;
}

/** Whether a CSV file of the manifest's run starts with the header (every chunk does; of a shard's files, the first shard's). */
function csvHeader(manifest: Manifest): boolean {
  const options = (manifest as { options?: { chunkSize?: unknown } }).options;
  const chunked = typeof options?.chunkSize === 'number';
  return chunked || (manifestShard(manifest)?.index ?? 1) === 1;
}

/** Why a file that is there cannot be hashed (undefined when it is not there: missing). */
async function readProblem(path: string): Promise<string | undefined> {
  const kind = await stat(path).then(
    (s) => (s.isFile() ? 'file' : 'other'),
    () => undefined,
  );
  if (kind === undefined) return undefined;
  if (kind === 'other') return 'not a regular file';
  return access(path, constants.R_OK).then(
    () => 'an input/output error',
    () => 'permission denied: run as a user who can read it',
  );
}

/** Check every file of `directory` against its manifest. */
export async function verifyDirectory(directory: string): Promise<VerifyResult> {
  const manifest = await readManifest(directory);
  const listed = manifest.tables.flatMap((t) => t.files);
  const findings: VerifyFinding[] = [];
  const header = csvHeader(manifest);
  for (const file of listed) {
    const finding = await checkFile(directory, file, header);
    if (finding !== null) findings.push(finding);
  }
  const known = new Set([MANIFEST_FILE, ...listed.map((f) => f.name)]);
  for (const name of (await readdir(directory)).sort()) {
    if (!known.has(name))
      findings.push({ file: name, kind: 'extra', message: `${name}: not in the manifest (left alone)` });
  }
  return {
    files: listed.length,
    bytes: listed.reduce((n, f) => n + f.bytes, 0),
    findings,
    ok: findings.every((f) => f.kind === 'extra'),
  };
}

/**
 * Resuming a table-file directory after its writer was stopped (Ctrl-C,
 * SIGTERM, SIGKILL, a crash): the temporary directory records, in `.datagen-progress.jsonl`,
 * what the run is (its identity line: format, seed, options, row counts) and
 * every file completely written (name, rows, bytes, SHA-256), a line each,
 * appended once the file is closed. A later run with the same identity and
 * `--resume` takes the directory over, keeps each recorded file whose bytes
 * on disk still match, and writes the rest.
 */
import { createReadStream } from 'node:fs';
import { appendFile, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DatagenError, ErrorCodes } from '../errors.js';
import type { KeptFiles, WrittenFile } from './directory-sink.js';
import { runDifferences } from './run-differences.js';
import { sha256 } from './sha256.js';
import { staleTemporaries } from './temporary-files.js';

export const PROGRESS_FILE = '.datagen-progress.jsonl';

export interface Progress {
  record(file: WrittenFile): Promise<void>;
  remove(): Promise<void>;
  /** The files recorded complete (adopted from a stopped run, or written by this one), by name. */
  readonly recorded: ReadonlySet<string>;
}

/** The progress record of `directory` (none without an identity); `existing`: an adopted one, appended to. */
export async function openProgress(
  directory: string,
  identity: string | undefined,
  kept: KeptFiles,
): Promise<Progress> {
  const path = join(directory, PROGRESS_FILE);
  const recorded = new Set(kept.keys());
  if (identity === undefined)
    return { record: async () => undefined, remove: async () => undefined, recorded };
  if (kept.size === 0) await writeFile(path, `${identity}\n`);
  // A line the interruption cut short is ended, so the next record starts on its own line.
  else if (!(await readFile(path, 'utf8')).endsWith('\n')) await appendFile(path, '\n');
  return {
    record: async (file) => {
      await appendFile(path, `${JSON.stringify(file)}\n`);
      recorded.add(file.name);
    },
    remove: () => rm(path, { force: true }),
    recorded,
  };
}

/**
 * After a run into `directory` failed (a full disk, an I/O error): its recorded, complete files kept for
 * `--resume` with the progress record, every other file (those being written) removed, so a full disk gets
 * back what they took. False when nothing is recorded (the caller removes the directory).
 */
export async function keepRecorded(directory: string, progress: Progress | undefined): Promise<boolean> {
  if (progress === undefined || progress.recorded.size === 0) return false;
  try {
    if (!(await stat(join(directory, PROGRESS_FILE))).isFile()) return false;
    for (const name of await readdir(directory)) {
      if (name !== PROGRESS_FILE && !progress.recorded.has(name))
        await rm(join(directory, name), { recursive: true, force: true });
    }
    return true;
  } catch {
    return false; // the record itself gone or unreadable: nothing a resume could take over
  }
}

/** SHA-256 (hex) and size of a file, or null when it cannot be read. */
export async function hashFile(path: string): Promise<{ bytes: number; sha256: string } | null> {
  try {
    const hash = sha256();
    let bytes = 0;
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
      hash.update(chunk as Buffer);
      bytes += (chunk as Buffer).length;
    }
    return { bytes, sha256: hash.digest('hex') };
  } catch {
    return null;
  }
}

function parseRecord(line: string): WrittenFile | null {
  try {
    const r = JSON.parse(line) as Partial<WrittenFile>;
    if (typeof r.name !== 'string' || typeof r.bytes !== 'number' || typeof r.sha256 !== 'string')
      return null;
    return { name: r.name, rows: typeof r.rows === 'number' ? r.rows : 0, bytes: r.bytes, sha256: r.sha256 };
  } catch {
    return null; // a line cut by the kill
  }
}

/** The recorded files of `directory` whose bytes on disk match their record. */
async function verifiedFiles(directory: string, lines: readonly string[]): Promise<Map<string, WrittenFile>> {
  const recorded = new Map<string, WrittenFile>();
  for (const line of lines) {
    const file = parseRecord(line);
    if (file !== null) recorded.set(file.name, file);
  }
  const kept = new Map<string, WrittenFile>();
  for (const file of recorded.values()) {
    const onDisk = await hashFile(join(directory, file.name));
    if (onDisk?.bytes === file.bytes && onDisk.sha256 === file.sha256) kept.set(file.name, file);
  }
  return kept;
}

/**
 * Take over the temporary directory an interrupted run of the same identity
 * left beside `finalPath` (the most recent one), renaming it to `temporary`;
 * returns its complete, still intact files (none when there is no such run).
 */
export async function adoptInterrupted(
  finalPath: string,
  identity: string,
  temporary: string,
): Promise<KeptFiles> {
  const candidates = await Promise.all(
    (await staleTemporaries(finalPath)).map(async (path) => ({
      path,
      time: (await stat(path).catch(() => null))?.mtimeMs ?? 0,
    })),
  );
  candidates.sort((a, b) => b.time - a.time);
  let other: { path: string; identity: string; files: number } | undefined;
  for (const { path } of candidates) {
    const text = await readFile(join(path, PROGRESS_FILE), 'utf8').catch(() => null);
    if (text === null) continue;
    const [first = '', ...lines] = text.split('\n');
    if (first !== identity) {
      other ??= { path, identity: first, files: lines.filter((l) => parseRecord(l) !== null).length };
      continue;
    }
    await rename(path, temporary);
    const kept = await verifiedFiles(temporary, lines);
    // Stopped before its first file was recorded: nothing to keep, and the run starts in a directory of its own
    // (the caller makes `temporary` anew when nothing is kept; this one stood in its way: EEXIST).
    if (kept.size === 0) await rm(temporary, { recursive: true, force: true });
    return kept;
  }
  if (other !== undefined && other.files > 0) throw otherRunError(other, identity);
  return new Map();
}

/**
 * `--resume` beside a stopped run of other settings: refused (starting over would remove its complete
 * files, maybe hours of work, for a mistyped option), saying what differs.
 */
function otherRunError(
  other: { path: string; identity: string; files: number },
  identity: string,
): DatagenError {
  const differences = runDifferences(other.identity, identity);
  const what = differences.length > 0 ? `: ${differences.join('; ')}` : '';
  return new DatagenError(
    ErrorCodes.BAD_OPTION,
    `--resume: the stopped run kept in ${other.path} (${other.files} complete file${other.files === 1 ? '' : 's'}) was made with other settings${what}; run the command it was made with to continue it, or leave out --resume to start over (that removes it)`,
    { path: other.path, differences },
  );
}

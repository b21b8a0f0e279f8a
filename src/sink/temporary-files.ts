/**
 * Temporary outputs: a file or directory is written under a hidden name
 * beside its target and renamed into place only when complete, so a failed
 * or interrupted run never leaves a target that looks complete.
 *
 * The name carries the writer's pid (`.data.sql.datagen-<pid>-<hex>.tmp`), so
 * that after a crash or SIGKILL the next run to the same target can tell a
 * dead process's leftovers from a running one's and remove them. Live
 * temporaries are registered, so a signal handler can remove them
 * synchronously before the process exits.
 */
import { rmSync } from 'node:fs';
import { link, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { trackScratchDirectoriesWith } from '../input/scratch-directory.js';
import { resolveOutputTarget } from './output-target.js';

const live = new Set<string>();
/** Live temporaries a signal keeps (a table-file directory's complete files, for `--resume`). */
const resumable = new Set<string>();
/** What a signal leaves where the run writes besides temporaries (a database load, a stream), said as it is now. */
const targetStates = new Set<() => string>();

/** Told when the run starts holding something a signal must clean up or describe, and when it stops. */
let onHolding: (holding: boolean) => void = () => undefined;
let holding = false;

/**
 * `callback(true)` when the first temporary or target state is registered,
 * `callback(false)` when the last is released (the CLI listens for SIGINT and
 * SIGTERM only in between: see cli/exit-handling.ts).
 */
export function whileHolding(callback: (holding: boolean) => void): void {
  onHolding = callback;
  holdingChanged();
}

function holdingChanged(): void {
  const now = live.size > 0 || targetStates.size > 0;
  if (now === holding) return;
  holding = now;
  onHolding(now);
}

/** Temporaries this process has named. */
let named = 0;

/**
 * Eight hex digits from the clock's nanoseconds and a count of this process's
 * temporaries: with the pid, a name no other run takes (each temporary is
 * made exclusively, `wx` or mkdir, so a clash fails, never overwrites). No
 * random source: generated values come only from the counter-based hash, and
 * `node:crypto`'s `randomBytes` would initialise OpenSSL (~9 ms of CPU) in
 * every run (sha256.ts).
 */
function uniqueSuffix(): string {
  named++;
  const clock = Number(process.hrtime.bigint() & 0xffffffffn);
  return ((clock ^ Math.imul(named, 0x9e3779b1)) >>> 0).toString(16).padStart(8, '0');
}

/** The longest name of a file most file systems take (NAME_MAX), in bytes. */
const NAME_MAX = 255;

/** What `.NAME.datagen-PID-HEX.tmp` adds to NAME at most (a pid of 7 digits, Linux's pid_max). */
const TEMPORARY_PARTS = '..datagen-4194304-ffffffff.tmp'.length;

/**
 * The NAME of `.NAME.datagen-PID-HEX.tmp` for a target named `name`: the name, or, for one too long to take
 * the rest (a 240-byte name the file system takes had no temporary: ENAMETOOLONG), its first bytes and a
 * hash of the whole, `~` between, so two long names keep apart.
 */
function temporaryStem(name: string): string {
  const room = NAME_MAX - TEMPORARY_PARTS;
  if (Buffer.byteLength(name) <= room) return name;
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(name)) hash = Math.imul(hash ^ byte, 0x01000193);
  let cut = name;
  while (Buffer.byteLength(cut) > room - 9) cut = cut.slice(0, -1);
  return `${cut}~${(hash >>> 0).toString(16).padStart(8, '0')}`;
}

/** The targets of temporaries whose names were shortened (temporaryStem), by temporary path. */
const shortenedTargets = new Map<string, string>();

/** A unique temporary name next to `path` (same directory, so the final rename is atomic). */
export function temporaryPathFor(path: string): string {
  const stem = temporaryStem(basename(path));
  const temporary = join(dirname(path), `.${stem}.datagen-${process.pid}-${uniqueSuffix()}.tmp`);
  if (stem !== basename(path)) shortenedTargets.set(temporary, path);
  return temporary;
}

/**
 * Writes a small new file whole or not at all (`datagen init`'s configuration, a merged manifest): under a
 * temporary name beside it, then linked to its name, which fails with EEXIST when the name is taken (nothing is
 * overwritten); the temporary is removed after, and by a signal in between. Where the file system has no hard
 * links, the file is created directly (`wx`).
 */
export async function writeNewFile(path: string, text: string): Promise<void> {
  // A directory named (`sub/`, or one there): told as writing into it would tell it, not as a name taken.
  const directory = path.endsWith('/') || (await stat(path).catch(() => undefined))?.isDirectory() === true;
  if (directory)
    throw Object.assign(new Error(`EISDIR: illegal operation on a directory, open '${path}'`), {
      code: 'EISDIR',
    });
  const temporary = temporaryPathFor(path);
  const tracked = trackTemporary(temporary);
  try {
    await writeFile(temporary, text, { flag: 'wx' });
    await link(temporary, path).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPERM' && error.code !== 'ENOTSUP' && error.code !== 'ENOSYS') throw error;
      await writeFile(path, text, { flag: 'wx' });
    });
  } finally {
    await rm(temporary, { force: true }).catch(() => undefined);
    tracked.release();
  }
}

/**
 * A small file written at `path` (init's configuration, a merged manifest): a new file whole, never over
 * one (writeNewFile); a device, FIFO or socket (`-f /dev/stdout`, a node mknod made, `>(less)`) written
 * into, as generate writes its output there (it was refused as "already exists").
 */
export async function writeNewOutput(path: string, text: string): Promise<void> {
  const target = await resolveOutputTarget(path);
  if (target.mode === 'stream') await new Promise((done) => target.stream.write(text, done));
  else if (target.mode === 'direct') await writeFile(target.path, text);
  else await writeNewFile(path, text);
}

/**
 * Remember a temporary file or directory until `release` (after its rename
 * or removal); `resumable`: a signal leaves it in place (its progress record
 * lets `--resume` continue it), an error still removes it.
 */
export function trackTemporary(path: string, options: { resumable?: boolean } = {}): { release(): void } {
  live.add(path);
  if (options.resumable === true) resumable.add(path);
  holdingChanged();
  return {
    release() {
      live.delete(path);
      resumable.delete(path);
      holdingChanged();
    },
  };
}

// Scratch directories under TMPDIR (--size's measuring runs, an archive read from stdin) are removed on a signal too.
trackScratchDirectoriesWith(trackTemporary);

/**
 * Say, until `release`, what an interruption leaves in a target that has no
 * temporary (a direct load: rolled back, or the units committed so far; a
 * stream: cut short): `describe` is asked when the signal comes.
 */
export function noteTargetState(describe: () => string): { release(): void } {
  targetStates.add(describe);
  holdingChanged();
  return {
    release() {
      targetStates.delete(describe);
      holdingChanged();
    },
  };
}

/** The target states noted now (see noteTargetState). */
export function targetStatesNow(): string[] {
  return [...targetStates].map((describe) => describe());
}

/** The target a temporary stands for (`dir/.NAME.datagen-PID-HEX.tmp` → `dir/NAME`), or null (a spool elsewhere). */
export function targetOfTemporary(path: string): string | null {
  const shortened = shortenedTargets.get(path);
  if (shortened !== undefined) return shortened;
  const name = /^\.(.+)\.datagen-\d+-[0-9a-f]+\.tmp$/.exec(basename(path))?.[1];
  return name === undefined ? null : join(dirname(path), name);
}

/**
 * Remove every live temporary now (from a signal handler or a fatal error:
 * synchronous); with `keepResumable` (a signal), resumable ones stay.
 * Returns the paths removed and the paths kept.
 */
export function removeTemporariesSync(keepResumable = false): { removed: string[]; kept: string[] } {
  const kept: string[] = [];
  const removed: string[] = [];
  for (const path of live) {
    if (keepResumable && resumable.has(path)) {
      kept.push(path);
      continue;
    }
    try {
      rmSync(path, { recursive: true, force: true, maxRetries: 3 });
      removed.push(path);
    } catch {
      // Best effort: the process is ending.
    }
  }
  live.clear();
  resumable.clear();
  holdingChanged();
  // What was inside a directory removed (a --size measuring run's output in its scratch directory) went with it.
  const inside = (path: string) => removed.some((dir) => path.startsWith(`${dir}/`));
  return { removed: removed.filter((path) => !inside(path)), kept: kept.filter((path) => !inside(path)) };
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Temporaries of `path` left by processes that no longer run (killed with SIGKILL, or a machine that crashed), as paths. */
export async function staleTemporaries(path: string): Promise<string[]> {
  const pattern = new RegExp(
    `^\\.${escapeRegExp(temporaryStem(basename(path)))}\\.datagen-(\\d+)-[0-9a-f]+\\.tmp$`,
  );
  let names: string[];
  try {
    names = await readdir(dirname(path));
  } catch {
    return [];
  }
  return names
    .filter((name) => {
      const pid = pattern.exec(name)?.[1];
      return pid !== undefined && !isAlive(Number(pid));
    })
    .map((name) => join(dirname(path), name));
}

/**
 * Remove temporaries of `path` left by processes that no longer run. A
 * running writer's are kept. Returns the names removed.
 */
export async function removeStaleTemporaries(path: string): Promise<string[]> {
  const removed: string[] = [];
  for (const stale of await staleTemporaries(path)) {
    await rm(stale, { recursive: true, force: true }).catch(() => undefined);
    removed.push(basename(stale));
  }
  return removed;
}

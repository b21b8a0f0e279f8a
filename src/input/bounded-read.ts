/**
 * The files a user names (DDL files and their psql includes, a YAML
 * configuration or schema spec) read with a bound: a file past it is
 * refused by its size before a byte is read, and a pipe or device is read
 * only up to it, so a hostile file cannot take the machine's memory and
 * minutes (a 600 MB file was an internal error, "Cannot create a string
 * longer than 0x1fffffe8 characters"; `--config /dev/zero` and `\i
 * /dev/zero` read until memory ran out). A character device that never
 * ends (`/dev/zero`, `/dev/urandom`) is refused by what it is.
 */
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

/** The most bytes of one DDL file: the longest string JavaScript holds (V8's 2^29 - 24 characters). */
export const MAX_DDL_FILE_BYTES = 0x1fffffe8;

/** The most bytes of DDL one run reads, its files and their psql includes together (`\i big.sql` many times). */
export const MAX_DDL_TOTAL_BYTES = 1_000_000_000;

/**
 * A size as people read it: `600.0 MB`, `5.2 kB`, `12 bytes` (decimal units, as `ls -lh --si` and disks say).
 */
export function sizeText(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/** A read refused by its size (`code` TOO_LARGE) or as an endless device (`code` ENDLESS_DEVICE); `message` says why. */
export interface BoundedReadError extends Error {
  readonly code: 'TOO_LARGE' | 'ENDLESS_DEVICE';
  /** The file's size, or the bytes read before the bound (a pipe). */
  readonly size?: number;
}

function refusal(code: BoundedReadError['code'], message: string, size?: number): BoundedReadError {
  return Object.assign(new Error(message), { code, ...(size === undefined ? {} : { size }) });
}

/** Whether `error` is a refusal of readBounded's. */
export function isBoundedReadError(error: unknown): error is BoundedReadError {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'TOO_LARGE' || code === 'ENDLESS_DEVICE';
}

/**
 * What each pipe, FIFO or device (not a regular file) read gave, by the file it is (device and inode: a new
 * pipe behind `/dev/stdin` is another file): kept while a run holds them (holdPipeReads), else until one does.
 */
const pipesRead = new Map<string, Buffer>();

/** How many runs hold what pipes gave (holdPipeReads): the last to let go forgets it. */
let holders = 0;

/**
 * What pipes give kept for one run (a command, a `generate()`), which may read a path twice (a YAML spec's
 * settings, then its tables); the function returned lets go, and once no run holds them they are forgotten, so
 * a later run in the same process (a library user's, a FIFO written again) reads the pipe anew.
 */
export function holdPipeReads(): () => void {
  holders++;
  let held = true;
  return () => {
    if (!held) return;
    held = false;
    holders--;
    if (holders === 0) pipesRead.clear();
  };
}

/** The key of what `path` names (device and inode, as stat follows links), without opening it: opening a FIFO waits for a writer. */
function fileKey(path: string): string | undefined {
  try {
    const info = statSync(path);
    return info.isFile() ? undefined : `${info.dev}:${info.ino}`;
  } catch {
    return undefined;
  }
}

/** Paths that name a descriptor the shell gave (a terminal or pipe), and /dev/null: read as they are. */
const DESCRIPTOR = /^\/dev\/(stdin|null|fd\/\d+)$|^\/proc\/(self|\d+)\/fd\/\d+$/;

/**
 * The bytes of `path`, at most `limit` of them: a larger file is refused by its size before a byte is read
 * (`it is 600.0 MB, more than the 536.9 MB datagen reads in <what>`), a pipe or device once it passes the
 * limit (`it holds more than ...`); a character device other than a descriptor (`/dev/zero`) is refused at once. System errors
 * (ENOENT, EISDIR, EACCES) are thrown as Node throws them.
 */
export function readBounded(path: string, limit: number, what: string): Buffer {
  // A pipe read before (a YAML spec named by a FIFO is read for its settings, then for its tables) gives the
  // same bytes: opened again, it waited for a writer that was gone, for ever.
  const key = fileKey(path);
  const piped = key === undefined ? undefined : pipesRead.get(key);
  if (piped !== undefined) return piped;
  const fd = openSync(path, 'r');
  try {
    const info = fstatSync(fd);
    if (info.isDirectory())
      throw Object.assign(new Error(`EISDIR: illegal operation on a directory, read`), { code: 'EISDIR' });
    if (info.isCharacterDevice() && !DESCRIPTOR.test(resolve(path)))
      throw refusal('ENDLESS_DEVICE', 'it is a device, not a file, and reading it would never end');
    const over = (size: number | undefined) =>
      refusal(
        'TOO_LARGE',
        `${size === undefined ? 'it holds' : `it is ${sizeText(size)},`} more than the ${sizeText(limit)} datagen reads in ${what}`,
        size,
      );
    if (info.isFile() && info.size > limit) throw over(info.size);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, limit + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      total += n;
      // A file that grew while read, or a pipe: refused once past the limit, never read further.
      if (total > limit) throw over(info.isFile() ? total : undefined);
    }
    const bytes = Buffer.concat(chunks, total);
    if (!info.isFile()) pipesRead.set(`${info.dev}:${info.ino}`, bytes);
    return bytes;
  } finally {
    closeSync(fd);
  }
}

/**
 * What `--file PATH` names, and so how it is written (as `pg_dump -f` users
 * expect):
 *
 * - a regular file or a new path: written under a temporary name beside it
 *   and renamed into place when complete (`replace`);
 * - a character device (`/dev/null`), a FIFO or socket, `/dev/stdout`,
 *   `/dev/fd/N` (`>(cmd)`): written directly, streamed (`direct`); such a
 *   target can be neither renamed onto nor seeked;
 * - a symlink: followed; its final target is classified by the same rules,
 *   and replaced in its own directory, so the link is kept;
 * - a file or directory replaced keeps its permissions (and, for root, its
 *   owner), as pg_dump's, which writes into what it finds, does.
 */
import { chmod, chown, lstat, readlink, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

export type OutputTarget =
  | { readonly mode: 'replace'; readonly path: string }
  | { readonly mode: 'direct'; readonly path: string }
  /** This process's stdout or stderr (`/dev/stdout`, `/dev/fd/1`): written as the stream, whatever it is (a socket cannot be reopened). */
  | { readonly mode: 'stream'; readonly path: string; readonly stream: NodeJS.WriteStream }
  | { readonly mode: 'directory'; readonly path: string };

/** Paths that name an already-open descriptor: never renamed onto, even when it is a regular file. */
const DESCRIPTOR_PATH = /^\/(dev\/(stdout|stderr|fd\/\d+)|proc\/(self|\d+)\/fd\/\d+)$/;

function descriptorTarget(path: string): OutputTarget {
  const fd = /^\/dev\/stdout$|^\/(dev|proc\/self)\/fd\/1$/.test(path)
    ? 1
    : /^\/dev\/stderr$|^\/(dev|proc\/self)\/fd\/2$/.test(path)
      ? 2
      : null;
  if (fd === null) return { mode: 'direct', path };
  return { mode: 'stream', path, stream: fd === 1 ? process.stdout : process.stderr };
}

const MAX_LINKS = 40;

/** Classify `path` for writing (see the module comment); a directory is reported, not refused. */
export async function resolveOutputTarget(path: string): Promise<OutputTarget> {
  let current = resolve(path);
  if (DESCRIPTOR_PATH.test(current)) return descriptorTarget(current);
  for (let hops = 0; hops < MAX_LINKS; hops++) {
    let info: Awaited<ReturnType<typeof lstat>>;
    try {
      info = await lstat(current);
    } catch {
      // A new path ending in `/` names a directory to make, as open(2) reads it: not a file to write.
      if (hops === 0 && /\/$/.test(path))
        throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
      return { mode: 'replace', path: current }; // new (or unreachable: opening it reports why)
    }
    if (info.isSymbolicLink()) {
      current = resolve(dirname(current), await readlink(current));
      if (DESCRIPTOR_PATH.test(current)) return descriptorTarget(current);
      continue;
    }
    if (info.isFile()) return { mode: 'replace', path: current };
    if (info.isDirectory()) return { mode: 'directory', path: current };
    return { mode: 'direct', path: current };
  }
  // A link loop: let opening the original path report ELOOP.
  await stat(path);
  return { mode: 'replace', path: current };
}

/**
 * Where a directory output (`-F d`, table files) named `path` is made: an existing directory, or a symlink
 * to one, where it is; a symlink to a new path, that path (as a file output follows it). A link loop throws
 * ELOOP here, before any row is made (the rename at the end failed with ENOTDIR, "a part of the path is a file").
 */
export async function directoryTargetPath(path: string): Promise<string> {
  // `out/`: a directory to make, which resolveOutputTarget refuses for a one-file output.
  const target = await resolveOutputTarget(path.replace(/(?<=.)\/+$/, ''));
  return target.path;
}

/** What a path that is not a directory is, for messages: `a file`, `a character device`, … */
export function pathKind(info: {
  isFile(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isFIFO(): boolean;
  isSocket(): boolean;
}): string {
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isSocket()) return 'a socket';
  return 'a file';
}

/**
 * The permission bits of `existing` (a file, or the empty directory a directory output takes) given to
 * `replacement` before it is renamed onto it: pg_dump writes into the file it finds, so a `chmod 600` dump
 * stays private; the rename left a new file of the umask's mode (0644). Root also keeps its owner. Nothing
 * when there is nothing there.
 */
export async function keepPermissions(existing: string, replacement: string): Promise<void> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(existing);
  } catch {
    return;
  }
  await chmod(replacement, info.mode & 0o7777);
  if (process.getuid?.() === 0 && (info.uid !== 0 || info.gid !== 0))
    await chown(replacement, info.uid, info.gid).catch(() => undefined);
}

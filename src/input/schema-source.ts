/**
 * A schema file as users have them: a DDL script (also with a UTF-8 byte
 * order mark, as Windows editors save it, or gzipped as `pg_dump | gzip`
 * leaves it), or a pg_dump archive (custom `-Fc`, tar `-Ft`, or a directory
 * `-Fd`), whose DDL `pg_restore --schema-only` writes out. Anything else that
 * is not text is refused with what it looks like, never fed to the parser.
 */
import { spawn } from 'node:child_process';
import { stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DatagenError, ErrorCodes, readErrorExitCode, type Warning } from '../errors.js';
import { MAX_DDL_FILE_BYTES, readBounded, sizeText } from './bounded-read.js';
import { findClientProgram } from './client-programs.js';
import { withScratchDirectory } from './scratch-directory.js';
import { decodeSql, utf16Of } from './text-encoding.js';

export interface SchemaSource {
  readonly file: string;
  readonly text: string;
  /** What reading it noticed (a file that is not UTF-8 and declares no encoding). */
  readonly warnings?: readonly Warning[];
}

/** The DDL text of a schema file (`-` is standard input). */
export async function readSchemaSource(given: string): Promise<SchemaSource> {
  // `/dev/stdin` is read as `-`: opening it fails (ENXIO) when standard input is a socket (a child's pipe).
  const file = /^\/dev\/stdin$|^\/(dev|proc\/self)\/fd\/0$/.test(given) ? '-' : given;
  if (file !== '-' && (await isDirectory(file))) {
    if (await isFile(join(file, 'toc.dat'))) return { file, text: await restoreSchema(file, 'directory') };
    throw readError(
      file,
      'it is a directory (a pg_dump -Fd archive has a toc.dat; give the DDL file instead)',
    );
  }
  let bytes: Buffer;
  try {
    bytes = file === '-' ? await readStdin() : readBounded(file, MAX_DDL_FILE_BYTES, 'one DDL file');
  } catch (error) {
    throw unreadable(file, error);
  }
  const name = file === '-' ? '<stdin>' : file;
  if (bytes.subarray(0, 5).toString('latin1') === 'PGDMP') {
    // A directory archive's toc.dat given for its directory (its header's format byte is not custom's 1).
    if (file !== '-' && basename(file) === 'toc.dat' && bytes[10] !== 1)
      return { file: name, text: await restoreSchema(dirname(file), 'directory') };
    return { file: name, text: await restoreSchema(file, 'custom', bytes) };
  }
  const packed = packedFormat(bytes);
  if (packed !== undefined) throw readError(file, packed);
  if (bytes.length >= 262 && bytes.subarray(257, 262).toString('latin1') === 'ustar') {
    return { file: name, text: await restoreSchema(file, 'tar', bytes) };
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      // A gzip bomb (a megabyte that unpacks to gigabytes) stops at the bound, as a file that large would.
      bytes = gunzipSync(bytes, { maxOutputLength: MAX_DDL_FILE_BYTES });
    } catch (error) {
      throw readError(
        file,
        (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE'
          ? `it unpacks to more than the ${sizeText(MAX_DDL_FILE_BYTES)} datagen reads in one DDL file; ${TOO_LARGE_REMEDY}`
          : `it looks gzipped but does not decompress (${(error as Error).message})`,
      );
    }
  }
  const warnings: Warning[] = [];
  const text = sqlText(name, bytes, warnings);
  return { file: name, text, ...(warnings.length > 0 ? { warnings } : {}) };
}

/**
 * A DDL script's text in the encoding it declares (text-encoding.ts): a
 * leading byte order mark dropped; binary data refused.
 */
export function sqlText(file: string, bytes: Buffer, warnings: Warning[] = []): string {
  const utf16 = utf16Of(bytes);
  if (utf16 !== null) {
    // Windows editors save "Unicode" text as UTF-16: read it as such (the BOM, if any, is dropped by the decoder).
    const text = new TextDecoder(utf16, { fatal: false }).decode(bytes);
    if (!text.includes('\0')) return text;
  }
  const binary = bytes.includes(0) ? nulBytes(file, bytes) : controlBytes(bytes);
  if (binary !== undefined) {
    throw readError(
      file,
      `it is not a SQL text file (${binary}); give the schema as SQL DDL (pg_dump --schema-only), a pg_dump archive, or a database with -d`,
    );
  }
  const decoded = decodeSql(file, bytes);
  if (decoded.warning) warnings.push(decoded.warning);
  const text = decoded.text;
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** What `bytes` are when their first bytes say a packed format datagen does not read (what to do instead), else undefined. */
function packedFormat(bytes: Buffer): string | undefined {
  const head = bytes.subarray(0, 16).toString('latin1');
  if (head.startsWith('\x28\xb5\x2f\xfd')) return 'it is zstd-compressed; decompress it first (zstd -d FILE)';
  if (head.startsWith('BZh') && /^BZh[1-9]1AY&SY/.test(head))
    return 'it is bzip2-compressed; decompress it first (bzip2 -d FILE)';
  if (head.startsWith('\xfd7zXZ\x00')) return 'it is xz-compressed; decompress it first (xz -d FILE)';
  if (head.startsWith('PK\x03\x04')) return 'it is a zip archive; unpack it and give the SQL file in it';
  if (head.startsWith('PAR1')) return 'it is a Parquet file (data, not a schema); give the DDL of its table';
  if (head.startsWith('SQLite format 3\x00'))
    return 'it is a SQLite database, not PostgreSQL DDL; convert it first (e.g. pgloader, then use -d or pg_dump --schema-only)';
  return undefined;
}

/** Where the first NUL byte is (a NUL in text, or binary data): `it holds NUL bytes (the first at FILE:LINE:COL)`. */
function nulBytes(file: string, bytes: Buffer): string {
  const at = bytes.indexOf(0);
  const before = bytes.subarray(0, at);
  let line = 1;
  for (const b of before) if (b === 0x0a) line++;
  const column = at - (before.lastIndexOf(0x0a) + 1) + 1;
  return `it holds NUL bytes (the first at ${file}:${line}:${column})`;
}

/**
 * Why text with control bytes is binary data, not SQL (undefined when it is text): more than 1 in 100 of its
 * first 64 KiB are C0 control bytes other than tab, line breaks and form feed. Before, such bytes reached the
 * parser and its syntax error echoed them (terminal escapes among them) as the offending line.
 */
function controlBytes(bytes: Buffer): string | undefined {
  const head = bytes.subarray(0, 64 * 1024);
  let controls = 0;
  for (const b of head)
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d) controls++;
  return controls > 8 && controls * 100 > head.length
    ? `${controls} of its first ${head.length} bytes are control characters: it looks like binary data`
    : undefined;
}

/** `pg_restore --schema-only` of an archive, as its DDL script (an archive from stdin goes through a temporary file). */
async function restoreSchema(
  file: string,
  format: 'custom' | 'tar' | 'directory',
  bytes?: Buffer,
): Promise<string> {
  const program = findClientProgram('pg_restore');
  if (!program) {
    throw readError(
      file,
      `it is a pg_dump ${format} archive; datagen reads its schema with pg_restore, which was not found: install PostgreSQL's client programs (e.g. apt-get install postgresql-client), or give the DDL (pg_restore -s -f schema.sql ${file})`,
    );
  }
  if (file !== '-' || !bytes) return runPgRestore(program, file, format);
  return withScratchDirectory('datagen-archive', 'the archive read from standard input', async (dir) => {
    const path = join(dir, 'stdin.dump');
    await writeFile(path, bytes);
    return runPgRestore(program, path, format, '<stdin>');
  });
}

function runPgRestore(program: string, path: string, format: string, name = path): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, ['--schema-only', '-f', '-', path], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => reject(readError(name, `pg_restore could not run: ${error.message}`)));
    child.on('close', (code) => {
      if (code === 0) {
        resolve(decodeSql(name, Buffer.concat(out)).text);
        return;
      }
      const message = Buffer.concat(err).toString('utf8').trim().split('\n')[0] ?? '';
      reject(
        readError(
          name,
          `pg_restore could not read this ${format} archive: ${message.replace(/^pg_restore: /, '')}${newerArchive(message, program, name)}`,
        ),
      );
    });
  });
}

/** The pg_dump release that first wrote each archive version newer than 1.14 (and the pg_restore that reads it). */
const ARCHIVE_VERSION_RELEASES: Readonly<Record<string, number>> = { '1.15': 16, '1.16': 17 };

/**
 * What to do when pg_restore refuses an archive as newer than it reads
 * ("unsupported version (1.16) in file header"): the release whose pg_restore
 * reads it, and the ways round; '' for other failures.
 */
function newerArchive(message: string, program: string, file: string): string {
  const version = /unsupported version \((\d+\.\d+)\) in file header/.exec(message)?.[1];
  if (version === undefined) return '';
  const release = ARCHIVE_VERSION_RELEASES[version];
  const written =
    release === undefined
      ? `archive version ${version} is newer than ${program} reads`
      : `archive version ${version} is written by pg_dump ${release} and later and read by pg_restore ${release} and later; ${program} is older`;
  return ` (${written}): put a newer pg_restore first on PATH, or give the DDL (pg_restore -s -f schema.sql ${file === '<stdin>' ? 'ARCHIVE' : file} with a newer pg_restore), or restore the archive into a database and read its schema with -d`;
}

/** Why a schema file cannot be read, by system error code, with what to do (not Node's `EACCES: ..., open '...'`). */
const READ_PROBLEMS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EACCES:
    'permission denied (the file, or a directory above it); run as a user who can read it, or copy it where you can',
  EPERM:
    'permission denied (the file, or a directory above it); run as a user who can read it, or copy it where you can',
  ENOTDIR: 'a part of the path is a file, not a directory; check the path',
  EISDIR: 'it is a directory; give the DDL file in it',
  ELOOP: 'too many levels of symbolic links (a link that leads back to itself?); fix the link',
  ENAMETOOLONG: 'the path is too long; check it',
  EIO: 'an input/output error (a failing disk or network file system)',
};

/** What to do about a DDL file past the bound: its rows are datagen's to make. */
const TOO_LARGE_REMEDY =
  'give the schema alone (pg_dump --schema-only, or the DDL without its data): datagen makes the rows itself';

/** A DDL file (or include) that could not be read, in words with what to do (not Node's error text). */
export function unreadable(file: string, error: unknown): DatagenError {
  const code = (error as NodeJS.ErrnoException).code;
  const why =
    code === 'ENDLESS_DEVICE'
      ? `${(error as Error).message}; give the DDL file (or - for standard input)`
      : code === 'TOO_LARGE'
        ? `${(error as Error).message}; ${TOO_LARGE_REMEDY}`
        : ((code === undefined ? undefined : READ_PROBLEMS[code]) ?? (error as Error).message);
  return readError(file, why, code, error);
}

function readError(file: string, why: string, code?: string, cause?: unknown): DatagenError {
  // `datagen generate "$SCHEMA"` with the variable unset: an empty name, which `cannot read schema file :` hid.
  const message =
    file === ''
      ? 'a schema file name is empty (an unset shell variable?): give the DDL file'
      : `cannot read schema file ${file === '-' ? '<stdin>' : file}: ${why}`;
  return new DatagenError(
    ErrorCodes.IO,
    message,
    { file, ...(code === undefined ? {} : { code }) },
    // Permission denied or a failing disk is the machine's (1); a missing file or a directory is what was named (2).
    { ...(cause === undefined ? {} : { cause }), exitCode: readErrorExitCode(code) },
  );
}

/** Standard input to its end, whatever it is (a file, a pipe, a socket: /dev/stdin cannot be opened on a socket). */
async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    total += (chunk as Buffer).length;
    if (total > MAX_DDL_FILE_BYTES)
      throw Object.assign(
        new Error(`it holds more than the ${sizeText(MAX_DDL_FILE_BYTES)} datagen reads in one DDL file`),
        { code: 'TOO_LARGE' },
      );
  }
  return Buffer.concat(chunks);
}

async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() === true;
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() === true;
}

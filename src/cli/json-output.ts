/**
 * `--json` on every command: one JSON document where the command's result
 * goes (stdout; stderr when generate's data takes stdout), a failure too,
 * whatever stage it failed at (an option, a file, the plan), and nothing
 * else: the failure is told once, in the JSON (as the warnings are), not
 * again as the plain `datagen: error:` line. A bug (not a DatagenError) is
 * `INTERNAL` there, its stack still on stderr for its report.
 */
import { type DatagenError, isDatagenError, type Warning } from '../errors.js';
import type { CliIo } from './cli-io.js';

/** Failures whose JSON the command wrote itself (with what it knew: the plan's warnings). */
const written = new WeakSet<object>();

/** `{"error": {code, message, exitStatus, data}, "warnings": [...]}`: a failed run under --json. */
function failureJson(error: DatagenError, warnings: readonly Warning[]): string {
  // The usage hint ("Run `datagen generate --help` ...") is for people.
  const message = error.message.replace(/\nRun `datagen [^`]*` for the options\.$/, '');
  const failure = { code: error.code, message, exitStatus: error.exitCode };
  try {
    return JSON.stringify({ error: { ...failure, data: error.data }, warnings });
  } catch {
    return JSON.stringify({ error: failure, warnings });
  }
}

/** Writes `error`'s JSON to `out` once (the command's own report, with the warnings it had). */
export function writeFailureJson(
  out: NodeJS.WritableStream,
  error: DatagenError,
  warnings: readonly Warning[],
): void {
  written.add(error);
  out.write(`${failureJson(error, warnings)}\n`);
}

/** The arguments before `--` (after it, `--json` is a file's name). */
function options(argv: readonly string[]): readonly string[] {
  const end = argv.indexOf('--');
  return end === -1 ? argv : argv.slice(0, end);
}

/** Whether the command line asks for --json. */
export function jsonRequested(argv: readonly string[]): boolean {
  return options(argv).includes('--json');
}

/**
 * Whether generate's data goes to stdout by this command line (the last `-f`/`--file` is `-` or
 * `/dev/stdout`, or none is given and no database is loaded), read from the words alone: for a failure
 * before the options were understood.
 */
export function dataOnStdout(argv: readonly string[]): boolean {
  let file: string | undefined;
  let database = false;
  const words = options(argv);
  words.forEach((word, i) => {
    if (word === '-f' || word === '--file') file = words[i + 1];
    else if (word.startsWith('--file=')) file = word.slice('--file='.length);
    else if (/^-f./.test(word)) file = word.slice(2);
    else if (/^(-d|--dbname)(=|$)|^-d./.test(word)) database = true;
  });
  if (file === undefined) return !database;
  return file === '-' || file === '/dev/stdout';
}

/** A bug's JSON under --json: its message only (the stack goes to stderr, for its report). */
function internalFailureJson(error: unknown): string {
  const message = `internal error (please report it): ${error instanceof Error ? error.message : String(error)}`;
  return JSON.stringify({ error: { code: 'INTERNAL', message, exitStatus: 1, data: {} }, warnings: [] });
}

/**
 * A command's failure under --json that the command did not report itself (a bad option, a missing
 * file, a bug): its JSON, where `command`'s result would go. Whether the failure is told in JSON (now or
 * by the command): then the plain line is not written again.
 */
export function reportFailureJson(
  command: string | undefined,
  argv: readonly string[],
  error: unknown,
  io: CliIo,
): boolean {
  if (!jsonRequested(argv)) return false;
  if (isDatagenError(error) && written.has(error)) return true;
  const generating = command === 'generate' || command === 'gen';
  const toStderr = generating ? dataOnStdout(argv) : command === 'init' && initToStdout(argv);
  const out = toStderr ? io.stderr : io.stdout;
  if (isDatagenError(error)) writeFailureJson(out, error, []);
  else out.write(`${internalFailureJson(error)}\n`);
  return true;
}

/** `datagen init -f -`: the starter file takes stdout. */
function initToStdout(argv: readonly string[]): boolean {
  const words = options(argv);
  return words.some(
    (w, i) => ((w === '-f' || w === '--file') && words[i + 1] === '-') || w === '--file=-' || w === '-f-',
  );
}

/**
 * `datagen verify DIR`: the directory checked against its manifest.json; a
 * line per problem on stderr, a summary on stdout; exit 0 when every file
 * matches, 1 when one is missing or differs (files not in the manifest are
 * reported, not failures).
 */

import { stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { counted } from '../errors.js';
import { MANIFEST_FILE } from '../format/manifest.js';
import { verifyDirectory } from '../run/verify.js';
import type { CliIo } from './cli-io.js';
import { EXIT_IO, EXIT_OK } from './exit-handling.js';
import { VERIFY_HELP } from './help.js';
import { usageError } from './parse-arguments.js';
import { visibleControls } from './print-warnings.js';

export async function runVerifyCommand(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-?') || argv.includes('-h')) {
    io.stdout.write(VERIFY_HELP);
    return EXIT_OK;
  }
  const json = argv.includes('--json');
  const [given, ...rest] = argv.filter((a) => a !== '--json');
  const directory = given === undefined ? given : await directoryOf(given);
  if (directory === undefined || directory.startsWith('-') || rest.length > 0) {
    const option = [directory, ...rest].find((a) => a?.startsWith('-'));
    throw usageError(
      option !== undefined
        ? `datagen verify: unknown option ${option} (it takes DIR and --json)`
        : directory === undefined
          ? 'datagen verify takes the directory to check (datagen verify DIR)'
          : `datagen verify takes one directory (got also "${rest[0]}")`,
      'datagen verify --help',
    );
  }
  const result = await verifyDirectory(directory);
  for (const finding of result.findings) {
    const level = finding.kind === 'extra' ? 'note' : 'error';
    io.stderr.write(`datagen: ${level}: ${visibleControls(`${directory}/${finding.message}`)}\n`);
  }
  const failed = result.findings.filter((f) => f.kind !== 'extra').length;
  if (json) io.stdout.write(`${JSON.stringify({ directory, ...result })}\n`);
  else
    io.stdout.write(
      failed === 0
        ? `${directory}: ${counted(result.files, 'file')}, ${counted(result.bytes, 'byte')}: all match the manifest\n`
        : `${directory}: ${failed} of ${counted(result.files, 'file')} missing or different\n`,
    );
  return failed === 0 ? EXIT_OK : EXIT_IO;
}

/**
 * The directory `verify` checks for what the user gave: a manifest.json names its own directory
 * (`verify out/manifest.json`, which was read as a directory: an internal error, ENOTDIR); another file
 * is refused as not a directory.
 */
async function directoryOf(given: string): Promise<string> {
  if ((await stat(given).catch(() => undefined))?.isFile() !== true) return given;
  if (basename(given) === MANIFEST_FILE) return dirname(given);
  throw usageError(
    `datagen verify ${given}: a file, not a directory; give the directory datagen -F csv, jsonl or parquet wrote (its ${MANIFEST_FILE} in it)`,
    'datagen verify --help',
  );
}

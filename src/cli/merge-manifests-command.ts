/**
 * `datagen merge-manifests DIR... [-f FILE]`: the manifests of shards 1..N
 * of one run merged into one manifest.json (on stdout, or into FILE), for a
 * directory that gathers all the shards' chunk files and is then checked
 * with `datagen verify`.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { DatagenError, ErrorCodes } from '../errors.js';
import { mergedManifestText } from '../run/merge-manifests.js';
import { EXIT_OK } from './exit-handling.js';
import { MERGE_MANIFESTS_HELP } from './help.js';
import { usageError } from './parse-arguments.js';

export async function runMergeManifestsCommand(argv: readonly string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw usageError((error as Error).message, 'datagen merge-manifests --help');
  }
  if (parsed.values.help === true) {
    process.stdout.write(MERGE_MANIFESTS_HELP);
    return EXIT_OK;
  }
  if (parsed.positionals.length === 0)
    throw usageError(
      'datagen merge-manifests takes the shards’ directories (datagen merge-manifests shard-1 shard-2 ... -f all/manifest.json)',
      'datagen merge-manifests --help',
    );
  const text = await mergedManifestText(parsed.positionals);
  const file = parsed.values.file;
  if (file === undefined || file === '-') {
    process.stdout.write(text);
    return EXIT_OK;
  }
  try {
    await writeFile(file, text, { flag: 'wx' });
  } catch (error) {
    const exists = (error as NodeJS.ErrnoException).code === 'EEXIST';
    throw new DatagenError(
      ErrorCodes.IO,
      exists
        ? `--file ${file}: exists already; give a new file (nothing is overwritten)`
        : `--file ${file}: cannot be written (${(error as Error).message})`,
      { path: file },
    );
  }
  return EXIT_OK;
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      file: { type: 'string', short: 'f' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

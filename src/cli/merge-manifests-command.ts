/**
 * `datagen merge-manifests DIR... [-f FILE]`: the manifests of shards 1..N
 * of one run merged into one manifest.json (on stdout, or into FILE), for a
 * directory that gathers all the shards' chunk files and is then checked
 * with `datagen verify`.
 */
import { parseArgs } from 'node:util';
import { mergedManifestText } from '../run/merge-manifests.js';
import type { CliIo } from './cli-io.js';
import { systemReason, writeCommandFile } from './command-file.js';
import { EXIT_OK } from './exit-handling.js';
import { MERGE_MANIFESTS_HELP } from './help.js';
import { usageError } from './parse-arguments.js';

export async function runMergeManifestsCommand(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw usageError(optionProblem(error), 'datagen merge-manifests --help');
  }
  if (parsed.values.help === true) {
    io.stdout.write(MERGE_MANIFESTS_HELP);
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
    io.stdout.write(text);
    return EXIT_OK;
  }
  // A file there already is the user's to fix (2); a full disk or a permission the machine's (1), as generate's.
  await writeCommandFile(file, text, {
    message: (code, error) =>
      code === 'EEXIST'
        ? `--file ${file}: exists already; give a new file (nothing is overwritten)`
        : `--file ${file}: cannot be written: ${systemReason(code, error)}`,
    data: { path: file },
  });
  return EXIT_OK;
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      file: { type: 'string', short: 'f' },
      help: { type: 'boolean', short: 'h' },
      // The merged manifest is JSON already; a failure is one JSON line too (json-output.ts).
      json: { type: 'boolean' },
    },
  });
}

/** parseArgs' complaint as datagen words it (not "To specify a positional argument starting with a '-' ..."). */
function optionProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const option = /'(-[^',]*)/.exec((error as Error).message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
    return `unknown option ${option} (datagen merge-manifests takes the shards' directories, -f FILE and --json)`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
    return `${option === '-f' ? '-f/--file' : option} needs a value: the file to write the merged manifest to`;
  return (error as Error).message;
}

/**
 * What the command line answers without loading a command: `--version`, the
 * main help, and a command's help asked for alone (`datagen generate
 * --help`). Shared by the CLI (run-main.ts) and its launcher (launch.ts), which
 * answers these before it loads the CLI's bundle at all.
 */
import { VERSION } from '../version.js';
import { EXIT_OK, EXIT_USAGE } from './exit-handling.js';
import { GENERATE_HELP, INIT_HELP, MAIN_HELP, PLAN_HELP } from './help.js';

/** The help of a command that loads the library, asked for alone: written without loading the command (0.5 s of CPU against 0.2). */
const COMMAND_HELP: ReadonlyMap<string | undefined, string> = new Map([
  ['generate', GENERATE_HELP],
  ['gen', GENERATE_HELP],
  ['plan', PLAN_HELP],
  ['init', INIT_HELP],
]);

/** What to write on stdout and the exit status then, or undefined when the arguments ask a command to run. */
export function quickAnswer(
  argv: readonly string[],
): { readonly text: string; readonly status: number } | undefined {
  const [command, ...rest] = argv;
  const help = COMMAND_HELP.get(command);
  if (help !== undefined && rest.length === 1 && (rest[0] === '--help' || rest[0] === '-?'))
    return { text: help, status: EXIT_OK };
  switch (command) {
    case '-V':
    case '--version':
    case 'version':
      return { text: `datagen ${VERSION}\n`, status: EXIT_OK };
    case undefined:
    case '-h':
    case '-?':
    case '--help':
    case 'help':
      return { text: MAIN_HELP, status: command === undefined ? EXIT_USAGE : EXIT_OK };
    default:
      return undefined;
  }
}

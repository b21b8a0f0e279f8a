#!/usr/bin/env node
/**
 * The `datagen` command: a thin shell over the library (src/index.ts).
 */
import { isDatagenError } from '../errors.js';
import { VERSION } from '../version.js';
import { runGenerateCommand } from './generate-command.js';
import { MAIN_HELP } from './help.js';
import { runPlanCommand } from './plan-command.js';

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'generate':
    case 'gen':
      return runGenerateCommand(rest);
    case 'plan':
      return runPlanCommand(rest);
    case '-V':
    case '--version':
    case 'version':
      process.stdout.write(`datagen ${VERSION}\n`);
      return 0;
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      process.stdout.write(MAIN_HELP);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`datagen: unknown command "${command}"\n\n${MAIN_HELP}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (isDatagenError(error)) {
      process.stderr.write(`datagen: error: ${error.message}\n`);
      process.exitCode = error.exitCode;
    } else {
      process.stderr.write(
        `datagen: internal error (please report it):\n${(error as Error)?.stack ?? String(error)}\n`,
      );
      process.exitCode = 1;
    }
  },
);

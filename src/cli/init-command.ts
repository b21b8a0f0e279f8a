/**
 * `datagen init SCHEMA.sql`: writes a starter `.datagen.yaml` (see
 * run/starter-config.ts) listing every table and column with the generator
 * datagen inferred and why. Never overwrites a file.
 */
import { parseArgs } from 'node:util';
import { openLoadConnection } from '../format/load-target.js';
import type { ConnectionOptions } from '../input/connection.js';
import { parseDdl } from '../input/ddl/index.js';
import { readLiveSchemaOver } from '../input/live-schema.js';
import { CONFIG_FILE_NAME } from '../input/spec/config-file.js';
import { DEFAULT_SEED } from '../plan/create-plan.js';
import { DEFAULT_ROWS } from '../plan/row-counts.js';
import { describePlan } from '../run/describe-plan.js';
import { loadSchemaFiles } from '../run/load-schema.js';
import { planWithRowTrial } from '../run/row-trial.js';
import { createStarterConfig } from '../run/starter-config.js';
import { loadLocale } from '../values/semantic/load-locale.js';
import { effectiveGeneratorVersion } from '../version.js';
import type { CliIo } from './cli-io.js';
import { writeCommandFile } from './command-file.js';
import { INIT_HELP } from './help.js';
import { GENERATE_OPTIONS, parseGenerateOptions } from './options.js';
import { usageError } from './parse-arguments.js';
import { withPasswordPrompt } from './password-prompt.js';
import { printWarnings } from './print-warnings.js';

export async function runInitCommand(argv: readonly string[], io: CliIo): Promise<number> {
  // The file is being made: a .datagen.yaml already here is not read (it is refused below).
  refuseUnusedOptions(argv);
  const options = parseGenerateOptions(argv, { readConfig: false });
  if (options.help) {
    io.stdout.write(INIT_HELP);
    return 0;
  }
  const { schema, warnings } =
    options.schema.length === 0 && options.connection
      ? await parseDdl([await readTargetSchema(options.connection, options.passwordPrompt)])
      : await loadSchemaFiles(options.schema, options.variables, options.generatorVersion);
  const rows = options.defaultRows ?? DEFAULT_ROWS;
  // The plan generate() writes from (row trial included), so the file describes the same rows.
  await loadLocale(options.locale, '--locale');
  // A template's tables at its ratios (--scale), as generate --template plans them.
  const template = options.template;
  const { plan } = planWithRowTrial(schema, {
    defaultRows: rows,
    ...(template === undefined ? {} : { tables: options.tables }),
    ...(options.computedTables === undefined ? {} : { computedTables: options.computedTables }),
    seed: options.seed ?? DEFAULT_SEED,
    ...(options.locale === undefined ? {} : { locale: options.locale }),
    ...(options.generatorVersion === undefined ? {} : { generatorVersion: options.generatorVersion }),
    ...(options.nullRate === undefined ? {} : { nullRate: options.nullRate }),
    ...(options.referenceTime === undefined ? {} : { referenceTime: options.referenceTime }),
  });
  const source =
    template !== undefined
      ? `template ${template.name} (the DDL: datagen generate --template ${template.name} --schema-only)`
      : options.schema.length > 0
        ? options.schema.join(', ')
        : 'the database';
  const version = effectiveGeneratorVersion(plan.generatorVersion);
  const starter =
    template === undefined
      ? undefined
      : {
          name: template.name,
          fixed: template.fixed,
          ...(options.scale === undefined ? {} : { scale: options.scale }),
        };
  const text = createStarterConfig(describePlan(plan, schema), rows, source, version, starter);
  const file = options.fileGiven ? options.file : CONFIG_FILE_NAME;
  if (file === '-') io.stdout.write(text);
  else {
    await writeCommandFile(file, text);
    if (!options.quiet && !options.json) io.stderr.write(`datagen: wrote ${file}\n`);
  }
  const all = [...warnings, ...plan.warnings];
  printWarnings(all, options.quiet || options.json, io.stderr);
  // --json: what was written, where the file does not take stdout.
  if (options.json)
    (file === '-' ? io.stderr : io.stdout).write(
      `${JSON.stringify({ file: file === '-' ? null : file, tables: plan.tables.length, warnings: all })}\n`,
    );
  return 0;
}

/** The options init reads: the schema's source, what the plan takes, and where the file goes. */
const INIT_OPTIONS = new Set([
  'rows',
  'seed',
  'locale',
  'generator-version',
  'null-rate',
  'reference-time',
  'set',
  'template',
  'scale',
  'dbname',
  'host',
  'port',
  'username',
  'no-password',
  'password',
  'file',
  'quiet',
  'json',
  'help',
]);

/**
 * generate's options init would take and ignore (`init s.sql -F c`, `-t orders`, `--config x.yaml`,
 * `--rows t=5`): refused, so no user believes the file they get was shaped by them.
 */
function refuseUnusedOptions(argv: readonly string[]): void {
  const { tokens } = parseArgs({ args: [...argv], options: GENERATE_OPTIONS, strict: false, tokens: true });
  if (tokens.some((t) => t.kind === 'option' && t.name === 'help')) return;
  const unused = [
    ...new Set(
      tokens.flatMap((t) =>
        t.kind === 'option' && t.name in GENERATE_OPTIONS && !INIT_OPTIONS.has(t.name) ? [t.rawName] : [],
      ),
    ),
  ];
  if (unused.length > 0)
    throw usageError(
      `init writes a starter configuration, not data: it does not use ${unused.join(', ')}. Leave ${unused.length > 1 ? 'them' : 'it'} out, and give ${unused.length > 1 ? 'them' : 'it'} to datagen generate with the configuration`,
      'datagen init --help',
    );
  const tableRows = tokens.find((t) => t.kind === 'option' && t.name === 'rows' && t.value?.includes('='));
  if (tableRows !== undefined)
    throw usageError(
      `init takes one row count for every table (--rows N), not --rows ${tableRows.kind === 'option' ? tableRows.value : ''}: a table's own count goes in the file it writes (uncomment that table and set its rows:)`,
      'datagen init --help',
    );
}

/**
 * The database's schema (init -d), over a connection opened as generate -d
 * opens its own: the same -W/-w prompt and the same one-line failures (a
 * missing database with the nearest names its server has).
 */
async function readTargetSchema(
  connection: ConnectionOptions,
  prompt: 'always' | 'never' | 'when-asked',
): Promise<{ file: string; text: string }> {
  const session = await openLoadConnection(await withPasswordPrompt(connection, prompt));
  try {
    return await readLiveSchemaOver(session.client, session.where);
  } finally {
    await session.release();
  }
}

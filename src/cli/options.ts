/**
 * Command-line options, named like pg_dump's where they mean the same
 * (-f/--file, -F/--format, -O/--no-owner). A misspelt option is an error
 * naming the nearest one (parse-arguments.ts); a bad value says what is wrong.
 */
import type { ArchiveCompression } from '../archive/index.js';
import type { TableFileCompression } from '../format/table-files.js';
import type { ConnectionOptions } from '../input/connection.js';
import { type DatagenConfig, loadConfig, loadSpecConfig } from '../input/spec/config-file.js';
import { checkLocale } from '../input/spec/locales.js';
import { isSchemaSpec } from '../input/spec/schema-spec.js';
import type { TableSelectionPatterns } from '../plan/table-selection.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../run/generate.js';
import type { Template } from '../run/templates.js';
import { refuseAbsentOptions } from './absent-options.js';
import { refuseMovedOptions } from './moved-options.js';
import { checkCombinations, isLoading } from './option-combinations.js';
import {
  badOption,
  FORMAT_ALIASES,
  parseCompression,
  parseFileCompression,
  parseGeneratorVersion,
  parseSeed,
  parseShare,
  parseTimestamp,
  refuseFileTwice,
  refuseSplitUnits,
  refuseStdinTwice,
  TABLE_FILE_FORMATS,
  wholeNumber,
} from './option-values.js';
import { parseArguments } from './parse-arguments.js';
import { type ProgressMode, parseProgressMode } from './progress.js';
import { rowCountsOf } from './row-count-options.js';
import { tableFileOptions } from './table-file-options.js';

export const GENERATE_OPTIONS = {
  schema: { type: 'string', short: 'n', multiple: true },
  'exclude-schema': { type: 'string', short: 'N', multiple: true },
  table: { type: 'string', short: 't', multiple: true },
  'exclude-table': { type: 'string', short: 'T', multiple: true },
  'schema-only': { type: 'boolean', short: 's' },
  'data-only': { type: 'boolean', short: 'a' },
  template: { type: 'string' },
  scale: { type: 'string' },
  size: { type: 'string' },
  shard: { type: 'string' },
  'chunk-size': { type: 'string' },
  resume: { type: 'boolean' },
  rows: { type: 'string', short: 'r', multiple: true },
  seed: { type: 'string' },
  locale: { type: 'string' },
  'generator-version': { type: 'string' },
  format: { type: 'string', short: 'F' },
  file: { type: 'string', short: 'f' },
  inserts: { type: 'boolean' },
  'column-inserts': { type: 'boolean' },
  'rows-per-insert': { type: 'string' },
  'no-owner': { type: 'boolean', short: 'O' },
  'no-privileges': { type: 'boolean', short: 'x' },
  'no-comments': { type: 'boolean' },
  'no-publications': { type: 'boolean' },
  'no-subscriptions': { type: 'boolean' },
  'no-security-labels': { type: 'boolean' },
  clean: { type: 'boolean', short: 'c' },
  'if-exists': { type: 'boolean' },
  create: { type: 'boolean', short: 'C' },
  'disable-triggers': { type: 'boolean' },
  compress: { type: 'string', short: 'Z' },
  jobs: { type: 'string', short: 'j' },
  timestamp: { type: 'string' },
  'archive-dbname': { type: 'string' },
  encoding: { type: 'string', short: 'E' },
  dbname: { type: 'string', short: 'd' },
  host: { type: 'string', short: 'h' },
  port: { type: 'string', short: 'p' },
  username: { type: 'string', short: 'U' },
  'no-password': { type: 'boolean', short: 'w' },
  password: { type: 'boolean', short: 'W' },
  truncate: { type: 'boolean' },
  append: { type: 'boolean' },
  'unlogged-during-load': { type: 'boolean' },
  strict: { type: 'boolean' },
  list: { type: 'boolean', short: 'l' },
  explain: { type: 'boolean' },
  'reference-time': { type: 'string' },
  'null-rate': { type: 'string' },
  config: { type: 'string' },
  set: { type: 'string', multiple: true },
  quiet: { type: 'boolean', short: 'q' },
  progress: { type: 'string' },
  verbose: { type: 'boolean', short: 'v' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: '?' },
} as const;

export interface ParsedGenerateOptions {
  readonly schema: string[];
  /** --template NAME: a built-in schema, its tables' rows from its ratios at --scale. */
  readonly template?: Template;
  /** --scale N: the template's scale as given. */
  readonly scale?: number;
  /** --size: output bytes to aim at (row counts measured and scaled). */
  readonly size?: number;
  /** --chunk-size SIZE: table files split into numbered chunks of about SIZE bytes. */
  readonly chunkSize?: number;
  /** --resume: keep an interrupted run's complete files. */
  readonly resume?: boolean;
  /** --shard K/N */
  readonly shard?: { readonly index: number; readonly count: number };
  readonly defaultRows?: number;
  readonly tables: Record<string, number>;
  /** The entries of `tables` a template's ratios computed (not --rows): cut to what keys allow, warned. */
  readonly computedTables?: readonly string[];
  /** The configuration's per-column and per-foreign-key settings, by table name. */
  readonly settings?: DatagenConfig['tables'];
  readonly seed?: number;
  /** --locale (or `locale:` in the configuration): names, addresses and words in this locale. */
  readonly locale?: string;
  /** --generator-version (or `generator_version:` in the configuration): the generators' version to keep. */
  readonly generatorVersion?: number;
  readonly format: OutputFormat;
  readonly file: string;
  readonly inserts: boolean;
  /** --rows-per-insert (implies --inserts; pg_dump's default with --inserts is 1). */
  readonly rowsPerInsert?: number;
  readonly noOwner: boolean;
  /** pg_dump's -a/--data-only, -s/--schema-only. */
  readonly dataOnly: boolean;
  readonly schemaOnly: boolean;
  /** -x/--no-privileges: no GRANT/REVOKE. */
  readonly noPrivileges: boolean;
  /** --no-comments: no COMMENT ON. */
  readonly noComments: boolean;
  /** --no-publications, --no-subscriptions, --no-security-labels: as pg_dump's. */
  readonly noPublications: boolean;
  readonly noSubscriptions: boolean;
  readonly noSecurityLabels: boolean;
  /** -c/--clean, --if-exists, -C/--create, --disable-triggers: plain output as pg_dump writes it. */
  readonly clean: boolean;
  readonly ifExists: boolean;
  readonly create: boolean;
  readonly disableTriggers: boolean;
  /** -n/-N/-t/-T patterns: which tables get rows. */
  readonly selection: TableSelectionPatterns;
  /** -W: prompt for the password before connecting; -w: never prompt. */
  readonly passwordPrompt: 'always' | 'never' | 'when-asked';
  readonly verbose: boolean;
  readonly compression?: ArchiveCompression;
  /** -Z for csv, jsonl and parquet. */
  readonly fileCompression?: TableFileCompression;
  readonly workers?: number;
  readonly createdAt?: Date;
  /** The archive's database label, and the database -C creates (--archive-dbname). */
  readonly dbname?: string;
  /** -E/--encoding: the script's or archive's encoding, as given. */
  readonly encoding?: string;
  /** A live database (-d/--host/-p/-U): the load target without --file, the schema's source without DDL files. */
  readonly connection?: ConnectionOptions;
  /** --file was given (else stdout, or the database with -d). */
  readonly fileGiven: boolean;
  readonly truncate: boolean;
  readonly append: boolean;
  /** --unlogged-during-load: the target tables UNLOGGED while their rows go in. */
  readonly unloggedDuringLoad: boolean;
  /** Every degradation is an error (exit 2, nothing written). */
  readonly strict: boolean;
  readonly list: boolean;
  /** Print the plan instead of generating (`datagen plan`). */
  readonly explain: boolean;
  /** The `now()` CHECKs are read against (default: today, 00:00 UTC). */
  readonly referenceTime?: Date;
  readonly nullRate?: number;
  /** --set NAME=VALUE (and `vars:` in the configuration): psql variables the DDL's `:NAME` uses. */
  readonly variables?: Readonly<Record<string, string>>;
  readonly quiet: boolean;
  /** --progress auto (a display on a terminal), none, json (JSON lines on stderr). */
  readonly progress: ProgressMode;
  readonly json: boolean;
  readonly help: boolean;
}

/** -d/--dbname, -h/--host, -p/--port, -U/--username: a live database, or undefined. */
function connectionOf(values: ParsedOptionValues): ConnectionOptions | undefined {
  if (
    values.dbname === undefined &&
    values.host === undefined &&
    values.port === undefined &&
    values.username === undefined
  )
    return undefined;
  return {
    ...(values.dbname === undefined ? {} : { dbname: values.dbname }),
    ...(values.host === undefined ? {} : { host: values.host }),
    ...(values.port === undefined ? {} : { port: wholeNumber(values.port, '--port', 1, 65535) }),
    ...(values.username === undefined ? {} : { username: values.username }),
  };
}

/** The parsed values, typed by GENERATE_OPTIONS (checked by parseArguments). */
export type ParsedOptionValues = {
  [K in keyof typeof GENERATE_OPTIONS]?: (typeof GENERATE_OPTIONS)[K] extends { type: 'boolean' }
    ? boolean
    : (typeof GENERATE_OPTIONS)[K] extends { multiple: true }
      ? string[]
      : string;
};

/** Seed, locale, generator version, NULL rate and jobs: the command line's, else the configuration's. */
function runSettingsOf(values: ParsedOptionValues, config: DatagenConfig | undefined) {
  let seed: number | undefined = config?.seed;
  if (values.seed !== undefined) {
    seed = parseSeed(values.seed);
  }
  const locale = values.locale === undefined ? config?.locale : checkLocale(values.locale, '--locale');
  const generatorVersion =
    values['generator-version'] === undefined
      ? config?.generatorVersion
      : parseGeneratorVersion(values['generator-version']);
  const nullRate =
    values['null-rate'] === undefined ? config?.nullRate : parseShare(values['null-rate'], '--null-rate');
  const jobs = values.jobs === undefined ? config?.jobs : wholeNumber(values.jobs, '--jobs', 1, 1024);
  return { seed, locale, generatorVersion, nullRate, jobs };
}

/**
 * The configuration file (--config, else datagen.yaml found from the working
 * directory) gives defaults; options on the command line win. A YAML schema
 * spec is its own configuration.
 */
function configOf(values: ParsedOptionValues, files: readonly string[]): DatagenConfig | undefined {
  const specFile = files.find(isSchemaSpec);
  if (specFile !== undefined && files.length > 1)
    throw badOption(
      `${specFile} is a YAML schema spec: give it alone (SQL its tables need goes under its ddl: key)`,
    );
  if (specFile !== undefined && values.config !== undefined)
    throw badOption(
      `${specFile} is a YAML schema spec and holds the run's settings itself: drop --config ${values.config}, or move its settings into the spec`,
    );
  return specFile !== undefined ? loadSpecConfig(specFile) : loadConfig(values.config, process.cwd());
}

/** psql's `--set NAME=VALUE` (repeatable) over the configuration's `vars:`; undefined when neither gives one. */
function variablesOf(values: ParsedOptionValues, config: DatagenConfig | undefined) {
  const variables: Record<string, string> = { ...config?.vars };
  for (const text of values.set ?? []) {
    const m = /^([^=\s:'"]+)=(.*)$/s.exec(text);
    if (m === null)
      throw badOption(
        `--set expects NAME=VALUE (a psql variable the DDL uses as :NAME, :'NAME' or :"NAME"), got "${text}"`,
      );
    variables[m[1] as string] = m[2] as string;
  }
  return Object.keys(variables).length === 0 ? undefined : variables;
}

/** -F (and its one-letter aliases), with the options only some formats take. */
function formatOf(values: ParsedOptionValues): OutputFormat {
  const formatText = values.format ?? 'plain';
  // pg_dump reads -F without regard to case (-F C, -F Custom).
  const format = FORMAT_ALIASES[formatText.trim().toLowerCase()];
  if (!format) {
    throw badOption(
      `unknown --format "${formatText}"; expected one of: ${OUTPUT_FORMATS.join(', ')} (or p, c, d, t)`,
    );
  }
  const archive = format === 'custom' || format === 'directory' || format === 'tar';
  if (!archive && values.list)
    throw badOption(`--list applies to the archive formats (-F c, -F d, -F t), not ${format}`);
  if (!archive && !TABLE_FILE_FORMATS.has(format) && values.compress !== undefined) {
    // pg_dump takes -Z 0 and -Z none with -F p as "no compression": so does datagen.
    if (format === 'plain' && noCompression(values.compress)) return format;
    throw badOption(
      format === 'plain'
        ? `--compress ${values.compress}: datagen writes the plain format uncompressed; it takes -Z 0 and -Z none there (no compression, as pg_dump reads them), nothing else. Pipe the script through gzip or zstd, or use an archive format (-F c, -F d)`
        : `--compress applies to the custom, directory, tar, csv, jsonl and parquet formats, not ${format}`,
    );
  }
  return format;
}

/** pg_dump's spellings of no compression: a level 0, `none`. */
function noCompression(text: string): boolean {
  return /^\s*(?:0|none)\s*$/i.test(text);
}

/** pg_dump's options that shape the output: INSERTs, ownership, sections, --clean/--create, selection. */
function scriptShapeOf(values: ParsedOptionValues, rowsPerInsert: number | undefined) {
  return {
    inserts: values.inserts === true || values['column-inserts'] === true || rowsPerInsert !== undefined,
    ...(rowsPerInsert === undefined ? {} : { rowsPerInsert }),
    noOwner: values['no-owner'] ?? false,
    dataOnly: values['data-only'] === true,
    schemaOnly: values['schema-only'] === true,
    noPrivileges: values['no-privileges'] === true,
    noComments: values['no-comments'] === true,
    noPublications: values['no-publications'] === true,
    noSubscriptions: values['no-subscriptions'] === true,
    noSecurityLabels: values['no-security-labels'] === true,
    clean: values.clean === true,
    ifExists: values['if-exists'] === true,
    create: values.create === true,
    disableTriggers: values['disable-triggers'] === true,
    selection: {
      schemas: values.schema ?? [],
      excludeSchemas: values['exclude-schema'] ?? [],
      tables: values.table ?? [],
      excludeTables: values['exclude-table'] ?? [],
    },
  };
}

export function parseGenerateOptions(
  argv: readonly string[],
  { readConfig = true }: { readonly readConfig?: boolean } = {},
): ParsedGenerateOptions {
  refuseMovedOptions(argv);
  refuseAbsentOptions(argv);
  const files: string[] = [];
  const values = parseArguments(argv, GENERATE_OPTIONS, files) as ParsedOptionValues;
  refuseSplitUnits(argv, files);
  refuseStdinTwice(files);
  refuseFileTwice(files);
  const connection = connectionOf(values);
  const config = readConfig ? configOf(values, files) : undefined;
  const counts = rowCountsOf(values, files, config);
  const { defaultRows, computedTables, template, scale, size } = counts;
  const ddlFiles = files;
  const format = formatOf(values);
  const { seed, locale, generatorVersion, nullRate, jobs } = runSettingsOf(values, config);
  const variables = variablesOf(values, config);
  const tableFiles = TABLE_FILE_FORMATS.has(format);
  const rowsPerInsert =
    values['rows-per-insert'] === undefined
      ? values.inserts
        ? config?.batchSize
        : undefined
      : wholeNumber(values['rows-per-insert'], '--rows-per-insert', 1, 1_000_000);
  checkCombinations(values, format);
  const { shard, chunkSize, resume } = tableFileOptions(values, format, isLoading(values));
  return {
    schema: template === undefined ? ddlFiles : [template.file],
    ...(template === undefined ? {} : { template }),
    ...(scale === undefined ? {} : { scale }),
    ...(size === undefined ? {} : { size }),
    ...(shard === undefined ? {} : { shard }),
    ...(chunkSize === undefined ? {} : { chunkSize }),
    resume,
    ...(defaultRows === undefined ? {} : { defaultRows }),
    tables: counts.rowCounts,
    ...(computedTables.length > 0 ? { computedTables } : {}),
    ...(config === undefined ? {} : { settings: config.tables }),
    ...(seed === undefined ? {} : { seed }),
    ...(locale === undefined ? {} : { locale }),
    ...(generatorVersion === undefined ? {} : { generatorVersion }),
    ...(variables === undefined ? {} : { variables }),
    format,
    file: values.file ?? '-',
    ...scriptShapeOf(values, rowsPerInsert),
    passwordPrompt: values.password ? 'always' : values['no-password'] ? 'never' : 'when-asked',
    verbose: values.verbose === true,
    ...(values.compress === undefined || format === 'plain'
      ? {}
      : tableFiles
        ? { fileCompression: parseFileCompression(values.compress, format) }
        : { compression: parseCompression(values.compress) }),
    ...(jobs === undefined ? {} : { workers: jobs }),
    ...(values.timestamp === undefined ? {} : { createdAt: parseTimestamp(values.timestamp) }),
    ...(values['archive-dbname'] === undefined ? {} : { dbname: values['archive-dbname'] }),
    ...(values.encoding === undefined ? {} : { encoding: values.encoding }),
    ...(connection === undefined ? {} : { connection }),
    fileGiven: values.file !== undefined,
    truncate: values.truncate === true,
    append: values.append === true,
    unloggedDuringLoad: values['unlogged-during-load'] === true,
    strict: values.strict === true,
    list: values.list ?? false,
    explain: values.explain ?? false,
    ...(values['reference-time'] === undefined
      ? {}
      : { referenceTime: parseTimestamp(values['reference-time'], '--reference-time') }),
    ...(nullRate === undefined ? {} : { nullRate }),
    quiet: values.quiet ?? false,
    progress: parseProgressMode(values.progress),
    json: values.json ?? false,
    help: values.help ?? false,
  };
}

/**
 * The configuration file, `.datagen.yaml` (found in the working directory, or
 * named with `--config FILE`): run settings a project keeps beside its
 * schema. Read with the `yaml` package keeping node positions, so every
 * mistake is reported at its `file:line:column`. The keys and their types
 * are published as a JSON Schema (schema/datagen-config.schema.json) for
 * editors; a test keeps the two in step.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Node, Scalar, YAMLMap } from 'yaml';
import { DatagenError, ErrorCodes, readErrorExitCode } from '../../errors.js';
import { GENERATOR_VERSION, isSeed, seedMessage } from '../../version.js';
import { readBounded } from '../bounded-read.js';
import { utf16Of } from '../text-encoding.js';
import {
  type ColumnConfig,
  type ForeignKeyConfig,
  readColumnConfig,
  readForeignKeyConfig,
} from './column-config.js';
import { type ConfigReader, MAX_YAML_CHARACTERS, readYaml } from './config-reader.js';
import { isLocale, LOCALES } from './locales.js';
import {
  SPEC_COLUMN_KEYS,
  SPEC_FOREIGN_KEY_KEYS,
  SPEC_KEYS,
  SPEC_TABLE_KEYS,
  specOrSqlError,
} from './schema-spec.js';
import { isMap, isScalar, isSeq } from './yaml-module.js';

/** The file looked for in the working directory when no `--config` is given. */
export const CONFIG_FILE_NAME = '.datagen.yaml';

export interface TableConfig {
  /** Rows to generate for this table. */
  readonly rows?: number;
  /** `rows: {per_parent: N, parent: T}`: N rows for each row of its parent table (rounded). */
  readonly rowsPerParent?: RowsPerParent;
  /** Generate no rows for this table (rows: 0). */
  readonly skip?: boolean;
  /** Keeps its rows under --size, which scales the other tables (a lookup; a template's fixed tables). */
  readonly fixed?: boolean;
  /** Per column, by name: the values it gets (see column-config.ts). */
  readonly columns?: Readonly<Record<string, ColumnConfig>>;
  /** Per foreign key, by constraint name or (first) column: children per parent row. */
  readonly foreignKeys?: Readonly<Record<string, ForeignKeyConfig>>;
  /** CHECK constraints datagen neither reads nor evaluates (the columns' configured values meet them), each at its place. */
  readonly trustChecks?: readonly { readonly name: string; readonly where: string }[];
  /** Where the table's entry is written (`file:line:column`), for errors about its name. */
  readonly where?: string;
}

/** A table's rows as a multiple of one parent table's (`rows: {per_parent: 2.5, parent: orders}`). */
export interface RowsPerParent {
  readonly perParent: number;
  /** The parent table as `--rows` names tables; omitted: the one table its foreign keys reference. */
  readonly parent?: string;
  /** Where `rows:` is written (`file:line:column`). */
  readonly where: string;
}

export interface DatagenConfig {
  /** The file it was read from. */
  readonly file: string;
  readonly seed?: number;
  readonly locale?: string;
  /** Rows per table unless a table says otherwise. */
  readonly rows?: number;
  /** Rows per INSERT statement with --inserts, as --rows-per-insert (`default_batch_size` is accepted too). */
  readonly batchSize?: number;
  /** Worker threads. */
  readonly jobs?: number;
  /** Probability of NULL in nullable columns outside keys. */
  readonly nullRate?: number;
  /** The generators' version the data was made with (see GENERATOR_VERSION). */
  readonly generatorVersion?: number;
  /** psql variables the DDL's `:name` uses, as `--set NAME=VALUE` (the command line's win). */
  readonly vars?: Readonly<Record<string, string>>;
  /** Per table, by name as `--rows` takes it (`orders` or `shop.orders`). */
  readonly tables: Readonly<Record<string, TableConfig>>;
}

export const CONFIG_KEYS: readonly string[] = [
  'seed',
  'locale',
  'rows',
  'batch_size',
  'default_batch_size',
  'jobs',
  'null_rate',
  'generator_version',
  'vars',
  'tables',
];
export const TABLE_CONFIG_KEYS: readonly string[] = [
  'rows',
  'skip',
  'fixed',
  'columns',
  'foreign_keys',
  'trust_checks',
];

function wholeNumber(reader: ConfigReader, node: Node | null, key: string, min: number, max: number): number {
  const value = isScalar(node) ? node.value : undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    const written = isScalar(node) ? String(node.source ?? node.value) : '';
    throw reader.error(node, `${key} expects a whole number from ${min} to ${max}, got "${written}"`);
  }
  return value;
}

/** `vars:` a map of psql variable names to their values (text, numbers and booleans as written). */
function psqlVariables(reader: ConfigReader, node: Node | null): Record<string, string> {
  if (!isMap(node))
    throw reader.error(node, 'vars expects a map of psql variable names to values (srid: 4326)');
  const out: Record<string, string> = {};
  for (const [name, , value] of reader.entries(node, null, 'vars')) {
    const scalar = isScalar(value) ? value.value : undefined;
    if (scalar === undefined || scalar === null || typeof scalar === 'object')
      throw reader.error(
        value,
        `vars.${name} expects a value (text or a number), as --set ${name}=VALUE takes`,
      );
    out[name] = isScalar(value) && typeof value.source === 'string' ? value.source : String(scalar);
  }
  return out;
}

/** `columns:` or `foreign_keys:` of a table: a map of names to settings. */
function namedEntries<T>(
  reader: ConfigReader,
  node: Node | null,
  what: string,
  read: (reader: ConfigReader, node: Node | null, what: string) => T,
): Record<string, T> {
  if (!isMap(node)) throw reader.error(node, `${what} expects a map of names`);
  const out: Record<string, T> = {};
  for (const [name, , value] of reader.entries(node, null, what))
    out[name] = read(reader, value, `${what}.${name}`);
  return out;
}

/** `trust_checks:` a list of constraint names, each with its place. */
function constraintNames(
  reader: ConfigReader,
  node: Node | null,
  what: string,
): { readonly name: string; readonly where: string }[] {
  if (!isSeq(node)) throw reader.error(node, `${what} expects a list of CHECK constraint names`);
  return node.items.map((item) => {
    const name = isScalar(item) ? item.value : undefined;
    if (typeof name !== 'string' || name === '')
      throw reader.error(item as Node, `${what} expects CHECK constraint names (text)`);
    return { name, where: reader.where(item as Node) };
  });
}

/** A schema spec's columns: their steering settings only (a column with none has no entry). */
function specColumns(reader: ConfigReader, node: Node | null, what: string): Record<string, ColumnConfig> {
  // `unique` is a UNIQUE constraint in a spec, not a steering setting.
  const specKeys = [...SPEC_COLUMN_KEYS, 'unique'];
  const columns = namedEntries(reader, node, what, (r, n, w) =>
    // `name: text` (the type alone) has no settings; other shapes are the spec's to refuse (spec-tables.ts).
    isMap(n) ? readColumnConfig(r, n, w, specKeys) : { where: r.where(n), at: {} },
  );
  return Object.fromEntries(
    Object.entries(columns).filter(([, column]) => Object.keys(column.at).length > 0),
  );
}

/** `rows: {per_parent: N, parent: T}`. */
function rowsPerParent(reader: ConfigReader, node: YAMLMap, what: string): RowsPerParent {
  let perParent: number | undefined;
  let parent: string | undefined;
  for (const [key, , value] of reader.entries(node, ['per_parent', 'parent'], what)) {
    const v = isScalar(value) ? value.value : undefined;
    if (key === 'per_parent') {
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1_000_000)
        throw reader.error(
          value,
          `${what}.per_parent expects a number of rows per parent row, from 0 to 1000000`,
        );
      perParent = v;
    } else {
      if (typeof v !== 'string' || v === '')
        throw reader.error(value, `${what}.parent expects a table name (orders or shop.orders)`);
      parent = v;
    }
  }
  if (perParent === undefined)
    throw reader.error(node, `${what} expects a whole number, or {per_parent: N} (N rows per parent row)`);
  return { perParent, ...(parent === undefined ? {} : { parent }), where: reader.where(node) };
}

function tableConfig(reader: ConfigReader, name: string, node: Node | null, spec: boolean): TableConfig {
  const keys = spec ? [...TABLE_CONFIG_KEYS, ...SPEC_TABLE_KEYS] : TABLE_CONFIG_KEYS;
  if (!isMap(node)) throw reader.error(node, `tables.${name} expects a map (${keys.join(', ')})`);
  let config: TableConfig = { where: reader.where(node) };
  for (const [key, , value] of reader.entries(node, keys, `tables.${name}`)) {
    if (SPEC_TABLE_KEYS.includes(key)) continue; // the schema spec's (schema-spec.ts)
    if (key === 'columns' && spec)
      config = { ...config, columns: specColumns(reader, value, `tables.${name}.columns`) };
    else if (key === 'rows')
      config = isMap(value)
        ? { ...config, rowsPerParent: rowsPerParent(reader, value, `tables.${name}.rows`) }
        : { ...config, rows: wholeNumber(reader, value, `tables.${name}.rows`, 0, 2 ** 52) };
    else if (key === 'columns')
      config = {
        ...config,
        columns: namedEntries(reader, value, `tables.${name}.columns`, readColumnConfig),
      };
    else if (key === 'foreign_keys') {
      const what = `tables.${name}.foreign_keys`;
      const specKeys = spec ? SPEC_FOREIGN_KEY_KEYS : [];
      const read = (r: ConfigReader, n: Node | null, w: string) => readForeignKeyConfig(r, n, w, specKeys);
      config = { ...config, foreignKeys: namedEntries(reader, value, what, read) };
    } else if (key === 'trust_checks') {
      config = { ...config, trustChecks: constraintNames(reader, value, `tables.${name}.trust_checks`) };
    } else {
      const flag = isScalar(value) ? value.value : undefined;
      if (typeof flag !== 'boolean') throw reader.error(value, `tables.${name}.${key} expects true or false`);
      config = key === 'fixed' ? { ...config, fixed: flag } : { ...config, skip: flag };
    }
  }
  return config;
}

/**
 * Reads configuration text (`file` names it in errors).
 *
 * @example parseConfig('seed: 7\ntables:\n  orders: { rows: 500 }\n', '.datagen.yaml')
 * // { file: '.datagen.yaml', seed: 7, tables: { orders: { rows: 500 } } }
 */
export function parseConfig(
  text: string,
  file: string,
  { spec = false }: { readonly spec?: boolean } = {},
): DatagenConfig {
  const { doc, reader } = readYaml(text, file);
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return { file, tables: {} };
  if (!isMap(root)) throw reader.error(root, 'the configuration is a map of keys (seed, rows, tables…)');
  let config: DatagenConfig = { file, tables: {} };
  const keys = spec ? [...CONFIG_KEYS, ...SPEC_KEYS] : CONFIG_KEYS;
  for (const [key, keyNode, value] of reader.entries(
    root,
    keys,
    spec ? 'the schema spec' : 'the configuration',
  )) {
    if (SPEC_KEYS.includes(key)) continue; // the schema spec's (schema-spec.ts)
    switch (key) {
      case 'seed':
        if (!isSeed(isScalar(value) ? value.value : undefined)) {
          const written = isScalar(value) ? value.value : undefined;
          const quoted =
            typeof written === 'string' && /^\d+$/.test(written)
              ? ' (a string: write it without quotes)'
              : '';
          throw reader.error(value, `${seedMessage(key, written ?? '')}${quoted}`);
        }
        config = { ...config, seed: (value as Scalar<number>).value };
        break;
      case 'rows':
        config = { ...config, rows: wholeNumber(reader, value, key, 0, 2 ** 52) };
        break;
      case 'batch_size':
      case 'default_batch_size':
        if (config.batchSize !== undefined) {
          throw reader.error(keyNode, 'give batch_size or default_batch_size, not both');
        }
        config = { ...config, batchSize: wholeNumber(reader, value, key, 1, 1_000_000) };
        break;
      case 'jobs':
        config = { ...config, jobs: wholeNumber(reader, value, key, 1, 1024) };
        break;
      case 'null_rate': {
        const rate = isScalar(value) ? value.value : undefined;
        if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1)) {
          throw reader.error(value, 'null_rate expects a number from 0 to 1');
        }
        config = { ...config, nullRate: rate };
        break;
      }
      case 'generator_version': {
        const version = wholeNumber(reader, value, key, 1, 2 ** 31);
        if (version > GENERATOR_VERSION) {
          throw reader.error(
            value,
            `generator_version ${version} is newer than this datagen's generators (version ${GENERATOR_VERSION}); upgrade datagen to generate this data`,
          );
        }
        config = { ...config, generatorVersion: version };
        break;
      }
      case 'locale': {
        const locale = isScalar(value) ? value.value : undefined;
        if (!isLocale(locale)) {
          throw reader.error(
            value,
            `locale ${JSON.stringify(locale)} is not available; datagen has: ${LOCALES.join(', ')}`,
          );
        }
        config = { ...config, locale };
        break;
      }
      case 'vars':
        config = { ...config, vars: psqlVariables(reader, value) };
        break;
      default: {
        // `tables:` with only comments under it (as `datagen init` writes it) sets nothing.
        if (value === null || (isScalar(value) && value.value === null)) break;
        if (!isMap(value)) throw reader.error(value, 'tables expects a map of table names');
        const tables: Record<string, TableConfig> = {};
        for (const [name, , tableNode] of reader.entries(value, null, 'tables')) {
          tables[name] = tableConfig(reader, name, tableNode, spec);
        }
        config = { ...config, tables };
      }
    }
  }
  return config;
}

/** Why a YAML file could not be read, in words (a directory, no permission), not Node's error text. */
function unreadableReason(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory; give the YAML file';
  if (code === 'EACCES' || code === 'EPERM')
    return 'permission denied (the file, or a directory above it); run as a user who can read it, or copy it where you can';
  if (code === 'ENDLESS_DEVICE') return `${message}; give the YAML file`;
  if (code === 'TOO_LARGE') return `${message}; is it the right file?`;
  return message;
}

/** A YAML file's text: UTF-8, or UTF-16 as Windows editors save "Unicode" (its BOM dropped), as a DDL file is read. */
function yamlText(bytes: Buffer): string {
  const utf16 = utf16Of(bytes);
  return utf16 === null ? bytes.toString('utf8') : new TextDecoder(utf16).decode(bytes);
}

/**
 * The configuration of a run: the file `--config` names (it must exist),
 * else `.datagen.yaml` in `cwd` when there is one, else undefined.
 */
export function loadConfig(configPath: string | undefined, cwd: string): DatagenConfig | undefined {
  const file = configPath ?? join(cwd, CONFIG_FILE_NAME);
  if (configPath === undefined && !existsSync(file)) return undefined;
  let text: string;
  try {
    text = yamlText(readBounded(file, 2 * MAX_YAML_CHARACTERS, 'a YAML file'));
  } catch (error) {
    const reason = unreadableReason(error);
    throw new DatagenError(
      ErrorCodes.BAD_OPTION,
      `--config ${file}: ${reason}`,
      { file },
      { cause: error, exitCode: readErrorExitCode((error as NodeJS.ErrnoException).code) },
    );
  }
  return parseConfig(text, configPath ?? CONFIG_FILE_NAME);
}

/** The settings of a YAML schema spec (schema-spec.ts), which is the run's configuration too. */
export function loadSpecConfig(file: string): DatagenConfig {
  let text: string;
  try {
    text = yamlText(readBounded(file, 2 * MAX_YAML_CHARACTERS, 'a YAML file'));
  } catch (error) {
    const reason = unreadableReason(error);
    throw new DatagenError(
      ErrorCodes.IO,
      `cannot read schema file ${file}: ${reason}`,
      { file },
      { cause: error, exitCode: readErrorExitCode((error as NodeJS.ErrnoException).code) },
    );
  }
  try {
    return parseConfig(text, file, { spec: true });
  } catch (error) {
    throw specOrSqlError(error, text, file);
  }
}

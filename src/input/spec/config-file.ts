/**
 * The configuration file, `.datagen.yaml` (found in the working directory, or
 * named with `--config FILE`): run settings a project keeps beside its
 * schema. Read with the `yaml` package keeping node positions, so every
 * mistake is reported at its `file:line:column`. The keys and their types
 * are published as a JSON Schema (schema/datagen-config.schema.json) for
 * editors; a test keeps the two in step.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isScalar, LineCounter, type Node, parseDocument, type YAMLMap } from 'yaml';
import { DatagenError, ErrorCodes, formatLocation } from '../../errors.js';

/** The file looked for in the working directory when no `--config` is given. */
export const CONFIG_FILE_NAME = '.datagen.yaml';

/** Locales datagen has dictionaries for. */
export const CONFIG_LOCALES: readonly string[] = ['en'];

export interface TableConfig {
  /** Rows to generate for this table. */
  readonly rows?: number;
  /** Generate no rows for this table (rows: 0). */
  readonly skip?: boolean;
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
  'tables',
];
export const TABLE_CONFIG_KEYS: readonly string[] = ['rows', 'skip'];

interface Reader {
  readonly file: string;
  readonly lines: LineCounter;
}

function configError(reader: Reader, node: Node | null | undefined, message: string): DatagenError {
  const offset = node?.range?.[0] ?? 0;
  const { line, col } = reader.lines.linePos(offset);
  const where = formatLocation({ file: reader.file, line, column: col });
  return new DatagenError(ErrorCodes.BAD_OPTION, `${where}: ${message}`, {
    file: reader.file,
    line,
    column: col,
  });
}

/** A map's entries as [key text, key node, value node], refusing keys not in `allowed`. */
function entries(
  reader: Reader,
  map: YAMLMap,
  allowed: readonly string[] | null,
  what: string,
): [string, Node, Node | null][] {
  return map.items.map((pair) => {
    const key = pair.key as Node;
    const name = isScalar(key) ? String(key.value) : '';
    if (allowed !== null && !allowed.includes(name)) {
      throw configError(reader, key, `unknown key "${name}" in ${what}; the keys are: ${allowed.join(', ')}`);
    }
    return [name, key, (pair.value as Node | null) ?? null];
  });
}

function wholeNumber(reader: Reader, node: Node | null, key: string, min: number, max: number): number {
  const value = isScalar(node) ? node.value : undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw configError(reader, node, `${key} expects a whole number from ${min} to ${max}`);
  }
  return value;
}

function tableConfig(reader: Reader, name: string, node: Node | null): TableConfig {
  if (!isMap(node)) throw configError(reader, node, `tables.${name} expects a map (rows, skip)`);
  let config: TableConfig = {};
  for (const [key, , value] of entries(reader, node, TABLE_CONFIG_KEYS, `tables.${name}`)) {
    if (key === 'rows')
      config = { ...config, rows: wholeNumber(reader, value, `tables.${name}.rows`, 0, 2 ** 52) };
    else {
      const flag = isScalar(value) ? value.value : undefined;
      if (typeof flag !== 'boolean')
        throw configError(reader, value, `tables.${name}.skip expects true or false`);
      config = { ...config, skip: flag };
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
export function parseConfig(text: string, file: string): DatagenConfig {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const reader: Reader = { file, lines };
  const [syntax] = doc.errors;
  if (syntax) {
    const { line, col } = lines.linePos(syntax.pos[0]);
    const where = formatLocation({ file, line, column: col });
    throw new DatagenError(ErrorCodes.BAD_OPTION, `${where}: ${syntax.message.split('\n')[0]}`, {
      file,
      line,
      column: col,
    });
  }
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return { file, tables: {} };
  if (!isMap(root))
    throw configError(reader, root, 'the configuration is a map of keys (seed, rows, tables…)');
  let config: DatagenConfig = { file, tables: {} };
  for (const [key, keyNode, value] of entries(reader, root, CONFIG_KEYS, 'the configuration')) {
    switch (key) {
      case 'seed':
        config = { ...config, seed: wholeNumber(reader, value, key, 0, 0xffffffff) };
        break;
      case 'rows':
        config = { ...config, rows: wholeNumber(reader, value, key, 0, 2 ** 52) };
        break;
      case 'batch_size':
      case 'default_batch_size':
        if (config.batchSize !== undefined) {
          throw configError(reader, keyNode, 'give batch_size or default_batch_size, not both');
        }
        config = { ...config, batchSize: wholeNumber(reader, value, key, 1, 1_000_000) };
        break;
      case 'jobs':
        config = { ...config, jobs: wholeNumber(reader, value, key, 1, 1024) };
        break;
      case 'null_rate': {
        const rate = isScalar(value) ? value.value : undefined;
        if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1)) {
          throw configError(reader, value, 'null_rate expects a number from 0 to 1');
        }
        config = { ...config, nullRate: rate };
        break;
      }
      case 'locale': {
        const locale = isScalar(value) ? value.value : undefined;
        if (typeof locale !== 'string' || !CONFIG_LOCALES.includes(locale)) {
          throw configError(
            reader,
            value,
            `locale ${JSON.stringify(locale)} is not available; datagen has: ${CONFIG_LOCALES.join(', ')}`,
          );
        }
        config = { ...config, locale };
        break;
      }
      default: {
        // `tables:` with only comments under it (as `datagen init` writes it) sets nothing.
        if (value === null || (isScalar(value) && value.value === null)) break;
        if (!isMap(value)) throw configError(reader, value, 'tables expects a map of table names');
        const tables: Record<string, TableConfig> = {};
        for (const [name, , tableNode] of entries(reader, value, null, 'tables')) {
          tables[name] = tableConfig(reader, name, tableNode);
        }
        config = { ...config, tables };
      }
    }
  }
  return config;
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
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error);
    throw new DatagenError(ErrorCodes.BAD_OPTION, `--config ${file}: ${reason}`, { file }, { cause: error });
  }
  return parseConfig(text, configPath ?? CONFIG_FILE_NAME);
}

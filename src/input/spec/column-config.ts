/**
 * The per-column and per-foreign-key parts of `.datagen.yaml`
 * (`tables: {orders: {columns: {status: {...}}, foreign_keys: {...}}}`): read
 * with every key's `file:line:column` kept, so the planner, which checks them
 * against the schema and its constraints, reports a conflict at its place.
 */
import type { Node } from 'yaml';
import type { ConfigReader } from './config-reader.js';
import { isMap, isScalar, isSeq } from './yaml-module.js';

/** How drawn values spread over a column's range (or its `values` list, in order). */
export type Distribution =
  | { readonly kind: 'uniform' }
  | { readonly kind: 'sequential' }
  | { readonly kind: 'normal'; readonly mean?: number | string; readonly stddev?: number }
  | { readonly kind: 'lognormal'; readonly median?: number; readonly sigma?: number }
  | { readonly kind: 'zipf'; readonly s: number };

export const DISTRIBUTIONS: readonly Distribution['kind'][] = [
  'uniform',
  'normal',
  'lognormal',
  'zipf',
  'sequential',
];

export const COLUMN_CONFIG_KEYS = [
  'generator',
  'values',
  'weights',
  'distribution',
  'min',
  'max',
  'null_rate',
  'template',
  'unique',
  'sql',
] as const;
export type ColumnConfigKey = (typeof COLUMN_CONFIG_KEYS)[number];

export interface ColumnConfig {
  /** Where the column's entry and each of its keys are written (`file:line:column`), for errors. */
  readonly where: string;
  readonly at: Readonly<Partial<Record<ColumnConfigKey, string>>>;
  /** A generator name as `datagen plan` shows it (`email`, `first_name`, `lorem`, `uuid`…). */
  readonly generator?: string;
  /** The values to draw from (text forms, as PostgreSQL reads them). */
  readonly values?: readonly string[];
  /** Relative weights of `values`, one per value. */
  readonly weights?: readonly number[];
  readonly distribution?: Distribution;
  /** Bounds: a number, or a date/timestamp as text. */
  readonly min?: number | string;
  readonly max?: number | string;
  readonly nullRate?: number;
  /** `ORD-{row:06}`, `{first_name}.{last_name}@example.com` (`{{…}}` too). */
  readonly template?: string;
  readonly unique?: boolean;
  /** A constant SQL expression (`now() - interval '1 day'`), evaluated once by the planner into `values`. */
  readonly sql?: string;
  /** `values` are the rows a DDL INSERT records in a migration tool's history table (plan/recorded-rows.ts), not a setting. */
  readonly recorded?: boolean;
}

/** Children per parent row of a foreign key. */
export type PerParent =
  | { readonly kind: 'range'; readonly min: number; readonly max: number }
  | { readonly kind: 'zipf'; readonly s: number };

export interface ForeignKeyConfig {
  readonly where: string;
  readonly perParent?: PerParent;
  /** The share of parent rows that get no children. */
  readonly shareWithoutChildren?: number;
}

export const FOREIGN_KEY_CONFIG_KEYS: readonly string[] = ['per_parent', 'share_without_children'];

function scalar(node: Node | null): unknown {
  return isScalar(node) ? node.value : undefined;
}

function numberAt(reader: ConfigReader, node: Node | null, key: string, min: number, max: number): number {
  const value = scalar(node);
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw reader.error(node, `${key} expects a number from ${min} to ${max}`);
  }
  return value;
}

/** A bound or value as text: numbers as written, dates and other text as is. */
function boundAt(reader: ConfigReader, node: Node | null, key: string): number | string {
  const value = scalar(node);
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '') return value;
  throw reader.error(node, `${key} expects a number or a date/timestamp ('2024-01-31')`);
}

function distributionAt(reader: ConfigReader, node: Node | null, key: string): Distribution {
  const known = `one of ${DISTRIBUTIONS.join(', ')}`;
  let name: unknown = scalar(node);
  let params: Node | null = null;
  if (isMap(node)) {
    // `{normal: {mean: 50, stddev: 10}}`: the distribution's name and its parameters.
    const [pair] = node.items;
    if (node.items.length !== 1 || !pair) throw reader.error(node, `${key} expects ${known}`);
    name = scalar(pair.key as Node);
    params = (pair.value as Node | null) ?? null;
  }
  if (typeof name !== 'string' || !(DISTRIBUTIONS as readonly string[]).includes(name)) {
    throw reader.error(node, `${key} expects ${known} (parameters as {normal: {mean: 50, stddev: 10}})`);
  }
  const allowed: Record<string, readonly string[]> = {
    uniform: [],
    sequential: [],
    normal: ['mean', 'stddev'],
    lognormal: ['median', 'sigma'],
    zipf: ['s'],
  };
  const values: Record<string, Node | null> = {};
  if (params !== null && !(isScalar(params) && params.value === null)) {
    if (!isMap(params)) throw reader.error(params, `${key}.${name} expects a map of its parameters`);
    for (const [param, , value] of reader.entries(params, allowed[name] ?? [], `${key}.${name}`)) {
      values[param] = value;
    }
  }
  const has = (p: string) => p in values;
  const at = (p: string) => values[p] ?? null;
  switch (name) {
    case 'normal':
      return {
        kind: 'normal',
        ...(has('mean') ? { mean: boundAt(reader, at('mean'), `${key}.normal.mean`) } : {}),
        ...(has('stddev') ? { stddev: numberAt(reader, at('stddev'), `${key}.normal.stddev`, 0, 1e15) } : {}),
      };
    case 'lognormal':
      return {
        kind: 'lognormal',
        ...(has('median')
          ? { median: numberAt(reader, at('median'), `${key}.lognormal.median`, 1e-9, 1e15) }
          : {}),
        ...(has('sigma') ? { sigma: numberAt(reader, at('sigma'), `${key}.lognormal.sigma`, 0, 10) } : {}),
      };
    case 'zipf':
      return { kind: 'zipf', s: has('s') ? numberAt(reader, at('s'), `${key}.zipf.s`, 0.01, 10) : 1.1 };
    case 'sequential':
      return { kind: 'sequential' };
    default:
      return { kind: 'uniform' };
  }
}

function valuesAt(reader: ConfigReader, node: Node | null, key: string): string[] {
  if (!isSeq(node) || node.items.length === 0) throw reader.error(node, `${key} expects a non-empty list`);
  return node.items.map((item) => {
    const value = scalar(item as Node);
    if (typeof value === 'string' || typeof value === 'boolean') return String(value);
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    throw reader.error(
      item as Node,
      `${key} holds text, numbers or booleans (for NULLs use null_rate), got ${isSeq(item) ? 'a list' : isMap(item) ? 'a map' : JSON.stringify(value)}`,
    );
  });
}

/** One column's settings. */
export function readColumnConfig(
  reader: ConfigReader,
  node: Node | null,
  what: string,
  specKeys: readonly string[] = [],
): ColumnConfig {
  if (!isMap(node)) throw reader.error(node, `${what} expects a map (${COLUMN_CONFIG_KEYS.join(', ')})`);
  const at: Partial<Record<ColumnConfigKey, string>> = {};
  let config: ColumnConfig = { where: reader.where(node), at };
  for (const [key, , value] of reader.entries(
    node,
    [...new Set([...COLUMN_CONFIG_KEYS, ...specKeys])],
    what,
  )) {
    if (specKeys.includes(key)) continue; // the schema spec's (schema-spec.ts)
    const name = `${what}.${key}`;
    at[key as ColumnConfigKey] = reader.where(value);
    switch (key as ColumnConfigKey) {
      case 'generator': {
        const text = scalar(value);
        if (typeof text !== 'string' || text === '')
          throw reader.error(value, `${name} expects a generator name`);
        config = { ...config, generator: text };
        break;
      }
      case 'values':
        config = { ...config, values: valuesAt(reader, value, name) };
        break;
      case 'weights': {
        if (!isSeq(value)) throw reader.error(value, `${name} expects a list of numbers`);
        const weights = value.items.map((w) => numberAt(reader, w as Node, name, 0, 1e15));
        config = { ...config, weights };
        break;
      }
      case 'distribution':
        config = { ...config, distribution: distributionAt(reader, value, name) };
        break;
      case 'min':
        config = { ...config, min: boundAt(reader, value, name) };
        break;
      case 'max':
        config = { ...config, max: boundAt(reader, value, name) };
        break;
      case 'null_rate':
        config = { ...config, nullRate: numberAt(reader, value, name, 0, 1) };
        break;
      case 'template': {
        const text = scalar(value);
        if (typeof text !== 'string' || text === '') throw reader.error(value, `${name} expects text`);
        config = { ...config, template: text };
        break;
      }
      case 'sql': {
        const text = scalar(value);
        if (typeof text !== 'string' || text.trim() === '')
          throw reader.error(value, `${name} expects a SQL expression as text ("now() - interval '1 day'")`);
        config = { ...config, sql: text };
        break;
      }
      case 'unique': {
        const flag = scalar(value);
        if (typeof flag !== 'boolean') throw reader.error(value, `${name} expects true or false`);
        config = { ...config, unique: flag };
        break;
      }
    }
  }
  const exclusive = (['generator', 'values', 'template', 'sql'] as const).filter(
    (k) => config[k] !== undefined,
  );
  if (exclusive.length > 1) {
    throw reader.error(
      node,
      `${what}: give one of generator, values, template and sql, not ${exclusive.join(' and ')}`,
    );
  }
  const ranged = (['weights', 'distribution', 'min', 'max'] as const).find((k) => config[k] !== undefined);
  if (config.sql !== undefined && ranged !== undefined) {
    throw reader.error(node, `${what}: sql gives one constant value; ${ranged} does not apply to it`);
  }
  if (config.weights !== undefined) {
    if (config.values === undefined) throw reader.error(node, `${what}.weights needs values to weigh`);
    if (config.weights.length !== config.values.length || !config.weights.some((w) => w > 0)) {
      throw reader.error(
        node,
        `${what}.weights needs one weight per value (${config.values.length}), not all zero; got ${config.weights.length}`,
      );
    }
  }
  return config;
}

/** One foreign key's fan-out. */
export function readForeignKeyConfig(
  reader: ConfigReader,
  node: Node | null,
  what: string,
  specKeys: readonly string[] = [],
): ForeignKeyConfig {
  if (!isMap(node)) throw reader.error(node, `${what} expects a map (${FOREIGN_KEY_CONFIG_KEYS.join(', ')})`);
  let config: ForeignKeyConfig = { where: reader.where(node) };
  for (const [key, , value] of reader.entries(node, [...FOREIGN_KEY_CONFIG_KEYS, ...specKeys], what)) {
    if (specKeys.includes(key)) continue; // the schema spec's (schema-spec.ts)
    if (key === 'share_without_children') {
      config = { ...config, shareWithoutChildren: numberAt(reader, value, `${what}.${key}`, 0, 0.99) };
      continue;
    }
    if (!isMap(value)) {
      throw reader.error(
        value,
        `${what}.per_parent expects {min: 0, max: 5} or {distribution: zipf, s: 1.2}`,
      );
    }
    const fields: Record<string, Node | null> = {};
    for (const [k, , v] of reader.entries(value, ['min', 'max', 'distribution', 's'], `${what}.per_parent`)) {
      fields[k] = v;
    }
    const where = `${what}.per_parent`;
    if ('distribution' in fields) {
      if (scalar(fields.distribution ?? null) !== 'zipf' || 'min' in fields || 'max' in fields) {
        throw reader.error(value, `${where} expects {min: 0, max: 5} or {distribution: zipf, s: 1.2}`);
      }
      const s = 's' in fields ? numberAt(reader, fields.s ?? null, `${where}.s`, 0.01, 10) : 1.2;
      config = { ...config, perParent: { kind: 'zipf', s } };
    } else {
      if (!('min' in fields) || !('max' in fields) || 's' in fields) {
        throw reader.error(value, `${where} expects {min: 0, max: 5} or {distribution: zipf, s: 1.2}`);
      }
      const min = numberAt(reader, fields.min ?? null, `${where}.min`, 0, 1e9);
      const max = numberAt(reader, fields.max ?? null, `${where}.max`, 0, 1e9);
      if (!Number.isInteger(min) || !Number.isInteger(max) || min > max) {
        throw reader.error(value, `${where} expects whole numbers with min <= max, got ${min}..${max}`);
      }
      config = { ...config, perParent: { kind: 'range', min, max } };
    }
  }
  return config;
}

/**
 * Version 3: the bookkeeping tables of Rails (and the tools that copy it):
 * `schema_migrations.version` holds a migration's 14-digit timestamp
 * (`20240312101500`), unique and, as a unique key, increasing with the row;
 * `ar_internal_metadata` holds `environment` → `production` (Rails' own
 * row) and `schema_sha1` → the schema file's SHA-1 in hex, then settings.
 */
import { daysFromCivil, formatTimestamp, SECONDS_PER_DAY } from '../../checks/calendar.js';
import type { Column, Table } from '../../schema/model.js';
import { nameTokens } from './column-names.js';
import {
  type SemanticBuild,
  type SemanticGenerator,
  siblingOfKind,
  siblingReader,
} from './semantic-generator.js';
import { cut } from './text-fit.js';
import { numberedDictionary } from './text-unique.js';
import type { SemanticUniqueGenerator } from './unique-digits.js';

/** Whether the column is Rails' `schema_migrations.version`. */
export function isMigrationVersion(table: Table, column: Column): boolean {
  return nameTokens(table.name).join('_') === 'schema_migrations' && column.name.toLowerCase() === 'version';
}

// Not time-values.ts' constants: that module reads detect-semantic.ts, which reads this one.
/** The first migration: 2016-01-01 (ten years before the reference date, 2026-01-01). */
const FIRST_SECONDS = daysFromCivil(2016, 1, 1) * SECONDS_PER_DAY;
/** Migrations not in a key: the five years before the reference date. */
const CREATED_FIRST_DAY = daysFromCivil(2021, 1, 1);
const REFERENCE_DAY = daysFromCivil(2026, 1, 1);
/** Scale of the spread: 20 migrations span about half a year, 10,000 about eight years. */
const SPREAD = 5e7;
const KNEE = 50;

/** `2024-03-12 10:15:00` → `20240312101500`. */
function digitsOf(seconds: number): string {
  return formatTimestamp(seconds).replace(/[^0-9]/g, '');
}

/**
 * The k-th migration's timestamp: strictly increasing in k (the log term
 * never falls, the `k` term always rises), dense in the first years and
 * sparser later, as an application's history is; past 2026 only beyond
 * about 20,000 migrations.
 */
function migrationSeconds(k: number): number {
  return FIRST_SECONDS + Math.floor(SPREAD * Math.log1p(k / KNEE)) + 47 * k;
}

/** Unique migration versions, increasing with k: taken in row order (see `inRowOrder`). */
export function migrationVersionUnique(): SemanticUniqueGenerator {
  return { space: 2 ** 31, dense: true, inRowOrder: true, value: (k) => digitsOf(migrationSeconds(k)) };
}

/** A migration's timestamp when the column is not unique: any moment of the created window. */
export function createMigrationVersionGenerator(build: SemanticBuild): SemanticGenerator {
  const first = CREATED_FIRST_DAY * SECONDS_PER_DAY;
  const span = (REFERENCE_DAY - CREATED_FIRST_DAY) * SECONDS_PER_DAY;
  // Fourteen digits, or the type's length of them (a `varchar(8)` keeps the date).
  const max = Math.min(14, build.maxLength);
  return { escapeFree: true, random: (rand) => digitsOf(first + rand.below(span)).slice(0, max) };
}

/** `ar_internal_metadata`'s key or value column, or null. */
export function railsMetadataKind(table: Table, column: Column): 'metadata_key' | 'metadata_value' | null {
  if (nameTokens(table.name).join('_') !== 'ar_internal_metadata') return null;
  const name = column.name.toLowerCase();
  return name === 'key' ? 'metadata_key' : name === 'value' ? 'metadata_value' : null;
}

/** Rails' keys first, then settings an application keeps beside them. */
const METADATA_KEYS = [
  'environment',
  'schema_sha1',
  'schema_version',
  'app_version',
  'maintenance_mode',
  'installed_at',
  'last_backup_at',
  'data_version',
  'default_locale',
  'time_zone',
  'feature_flags',
  'cache_version',
  'search_index_version',
  'seed_version',
  'deploy_revision',
  'license_key',
];

/** Unique keys in row order: `environment`, `schema_sha1`, then settings (numbered past the list). */
export function metadataKeyUnique(max: number): SemanticUniqueGenerator | null {
  const settings = numberedDictionary(METADATA_KEYS.slice(2), max);
  if (settings === null || max < 11) return null;
  return {
    space: settings.space + 2,
    dense: true,
    inRowOrder: true,
    value: (k) => (k === 0 ? 'environment' : k === 1 ? 'schema_sha1' : settings.value(k - 2)),
  };
}

/** A key when the column is not unique: mostly Rails' own two. */
export function createMetadataKeyGenerator(build: SemanticBuild): SemanticGenerator {
  const max = build.maxLength;
  const keys = METADATA_KEYS.filter((k) => k.length <= max);
  if (keys.length === 0) return { escapeFree: true, random: () => cut('env', max) };
  return {
    escapeFree: true,
    random: (rand) => (rand.chance(0.7) ? (keys[0] as string) : (keys[rand.below(keys.length)] as string)),
  };
}

const ENVIRONMENTS = ['production', 'production', 'production', 'staging', 'development', 'test'];
const HEX = '0123456789abcdef';

/** The value the row's key asks for: an environment name, a SHA-1, a version, a flag, a time. */
export function createMetadataValueGenerator(build: SemanticBuild): SemanticGenerator {
  const keyColumn = siblingOfKind(build, 'metadata_key');
  const readKey = keyColumn === null ? null : siblingReader(build.ctx, keyColumn);
  const max = build.maxLength;
  const span = (REFERENCE_DAY - CREATED_FIRST_DAY) * SECONDS_PER_DAY;
  const sha1 = (rand: { below(n: number): number }) => {
    let s = '';
    for (let i = 0; i < 40; i++) s += HEX[rand.below(16)];
    return s;
  };
  return {
    escapeFree: true,
    random(rand, row) {
      const key = readKey?.(row);
      const base = typeof key === 'string' ? key.replace(/ \d+$/, '') : 'environment';
      let value: string;
      if (base === 'environment') value = rand.pick(ENVIRONMENTS);
      else if (base === 'schema_sha1' || base === 'deploy_revision' || base === 'license_key')
        value = sha1(rand);
      else if (base.endsWith('_at'))
        value = formatTimestamp(CREATED_FIRST_DAY * SECONDS_PER_DAY + rand.below(span));
      else if (base === 'maintenance_mode') value = rand.chance(0.9) ? 'false' : 'true';
      else if (base === 'default_locale') value = rand.pick(['en', 'en', 'de', 'fr', 'es']);
      else if (base === 'time_zone') value = rand.pick(['UTC', 'UTC', 'America/New_York', 'Europe/Berlin']);
      else value = `${1 + rand.below(9)}.${rand.below(20)}.${rand.below(10)}`;
      return cut(value, max);
    },
  };
}

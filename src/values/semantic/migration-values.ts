/**
 * Version 3: the bookkeeping tables of Rails (and the tools that copy it):
 * `schema_migrations.version` holds a migration's 14-digit timestamp
 * (`20240312101500`), unique and, as a unique key, increasing with the row.
 */
import { daysFromCivil, formatTimestamp, SECONDS_PER_DAY } from '../../checks/calendar.js';
import type { Column, Table } from '../../schema/model.js';
import { nameTokens } from './column-names.js';
import type { SemanticBuild, SemanticGenerator } from './semantic-generator.js';
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

/**
 * Names version 19 reads (version-nineteen-values.ts makes their values):
 * - a balance (`balance`, `available_balance`, `balance_cents`): money of its
 *   usual scale, negative in some rows where the type is signed and no CHECK
 *   of the table names the column (were all positive);
 * - a `nationality` beside a country column: that country in most rows,
 *   another in some (was the address's home country in every row);
 * - a package build's `arch` (`x86_64`, `noarch`, `aarch64`), its `release`
 *   beside a `version` (`1.el9`, `3.fc39`) and its `epoch` (0 in most rows)
 *   (were words and an epoch's seconds);
 * - a `gender_code`/`sex_code`: a gender's code (were letters of no sense).
 */
import type { Column, Table } from '../../schema/model.js';
import { nameTokens } from './column-names.js';
import type { SemanticKind, TypeFamily } from './semantic-kind.js';

/** A balance's name (`balance`, `account_balance`, `balance_cents`, `current_balance_amount`). */
export function isBalanceName(column: Column): boolean {
  const t = nameTokens(column.name);
  return t.includes('balance') && t.length <= 3;
}

/** Whether a CHECK of the table names the column (it may forbid a negative value), or its type is a domain. */
export function isConstrained(table: Table, column: Column): boolean {
  if (column.type.schema !== 'pg_catalog' && column.type.schema !== '') return true;
  const word = new RegExp(`(^|[^a-z0-9_])"?${column.name.toLowerCase()}"?($|[^a-z0-9_])`);
  return table.checks.some((check) => word.test(check.expr.text.toLowerCase()));
}

/** A person's nationality or citizenship kept as text. */
export function isNationality(column: Column): boolean {
  const joined = nameTokens(column.name).join('_');
  return joined === 'nationality' || joined === 'citizenship';
}

const TEXT = /^(text|varchar|bpchar|citext)$/;

/** A text column of the table named `name`. */
function textColumn(table: Table, name: string): Column | undefined {
  return table.columns.find((c) => c.name.toLowerCase() === name && !c.generated && TEXT.test(c.type.name));
}

/** A package's build or file: a table with a text `version` and `release` (Koji's `build`, `rpminfo`). */
export function isPackageTable(table: Table): boolean {
  return textColumn(table, 'version') !== undefined && textColumn(table, 'release') !== undefined;
}

/** A machine architecture's name (`arch`, `architecture`, `build_arch`). */
export function isArchName(column: Column): boolean {
  const t = nameTokens(column.name);
  const last = t[t.length - 1] ?? '';
  return (last === 'arch' || last === 'architecture') && t.length <= 2;
}

/** Prefixes of a package's columns (`package_version`, `pkg_release`, `rpm_epoch`). */
const PACKAGE_PREFIXES = new Set(['package', 'pkg', 'rpm']);

/** Version 20: `<prefix>_<part>` beside a text `<prefix>_version` (`package_release` beside `package_version`). */
function isPrefixedPackagePart(table: Table, column: Column, part: string): boolean {
  const t = nameTokens(column.name);
  const prefix = t[0] ?? '';
  return (
    t.length === 2 &&
    t[1] === part &&
    PACKAGE_PREFIXES.has(prefix) &&
    !!textColumn(table, `${prefix}_version`)
  );
}

/** A package's release beside its version (`release` in a table with a text `version`; version 20: `package_release`). */
export function isPackageRelease(table: Table, column: Column, version = 19): boolean {
  if (column.name.toLowerCase() === 'release' && isPackageTable(table)) return true;
  return version >= 20 && isPrefixedPackagePart(table, column, 'release');
}

/** A package's epoch beside its version and release (an integer `epoch`; version 20: `package_epoch`). */
export function isPackageEpoch(table: Table, column: Column, version = 19): boolean {
  if (column.name.toLowerCase() === 'epoch' && isPackageTable(table)) return true;
  return version >= 20 && isPrefixedPackagePart(table, column, 'epoch');
}

/** A gender's code (`gender_code`, `sex_code`, `gender_cd`). */
export function isGenderCode(column: Column): boolean {
  const t = nameTokens(column.name);
  return ['code', 'cd'].includes(t[t.length - 1] ?? '') && ['gender', 'sex'].includes(t[t.length - 2] ?? '');
}

/** Version 19's kind for a column of `table` (see above), or null. */
export function versionNineteenKind(
  table: Table,
  column: Column,
  family: TypeFamily,
  version = 19,
): SemanticKind | null {
  if (family === 'text' && (isArchName(column) || isPackageRelease(table, column, version))) return 'label';
  if (family === 'text' && isGenderCode(column)) return 'label';
  if (family === 'integer' && isPackageEpoch(table, column, version)) return 'small_code';
  if ((family === 'decimal' || family === 'integer') && isBalanceName(column)) return 'price';
  return null;
}

/** The plan's words for such a column, or null. */
export function versionNineteenText(
  table: Table,
  column: Column,
  family: TypeFamily | null,
  version = 19,
): string | null {
  if (family === 'text' && isArchName(column))
    return ', a machine architecture (x86_64, aarch64, noarch, ppc64le, s390x, i686, src)';
  if (family === 'text' && isPackageRelease(table, column, version))
    return ', a package release and its distribution tag (1.el9, 3.fc39)';
  if (family === 'integer' && isPackageEpoch(table, column, version))
    return ", a package's epoch (0 in most rows)";
  if (
    (family === 'decimal' || family === 'integer') &&
    isBalanceName(column) &&
    !isConstrained(table, column)
  )
    return ', negative in about a tenth of rows';
  if (family === 'text' && isNationality(column) && table.columns.some((c) => isCountryColumn(c, column)))
    return ", the row's country in most rows, another in some";
  return null;
}

/** Another text column of a country's name (`country`, `home_country`; not a code). */
export function isCountryColumn(c: Column, self: Column): boolean {
  const t = nameTokens(c.name);
  return c !== self && !c.generated && TEXT.test(c.type.name) && t[t.length - 1] === 'country';
}

/**
 * Column meaning from its name (and its table's name) and base type. English
 * compound names put the head noun last (`billing_city`, `contact_email`,
 * `unit_price`), so rules look mostly at the last words; a bare `name` takes
 * its meaning from the table (`customer.name` is a person, `company.name` a
 * company). A kind is only returned for a base type it can be written as.
 * Runs once per column at planning time, so plain regexes are fine here.
 */
import type { Column, Table, TypeRef } from '../../schema/model.js';
import { GENERATOR_VERSION } from '../../version.js';
import { appKindFromName } from './app-values.js';
import { appVocabularyKind } from './app-vocabularies.js';
import { authKindFromName } from './auth-values.js';
import { isCareerTitle } from './career-titles.js';
import { hasAddressColumns, isCountryNumberColumn, nameTokens, placeKindByPosition } from './column-names.js';
import { epochKindFromName } from './epoch-times.js';
import { fileKindFromName } from './file-values.js';
import { isBooleanFlagName } from './flag-agreement.js';
import { flagOrAttemptsFromName } from './flag-values.js';
import { isHrDepartmentName } from './hr-histories.js';
import { isJobCode } from './hr-jobs.js';
import { kindFromName } from './kind-from-name.js';
import { isMigrationVersion, railsMetadataKind } from './migration-values.js';
import { isScaledMoneyName } from './money-scales.js';
import {
  isCounterByMeaning,
  isEventAfterCreation,
  isParticipleTime,
  isZeroBasedEnum,
  periodStageFromName,
} from './number-time-names.js';
import { textStandIn } from './numbers-as-text.js';
import { packageBuildKind } from './package-builds.js';
import { postalShapeOf } from './postal-shapes.js';
import { radioKindFromName } from './radio-values.js';
import { KIND_FAMILIES, type SemanticKind, type TypeFamily, typeFamilyOf } from './semantic-kind.js';
import { textFallbackKind } from './text-fallback.js';
import { isBirthStage } from './time-stages.js';
import { versionEighteenKind } from './version-eighteen-names.js';
import { versionElevenKind } from './version-eleven-names.js';
import { versionNineKind } from './version-nine-names.js';
import { versionNineteenKind } from './version-nineteen-names.js';
import { versionSeventeenKind } from './version-seventeen-names.js';
import { versionTenKind, withoutTablePrefix } from './version-ten-names.js';
import { isNumber32 } from './version-thirtytwo-names.js';
import { versionTwelveKind } from './version-twelve-names.js';
import { versionTwentyFiveNamed } from './version-twentyfive-names.js';
import { versionTwentyFourKind } from './version-twentyfour-names.js';
import { versionTwentySixNamed } from './version-twentysix-names.js';
import { versionTwentyThreeKind } from './version-twentythree-names.js';
import { versionTwentyTwoKind } from './version-twentytwo-names.js';

export { nameTokens, tableClassOf } from './column-names.js';

/**
 * The semantic kind of a column from its name and base type (the column's
 * type with domains resolved), or null when nothing fits, e.g. `email int4`,
 * `city_id int4`, an array. From generator version 2, a text column with
 * no other meaning gets one of the text kinds (`phrase`, `label`, `code`,
 * `token`, `category`; text-fallback.ts) instead of lorem.
 *
 * @example detectSemantic(customer, emailColumn, varchar(60)) // 'email'
 */
export function detectSemantic(
  table: Table,
  column: Column,
  base: TypeRef,
  version: number = GENERATOR_VERSION,
): SemanticKind | null {
  // Version 31: a ticket's story points, a quantity on the planning scale (version-thirtyone-values.ts).
  if (version >= 31 && isStoryPoints(column, base)) return 'quantity';
  // Version 32: a share who recommend, a rating out of ten, a net promoter answer (version-thirtytwo-values.ts).
  if (version >= 32 && isNumber32(column, base)) return 'score';
  // Version 26: cars by their age, mailings, listings' headlines, statements' lines (version-twentysix-names.ts).
  const twentySixth =
    version >= 26
      ? versionTwentySixNamed(table, column.name, builtinFamily(base), () =>
          detectSemantic(table, column, base, 25),
        )
      : null;
  if (twentySixth !== null) return twentySixth.kind;
  // Version 25: people, vocabularies, check digits, prose and homes by their names (version-twentyfive-names.ts).
  const twentyFifth =
    version >= 25
      ? versionTwentyFiveNamed(table, column.name, builtinFamily(base), () =>
          detectSemantic(table, column, base, 24),
        )
      : null;
  if (twentyFifth !== null) return twentyFifth.kind;
  const kind = detectKind(table, column, base, version);
  if (version >= 16 && (kind === 'city' || kind === 'country')) return placeCodeOf(kind, table, column, base);
  if (version < 10 || (kind !== null && kind !== 'past_time')) return kind;
  // Version 10: a name behind its table's prefix (`i_created`, `ic_updated`, `i_num_bids`) read without it.
  const rest = withoutTablePrefix(table, column.name);
  return rest === null ? kind : (detectKind(table, { ...column, name: rest }, base, version) ?? kind);
}

/** An integer column of a ticket's estimate (`story_points`). */
function isStoryPoints(column: Column, base: TypeRef): boolean {
  const joined = nameTokens(column.name).join('_');
  return (joined === 'story_points' || joined === 'story_point') && builtinFamily(base) === 'integer';
}

/**
 * Version 16: a place of two or three characters holds a country's code (goatcounter's `location
 * varchar(2)`), as `country char(2)` does, and so does a country beside its name (`country`, `country_name`).
 */
function placeCodeOf(kind: 'city' | 'country', table: Table, column: Column, base: TypeRef): SemanticKind {
  const short = typeFamilyOf(base.name) === 'text' && (base.typmods[0] ?? 99) <= 3;
  if (short || (kind === 'country' && table.columns.some((c) => c.name === `${column.name}_name`)))
    return 'country_code';
  return kind;
}

/** The kinds versions 19, 21, 22, 23 and 24 read by name (later versions first), or null. */
function namedKindOf(table: Table, column: Column, family: TypeFamily, version: number): SemanticKind | null {
  const twentyFourth = version >= 24 ? versionTwentyFourKind(table, column, family) : null;
  const twentyThird = twentyFourth ?? (version >= 23 ? versionTwentyThreeKind(table, column, family) : null);
  const twentySecond = twentyThird ?? (version >= 22 ? versionTwentyTwoKind(table, column, family) : null);
  const packaged = twentySecond ?? (version >= 21 ? packageBuildKind(table, column, family) : null);
  return packaged ?? (version >= 19 ? versionNineteenKind(table, column, family, version) : null);
}

/** The type family of a built-in base type (not an array), else null. */
function builtinFamily(base: TypeRef): TypeFamily | null {
  if (base.arrayDims > 0) return null;
  // A user type named like a built-in (`public."varchar"`, a composite) has no built-in's meaning.
  const builtin = base.schema === 'pg_catalog' || base.schema === '' || base.name === 'citext';
  return builtin ? typeFamilyOf(base.name) : null;
}

function detectKind(table: Table, column: Column, base: TypeRef, version: number): SemanticKind | null {
  const family = builtinFamily(base);
  if (family === null) return null;
  // Version 9: a boolean named as a flag (`activebool`, `is_deleted`); no other meaning fits one.
  if (family === 'boolean') return version >= 9 && isBooleanFlagName(nameTokens(column.name)) ? 'flag' : null;
  // numeric(p, s) with a negative scale rounds to tens or more: nothing realistic fits.
  if (base.name === 'numeric' && (base.typmods[1] ?? 0) < 0) return null;
  // Version 19: a package's architecture, release and epoch, a gender's code (version-nineteen-names.ts);
  // version 21: a package build's nvr, name, size and build time, a digest's hex digits (package-builds.ts).
  // Version 22: measures in their units, seats, credits, a card's digits, expected times, pay (version-twentytwo-names.ts).
  const nineteenth = namedKindOf(table, column, family, version);
  if (nineteenth !== null) return nineteenth;
  if (version >= 3 && family === 'text' && isMigrationVersion(table, column)) return 'migration_version';
  const metadata = version >= 3 && family === 'text' ? railsMetadataKind(table, column) : null;
  if (metadata !== null) return metadata;
  if (version >= 3 && family === 'integer' && isZeroBasedEnum(nameTokens(column.name), column))
    return 'small_code';
  if (version >= 3 && family === 'text' && isCurrencyAbbreviation(column, base)) return 'currency_code';
  // Version 3: a country table's `numcode integer` is its ISO numeric code.
  if (version >= 3 && family === 'integer' && isCountryNumberColumn(table, column)) return 'country_code';
  const placed = version >= 3 && family === 'text' ? placeKindByPosition(table, column) : null;
  if (placed !== null) return placed;
  if (version >= 5 && family === 'temporal' && isBirthStage(column.name)) return 'birth_date';
  if (version >= 5 && family === 'integer') {
    // Version 5: a moment kept as an integer since the epoch (`expires_at integer`, `iat`, `sent_at_ms bigint`).
    const temporal = { ...base, name: 'timestamptz', schema: 'pg_catalog', typmods: [] };
    const epoch = epochKindFromName(column.name, base, (name) =>
      detectSemantic(table, { ...column, name }, temporal, version),
    );
    if (epoch !== null) return epoch;
  }
  // Version 5: a region's code in an address (`region_code char(2)`, `province_abbr`) is a region, as `state_code` is.
  if (
    version >= 5 &&
    family === 'text' &&
    isRegionCode(nameTokens(column.name)) &&
    hasAddressColumns(table, column)
  )
    return 'state';
  // Version 6: `zip5`, `cep` (Brazil), `plz` (Germany) are postal codes (were words).
  if (version >= 6 && family === 'text' && isPostalCodeName(nameTokens(column.name), version))
    return 'postal_code';
  // Version 13: a budget, a revenue, a credit limit are money at their names' scales (money-scales.ts).
  if (
    version >= 13 &&
    (family === 'decimal' || family === 'integer') &&
    isScaledMoneyName(nameTokens(column.name))
  )
    return 'price';
  // Version 14: a departments table's `dept_name` is a department (hr-histories.ts).
  if (version >= 14 && family === 'text' && isHrDepartmentName(table, column)) return 'category';
  // Version 16: Quartz's `misfire_instr`, a job queue's `job_class` and `queue` (app-vocabularies.ts).
  const app = version >= 16 ? appVocabularyKind(table, column, family) : null;
  if (app !== null) return app;
  // Version 15: a titles table's `title` beside a period's start is a job's (career-titles.ts).
  if (version >= 15 && family === 'text' && isCareerTitle(table, column)) return 'job_title';
  // Version 15: a jobs table's `job_id` is a job's code (`IT_PROG`, hr-jobs.ts).
  if (version >= 15 && family === 'text' && isJobCode(table, column)) return 'code';
  // Version 16: `timezone_name`, `tz_name`, `time_zone_id` hold a zone's name, as `timezone` does (were words).
  if (version >= 16 && family === 'text' && isTimeZoneName(nameTokens(column.name))) return 'time_zone';
  // Version 32: `tzid`, `event_tzid` (the tz database's own word, OpenAQ's timezones.tzid, which its views pass
  // to timezone()) hold a zone's name (were words, which a matview's refresh failed on).
  if (version >= 32 && family === 'text' && nameTokens(column.name).at(-1) === 'tzid') return 'time_zone';
  // Version 18: reading times, iteration counts, costs under a list price, sizes (version-eighteen-names.ts).
  const eighteenth = version >= 18 ? versionEighteenKind(table, column, family) : null;
  if (eighteenth !== null) return eighteenth;
  // Version 17: a birth's parts, numbered statuses, slugs, tickers, subdivisions, tags (version-seventeen-names.ts).
  const seventeenth = version >= 17 ? versionSeventeenKind(table, column, family) : null;
  if (seventeenth !== null) return seventeenth;
  const twelfth = version >= 12 ? versionTwelveKind(table, column, family) : null;
  if (twelfth !== null) return twelfth;
  const eleventh = version >= 11 ? versionElevenKind(table, column, family) : null;
  if (eleventh !== null) return eleventh;
  const tenth = version >= 10 ? versionTenKind(table, column, family) : null;
  if (tenth !== null) return tenth;
  const ninth = version >= 9 ? versionNineKind(nameTokens(column.name), family) : null;
  if (ninth !== null) return ninth;
  const fourth = version >= 4 ? versionFourKind(table, nameTokens(column.name), family) : null;
  if (fourth !== null && KIND_FAMILIES[fourth].includes(family)) return fourth;
  const newer = version >= 3 ? versionThreeKind(nameTokens(column.name)) : null;
  let kind = newer !== null && KIND_FAMILIES[newer].includes(family) ? newer : kindFromName(table, column);
  // A text column no name rule reads, or named as a small enumeration (`status`, `kind`); a
  // number or a time kept as text (`price text`) stays null.
  if (kind === null || (kind === 'small_code' && family === 'text')) {
    if (family === 'temporal' && version >= 3) {
      const period = periodStageFromName(column.name, table);
      if (period !== null) return period;
      return isEventAfterCreation(column.name) || isParticipleTime(column.name) ? 'updated_at' : 'past_time';
    }
    return family === 'text' && version >= 2 ? textFallbackKind(nameTokens(column.name), base) : null;
  }
  if (!KIND_FAMILIES[kind].includes(family)) {
    // Version 3: a number or a time kept as text (`amount text`, `year char(4)`) holds its digits.
    if (family !== 'text' || version < 3) return null;
    return textStandIn(kind, base) !== null ? kind : textFallbackKind(nameTokens(column.name), base);
  }
  // `country char(2)` holds a code, not a name.
  if (kind === 'country' && family === 'text' && (base.typmods[0] ?? 99) <= 3) kind = 'country_code';
  return kind;
}

/** `curr char(3)` (LedgerSMB), `ccy`, `cur_code`: a currency by its short name. */
function isCurrencyAbbreviation(column: Column, base: TypeRef): boolean {
  const t = nameTokens(column.name);
  const last = t[t.length - 1] ?? '';
  const abbreviated =
    ['curr', 'ccy', 'cur'].includes(last) ||
    (t.length >= 2 &&
      ['curr', 'ccy', 'cur'].includes(t[t.length - 2] ?? '') &&
      (last === 'code' || last === 'iso'));
  return abbreviated && (base.typmods[0] === undefined || base.typmods[0] >= 3);
}

/**
 * Names version 4 reads first: counters by meaning (`posts_day`, `likes_given`),
 * radio measures (`dr`, `f_port`, `battery_level`; radio-values.ts), and
 * authentication terms (`provider`, `token_type`, `scope`, a text `tenant_id`; auth-values.ts).
 */
function versionFourKind(table: Table, tokens: readonly string[], family: string): SemanticKind | null {
  if (family === 'integer' && isCounterByMeaning(tokens)) return 'tally';
  if (family === 'integer' || family === 'decimal') return radioKindFromName(tokens);
  return family === 'text' ? authKindFromName(table, tokens) : null;
}

const TIME_ENDS = new Set(['at', 'on', 'date', 'time', 'ts']);

/** `region_code`, `province_abbr`, `prefecture_iso`: a region's code. */
function isRegionCode(tokens: readonly string[]): boolean {
  const last = tokens[tokens.length - 1] ?? '';
  const before = tokens[tokens.length - 2] ?? '';
  return (
    ['code', 'abbr', 'abbrev', 'iso'].includes(last) && ['region', 'province', 'prefecture'].includes(before)
  );
}

/**
 * Names version 3 reads first: a software version (`2.4.1`), a network
 * port; MIME types and file names (file-values.ts); integer yes/no flags and tries
 * (flag-values.ts); `last_*_at` times after the row's creation (`last_sent_at`,
 * `last_touched_at`), `*_expires_at` deadlines after it.
 */
function versionThreeKind(tokens: readonly string[]): SemanticKind | null {
  const last = tokens[tokens.length - 1] ?? '';
  if (tokens.length >= 3 && tokens[0] === 'last' && TIME_ENDS.has(last)) return 'updated_at';
  if (
    tokens.length >= 2 &&
    TIME_ENDS.has(last) &&
    ['expires', 'expire', 'expiry', 'expiration'].includes(tokens[tokens.length - 2] ?? '')
  )
    return 'due_at';
  // A bare `expires` (Auth.js' tokens and sessions) is the same deadline.
  if (['expires', 'expiry', 'expiration'].includes(last)) return 'due_at';
  if (last === 'port') return 'port';
  if ((last === 'version' || last === 'ver') && tokens.length <= 3) return 'version';
  return fileKindFromName(tokens) ?? flagOrAttemptsFromName(tokens) ?? appKindFromName(tokens);
}

const POSTAL_WORDS = new Set(['zip', 'zipcode', 'postcode', 'postalcode']);

/**
 * Version 6: names of a postal code the name rules did not read (`zip5`,
 * `billing_zip5`, `cep`, `plz`). Version 8: also `zip3`, a postal
 * code's prefix (`zip_code_prefix`, `postcode_prefix`, `zip_prefix`) and the
 * British outward code (`outward_code`, `postcode_outward`). Version 9: a
 * ZIP+4 and its +4 (postal-shapes.ts).
 */
function isPostalCodeName(t: readonly string[], version: number): boolean {
  const last = t[t.length - 1] ?? '';
  const before = t[t.length - 2] ?? '';
  if (last === 'cep' || last === 'plz' || (last === '5' && before === 'zip')) return true;
  if (version < 8) return false;
  if (last === '3' && before === 'zip') return true;
  // Version 9: a ZIP+4 (`zip9`, `zip_plus4`) and its +4 alone (`zip4`).
  if (version >= 9 && postalShapeOf(t) !== null) return true;
  // Version 21: a postal code named by its first word alone (`ship_to_postal`, `billing_postal`).
  if (version >= 21 && last === 'postal') return true;
  if (last === 'outward' && POSTAL_WORDS.has(before)) return true;
  if (last === 'code' && before === 'outward') return true;
  if (last !== 'prefix') return false;
  // `zip_prefix`, `postcode_prefix`, `zip_code_prefix`, `postal_code_prefix`.
  return (
    POSTAL_WORDS.has(before) ||
    (before === 'code' && ['zip', 'postal', 'post'].includes(t[t.length - 3] ?? ''))
  );
}

/** `timezone_name`, `tz_name`, `time_zone_id`, `user_timezone_name`: a name or id after the words of a time zone. */
function isTimeZoneName(t: readonly string[]): boolean {
  if (t.length < 2 || (t.at(-1) !== 'name' && t.at(-1) !== 'id')) return false;
  const before = t.slice(0, -1);
  return before.at(-1) === 'tz' || before.join('').endsWith('timezone');
}

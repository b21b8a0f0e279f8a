/**
 * The generator of one column's realistic values, by semantic kind. Built
 * once per column (lists filtered to the column's length, sibling columns
 * located); per value it only picks and joins strings.
 */
import type { Column, Table, TypeRef } from '../../schema/model.js';
import {
  createByteSizeGenerator,
  createDimensionGenerator,
  createDomainGenerator,
  createLocaleGenerator,
  createNetworkPrefixGenerator,
  createPasswordHashGenerator,
  createPositionGenerator,
} from './app-values.js';
import { appVocabularyGenerator } from './app-vocabularies.js';
import { createAuthTermGenerator, createTenantGenerator } from './auth-values.js';
import { withLowerBound } from './bound-pairs.js';
import { withCareerTitles } from './career-titles.js';
import { withChildCount, withChildLineSum, withFirstChild } from './child-totals.js';
import { withCountryCities, withCountryPostalCodes, withCountryRegions } from './country-places.js';
import { createDescriptionGenerator } from './description-values.js';
import { createEmailGenerator } from './email-values.js';
import { createFileNameGenerator, createMimeTypeGenerator } from './file-values.js';
import { withSameFlag } from './flag-agreement.js';
import { createAttemptsGenerator, createFlagGenerator } from './flag-values.js';
import { withHomeCity, withHomePostalCode, withHomeRegion } from './home-places.js';
import { hrDepartmentGenerator, withSalaryRaises } from './hr-histories.js';
import { hrJobGenerator } from './hr-jobs.js';
import { withinAncestorRange, withJobLevelRange } from './job-salary-ranges.js';
import { withLedger } from './ledger-balances.js';
import { createLifeEventGenerator, withAdultAtCreation } from './life-events.js';
import { withLifecycleOrder } from './lifecycle-order.js';
import { withAtLeast, withCatalogPrice, withLineAmount, withStatusPaid } from './line-amounts.js';
import { createLoanPeriodGenerator, createLoanReturnGenerator } from './loan-returns.js';
import { inLocaleCurrency, inWholeUnits } from './locale-thirteen.js';
import { LOCALE_FACTORIES } from './locale-values.js';
import {
  createMetadataKeyGenerator,
  createMetadataValueGenerator,
  createMigrationVersionGenerator,
} from './migration-values.js';
import { isAmount as isAmountNine, withAncestorPrice, withinBilled, withinRoom } from './money-room.js';
import { createScaledMoneyGenerator } from './money-scales.js';
import { createAmountGenerator, isAmount, withSumOfParts } from './money-values.js';
import {
  createAgeGenerator,
  createDurationGenerator,
  createFractionGenerator,
  createLatitudeGenerator,
  createLongitudeGenerator,
  createPercentageGenerator,
  createPortGenerator,
  createPriceGenerator,
  createQuantityGenerator,
  createRatingGenerator,
  createSalaryGenerator,
  createScoreGenerator,
  createSmallCodeGenerator,
  createStockGenerator,
  createTallyGenerator,
  createVersionGenerator,
  createYearGenerator,
} from './number-values.js';
import { isNumberOrTimeKind, textStandIn } from './numbers-as-text.js';
import { withOwnerPeriods } from './owner-period-values.js';
import {
  createFirstNameGenerator,
  createFullNameGenerator,
  createJobTitleGenerator,
  createLastNameGenerator,
  createNamePrefixGenerator,
  createUsernameGenerator,
} from './person-values.js';
import { createPhoneGenerator } from './phone-values.js';
import {
  createCityGenerator,
  createCountryCodeGenerator,
  createCountryGenerator,
  createCountyGenerator,
  createPostalCodeGenerator,
  createSecondaryAddressGenerator,
  createStateGenerator,
  createStreetAddressGenerator,
  createTimeZoneGenerator,
  wantsAbbreviation,
} from './place-values.js';
import { withPostalShape } from './postal-shapes.js';
import { createRadioMeasureGenerator } from './radio-values.js';
import { hasRowCurrency, inRowCurrency, inRowWholeUnits } from './row-currency26.js';
import { withRowRegionCode } from './row-region-codes.js';
import {
  createBuild,
  type RowContext,
  type SemanticBuild,
  type SemanticGenerator,
} from './semantic-generator.js';
import { type SemanticKind, typeFamilyOf } from './semantic-kind.js';
import { specVocabularyGenerator } from './spec-vocabularies.js';
import {
  createCodeGenerator,
  createLabelGenerator,
  createPhraseGenerator,
  createTokenGenerator,
} from './text-values.js';
import {
  createCategoryGenerator,
  createColorGenerator,
  createCompanyGenerator,
  createCurrencyCodeGenerator,
  createIpGenerator,
  createLanguageGenerator,
  createProductNameGenerator,
  createTitleGenerator,
  createUrlGenerator,
} from './thing-values.js';
import { isTimeKind } from './time-stages.js';
import {
  createBirthDateGenerator,
  createCreatedAtGenerator,
  createDueAtGenerator,
  createPastTimeGenerator,
  createStagedTimeGenerator,
  createUpdatedAtGenerator,
} from './time-values.js';
import { versionElevenGenerator } from './version-eleven-values.js';
import { withVersionLayers } from './version-layers.js';
import { versionSeventeenGenerator } from './version-seventeen-values.js';
import { versionTenGenerator } from './version-ten-values.js';
import { withStayTimes } from './version-twentyfour-values.js';

const FACTORIES: Readonly<Record<SemanticKind, (build: SemanticBuild) => SemanticGenerator>> = {
  first_name: createFirstNameGenerator,
  last_name: createLastNameGenerator,
  full_name: createFullNameGenerator,
  name_prefix: createNamePrefixGenerator,
  email: createEmailGenerator,
  phone: createPhoneGenerator,
  username: createUsernameGenerator,
  job_title: createJobTitleGenerator,
  company: createCompanyGenerator,
  product_name: createProductNameGenerator,
  category: createCategoryGenerator,
  title: createTitleGenerator,
  description: createDescriptionGenerator,
  url: createUrlGenerator,
  color: createColorGenerator,
  ip: createIpGenerator,
  phrase: createPhraseGenerator,
  label: createLabelGenerator,
  code: createCodeGenerator,
  token: createTokenGenerator,
  version: createVersionGenerator,
  port: createPortGenerator,
  mime_type: createMimeTypeGenerator,
  file_name: createFileNameGenerator,
  migration_version: createMigrationVersionGenerator,
  metadata_key: createMetadataKeyGenerator,
  metadata_value: createMetadataValueGenerator,
  byte_size: createByteSizeGenerator,
  dimension: createDimensionGenerator,
  position: createPositionGenerator,
  locale: createLocaleGenerator,
  domain: createDomainGenerator,
  password_hash: createPasswordHashGenerator,
  network_prefix: createNetworkPrefixGenerator,
  street_address: createStreetAddressGenerator,
  secondary_address: createSecondaryAddressGenerator,
  city: createCityGenerator,
  county: createCountyGenerator,
  state: createStateGenerator,
  country: createCountryGenerator,
  country_code: createCountryCodeGenerator,
  postal_code: createPostalCodeGenerator,
  latitude: createLatitudeGenerator,
  longitude: createLongitudeGenerator,
  time_zone: createTimeZoneGenerator,
  currency_code: createCurrencyCodeGenerator,
  language: createLanguageGenerator,
  price: createPriceGenerator,
  salary: createSalaryGenerator,
  age: createAgeGenerator,
  quantity: createQuantityGenerator,
  stock: createStockGenerator,
  tally: createTallyGenerator,
  duration: createDurationGenerator,
  rating: createRatingGenerator,
  score: createScoreGenerator,
  percentage: createPercentageGenerator,
  fraction: createFractionGenerator,
  year: createYearGenerator,
  small_code: createSmallCodeGenerator,
  flag: createFlagGenerator,
  attempts: createAttemptsGenerator,
  radio_measure: createRadioMeasureGenerator,
  auth_term: createAuthTermGenerator,
  tenant: createTenantGenerator,
  created_at: createCreatedAtGenerator,
  updated_at: createUpdatedAtGenerator,
  due_at: createDueAtGenerator,
  birth_date: createBirthDateGenerator,
  past_time: createPastTimeGenerator,
};

/**
 * A realistic value generator for a column of the given kind (from
 * `detectSemantic`). `base` is the column's type with domains resolved.
 * Values respect the type's length (varchar/bpchar n) and precision
 * (numeric p,s). Email, username, full name, postal code, country and
 * updated_at read other columns of the same row through `ctx`; the kinds
 * they read (names, state, created_at) never read anything, so there is no
 * cycle.
 *
 * @example
 * const gen = createSemanticGenerator('email', customer, emailColumn, varchar60, ctx);
 * gen.random(rand.at(key, 7), 7); // 'ana.silva@example.net' when row 7 is Ana Silva
 */
export function createSemanticGenerator(
  kind: SemanticKind,
  table: Table,
  column: Column,
  base: TypeRef,
  ctx: RowContext,
): SemanticGenerator {
  // Version 3: a number or a time kept as text runs on a stand-in type of the text's length.
  const standIn =
    typeFamilyOf(base.name) === 'text' && isNumberOrTimeKind(kind) ? textStandIn(kind, base) : null;
  const build = createBuild(table, column, standIn ?? base, ctx);
  // Versions 18 to 28: values that read their row, by version (version-layers.ts).
  const drawn = withVersionLayers(build, kind, kindGenerator(kind, build));
  // Version 15: a jobs table's codes and the titles they name (hr-jobs.ts).
  const kinds =
    build.version >= 15 && build.locale === null && (kind === 'code' || kind === 'job_title')
      ? (hrJobGenerator(build, drawn) ?? drawn)
      : drawn;
  // Version 14: an employee's salaries rise period by period (hr-histories.ts).
  // Version 15: an employee's titles climb a ladder period by period (career-titles.ts).
  const careers =
    kind === 'salary' && build.version >= 14
      ? withSalaryRaises(build, kinds)
      : kind === 'job_title' && build.version >= 15
        ? withCareerTitles(build, kinds)
        : kinds;
  // Version 16: a job's salary range by its level, a salary inside its job's range (job-salary-ranges.ts).
  const ranged =
    build.version >= 16 && (kind === 'salary' || kind === 'price')
      ? withinAncestorRange(build, withJobLevelRange(build, careers))
      : careers;
  // Version 20: a ledger's balance is the previous one plus the amount (ledger-balances.ts).
  const ledger = build.version >= 20 ? withLedger(build, ranged) : ranged;
  // Version 26: whole units where the row's currency has them (a tax, a total; not a ledger's running sums).
  const made = kind === 'price' && ledger === ranged ? inRowWholeUnits(build, ledger) : ledger;
  // Version 11: a row's lifecycle times in order whatever rule made each (lifecycle-order.ts).
  if (build.version >= 11 && isTimeKind(kind)) {
    // Version 24: a stay's check-in after its booking, its check-out nights after it (version-twentyfour-values.ts).
    const ordered = withStayTimes(build, withLifecycleOrder(build, kind, made));
    // Version 15: an employee's departments, a department's managers, in consecutive periods.
    return build.version >= 15 ? withOwnerPeriods(build, ordered) : ordered;
  }
  // Version 13: an upper bound at or above the row's lower one (`max_salary` ≥ `min_salary`; bound-pairs.ts).
  return build.version >= 13 ? withLowerBound(build, made) : made;
}

/** The generator of `kind` for the column `build` describes. */
function kindGenerator(kind: SemanticKind, build: SemanticBuild): SemanticGenerator {
  // Version 16: Quartz's misfire instructions, a job queue's classes and queues (app-vocabularies.ts).
  const app = build.version >= 16 ? appVocabularyGenerator(build) : null;
  if (app !== null) return app;
  // Version 17: a birth's parts, numbered statuses, slugs, tickers, subdivisions, tags (version-seventeen-values.ts).
  const seventeenth =
    build.version >= 17 ? versionSeventeenGenerator(build, () => FACTORIES[kind](build)) : null;
  if (seventeenth !== null) return seventeenth;
  // Version 14: TPC-H's and Quartz's columns in their own words (spec-vocabularies.ts).
  const spec = build.version >= 14 ? specVocabularyGenerator(build) : null;
  if (spec !== null) return spec;
  // Version 14: a departments table's names a company's departments, not a shop's (hr-histories.ts).
  const departments =
    kind === 'category' && build.version >= 14 && build.locale === null ? hrDepartmentGenerator(build) : null;
  if (departments !== null) return departments;
  const localized = build.locale === null ? null : LOCALE_FACTORIES[kind]?.(build, build.locale);
  // Version 10: values a row's other columns decide (a candle's prices, price-series.ts).
  // Version 11: TPC-C's and a Q&A site's codes, rates and flags (version-eleven-values.ts).
  const eleventh = versionElevenGenerator(kind, build);
  if (eleventh !== null) return eleventh;
  // Version 13: a budget, a revenue, a credit limit at their names' scales (money-scales.ts).
  const scaled = build.version >= 13 && kind === 'price' ? createScaledMoneyGenerator(build) : null;
  if (scaled !== null) return scaled;
  const tenth = versionTenGenerator(kind, build);
  // Version 12: an order's line count its lines', under an exact fan-out (child-totals.ts).
  if (tenth !== null) return build.version >= 12 ? withChildCount(build, tenth) : tenth;
  if (kind === 'price' && build.version >= 3) {
    // Version 3: amounts and totals have any cents; a total beside its parts is their sum.
    // Version 9: also `amount_paid` (money-room.ts), around a small type's room, at the price its row leads to.
    const amount = build.version >= 9 ? isAmountNine(build.tokens) : isAmount(build.tokens);
    // Version 13: yen in whole units, a hundred times the dollar figure (locale-thirteen.ts).
    // Version 26: in the row's currency where a currency code is beside it (row-currency26.ts).
    const priced = amount ? createAmountGenerator(build) : FACTORIES.price(build);
    const own = hasRowCurrency(build);
    const money = own ? inRowCurrency(build, priced) : inLocaleCurrency(build, priced);
    const billed =
      build.version >= 9 ? withinBilled(build, withAncestorPrice(build, withinRoom(build, money))) : money;
    const nine = own ? billed : inWholeUnits(build, billed);
    // Version 10: a line's price the catalogue's, its amount price × quantity, nothing paid when denied, a
    // maximum bid at or above the bid (line-amounts.ts).
    const ten =
      build.version >= 10
        ? withAtLeast(build, withStatusPaid(build, withLineAmount(build, withCatalogPrice(build, nine))))
        : nine;
    const parts = withSumOfParts(build, ten);
    // Version 12: an order's total its lines' sum, under an exact fan-out (child-totals.ts).
    return parts === ten && build.version >= 12 ? withChildLineSum(build, ten) : parts;
  }
  // Version 9: a loan's period in days, its return about that period after the loan (loan-returns.ts).
  const loan =
    build.version < 9
      ? null
      : isTimeKind(kind)
        ? createLoanReturnGenerator(build)
        : kind === 'duration'
          ? createLoanPeriodGenerator(build)
          : null;
  if (loan !== null) return loan;
  // Version 7: a hire at or before the row's creation (life-events.ts).
  const life = createLifeEventGenerator(build, () => FACTORIES[kind](build));
  if (life !== null) return life;
  // Version 5: a time column among its row's stages follows the earlier ones (time-stages.ts).
  const staged = build.version >= 5 && isTimeKind(kind) ? createStagedTimeGenerator(build, kind) : null;
  if (staged !== null) return staged;
  const made = localized ?? FACTORIES[kind](build);
  // Version 3: a place agrees with the row's country.
  // Version 5: with no other country, a city, its region and its postal code from one record (home-places.ts).
  if (kind === 'city') return withCountryCities(build, withHomeCity(build, made));
  if (kind === 'state')
    return withRowRegionCode(
      build,
      withCountryRegions(build, withHomeRegion(build, wantsAbbreviation(build), made)),
    );
  if (kind === 'postal_code') {
    const postal = withCountryPostalCodes(build, withHomePostalCode(build, made));
    // Version 9: a ZIP+4, its +4 or a British outward code by the column's name (postal-shapes.ts).
    return build.version >= 9 ? withPostalShape(build, postal) : postal;
  }
  // Version 8: an employee's birth 18 years or more before the row's creation (life-events.ts).
  if (kind === 'birth_date') return withAdultAtCreation(build, made);
  // Version 9: a flag meaning what an earlier one of the row does agrees with it (flag-agreement.ts).
  // Version 12: one default child per parent, under an exact fan-out (child-totals.ts).
  if (kind === 'flag' && build.version >= 12) return withFirstChild(build, withSameFlag(build, made));
  if (kind === 'flag' && build.version >= 9) return withSameFlag(build, made);
  return made;
}

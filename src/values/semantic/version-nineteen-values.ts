/**
 * Version 19's values for the names version-nineteen-names.ts reads: signed
 * balances, a nationality of the row's country in most rows, a package's
 * architecture, release and epoch, a gender's code.
 */
import type { ByteOut } from '../../checks/digits.js';
import type { RowRandom } from '../random.js';
import { escapeFreeTexts } from '../types/escape-free.js';
import { formatScaled, writeScaled } from '../types/format.js';
import { withFirstNameSex } from './gendered-names.js';
import { COUNTRIES } from './locale-data.js';
import { normal } from './money-values.js';
import { decimalShape } from './number-values.js';
import { type SemanticBuild, type SemanticGenerator, siblingReader } from './semantic-generator.js';
import type { SemanticKind } from './semantic-kind.js';
import { fitting } from './text-fit.js';
import { createWeightedWordGenerator } from './text-values.js';
import { withSlugTitles } from './titled-slugs.js';
import {
  isArchName,
  isBalanceName,
  isConstrained,
  isCountryColumn,
  isGenderCode,
  isNationality,
  isPackageEpoch,
  isPackageRelease,
} from './version-nineteen-names.js';

/** Share of balances below zero (an overdrawn account, a customer owed a refund). */
const NEGATIVE_SHARE = 0.1;
/** Share of people whose nationality is not the country of their address. */
const ABROAD_SHARE = 0.12;

/** Architectures by how often a distribution's builds carry them. */
const ARCHES: readonly (readonly [string, number])[] = [
  ['x86_64', 40],
  ['noarch', 22],
  ['aarch64', 18],
  ['src', 8],
  ['ppc64le', 5],
  ['s390x', 4],
  ['i686', 3],
];

/** Distribution tags of a release (`1.el9`), the newer ones more often. */
const DIST_TAGS = ['el9', 'el9', 'el8', 'el10', 'fc39', 'fc40', 'fc40', 'fc41', 'fc38', 'el7'];

/** Version 19's generator of `kind` for the column, wrapping `usual` (see above); `usual` before version 19. */
export function withVersionNineteen(
  build: SemanticBuild,
  kind: SemanticKind,
  usual: SemanticGenerator,
): SemanticGenerator {
  if (build.version < 19) return usual;
  const { column, table } = build;
  if (kind === 'price' && isBalanceName(column) && !isConstrained(table, column)) return balances(build);
  if (kind === 'country' && isNationality(column)) return nationalities(build, usual);
  if (kind === 'label' && isArchName(column)) return weighted(ARCHES, build.maxLength) ?? usual;
  if (kind === 'label' && isPackageRelease(table, column, build.version) && build.maxLength >= 6)
    return releases(build);
  if (kind === 'small_code' && isPackageEpoch(table, column, build.version)) return epochs();
  // A title a unique slug is made of: a pair of words per row, so the slug needs no number (titled-slugs.ts).
  if (kind === 'title') return withSlugTitles(table, column, build.maxLength, build.ctx, usual);
  if (kind === 'label' && isGenderCode(column)) {
    const codes = weighted(GENDER_CODES, build.maxLength);
    return codes === null ? usual : withFirstNameSex(build, codes);
  }
  return usual;
}

const GENDER_CODES: readonly (readonly [string, number])[] = [
  ['F', 50],
  ['M', 50],
];

/** The words that fit `maxLength`, drawn by weight; null where fewer than two fit. */
function weighted(
  words: readonly (readonly [string, number])[],
  maxLength: number,
): SemanticGenerator | null {
  const fit = words.filter(([word]) => word.length <= maxLength);
  return fit.length < 2 ? null : createWeightedWordGenerator(fit);
}

/**
 * An account's balance: log-normal around 1,200 (units of the name's scale: cents in
 * `balance_cents`), below zero in a tenth of rows (an overdraft, about a tenth of that
 * size), within the type's room.
 */
function balances(build: SemanticBuild): SemanticGenerator {
  const { scale, maxUnits } = decimalShape(build.base, 2);
  const cents = build.tokens.includes('cents') || build.tokens.includes('cent');
  const unit = 10 ** scale * (cents && scale === 0 ? 100 : 1);
  // Signed units: formatScaled of a negative count is the positive text with a `-` (none for 0).
  const unitsOf = (rand: RowRandom): number => {
    const negative = rand.chance(NEGATIVE_SHARE);
    const median = negative ? 120 : 1200;
    const amount = median * Math.exp(1.3 * normal(rand));
    const units = Math.min(Math.round(amount * unit), maxUnits);
    return negative && units > 0 ? -units : units;
  };
  return {
    escapeFree: true,
    random: (rand: RowRandom) => formatScaled(unitsOf(rand), scale),
    // The same units' bytes, no string per value.
    write: (rand: RowRandom, _row: number, out: ByteOut) => writeScaled(out, unitsOf(rand), scale),
  };
}

/** The row's country (another column of a country's name) in most rows, another country in some. */
function nationalities(build: SemanticBuild, usual: SemanticGenerator): SemanticGenerator {
  const country = build.table.columns.find((c) => isCountryColumn(c, build.column));
  const names = fitting(build.locale?.countries ?? COUNTRIES, build.maxLength);
  if (names.length === 0) return usual;
  const read = country === undefined ? null : siblingReader(build.ctx, country.name);
  return {
    ...(usual.escapeFree === true && escapeFreeTexts(names) ? { escapeFree: true } : {}),
    random(rand: RowRandom, row: number) {
      const home = read === null ? usual.random(rand, row) : read(row);
      const abroad = rand.chance(ABROAD_SHARE);
      if (!abroad && typeof home === 'string' && home.length <= build.maxLength) return home;
      return names[rand.below(names.length)] as string;
    },
  };
}

/** A release number (1 to 12, low ones most often, a point release in some) and a distribution tag. */
function releases(build: SemanticBuild): SemanticGenerator {
  const max = build.maxLength;
  return {
    escapeFree: true,
    random(rand: RowRandom) {
      const u = rand.float();
      const n = 1 + Math.floor(12 * u * u);
      const point = rand.chance(0.2) ? `.${1 + rand.below(3)}` : '';
      const tag = DIST_TAGS[rand.below(DIST_TAGS.length)] as string;
      const text = `${n}${point}.${tag}`;
      return text.length <= max ? text : `${n}.${tag}`.slice(0, max);
    },
  };
}

/** A package's epoch: 0 in most rows, 1 or 2 in some. */
function epochs(): SemanticGenerator {
  return {
    escapeFree: true,
    random: (rand: RowRandom) => {
      const u = rand.below(100);
      return u < 86 ? '0' : u < 97 ? '1' : '2';
    },
  };
}

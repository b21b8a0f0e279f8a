/**
 * Column and table names read as words: `billingCity` → billing, city; a
 * table's class from its last word (`film_actor` → actor → a person), and
 * the name shapes the meaning rules share.
 */
import type { Column, Table } from '../../schema/model.js';

/**
 * Names already split: the meaning rules read a column's and its siblings' names again and again (18,000
 * splits for the 56 columns of examples/shop.sql, 5% of a small run's CPU). Bounded, as a process (the
 * tests, a long-lived caller of the library) reads many schemas.
 */
const splitNames = new Map<string, readonly string[]>();
const SPLIT_NAMES_KEPT = 10_000;

/** `billingCity` / `BILLING_CITY` / `address_line1` → `['billing', 'city']` / … / `['address', 'line', '1']`. */
export function nameTokens(name: string): readonly string[] {
  const known = splitNames.get(name);
  if (known !== undefined) return known;
  if (splitNames.size >= SPLIT_NAMES_KEPT) splitNames.clear();
  const tokens = Object.freeze(
    name
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .replace(/([a-zA-Z])([0-9])/g, '$1_$2')
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((t) => t !== ''),
  );
  splitNames.set(name, tokens);
  return tokens;
}

/** A plural table word as singular (`companies` → `company`, `addresses` → `address`). */
export function singular(word: string): string {
  if (word === 'people') return 'person';
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && word.length > 3) return word.slice(0, -1);
  return word;
}

const PERSON_TABLES = new Set(
  (
    'customer person user employee actor artist author staff member contact student teacher patient doctor ' +
    'client driver player owner manager passenger guest profile director writer musician instructor applicant ' +
    'candidate volunteer subscriber participant attendee speaker agent worker physician nurse tenant buyer ' +
    'seller recipient sender reviewer admin administrator'
  ).split(' '),
);
const COMPANY_TABLES = new Set(
  (
    'company organization organisation org vendor supplier manufacturer publisher brand merchant business ' +
    'agency partner carrier airline shipper firm employer bank store shop'
  ).split(' '),
);
const PRODUCT_TABLES = new Set('product item good merchandise sku part'.split(' '));
const CATEGORY_TABLES = new Set('category genre department'.split(' '));
const WORK_TABLES = new Set('book film movie album song track video episode novel publication'.split(' '));

/** The class of a table by its last name word (`film_actor` → actor → person). */
export type TableClass =
  | 'person'
  | 'company'
  | 'product'
  | 'category'
  | 'work'
  | 'language'
  | 'city'
  | 'country'
  | 'state';

/** The class of a table (by its last name word, singular), or null. */
export function tableClassOf(table: Table): TableClass | null {
  const tokens = nameTokens(table.name);
  const last = singular(tokens[tokens.length - 1] ?? '');
  if (PERSON_TABLES.has(last)) return 'person';
  if (COMPANY_TABLES.has(last)) return 'company';
  if (PRODUCT_TABLES.has(last)) return 'product';
  if (CATEGORY_TABLES.has(last)) return 'category';
  if (WORK_TABLES.has(last)) return 'work';
  if (last === 'language') return 'language';
  if (last === 'city' || last === 'town') return 'city';
  if (last === 'country' || last === 'nation') return 'country';
  if (last === 'state' || last === 'province') return 'state';
  return null;
}

/** Name endings that mark a flag, key or counter, never a realistic value (`email_verified`, `city_id`). */
export const NOT_A_VALUE = new Set(
  (
    'id ids uuid guid count hash token verified confirmed enabled status flag format type key index idx ' +
    'template pattern regex seq sequence hint visibility'
  ).split(' '),
);

export const ADDRESS_PREFIXES = new Set(
  'billing shipping ship bill home mailing work residence birth office'.split(' '),
);

export function endsWith(tokens: readonly string[], ...tail: readonly string[]): boolean {
  if (tail.length > tokens.length) return false;
  const offset = tokens.length - tail.length;
  for (let i = 0; i < tail.length; i++) if (tokens[offset + i] !== tail[i]) return false;
  return true;
}

/** Whether the table has other columns that read as parts of a postal address. */
export function hasAddressColumns(table: Table, self: Column): boolean {
  for (const column of table.columns) {
    if (column === self) continue;
    const t = nameTokens(column.name);
    const last = t[t.length - 1] ?? '';
    if (
      last === 'city' ||
      last === 'zip' ||
      last === 'zipcode' ||
      last === 'postcode' ||
      last === 'country' ||
      last === 'street' ||
      endsWith(t, 'postal', 'code') ||
      endsWith(t, 'zip', 'code') ||
      (last === 'address' && !t.includes('email') && !t.includes('ip'))
    ) {
      return true;
    }
  }
  return false;
}

const COUNTRY_CODE_NAMES = new Set([
  'code',
  'iso',
  'iso 2',
  'iso2',
  'alpha2',
  'alpha 2',
  'iso 3',
  'iso3',
  'alpha3',
  'alpha 3',
  'iso code',
  'iso alpha2',
  'iso alpha3',
]);
const COUNTRY_NAME_NAMES = new Set([
  'iso name',
  'printable name',
  'official name',
  'short name',
  'long name',
]);
const LINE_WORDS: Readonly<Record<string, 'street_address' | 'secondary_address'>> = {
  one: 'street_address',
  '1': 'street_address',
  two: 'secondary_address',
  '2': 'secondary_address',
  three: 'secondary_address',
  '3': 'secondary_address',
};

/** Share of an address's third line left NULL (version 3): most addresses have two lines. */
export const THIRD_LINE_NULL_RATE = 0.85;

/** Whether a column is an address's third line (`line_three`, `line3`, `address_line_3`), a rarely filled locality line. */
export function isThirdAddressLine(table: Table, column: Column): boolean {
  const t = nameTokens(column.name);
  const last = t[t.length - 1] ?? '';
  const third = (t[t.length - 2] === 'line' && (last === 'three' || last === '3')) || last === 'line3';
  return third && hasAddressColumns(table, column);
}

/** A country table's ISO numeric code column (`numcode`, `iso_numeric`). */
const COUNTRY_NUMBER_NAMES = new Set([
  'numcode',
  'num code',
  'numeric code',
  'iso numeric',
  'iso num',
  'isonum',
  'numeric',
]);

/** Version 3: a country table's integer column holding its ISO numeric code (spree's `numcode`). */
export function isCountryNumberColumn(table: Table, column: Column): boolean {
  return tableClassOf(table) === 'country' && COUNTRY_NUMBER_NAMES.has(nameTokens(column.name).join(' '));
}

/**
 * Version 3: place columns named by position or by standard rather than by
 * their head noun: a country table's `iso`/`iso3` (codes) and `iso_name`
 * (its name); an address's `line_one`/`line1`/`address_line_2` beside
 * city or ZIP columns (street, then apartment); `mail_code` (a ZIP).
 */
export function placeKindByPosition(
  table: Table,
  column: Column,
): 'country' | 'country_code' | 'street_address' | 'secondary_address' | 'postal_code' | null {
  const t = nameTokens(column.name);
  const phrase = t.join(' ');
  if (tableClassOf(table) === 'country') {
    if (COUNTRY_CODE_NAMES.has(phrase)) return 'country_code';
    if (COUNTRY_NAME_NAMES.has(phrase)) return 'country';
  }
  const last = t[t.length - 1] ?? '';
  const line =
    t[t.length - 2] === 'line'
      ? LINE_WORDS[last]
      : /^line[123]$/.test(last)
        ? LINE_WORDS[last.slice(4)]
        : undefined;
  if (line !== undefined && hasAddressColumns(table, column)) return line;
  if (phrase === 'mail code' && hasAddressColumns(table, column)) return 'postal_code';
  return null;
}

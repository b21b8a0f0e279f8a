/**
 * Names version 18 reads (version-eighteen-values.ts makes their values):
 * - a reading time (`reading_time`, `read_time`, `read_time_minutes`): 1 to
 *   30 minutes, a few most often (was any integer, or 5 to 240);
 * - a password hash's iterations (`password_iterations`, `iterations`,
 *   `kdf_iterations`): a fixed work factor (600,000 in most rows, older
 *   310,000 or 100,000 in some; 10,000 where the type is a smallint);
 * - a product's cost beside its list price (`standard_cost`/`standardcost`
 *   beside `list_price`/`listprice`, `unit_cost` beside `unit_price`):
 *   35% to 85% of that price (were drawn alone, the cost often above it);
 * - a product's `size` kept as text: clothing sizes (XS to XXL) in most
 *   rows, even numbers 28 to 48 in others (were words);
 * - a subdivision (`region`, `province`) beside a country column with no
 *   other address column: a region of the row's country (were words);
 *   `nationality`: a country (were words); a short `title` (8 characters
 *   at most) beside a first name: a courtesy title (was a job title cut).
 */
import type { Column, Table } from '../../schema/model.js';
import { nameTokens } from './column-names.js';
import type { SemanticKind, TypeFamily } from './semantic-kind.js';

/** A reading time's name (`reading_time`, `read_time_minutes`, `reading_minutes`). */
export function isReadingTime(column: Column): boolean {
  const t = nameTokens(column.name);
  const reading = t[0] === 'reading' || (t[0] === 'read' && t[1] === 'time');
  return reading && t.length <= 4 && (t.includes('time') || t.includes('minutes') || t.includes('mins'));
}

/** A password hash's iteration count (`password_iterations`, `hash_iterations`, `iterations`, `iteration_count`). */
export function isIterationCount(column: Column): boolean {
  const t = nameTokens(column.name);
  const last = t[t.length - 1] ?? '';
  return last === 'iterations' || (last === 'count' && t[t.length - 2] === 'iteration');
}

/** A cost's name (`standard_cost`, `standardcost`, `unit_cost`, `cost`). */
function isCostName(tokens: readonly string[]): boolean {
  const joined = tokens.join('');
  return joined === 'standardcost' || joined === 'unitcost' || joined === 'cost' || joined === 'costprice';
}

/** Names of a product's list price, the one a cost lies under, most telling first. */
const PRICE_NAMES = ['listprice', 'unitprice', 'retailprice', 'msrp', 'price', 'saleprice'];

/** The row's list price a cost column lies under (another numeric column so named), or null. */
export function costPriceOf(table: Table, column: Column): string | null {
  if (!isCostName(nameTokens(column.name))) return null;
  const numeric = /^(numeric|money|float4|float8|int4|int8)$/;
  for (const wanted of PRICE_NAMES) {
    const found = table.columns.find(
      (c) =>
        c !== column && !c.generated && nameTokens(c.name).join('') === wanted && numeric.test(c.type.name),
    );
    if (found !== undefined) return found.name;
  }
  return null;
}

/** A product's size kept as text (`size`, `product_size`, `shirt_size`; not a file's). */
export function isProductSize(column: Column): boolean {
  const t = nameTokens(column.name);
  if (t[t.length - 1] !== 'size') return false;
  return t.length === 1 || ['product', 'shirt', 'clothing', 'shoe', 'garment', 'item'].includes(t[0] ?? '');
}

/** Words of a country's subdivision column (`region`, `province`, `state_province`, `prefecture`). */
const SUBDIVISION_WORDS = new Set(['region', 'province', 'prefecture', 'state']);

/** A subdivision's name beside a text country column of the row (`region` beside `country_code`), not a code. */
export function isCountrySubdivision(table: Table, column: Column): boolean {
  const t = nameTokens(column.name);
  if (!SUBDIVISION_WORDS.has(t[t.length - 1] ?? '') || t.length > 2) return false;
  const text = /^(text|varchar|bpchar|citext)$/;
  return table.columns.some(
    (c) => c !== column && !c.generated && text.test(c.type.name) && nameTokens(c.name).includes('country'),
  );
}

/** A person's courtesy title: a short `title` (at most 8 characters) beside a first name (`Mr.`, `Mrs.`). */
export function isCourtesyTitle(table: Table, column: Column): boolean {
  const max = column.type.typmods[0];
  if (column.name.toLowerCase() !== 'title' || max === undefined || max > 8) return false;
  return table.columns.some((c) => c !== column && /^first_?name$/i.test(c.name));
}

/** Version 18's kind for a column of `table` (see above), or null. */
export function versionEighteenKind(table: Table, column: Column, family: TypeFamily): SemanticKind | null {
  if (family === 'text' && isCourtesyTitle(table, column)) return 'name_prefix';
  if (family === 'text' && nameTokens(column.name).join('_') === 'nationality') return 'country';
  if (family === 'text' && isCountrySubdivision(table, column)) return 'state';
  if (family === 'integer' && isReadingTime(column)) return 'duration';
  if (family === 'integer' && isIterationCount(column)) return 'tally';
  if ((family === 'decimal' || family === 'integer') && costPriceOf(table, column) !== null) return 'price';
  if (family === 'text' && isProductSize(column)) return 'label';
  return null;
}

/** The plan's words for such a column, or null. */
export function versionEighteenText(table: Table, column: Column, family: TypeFamily | null): string | null {
  if (family === 'integer' && isReadingTime(column))
    return ', a reading time of 1 to 30 minutes, a few most often';
  if (family === 'integer' && isIterationCount(column))
    return ", a password hash's work factor (600000 in most rows, 310000 or 100000 in some)";
  const price = family === 'decimal' || family === 'integer' ? costPriceOf(table, column) : null;
  if (price !== null) return `, 35% to 85% of ${price} in the row`;
  if (family === 'text' && isProductSize(column)) return ', a size (XS to XXL, or an even number 28 to 48)';
  return null;
}

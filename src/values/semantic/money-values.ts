/**
 * Version 3: money that is not a list price. An amount or a total is any
 * number of cents, log-normal (most between a few and a few hundred, a long
 * tail of large ones) inside the type's precision; a row's `total` beside
 * its parts (`item_total`, `shipment_total`, `adjustment_total`, or
 * `subtotal`, `shipping`, `tax`) is their sum, as an order's total is.
 */

import type { ByteOut } from '../../checks/digits.js';
import type { RowRandom } from '../random.js';
import { formatScaled, POW10, writeScaled } from '../types/format.js';
import { nameTokens } from './column-names.js';
import { decimalShape } from './number-values.js';
import { type SemanticBuild, type SemanticGenerator, siblingReader } from './semantic-generator.js';

/** Money words whose values are amounts (any cents), not shelf prices (`24.99`). */
const AMOUNT_WORDS = new Set(['amount', 'total', 'subtotal', 'charge', 'balance']);

/** Whether a price-kind column holds an amount rather than a price. */
export function isAmount(tokens: readonly string[]): boolean {
  return AMOUNT_WORDS.has(tokens[tokens.length - 1] ?? '');
}

/** The median amount and the spread of its logarithm; a charge beside the goods (shipping, tax) is smaller. */
const MEDIAN = 60;
const SIGMA = 1.2;
const SIDE_MEDIAN = 8;
const SIDE_SIGMA = 0.8;
const SIDE_WORDS = new Set([
  'shipment',
  'shipping',
  'tax',
  'adjustment',
  'promo',
  'discount',
  'freight',
  'fee',
]);

/** The median of an amount by its words (a charge beside the goods: smaller). */
export function usualAmountMedian(tokens: readonly string[]): number {
  return tokens.some((w) => SIDE_WORDS.has(w)) ? SIDE_MEDIAN : MEDIAN;
}

/** A standard normal draw (Box–Muller, two uniforms). */
export function normal(rand: RowRandom): number {
  const u = 1 - rand.float();
  const v = rand.float();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** `183.47`: log-normal, positive, inside the type's precision. */
export function createAmountGenerator(build: SemanticBuild): SemanticGenerator {
  const { scale, maxUnits } = decimalShape(build.base, 2);
  const unit = POW10[scale] as number;
  const side = build.tokens.some((w) => SIDE_WORDS.has(w));
  const median = side ? SIDE_MEDIAN : MEDIAN;
  const sigma = side ? SIDE_SIGMA : SIGMA;
  const unitsOf = (rand: RowRandom): number => {
    const value = median * Math.exp(sigma * normal(rand));
    const units = Math.max(1, Math.round(value * unit));
    // Past the type's limit: again below it, keeping the draw's digits.
    return units > maxUnits ? (maxUnits <= 0 ? 0 : 1 + (units % maxUnits)) : units;
  };
  return {
    escapeFree: true,
    random: (rand) => formatScaled(unitsOf(rand), scale),
    // The same units' bytes, no string per value (writeScaled writes formatScaled's text).
    write: (rand: RowRandom, _row: number, out: ByteOut) => writeScaled(out, unitsOf(rand), scale),
  };
}

/** Each part of a total: the first column found of each group, the first group required. */
const PART_GROUPS: readonly (readonly string[])[] = [
  ['item total', 'items total', 'subtotal', 'sub total'],
  ['shipment total', 'shipping total', 'shipping', 'shipping cost', 'shipping amount', 'freight'],
  ['adjustment total', 'additional tax total', 'tax total', 'tax', 'tax amount'],
];

const TOTAL_NAMES = new Set(['total', 'grand total', 'order total', 'total amount']);

/** Integer digits a double holds exactly, whatever they are. */
const EXACT_DIGITS = 15;

/**
 * `unitsOf` of the common text a generator writes (`-`, at most 15 integer
 * digits, `.` and digits, no blank), read character by character; undefined
 * for any other text, which `unitsOf` reads with its regular expression (the
 * same result: the same integer times the same power of ten plus the same
 * fraction). Sibling readers (a line's unit price from its product's) read
 * a value per row: the expression, its groups and the padded fraction were
 * 2.4% of a Parquet run of `ecommerce`.
 */
function plainUnitsOf(text: string, scale: number): number | undefined {
  const end = text.length;
  const negative = end > 0 && text.charCodeAt(0) === 45;
  let at = negative ? 1 : 0;
  let whole = 0;
  const wholeFrom = at;
  for (; at < end; at++) {
    const digit = text.charCodeAt(at) - 48;
    if (digit < 0 || digit > 9) break;
    whole = whole * 10 + digit;
  }
  const wholeDigits = at - wholeFrom;
  if (wholeDigits === 0 || wholeDigits > EXACT_DIGITS || scale > EXACT_DIGITS) return undefined;
  let fraction = 0;
  let fractionDigits = 0;
  if (at < end) {
    if (text.charCodeAt(at) !== 46) return undefined;
    for (at++; at < end; at++) {
      const digit = text.charCodeAt(at) - 48;
      if (digit < 0 || digit > 9) return undefined;
      if (fractionDigits < scale) {
        fraction = fraction * 10 + digit;
        fractionDigits++;
      }
    }
  }
  for (; fractionDigits < scale; fractionDigits++) fraction *= 10;
  const units = whole * (POW10[scale] as number) + (scale > 0 ? fraction : 0);
  return negative ? -units : units;
}

/** A decimal's text as units of 10^-scale (digits past the scale dropped), or undefined. */
export function unitsOf(text: string, scale: number): number | undefined {
  const plain = plainUnitsOf(text, scale);
  if (plain !== undefined) return plain;
  const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(text.trim());
  if (!m) return undefined;
  const frac = (m[3] ?? '').padEnd(scale, '0').slice(0, scale);
  const units = Number(m[2]) * (POW10[scale] as number) + (scale > 0 ? Number(frac) : 0);
  return m[1] === '-' ? -units : units;
}

/**
 * A `total` column's sum of the row's parts, where the table has them (an
 * item total or subtotal at least); `usual` else, and for a row whose sum
 * does not fit the type.
 */
export function withSumOfParts(build: SemanticBuild, usual: SemanticGenerator): SemanticGenerator {
  if (!TOTAL_NAMES.has(build.tokens.join(' '))) return usual;
  const byPhrase = new Map(
    build.table.columns
      .filter((c) => c.name !== build.column.name && !c.generated)
      .map((c) => [nameTokens(c.name).join(' '), c.name]),
  );
  const parts: string[] = [];
  for (const group of PART_GROUPS) {
    const found = group.map((p) => byPhrase.get(p)).find((name) => name !== undefined);
    if (found !== undefined) parts.push(found);
    else if (parts.length === 0) return usual;
  }
  const readers = parts.map((name) => siblingReader(build.ctx, name));
  const { scale, maxUnits } = decimalShape(build.base, 2);
  return {
    escapeFree: true,
    random(rand, row) {
      let sum = 0;
      for (const read of readers) {
        const text = read(row);
        const units = typeof text === 'string' ? unitsOf(text, scale) : 0;
        if (units === undefined) return usual.random(rand, row);
        sum += units;
      }
      return sum > maxUnits || sum < -maxUnits ? usual.random(rand, row) : formatScaled(sum, scale);
    },
  };
}

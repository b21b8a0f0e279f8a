/**
 * Version 9: money in a small type sits where a person expects it. A
 * designer who gave a price `numeric(4,2)` expects a few units (pagila's
 * `rental_rate`: 0.99 to 4.99), `numeric(5,2)` tens (`replacement_cost`:
 * 9.99 to 29.99); version 8 drew the usual prices and amounts up to the
 * type's edge (56.50, 409.99). Where a fiftieth of the type's largest whole
 * part is below the usual median (a price's 50, an amount's 60, a charge's
 * 8), values are log-normal around that fiftieth instead; wider types keep
 * version 8's values. An amount in a table whose rows lead to a price (a
 * payment → its rental → its film's `rental_rate`) is that price, some
 * with a late fee of a few whole units added.
 */

import type { Table, TypeRef } from '../../schema/model.js';
import type { RowRandom } from '../random.js';
import { formatScaled, POW10 } from '../types/format.js';
import { nameTokens } from './column-names.js';
import { isAmount as isAmountByLastWord, normal, usualAmountMedian } from './money-values.js';
import { decimalShape } from './number-values.js';
import {
  type AncestorTest,
  type SemanticBuild,
  type SemanticGenerator,
  siblingReader,
} from './semantic-generator.js';
import type { SemanticKind } from './semantic-kind.js';
import { isAmountFirst } from './version-nine-names.js';

/** An amount (any cents), not a shelf price: `amount`, `total`, `balance` last, or `amount_paid`. */
export function isAmount(tokens: readonly string[]): boolean {
  return isAmountByLastWord(tokens) || isAmountFirst(tokens);
}

/** The median is this fraction of the type's largest whole part. */
const ROOM_SHARE = 50;
const SIGMA = 0.5;
/** The median of version 8's prices (mostly tens and hundreds, number-values.ts). */
const PRICE_MEDIAN = 50;
/** Price endings in hundredths: .99 most, then round (as shops price). */
const ENDINGS: readonly number[] = [99, 99, 99, 99, 95, 49, 50, 0, 0];

/**
 * The median of a price or an amount (its words `tokens`) in a type too
 * small for the usual one: a fiftieth of the type's largest whole part;
 * undefined where the type has room for the usual median.
 */
export function roomMedianOf(base: TypeRef, tokens: readonly string[]): number | undefined {
  if (base.name !== 'numeric') return undefined;
  const usual = isAmount(tokens) ? usualAmountMedian(tokens) : PRICE_MEDIAN;
  const { scale, maxUnits } = decimalShape(base, 2);
  const largest = maxUnits / (POW10[scale] as number);
  if (largest / ROOM_SHARE >= usual) return undefined;
  return Math.max(largest / ROOM_SHARE, 1 / (POW10[scale] as number));
}

/** Units of `whole` and `hundredths` at `scale` (hundredths dropped where the type has fewer). */
function unitsAt(whole: number, hundredths: number, scale: number): number {
  if (scale >= 2) return whole * (POW10[scale] as number) + hundredths * (POW10[scale - 2] as number);
  return scale === 1 ? whole * 10 + Math.floor(hundredths / 10) : whole;
}

/**
 * A price (`24.99`) or an amount (`17.43`) log-normal around the type's
 * room; `usual` where the type is wide enough for it (version 8's values).
 */
export function withinRoom(build: SemanticBuild, usual: SemanticGenerator): SemanticGenerator {
  const priced = !isAmount(build.tokens);
  const median = roomMedianOf(build.base, build.tokens);
  if (median === undefined) return usual;
  const { scale, maxUnits } = decimalShape(build.base, 2);
  const unit = POW10[scale] as number;
  const draw = (rand: RowRandom): number => {
    const value = median * Math.exp(SIGMA * normal(rand));
    let units: number;
    if (priced) {
      const whole = Math.floor(value);
      const ending = rand.pick(ENDINGS) as number;
      units = unitsAt(whole, whole === 0 && ending === 0 ? 99 : ending, scale);
    } else units = Math.max(1, Math.round(value * unit));
    // Six spreads past the median and more: again below the edge.
    return units > maxUnits ? Math.max(1, units % maxUnits) : units;
  };
  return { escapeFree: true, random: (rand: RowRandom) => formatScaled(draw(rand), scale) };
}

/** Words of a price an amount is paid for (`rental_rate`, `unit_price`, `fee`): not itself an amount. */
const PRICE_WORDS = new Set(['price', 'rate', 'fee', 'cost']);

/** An ancestor's price an amount is paid for (`rental_rate`, `unit_price`, `fee`), not itself an amount. */
export const isPriceOfAmount: AncestorTest = (_table, column, kind) => {
  const t = nameTokens(column.name);
  return kind === 'price' && !isAmount(t) && PRICE_WORDS.has(t[t.length - 1] ?? '');
};

/** Whether an amount column takes the price its row leads to (an amount, not a total of parts). */
export function takesAncestorPrice(tokens: readonly string[]): boolean {
  return isAmount(tokens) && !tokens.some((w) => w === 'total' || w === 'subtotal');
}

/** Late fees in whole units (0: the price alone, most rows). */
const FEES: readonly number[] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 2, 2, 3, 4, 5];

/**
 * An amount in a table whose rows lead to a price: that price, some with a
 * late fee; `usual` where the row leads to none (a NULL FK, a NULL price).
 */
export function withAncestorPrice(build: SemanticBuild, usual: SemanticGenerator): SemanticGenerator {
  if (!takesAncestorPrice(build.tokens)) return usual;
  const price = build.ctx.ancestorColumn?.(isPriceOfAmount);
  if (price === undefined) return usual;
  const { scale, maxUnits } = decimalShape(build.base, 2);
  return {
    escapeFree: true,
    random(rand, row) {
      const fee = rand.pick(FEES) as number;
      const text = price.read(row);
      const units = typeof text === 'string' ? priceUnitsAt(text, scale) : undefined;
      if (units === undefined || Number.isNaN(units) || units <= 0) return usual.random(rand, row);
      const withFee = units + fee * (POW10[scale] as number);
      return formatScaled(withFee <= maxUnits ? withFee : Math.min(units, maxUnits), scale);
    },
  };
}

/** A price's text (`4.99`) in units of 10^-scale, hundredths past the scale dropped. */
function priceUnitsAt(text: string, scale: number): number {
  const dot = text.indexOf('.');
  const whole = Number(dot < 0 ? text : text.slice(0, dot));
  const hundredths = dot < 0 ? 0 : Number(text.slice(dot + 1, dot + 3).padEnd(2, '0'));
  return unitsAt(whole, hundredths, scale);
}

/** Words of an amount paid of one billed (`amount_paid` of `amount_billed`, `paid_amount` of `amount_due`). */
const PAID_WORDS = new Set(['paid', 'received', 'collected', 'refunded', 'settled']);
const BILLED_WORDS = new Set(['billed', 'charged', 'due', 'invoiced', 'owed', 'claimed']);
const MONEY_TYPES = new Set(['numeric', 'int4', 'int8', 'money', 'float8']);

/** The amount billed of the row an amount paid (`column`) stays within, or null. */
export function billedAmountOf(
  table: Table,
  column: string,
  kindOf: (name: string) => SemanticKind | null,
): string | null {
  const own = nameTokens(column);
  if (!isAmount(own) || !own.some((w) => PAID_WORDS.has(w))) return null;
  const billed = table.columns.find((c) => {
    const t = nameTokens(c.name);
    return (
      c.name !== column &&
      !c.generated &&
      isAmount(t) &&
      t.some((w) => BILLED_WORDS.has(w)) &&
      // Money by meaning, or kept inside its CHECK's bounds (`amount_billed > 0`): read as a number, else `usual`.
      (kindOf(c.name) === 'price' || MONEY_TYPES.has(c.type.name))
    );
  });
  return billed?.name ?? null;
}

/**
 * An amount paid (`amount_paid`) beside the row's amount billed
 * (`amount_billed`): that amount in most rows, else a part of it (a claim
 * partly paid), never more; `usual` where the billed one is NULL.
 */
export function withinBilled(build: SemanticBuild, usual: SemanticGenerator): SemanticGenerator {
  const billed = billedAmountOf(build.table, build.column.name, (name) => build.ctx.siblingKind(name));
  if (billed === null) return usual;
  const read = siblingReader(build.ctx, billed);
  const { scale, maxUnits } = decimalShape(build.base, 2);
  return {
    escapeFree: true,
    random(rand, row) {
      const text = read(row);
      const units = typeof text === 'string' ? priceUnitsAt(text, scale) : Number.NaN;
      if (!(units > 0) || units > maxUnits) return usual.random(rand, row);
      const part = rand.chance(0.6) ? 1 : 0.4 + 0.6 * rand.float();
      return formatScaled(Math.floor(units * part), scale);
    },
  };
}

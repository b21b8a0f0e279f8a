/**
 * Version 26: money in the currency its row names (a sibling `currency`
 * code): about as many units as a dollar-like figure is worth in that
 * currency (`JPY` a hundredfold, `KRW` a thousandfold, `INR` fifty times),
 * and whole units where the currency has no minor unit in use (yen, won,
 * pesos of Chile). Factors are whole numbers, so a total made of its parts
 * stays their sum; a value whose scaled figure passes the type keeps its
 * own (in whole units where the currency wants them).
 */
import { formatScaled } from '../types/format.js';
import { decimalShape } from './number-values.js';
import {
  type SemanticBuild,
  type SemanticGenerator,
  siblingOfKind,
  siblingReader,
} from './semantic-generator.js';

/** Units of a currency about one dollar-like unit is worth, and whether it has no minor unit in use. */
const CURRENCY_FACTORS: Readonly<Record<string, readonly [number, boolean]>> = {
  JPY: [100, true],
  KRW: [1000, true],
  CLP: [1000, true],
  VND: [10000, true],
  ISK: [100, true],
  HUF: [300, true],
  IDR: [10000, true],
  COP: [1000, true],
  PYG: [1000, true],
  UGX: [1000, true],
  XAF: [500, true],
  XOF: [500, true],
  TWD: [30, false],
  INR: [50, false],
  PHP: [50, false],
  THB: [30, false],
  MXN: [20, false],
  ZAR: [20, false],
  TRY: [30, false],
  RUB: [100, false],
  CZK: [20, false],
  SEK: [10, false],
  NOK: [10, false],
  DKK: [7, false],
  CNY: [7, false],
  HKD: [8, false],
  BRL: [5, false],
  PLN: [4, false],
  ILS: [4, false],
  MYR: [4, false],
  AED: [4, false],
  SAR: [4, false],
  ARS: [1000, false],
  NGN: [1000, false],
  KES: [100, false],
  EGP: [50, false],
  PKR: [200, false],
};

/** The plan's words for a money column beside a currency code (version 26). */
export const ROW_CURRENCY_TEXT =
  ", in the row's currency (JPY a hundredfold in whole yen, KRW a thousandfold in whole won, INR fifty times)";
/** The plan's words for money computed from other columns beside a currency code (version 26). */
export const ROW_WHOLE_TEXT = ", in whole units where the row's currency has no minor unit (JPY, KRW, CLP)";

/** The row's currency code reader, or null where the column has no currency beside it (or is one). */
export function currencyOf(build: SemanticBuild): ((row: number) => string | null | undefined) | null {
  if (build.version < 26) return null;
  const column = siblingOfKind(build, 'currency_code');
  if (column !== null) return siblingReader(build.ctx, column);
  // Version 27: the currency of the row its foreign keys lead to (a ledger line's account's).
  if (build.version < 27) return null;
  return build.ctx.ancestorColumn?.((_t, _c, kind) => kind === 'currency_code')?.read ?? null;
}

/**
 * Version 27: a currency's factor and whether it has no minor unit in use (the CURRENCY_FACTORS entry), for a
 * code; undefined for a dollar-like or unknown one.
 */
export function currencyFactor(code: string | null | undefined): readonly [number, boolean] | undefined {
  return CURRENCY_FACTORS[String(code ?? '').toUpperCase()];
}

/** Whether a money column is read in its row's currency (version 26: a currency code beside it). */
export function hasRowCurrency(build: SemanticBuild): boolean {
  return currencyOf(build) !== null;
}

/**
 * `money`'s values in the row's currency: scaled by its factor (exact: a scaled cent is whole), in whole
 * units for a currency without a minor unit; the value itself (whole where wanted) where the scaled one
 * passes the type. `money` itself where the row has no currency.
 */
export function inRowCurrency(build: SemanticBuild, money: SemanticGenerator): SemanticGenerator {
  const read = currencyOf(build);
  if (read === null) return money;
  const { scale, maxUnits } = decimalShape(build.base, 2);
  const unit = 10 ** scale;
  return {
    random(rand, row) {
      const text = money.random(rand, row);
      const found = CURRENCY_FACTORS[String(read(row) ?? '').toUpperCase()];
      const value = Number(text);
      if (found === undefined || text === '' || !Number.isFinite(value)) return text;
      const [factor, whole] = found;
      const units = Math.round(value * unit);
      const scaled = whole ? Math.round((units * factor) / unit) * unit : units * factor;
      const kept = Math.abs(scaled) <= maxUnits ? scaled : whole ? Math.round(units / unit) * unit : units;
      return formatScaled(kept, scale);
    },
  };
}

/**
 * `money`'s values in whole units where the row's currency has no minor unit (a tax or a total computed
 * from whole parts): rounded, so the row's columns read as the currency's. `money` itself elsewhere.
 */
export function inRowWholeUnits(build: SemanticBuild, money: SemanticGenerator): SemanticGenerator {
  const read = currencyOf(build);
  if (read === null) return money;
  const { scale } = decimalShape(build.base, 2);
  if (scale === 0) return money;
  const unit = 10 ** scale;
  return {
    random(rand, row) {
      const text = money.random(rand, row);
      if (CURRENCY_FACTORS[String(read(row) ?? '').toUpperCase()]?.[1] !== true) return text;
      const value = Number(text);
      if (text === '' || !Number.isFinite(value)) return text;
      return formatScaled(Math.round(value) * unit, scale);
    },
  };
}

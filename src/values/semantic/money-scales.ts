/**
 * Version 13: money whose name tells its scale: a `budget` tens of
 * thousands in whole thousands, `revenue`/`turnover` hundreds of
 * thousands, a `credit_limit` in whole 500s from 500 to tens of thousands
 * (log-normal, a few far out); each around at most a fiftieth of the
 * type's room, so a small type still spreads. Version 12 made them a
 * purchase's amount (a department's budget 728.79, a credit limit 144.99).
 */
import type { TypeRef } from '../../schema/model.js';
import { formatScaled, POW10 } from '../types/format.js';
import { normal } from './money-values.js';
import { decimalShape } from './number-values.js';
import type { SemanticBuild, SemanticGenerator } from './semantic-generator.js';

interface MoneyScale {
  /** The usual value. */
  readonly median: number;
  readonly sigma: number;
  /** Values are whole multiples of this. */
  readonly step: number;
}

const BUDGET: MoneyScale = { median: 50_000, sigma: 1, step: 1000 };
const REVENUE: MoneyScale = { median: 250_000, sigma: 1.2, step: 0.01 };
const CREDIT_LIMIT: MoneyScale = { median: 5000, sigma: 0.8, step: 500 };

/** The scale a money column's name tells, or undefined. */
function scaleOf(tokens: readonly string[]): MoneyScale | undefined {
  const last = tokens[tokens.length - 1];
  if (last === 'budget' || last === 'budgeted') return BUDGET;
  if (last === 'revenue' || last === 'revenues' || last === 'turnover') return REVENUE;
  if (last === 'limit' && tokens.includes('credit')) return CREDIT_LIMIT;
  return undefined;
}

/** Whether a number column's name tells a money scale (detect-semantic.ts makes it money, version 13). */
export const isScaledMoneyName = (tokens: readonly string[]): boolean => scaleOf(tokens) !== undefined;

/** The scale a column of this name and type takes: its median (at most a fiftieth of the type's room) and step. */
function scaleIn(tokens: readonly string[], base: TypeRef) {
  const scaleFound = scaleOf(tokens);
  if (scaleFound === undefined) return null;
  const { scale, maxUnits } = decimalShape(base, 2);
  const unit = POW10[scale] as number;
  const stepUnits = Math.max(1, Math.round(scaleFound.step * unit));
  const median = Math.min(scaleFound.median, maxUnits / unit / 50);
  return median * unit < stepUnits ? null : { scaleFound, scale, maxUnits, unit, stepUnits, median };
}

/** What `datagen plan` says of a money column at its name's scale (`, log-normal around 50000 in whole 1000s`), or null. */
export function moneyScaleText(tokens: readonly string[], base: TypeRef): string | null {
  const found = scaleIn(tokens, base);
  if (found === null) return null;
  const step = found.scaleFound.step;
  return `, log-normal around ${Number(found.median.toPrecision(2))} (its name's scale)${step >= 1 ? ` in whole ${step}s` : ''}`;
}

/** A generator of money at its name's scale, or null where the name tells none. */
export function createScaledMoneyGenerator(build: SemanticBuild): SemanticGenerator | null {
  const found = scaleIn(build.tokens, build.base);
  if (found === null) return null;
  const { scaleFound, scale, maxUnits, unit, stepUnits, median } = found;
  return {
    escapeFree: true,
    random(rand) {
      const value = median * Math.exp(scaleFound.sigma * normal(rand));
      let units = Math.max(1, Math.round((value * unit) / stepUnits)) * stepUnits;
      if (units > maxUnits) units = Math.floor(maxUnits / stepUnits) * stepUnits;
      return formatScaled(units, scale);
    },
  };
}

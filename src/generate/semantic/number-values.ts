/**
 * Numbers with a meaning: prices, salaries, ages, coordinates. Values are
 * integer counts of 10^-scale units printed by integer arithmetic, inside
 * the type's limits (numeric(p,s) precision and scale, integer widths), so
 * PostgreSQL stores exactly what we print.
 */
import type { TypeRef } from '../../schema/model.js';
import type { RowRandom } from '../random.js';
import { formatScaled, POW10 } from '../types/format.js';
import type { SemanticBuild, SemanticGenerator } from './semantic-generator.js';

const INTEGER_MAX: Readonly<Record<string, number>> = {
  int2: 32767,
  int4: 2147483647,
  int8: Number.MAX_SAFE_INTEGER,
};

/** How a number is written in a type: `scale` fraction digits, and |units| at most `maxUnits`. */
export interface DecimalShape {
  readonly scale: number;
  readonly maxUnits: number;
}

/** The shape of a number type, generating at most `preferredScale` fraction digits. */
export function decimalShape(base: TypeRef, preferredScale: number): DecimalShape {
  const integerMax = INTEGER_MAX[base.name];
  if (integerMax !== undefined) return { scale: 0, maxUnits: integerMax };
  if (base.name === 'money') return { scale: Math.min(2, preferredScale), maxUnits: 9e15 };
  if (base.name === 'float4') return { scale: Math.min(4, preferredScale), maxUnits: 1e12 };
  if (base.name === 'numeric' && base.typmods[0] !== undefined) {
    const p = base.typmods[0];
    const s = Math.max(0, base.typmods[1] ?? 0);
    const scale = Math.min(s, preferredScale);
    // Values must stay below 10^(p - s); at `scale` digits that is 10^(p - s + scale) units.
    const digits = p - s + scale;
    const maxUnits = digits <= 0 ? 0 : digits > 15 ? Number.MAX_SAFE_INTEGER : (POW10[digits] as number) - 1;
    return { scale, maxUnits };
  }
  return { scale: preferredScale, maxUnits: Number.MAX_SAFE_INTEGER };
}

function clamp(units: number, max: number): number {
  return Math.min(max, Math.max(units, -max));
}

/** A uniform decimal in [-limit, limit] (whole units), e.g. a latitude. */
function createCoordinateGenerator(build: SemanticBuild, limit: number): SemanticGenerator {
  const { scale, maxUnits } = decimalShape(build.base, 6);
  const unit = POW10[scale] as number;
  const span = Math.min(limit * unit, maxUnits);
  return { random: (rand) => formatScaled(rand.below(2 * span + 1) - span, scale) };
}

export function createLatitudeGenerator(build: SemanticBuild): SemanticGenerator {
  return createCoordinateGenerator(build, 90);
}

export function createLongitudeGenerator(build: SemanticBuild): SemanticGenerator {
  return createCoordinateGenerator(build, 180);
}

/** Price endings in cents, the way shops price: .99 most, then round. */
const CENTS: readonly number[] = [99, 99, 99, 95, 49, 50, 0, 0, 0, -1];
/** Digits in the whole part of a price: mostly tens and hundreds. */
const PRICE_DIGITS: readonly number[] = [1, 1, 2, 2, 2, 2, 3, 3, 4];

function cents(rand: RowRandom): number {
  const c = rand.pick(CENTS);
  return c < 0 ? rand.below(100) : c;
}

/** Units for `whole` and `hundredths` at `scale`. */
function toUnits(whole: number, hundredths: number, scale: number): number {
  const unit = POW10[scale] as number;
  if (scale >= 2) return whole * unit + hundredths * (POW10[scale - 2] as number);
  if (scale === 1) return whole * 10 + Math.floor(hundredths / 10);
  return whole;
}

/** `24.99`, `199.00`, `7.49`: positive, mostly below 1000, within the type's precision. */
export function createPriceGenerator(build: SemanticBuild): SemanticGenerator {
  const { scale, maxUnits } = decimalShape(build.base, 2);
  const maxWhole = Math.floor(maxUnits / (POW10[scale] as number));
  return {
    random(rand) {
      const digits = rand.pick(PRICE_DIGITS);
      const low = POW10[digits - 1] as number;
      let whole = low + rand.below((POW10[digits] as number) - low);
      if (whole > maxWhole) whole = maxWhole === 0 ? 0 : 1 + rand.below(maxWhole);
      const units = toUnits(whole, cents(rand), scale);
      return formatScaled(clamp(units === 0 && maxUnits > 0 ? 1 : units, maxUnits), scale);
    },
  };
}

/** Yearly salaries: 30,000 to 200,000 in steps of 500. */
export function createSalaryGenerator(build: SemanticBuild): SemanticGenerator {
  const { scale, maxUnits } = decimalShape(build.base, 2);
  return {
    random: (rand) => formatScaled(clamp(toUnits(500 * rand.int(60, 400), 0, scale), maxUnits), scale),
  };
}

/** Adult ages, 18 to 90. */
export function createAgeGenerator(build: SemanticBuild): SemanticGenerator {
  const { scale, maxUnits } = decimalShape(build.base, 0);
  return { random: (rand) => formatScaled(clamp(toUnits(rand.int(18, 90), 0, scale), maxUnits), scale) };
}

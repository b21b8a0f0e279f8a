/**
 * Numbers with a meaning: prices, salaries, ages, coordinates. Values are
 * integer counts of 10^-scale units printed by integer arithmetic, inside
 * the type's limits (numeric(p,s) precision and scale, integer widths), so
 * PostgreSQL stores exactly what we print.
 */

import { type ByteOut, writeInteger } from '../../checks/digits.js';
import type { TypeRef } from '../../schema/model.js';
import type { RowRandom } from '../random.js';
import { formatScaled, POW10, writeScaled } from '../types/format.js';
import { defaultsToZero, periodCounterHigh } from './number-time-names.js';
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
  const unitsOf = (rand: RowRandom): number => {
    const digits = rand.pick(PRICE_DIGITS);
    const low = POW10[digits - 1] as number;
    let whole = low + rand.below((POW10[digits] as number) - low);
    if (whole > maxWhole) whole = maxWhole === 0 ? 0 : 1 + rand.below(maxWhole);
    const units = toUnits(whole, cents(rand), scale);
    return clamp(units === 0 && maxUnits > 0 ? 1 : units, maxUnits);
  };
  const write = scaledWriter(scale);
  return {
    random: (rand) => formatScaled(unitsOf(rand), scale),
    write: (rand, _row, out) => write(out, unitsOf(rand)),
  };
}

/** `formatScaled(units, scale)`'s bytes (no string per value). */
function scaledWriter(scale: number): (out: ByteOut, units: number) => void {
  return scale === 0 ? writeInteger : (out, units) => writeScaled(out, units, scale);
}

/** Yearly salaries: 30,000 to 200,000 in steps of 500. */
export function createSalaryGenerator(build: SemanticBuild): SemanticGenerator {
  return createMeasureGenerator(build, 2, (rand) => 500 * rand.int(60, 400));
}

/** Adult ages, 18 to 90. */
export function createAgeGenerator(build: SemanticBuild): SemanticGenerator {
  return createMeasureGenerator(build, 0, (rand) => rand.int(18, 90));
}

/**
 * A measure drawn as a real number by `draw`, written in the column's type
 * with up to `decimals` fraction digits (integers round), inside its limits.
 */
export function createMeasureGenerator(
  build: SemanticBuild,
  decimals: number,
  draw: (rand: RowRandom) => number,
): SemanticGenerator {
  const { scale, maxUnits } = decimalShape(build.base, decimals);
  const unit = POW10[scale] as number;
  const write = scaledWriter(scale);
  return {
    random: (rand) => formatScaled(clamp(Math.round(draw(rand) * unit), maxUnits), scale),
    write: (rand, _row, out) => write(out, clamp(Math.round(draw(rand) * unit), maxUnits)),
  };
}

/** Log-uniform in [low, high]: as many values in 1–10 as in 100–1000. */
function logUniform(rand: RowRandom, low: number, high: number): number {
  return Math.exp(Math.log(low) + rand.float() * (Math.log(high) - Math.log(low)));
}

/** Order-line quantities: mostly 1 to 5, rarely a few dozen. */
export function createQuantityGenerator(build: SemanticBuild): SemanticGenerator {
  return createMeasureGenerator(build, 0, (rand) =>
    Math.min(100, 1 + Math.floor(-Math.log(1 - rand.float()) * 2.5)),
  );
}

/** Stock on hand: 0 for some, mostly tens, a few hundreds. */
export function createStockGenerator(build: SemanticBuild): SemanticGenerator {
  return createMeasureGenerator(build, 0, (rand) =>
    rand.chance(0.08) ? 0 : Math.min(5000, Math.floor(-Math.log(1 - rand.float()) * 60)),
  );
}

const POPULAR = new Set('views reputation impressions downloads clicks hits visits karma'.split(' '));

/** Counters (views, votes, `*_count`): many zeros and small numbers, a long tail. */
export function createTallyGenerator(build: SemanticBuild): SemanticGenerator {
  const popular = build.tokens.some((w) => POPULAR.has(w)) ? 100_000 : 500;
  // Version 4: a counter over a period (`posts_day`, `daily_views`) stays within what one period sees.
  const high = build.version >= 4 ? Math.min(popular, periodCounterHigh(build.tokens) ?? popular) : popular;
  return createMeasureGenerator(build, 0, (rand) => Math.floor(logUniform(rand, 1, high + 1)) - 1);
}

/** Durations in the unit the name says (ms, seconds, minutes, hours, days); a film's length in minutes. */
export function createDurationGenerator(build: SemanticBuild): SemanticGenerator {
  const t = build.tokens;
  const has = (...words: string[]) => words.some((w) => t.includes(w));
  const [low, high] = has('ms', 'millis', 'milliseconds')
    ? [200, 600_000]
    : has('seconds', 'secs')
      ? [5, 7200]
      : has('minutes', 'mins')
        ? [5, 240]
        : has('hours')
          ? [1, 72]
          : has('length', 'runtime', 'running')
            ? [45, 190]
            : [1, 30];
  const decimals = has('hours') ? 1 : 0;
  return createMeasureGenerator(build, decimals, (rand) => logUniform(rand, low, high));
}

/** Star ratings 1–5, most of them good; with a fraction digit where the type has one. */
const STARS: readonly number[] = [5, 5, 5, 5, 4, 4, 4, 3, 3, 2, 1, 1];
export function createRatingGenerator(build: SemanticBuild): SemanticGenerator {
  const { scale } = decimalShape(build.base, 1);
  if (build.version >= 3 && (build.tokens.includes('average') || build.tokens.includes('avg'))) {
    // Version 3: an average of votes on ten points (TMDb's vote_average), most near 6.5.
    return createMeasureGenerator(build, 1, (rand) =>
      Math.min(10, Math.max(1, 6.5 + (rand.float() + rand.float() + rand.float() - 1.5) * 2.4)),
    );
  }
  return createMeasureGenerator(build, 1, (rand) =>
    scale === 0 ? rand.pick(STARS) : Math.min(5, Math.max(1, rand.pick(STARS) - rand.below(10) / 10)),
  );
}

/** Scores 0–100, clustered around the 70s. */
export function createScoreGenerator(build: SemanticBuild): SemanticGenerator {
  return createMeasureGenerator(build, 1, (rand) =>
    Math.min(100, Math.max(0, 70 + (rand.float() + rand.float() + rand.float() - 1.5) * 30)),
  );
}

/** Percentages 0–100 (or 0–1 where the type cannot hold 100). */
export function createPercentageGenerator(build: SemanticBuild): SemanticGenerator {
  const { scale, maxUnits } = decimalShape(build.base, 2);
  const whole = maxUnits / (POW10[scale] as number) >= 100;
  return createMeasureGenerator(build, 2, (rand) => (whole ? rand.float() * 100 : rand.float()));
}

/** Shares written as fractions: discounts up to 0.3, rates up to 0.25, ratios up to 1. */
export function createFractionGenerator(build: SemanticBuild): SemanticGenerator {
  const t = build.tokens;
  const high = t.includes('discount') ? 0.3 : t.includes('rate') ? 0.25 : 1;
  return createMeasureGenerator(build, 2, (rand) => rand.float() * high);
}

/** Years: recent ones for most names, birth years for `birth_year`. */
export function createYearGenerator(build: SemanticBuild): SemanticGenerator {
  const birth = build.tokens.includes('birth') || build.tokens.includes('born');
  const [low, high] = birth ? [1936, 2008] : [1970, 2025];
  return createMeasureGenerator(
    build,
    0,
    (rand) => high - Math.floor((high - low + 1) * rand.float() ** 1.5),
  );
}

/** Small enumerations held as numbers (`type_id`, `priority`): 1 to 10, the low codes most common. */
export function createSmallCodeGenerator(build: SemanticBuild): SemanticGenerator {
  if (build.version >= 3 && (build.tokens.includes('gender') || build.tokens.includes('sex'))) {
    // Version 3: 0 (not known) in a tenth of rows, else 1 or 2.
    return createMeasureGenerator(build, 0, (rand) => (rand.below(10) === 0 ? 0 : 1 + rand.below(2)));
  }
  if (build.version >= 3 && defaultsToZero(build.column)) {
    // Version 3: an enum from 0 (its default, most rows), as Rails numbers one: 0..3, a protocol 0..1.
    const n = build.tokens.includes('protocol') ? 2 : 4;
    return createMeasureGenerator(build, 0, (rand) => Math.floor(n * rand.float() ** 2));
  }
  const five = build.tokens.some((w) => ['priority', 'severity', 'level', 'tier', 'grade'].includes(w));
  const n = five ? 5 : 10;
  return createMeasureGenerator(build, 0, (rand) => 1 + Math.floor(n * rand.float() ** 1.6));
}

/** Ports services listen on, then any registered or dynamic port. */
const KNOWN_PORTS: readonly number[] = [80, 443, 5432, 3306, 6379, 8080, 8443, 22, 25, 587, 27017, 9200];

/** A network port (version 3): a well-known one in a third of rows, else 1024 up to the type's limit. */
export function createPortGenerator(build: SemanticBuild): SemanticGenerator {
  const high = build.base.name === 'int2' ? 32767 : 65535;
  return {
    escapeFree: true,
    random: (rand) => String(rand.below(3) === 0 ? (rand.pick(KNOWN_PORTS) as number) : rand.int(1024, high)),
  };
}

/** A software version (version 3): `2.4.1`, low majors most common; `2.4` where the type is short. */
export function createVersionGenerator(build: SemanticBuild): SemanticGenerator {
  const max = build.maxLength;
  return {
    escapeFree: true,
    random(rand) {
      const major = Math.floor(6 * rand.float() ** 2);
      const minor = rand.below(21);
      const short = `${major}.${minor}`;
      if (max < 6) return short.length <= max ? short : String(major);
      const full = `${short}.${rand.below(31)}`;
      return full.length <= max ? full : short;
    },
  };
}

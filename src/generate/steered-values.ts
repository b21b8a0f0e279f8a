/**
 * Values the configuration asks for (`.datagen.yaml` column settings, checked
 * by plan/apply-column-settings.ts): a named generator, a (weighted) list of
 * values, a distribution over a number/date range, or a template reading the
 * row's other columns. Still a pure function of (seed, table, column, row):
 * the draws come from the column's positioned `RowRandom`.
 */

import type { ColumnHints } from '../checks/check-hints.js';
import type { TypeLookup } from '../checks/type-resolution.js';
import type { Distribution } from '../input/spec/column-config.js';
import type { ColumnSteer } from '../plan/plan-model.js';
import type { Column, Table, TypeRef } from '../schema/model.js';
import { type OrdinalCodec, ordinalCodecFor } from '../values/ordinal-codec.js';
import type { RowRandom } from '../values/random.js';
import { createSemanticGenerator, type RowContext, type SemanticKind } from '../values/semantic/index.js';
import { cut, textMaxLength } from '../values/semantic/text-fit.js';
import { createValueGenerator } from '../values/types/index.js';

export type SteeredGenerator = (rand: RowRandom, row: number) => string | null;

export interface SteerContext {
  readonly table: Table;
  readonly column: Column;
  /** The column's base type, narrowed to its CHECK's length. */
  readonly base: TypeRef;
  readonly hints: ColumnHints;
  readonly lookup: TypeLookup;
  readonly row: RowContext;
}

const UUID_TYPE: TypeRef = {
  kind: 'type-ref',
  schema: 'pg_catalog',
  name: 'uuid',
  typmods: [],
  arrayDims: 0,
};

/** The column's generator from its settings. */
export function createSteeredGenerator(steer: ColumnSteer, context: SteerContext): SteeredGenerator {
  const limit = textMaxLength(context.base);
  const make = steeredValues(steer, context);
  if (!Number.isFinite(limit)) return make;
  // Templates and named generators fit the column's length (values were checked against it).
  return (rand, row) => {
    const v = make(rand, row);
    return v !== null && v.length > limit ? cut(v, limit) : v;
  };
}

function steeredValues(steer: ColumnSteer, context: SteerContext): SteeredGenerator {
  if (steer.template !== undefined) return templateGenerator(steer.template, context.row);
  if (steer.values !== undefined) return valuesGenerator(steer.values, steer.weights, steer.distribution);
  if (steer.generator !== undefined) return namedGenerator(steer.generator, context);
  return rangeGenerator(steer.distribution ?? { kind: 'uniform' }, context);
}

function namedGenerator(name: string, context: SteerContext): SteeredGenerator {
  if (name === 'lorem' || name === 'uuid') {
    // lorem: the text type's own words; uuid: a uuid (as text in a text column).
    const generator = createValueGenerator(name === 'uuid' ? UUID_TYPE : context.base, context.lookup, {});
    return (rand) => generator.random(rand);
  }
  const semantic = createSemanticGenerator(
    name as SemanticKind,
    context.table,
    context.column,
    context.base,
    context.row,
  );
  return (rand, row) => semantic.random(rand, row);
}

/** Cumulative weights, for a draw by one uniform number. */
function cumulative(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => {
    sum += w;
    out[i] = sum;
  });
  for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) / sum;
  return out;
}

/** The first index whose cumulative weight exceeds u. */
function search(table: Float64Array, u: number): number {
  let lo = 0;
  let hi = table.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((table[mid] as number) > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function valuesGenerator(
  values: readonly string[],
  weights: readonly number[] | undefined,
  distribution: Distribution | undefined,
): SteeredGenerator {
  if (distribution?.kind === 'sequential') return (_rand, row) => values[row % values.length] as string;
  const s = distribution?.kind === 'zipf' ? distribution.s : undefined;
  const w = weights ?? (s === undefined ? undefined : values.map((_, k) => 1 / (k + 1) ** s));
  if (w === undefined) return (rand) => rand.pick(values);
  const table = cumulative(w);
  return (rand) => values[search(table, rand.float())] as string;
}

/** `{row}`, `{row:06}` and `{column}` (or `{{…}}`) replaced by the row number and the row's values. */
function templateGenerator(template: string, row: RowContext): SteeredGenerator {
  const pieces: ((r: number) => string)[] = [];
  let last = 0;
  for (const m of template.matchAll(/\{\{?\s*([A-Za-z_][A-Za-z0-9_$]*)(?::0?(\d+))?\s*\}?\}/g)) {
    const text = template.slice(last, m.index);
    pieces.push(() => text);
    last = (m.index as number) + m[0].length;
    const name = m[1] as string;
    const width = m[2] === undefined ? 0 : Number(m[2]);
    if (name === 'row') pieces.push((r) => String(r + 1).padStart(width, '0'));
    else pieces.push((r) => row.sibling(name, r) ?? '');
  }
  const tail = template.slice(last);
  pieces.push(() => tail);
  return (_rand, r) => {
    let out = '';
    for (const piece of pieces) out += piece(r);
    return out;
  };
}

/** A normal draw (Box-Muller over two uniforms). */
function gaussian(rand: RowRandom): number {
  const u = 1 - rand.float();
  const v = rand.float();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

interface Axis {
  readonly codec: OrdinalCodec;
  readonly lo: number;
  readonly hi: number;
  /** Units of one in the value's own terms: 1 for numbers, a day for dates and timestamps. */
  readonly one: number;
}

const TEMPORAL = new Set(['date', 'timestamp', 'timestamptz']);

/** The column's range in codec units: its bounds (settings and CHECKs), else a default span. */
function axisOf(context: SteerContext): Axis {
  const codec = ordinalCodecFor(context.base) as OrdinalCodec;
  const temporal = TEMPORAL.has(context.base.name);
  const parse = (text: string, side: 'min' | 'max') => codec.parse(text, side) as number;
  const one = temporal
    ? parse('2000-01-02', 'min') - parse('2000-01-01', 'min')
    : parse('1', 'min') - parse('0', 'min');
  const { hints } = context;
  let lo = hints.min === undefined ? undefined : parse(String(hints.min), 'min');
  let hi = hints.max === undefined ? undefined : parse(String(hints.max), 'max');
  if (lo !== undefined && hints.minExclusive) lo += codec.unit;
  if (hi !== undefined && hints.maxExclusive) hi -= codec.unit;
  // Without bounds: 0..1000 for numbers, 2020..2025 for dates (give min and max to choose).
  lo ??= temporal ? parse('2020-01-01', 'min') : Math.max(codec.lo, hi === undefined ? 0 : hi - 1000 * one);
  hi ??= temporal ? parse('2025-12-31', 'max') : Math.min(codec.hi, lo + 1000 * one);
  return { codec, lo: Math.max(lo, codec.lo), hi: Math.min(hi, codec.hi), one };
}

function rangeGenerator(distribution: Distribution, context: SteerContext): SteeredGenerator {
  const { codec, lo, hi, one } = axisOf(context);
  const step = Math.max(codec.unit, Math.min(codec.step, hi - lo || codec.unit));
  const slots = Math.floor((hi - lo) / step) + 1;
  const snap = (units: number) =>
    codec.format(Math.min(hi, Math.max(lo, lo + Math.round((units - lo) / step) * step)));
  switch (distribution.kind) {
    case 'sequential':
      return (_rand, row) => codec.format(lo + (row % slots) * step);
    case 'normal': {
      const mean =
        distribution.mean === undefined
          ? (lo + hi) / 2
          : (codec.parse(String(distribution.mean), 'min') as number);
      const stddev = distribution.stddev === undefined ? (hi - lo) / 6 : distribution.stddev * one;
      return (rand) => snap(mean + stddev * gaussian(rand));
    }
    case 'lognormal': {
      // median · e^(sigma·z): most values near the median, a long tail above (money, sizes).
      const middle = (lo + hi) / 2;
      const median =
        distribution.median === undefined ? (middle > 0 ? middle / 2 : one) : distribution.median * one;
      const sigma = distribution.sigma ?? 1;
      return (rand) => snap(median * Math.exp(sigma * gaussian(rand)));
    }
    case 'zipf': {
      // Rank k in [1, slots] with P(k) ~ k^-s (continuous inverse), value lo + (k - 1) steps.
      const s = distribution.s;
      const n = slots;
      return (rand) => {
        const u = rand.float();
        const k =
          Math.abs(s - 1) < 1e-9
            ? Math.exp(u * Math.log(n + 1))
            : (u * ((n + 1) ** (1 - s) - 1) + 1) ** (1 / (1 - s));
        return codec.format(lo + Math.min(n - 1, Math.max(0, Math.floor(k) - 1)) * step);
      };
    }
    default:
      return (rand) => codec.format(lo + rand.below(slots) * step);
  }
}

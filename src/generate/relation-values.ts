/**
 * CHECKs that compare two columns of a row (`end_date >= start_date`,
 * `a < b + 3`), read as a bound on one of them: which side is generated from
 * the other (`orientRelations`), and a value of the dependent column between
 * the bounds its bases give (numbers, dates and times through an ordinal
 * codec; text by prefixes, which sort the same in every collation).
 */

import { formatDate } from '../checks/calendar.js';
import { type Atom, type CompareOp, FLIP, type Offset } from '../checks/check-atoms.js';
import type { ColumnHints } from '../checks/check-hints.js';
import type { ColumnPlan } from '../plan/plan-model.js';
import type { TypeRef } from '../schema/model.js';
import type { OrdinalCodec } from '../values/ordinal-codec.js';
import type { RowRandom } from '../values/random.js';
import { nameTokens } from '../values/semantic/column-names.js';
import {
  PERIOD_END_DAYS,
  PERIOD_END_WORDS,
  PERIOD_START_WORDS,
} from '../values/semantic/number-time-names.js';
import { REFERENCE_DAY } from '../values/semantic/time-values.js';
import { stayEndOf } from '../values/semantic/version-twentyfour-names.js';

export type RelationAtom = Extract<Atom, { kind: 'relation' }>;

/** A relation read as a bound on its dependent column: dependent <op> base + offset. */
export interface DependentBound {
  readonly dependent: string;
  readonly op: CompareOp;
  readonly base: string;
  readonly offset?: Offset;
}

/**
 * Whether a relation may generate this column from the other side: a free
 * random column. A column drawn from a value list keeps to its list (the
 * relation is then met from the other side, or evaluated).
 */
export function derivable(column: ColumnPlan | undefined): boolean {
  // A column the configuration steers keeps its values: a relation is met from the other side or evaluated.
  return column?.source.kind === 'random' && column.steer === undefined;
}

function negateSign(o: Offset | undefined): Offset | undefined {
  return o ? { sign: o.sign === 1 ? -1 : 1, value: o.value } : undefined;
}

/**
 * Decide which side of every relation is generated from the other: the
 * larger side from the smaller where possible (end from start), never a
 * fixed column (key, FK), never closing a cycle. Relations that cannot be
 * oriented are left to evaluation.
 */
export function orientRelations(
  relations: readonly RelationAtom[],
  isFree: (column: string) => boolean,
  hasOrder: (column: string) => boolean,
  /** Dependents already made from bases (version 22's equations): no relation closes a cycle through them. */
  made: readonly Pick<DependentBound, 'dependent' | 'base'>[] = [],
): (DependentBound | undefined)[] {
  const edges = new Map<string, Set<string>>(); // base → dependents
  for (const { dependent, base } of made) edges.set(base, new Set([...(edges.get(base) ?? []), dependent]));
  const reaches = (from: string, to: string): boolean => {
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length > 0) {
      const x = stack.pop() as string;
      if (x === to) return true;
      if (seen.has(x)) continue;
      seen.add(x);
      for (const y of edges.get(x) ?? []) stack.push(y);
    }
    return false;
  };
  const bounds: (DependentBound | undefined)[] = [];
  for (const r of relations) {
    const asLeft: DependentBound = {
      dependent: r.left,
      op: r.op,
      base: r.right,
      ...(r.offset ? { offset: r.offset } : {}),
    };
    const flippedOffset = negateSign(r.offset);
    const asRight: DependentBound = {
      dependent: r.right,
      op: FLIP[r.op],
      base: r.left,
      ...(flippedOffset ? { offset: flippedOffset } : {}),
    };
    const preferLeft = r.op === '>' || r.op === '>=' || r.op === '=';
    const order = preferLeft ? [asLeft, asRight] : [asRight, asLeft];
    // A column already generated from others keeps that role: prefer it as the dependent again.
    const chosen = order.find(
      (b) => isFree(b.dependent) && hasOrder(b.dependent) && r.op !== '<>' && !reaches(b.dependent, b.base),
    );
    bounds.push(chosen);
    if (!chosen) continue;
    const set = edges.get(chosen.base) ?? new Set<string>();
    set.add(chosen.dependent);
    edges.set(chosen.base, set);
  }
  return bounds;
}

function lowerBound(x: number, strict: boolean, unit: number): number {
  const k = x / unit;
  return (strict ? Math.floor(k + 1e-9) + 1 : Math.ceil(k - 1e-9)) * unit;
}

function upperBound(x: number, strict: boolean, unit: number): number {
  const k = x / unit;
  return (strict ? Math.ceil(k - 1e-9) - 1 : Math.floor(k + 1e-9)) * unit;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
/** Version 24: a stay's most nights. */
const STAY_NIGHTS = 14;

/**
 * Version 13: a period's end drawn after its start (`end_date > start_date`)
 * within PERIOD_END_DAYS of it (before a history's next start) and not past
 * the day before the reference date where that leaves room; undefined for
 * other columns and versions.
 */
export interface PeriodCeiling {
  /** The latest value, in the codec's units. */
  readonly latest: number;
  /** The widest step after the start, in the codec's units. */
  readonly spread: number;
  /** Version 24: short steps most often (a stay's nights: 1 to 14, most of them 1 to 4). */
  readonly skewed?: boolean;
}

/** `dependent`'s ceiling (see PeriodCeiling) where it is a period's end derived from its start `base`. */
export function periodCeilingOf(
  codec: OrdinalCodec,
  dependent: string,
  base: string,
  version: number,
): PeriodCeiling | undefined {
  if (version < 13 || codec.spreadText !== '0..365 days') return undefined;
  // Version 24: a stay's check-out after its check-in, 1 to 14 nights, short stays most often; upcoming ones too.
  if (version >= 24 && stayEndOf(dependent) === 'out' && stayEndOf(base) === 'in')
    return { latest: codec.hi, spread: (codec.spread * STAY_NIGHTS) / 365, skewed: true };
  if (!nameTokens(dependent).some((w) => PERIOD_END_WORDS.has(w))) return undefined;
  if (!nameTokens(base).some((w) => PERIOD_START_WORDS.has(w))) return undefined;
  const latest = codec.parse(formatDate(REFERENCE_DAY - 1), 'max');
  return latest === undefined ? undefined : { latest, spread: (codec.spread * PERIOD_END_DAYS) / 365 };
}

/** A value of the dependent column between the bounds its bases give; undefined when none fits. */
export function relativeValue(
  codec: OrdinalCodec,
  hints: ColumnHints,
  active: readonly { bound: DependentBound; base: string }[],
  rand: RowRandom,
  ceiling?: PeriodCeiling,
): string | undefined {
  let lo = codec.lo;
  let hi = codec.hi;
  let fromBelow = false;
  let fromAbove = false;
  let equal: number | undefined;
  const u = codec.unit;
  for (const { bound, base } of active) {
    let v = codec.parse(base, bound.op === '<' || bound.op === '<=' ? 'max' : 'min');
    if (v === undefined) return undefined;
    if (bound.offset) v = codec.shift(v, bound.offset);
    if (v === undefined) return undefined;
    switch (bound.op) {
      case '>':
      case '>=':
        lo = Math.max(lo, lowerBound(v, bound.op === '>', u));
        fromBelow = true;
        break;
      case '<':
      case '<=':
        hi = Math.min(hi, upperBound(v, bound.op === '<', u));
        fromAbove = true;
        break;
      case '=':
        equal = v;
        break;
      default:
        break;
    }
  }
  if (equal !== undefined) return codec.format(equal);
  if (typeof hints.min === 'number' || typeof hints.min === 'string') {
    const m = codec.parse(String(hints.min), 'min');
    if (m !== undefined) lo = Math.max(lo, lowerBound(m, hints.minExclusive === true, u));
  }
  if (typeof hints.max === 'number' || typeof hints.max === 'string') {
    const m = codec.parse(String(hints.max), 'max');
    if (m !== undefined) hi = Math.min(hi, upperBound(m, hints.maxExclusive === true, u));
  }
  if (lo > hi) return undefined;
  let spread = codec.spread;
  if (ceiling !== undefined && fromBelow && !fromAbove) {
    hi = Math.max(lo, Math.min(hi, ceiling.latest));
    spread = ceiling.spread;
  }
  const step = Math.min(codec.step, Math.max(u, hi - lo));
  let value: number;
  if (fromBelow && fromAbove) {
    const steps = Math.floor((hi - lo) / step);
    value = lo + rand.below(steps + 1) * step;
  } else if (fromAbove) {
    const steps = Math.floor(Math.min(spread, hi - lo) / step);
    value = hi - rand.below(steps + 1) * step;
  } else {
    const steps = Math.floor(Math.min(spread, hi - lo) / step);
    const f = ceiling?.skewed === true ? rand.float() : 0;
    value = lo + (ceiling?.skewed === true ? Math.floor(steps * f * f * f) : rand.below(steps + 1)) * step;
  }
  return codec.format(Math.min(hi, Math.max(lo, value)));
}

/** Text compared with text: a longer string with the other as prefix sorts after it in every collation. */
export function relativeText(
  type: TypeRef,
  hints: ColumnHints,
  active: readonly { bound: DependentBound; base: string }[],
  rand: RowRandom,
): string | undefined {
  const first = active[0];
  if (!first || first.bound.offset) return undefined;
  const base = first.base;
  const max = Math.min(type.typmods[0] ?? Infinity, hints.maxLength ?? Infinity);
  const op = first.bound.op;
  if (op === '=') return base;
  if (op === '>' || op === '>=') {
    const min = op === '>' ? 1 : 0;
    const room = Math.min(3, max - base.length);
    if (room < min) return undefined;
    const n = min + rand.below(room - min + 1);
    let out = base;
    for (let i = 0; i < n; i++) out += LETTERS[rand.below(26)];
    return out;
  }
  const cut = op === '<' ? 1 : 0;
  if (base.length < cut) return undefined;
  const keep = rand.below(base.length - cut + 1);
  return base.slice(0, keep);
}

/**
 * Combining bounds along a domain chain: a value of `d2` (a domain over `d1`
 * over int4) must satisfy every level's CHECKs, so each level's hints are
 * intersected with what the caller passed, never overridden by it.
 */
import type { TypeRef } from '../../schema/model.js';
import { type GeneratorHints, unsatisfiableError } from './generator.js';

type Bound = number | string;

const ISO_DATE = /^\d{4}-\d\d-\d\d/;
const ISO_TIME = /^\d\d:\d\d/;

/** A bound as a number (NaN for text that is none: blank, a date). */
function boundNumber(a: Bound): number {
  return typeof a === 'number' ? a : a.trim() === '' ? Number.NaN : Number(a);
}

/** -1, 0, 1, or undefined when the two bounds cannot be compared. */
function compareBounds(a: Bound, b: Bound): number | undefined {
  const x = boundNumber(a);
  const y = boundNumber(b);
  if (Number.isFinite(x) && Number.isFinite(y)) return Math.sign(x - y);
  if (typeof a !== 'string' || typeof b !== 'string') return undefined;
  // ISO dates, timestamps and times order as text (a shorter prefix is the earlier instant).
  if ((ISO_DATE.test(a) && ISO_DATE.test(b)) || (ISO_TIME.test(a) && ISO_TIME.test(b))) {
    return a < b ? -1 : a > b ? 1 : 0;
  }
  return undefined;
}

interface Side {
  readonly value: Bound;
  readonly exclusive: boolean;
}

/** The tighter of two lower (`sign` 1) or upper (`sign` -1) bounds; `b` wins when they cannot be compared. */
function tighter(a: Side | undefined, b: Side | undefined, sign: 1 | -1): Side | undefined {
  if (!a) return b;
  if (!b) return a;
  const c = compareBounds(a.value, b.value);
  if (c === undefined) return b;
  if (c === 0) return { value: a.value, exclusive: a.exclusive || b.exclusive };
  return c * sign > 0 ? a : b;
}

/** Whether a value meets the hints' bounds and value list (a bound it cannot be compared with is met). */
export function withinHints(value: string, hints: GeneratorHints): boolean {
  if (hints.min !== undefined) {
    const c = compareBounds(value, hints.min);
    if (c !== undefined && (c < 0 || (c === 0 && hints.minExclusive))) return false;
  }
  if (hints.max !== undefined) {
    const c = compareBounds(value, hints.max);
    if (c !== undefined && (c > 0 || (c === 0 && hints.maxExclusive))) return false;
  }
  if (hints.values && !hints.values.includes(value)) return false;
  return true;
}

/**
 * `withinHints(value, hints)` for one set of hints, called per value: numeric
 * bounds read as numbers once, a value that reads as a number compared with
 * them directly; anything else (a value list, a bound or value that is no
 * number) as `withinHints` does.
 */
export function hintsCheck(hints: GeneratorHints): (value: string) => boolean {
  const min = hints.min === undefined ? undefined : boundNumber(hints.min);
  const max = hints.max === undefined ? undefined : boundNumber(hints.max);
  const numeric = (b: number | undefined) => b === undefined || Number.isFinite(b);
  if (hints.values !== undefined || !numeric(min) || !numeric(max))
    return (value) => withinHints(value, hints);
  const minExclusive = hints.minExclusive === true;
  const maxExclusive = hints.maxExclusive === true;
  return (value) => {
    const x = boundNumber(value);
    if (!Number.isFinite(x)) return withinHints(value, hints);
    if (min !== undefined && (x < min || (x === min && minExclusive))) return false;
    return !(max !== undefined && (x > max || (x === max && maxExclusive)));
  };
}

/**
 * Hints that satisfy both `outer` (the caller's, e.g. a column's) and
 * `inner` (a domain's own): the higher minimum, the lower maximum, the
 * shorter length window, and value lists filtered by the other side's
 * bounds. Throws UNSATISFIABLE when a value list loses every value.
 */
export function intersectHints(
  type: TypeRef,
  outer: GeneratorHints | undefined,
  inner: GeneratorHints | undefined,
): GeneratorHints {
  if (!outer || Object.keys(outer).length === 0) return inner ?? {};
  if (!inner || Object.keys(inner).length === 0) return outer;
  const side = (v: Bound | undefined, exclusive: boolean | undefined): Side | undefined =>
    v === undefined ? undefined : { value: v, exclusive: exclusive === true };
  const min = tighter(side(outer.min, outer.minExclusive), side(inner.min, inner.minExclusive), 1);
  const max = tighter(side(outer.max, outer.maxExclusive), side(inner.max, inner.maxExclusive), -1);
  const out: { -readonly [K in keyof GeneratorHints]: GeneratorHints[K] } = {};
  if (min) {
    out.min = min.value;
    if (min.exclusive) out.minExclusive = true;
  }
  if (max) {
    out.max = max.value;
    if (max.exclusive) out.maxExclusive = true;
  }
  const minLength = Math.max(outer.minLength ?? 0, inner.minLength ?? 0);
  const maxLength = Math.min(
    outer.maxLength ?? Number.POSITIVE_INFINITY,
    inner.maxLength ?? Number.POSITIVE_INFINITY,
  );
  if (minLength > 0) out.minLength = minLength;
  if (Number.isFinite(maxLength)) out.maxLength = maxLength;
  if (outer.values || inner.values) {
    const lists = [outer.values, inner.values].filter((v): v is readonly string[] => v !== undefined);
    const bounds: GeneratorHints = { ...out };
    const values = (lists[0] ?? []).filter(
      (v) => lists.every((l) => l.includes(v)) && withinHints(v, bounds),
    );
    if (values.length === 0)
      throw unsatisfiableError(type, 'the value lists and bounds of its domain levels');
    out.values = values;
  }
  if (outer.networks || inner.networks) out.networks = [...(outer.networks ?? []), ...(inner.networks ?? [])];
  if (outer.fields || inner.fields) {
    const fields: Record<string, GeneratorHints> = {};
    for (const name of new Set([...Object.keys(outer.fields ?? {}), ...Object.keys(inner.fields ?? {})]))
      fields[name] = intersectHints(type, outer.fields?.[name], inner.fields?.[name]);
    out.fields = fields;
  }
  return out;
}

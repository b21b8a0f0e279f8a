/**
 * The machinery of unique-by-construction realistic values (design.md,
 * principle 3): mixed-radix digit tuples over dictionaries, each digit
 * shifted by a hash of the digits before it (still a bijection), so
 * consecutive k share no pick; dictionaries deduplicated case-insensitively;
 * codes when nothing realistic fits.
 */
import { mix32 } from '../random.js';
import { codeSpace, encodeCode } from '../types/words.js';

export interface SemanticUniqueGenerator {
  /** How many distinct values exist (Infinity when unbounded). */
  readonly space: number;
  /** An injective map of k in [0, space) to a value's text form. */
  value(k: number): string;
  /**
   * The first values (small k) are the best ones (a dictionary's entries
   * before their numbered repeats): take k as it comes, not scrambled over
   * the whole space.
   */
  readonly dense?: boolean;
  /**
   * Values increase with k (migration timestamps): a single-column key
   * takes k as the row's index, not its keyed permutation, so they also
   * increase with the row.
   */
  readonly inRowOrder?: boolean;
}

/** Distinct entries, case-insensitively (so citext and lower() unique indexes see them as distinct too). */
export function distinct(
  list: readonly string[],
  max = Number.POSITIVE_INFINITY,
  pattern?: RegExp,
): readonly string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const s of list) {
    const key = s.toLowerCase();
    if (s === '' || s.length > max || seen.has(key) || (pattern !== undefined && !pattern.test(s))) continue;
    seen.add(key);
    out.push(s);
  }
  return out;
}

/** The fewest entries a name list may keep after length filtering before we fall back to codes. */
export const MIN_NAMES = 16;

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/**
 * A multiplier coprime to r, near r/phi (so neighbours land far apart) and
 * below 2^20 (so raw * multiplier stays exact for radices up to 2^33).
 */
function coprimeMultiplier(r: number): number {
  if (r <= 2) return 1;
  let m = Math.max(1, Math.min(Math.floor(r * 0.6180339887), 1048573));
  while (gcd(m, r) !== 1) m--;
  return m;
}

/** A bijection of [0, prod(radices)) onto digit tuples (see `split`). */
export interface Digits {
  readonly space: number;
  /**
   * Mixed-radix digits of k, each multiplied by a unit mod its radix and
   * shifted by a hash of the digits already chosen: still a bijection, but
   * consecutive k share no digit.
   */
  split(k: number, out: number[]): void;
}

export function createDigits(radices: readonly number[]): Digits {
  const multipliers = radices.map(coprimeMultiplier);
  return {
    space: radices.reduce((a, b) => a * b, 1),
    split(k, out) {
      let rest = k;
      let h = 0x2545f491;
      for (let i = 0; i < radices.length; i++) {
        const r = radices[i] as number;
        const raw = rest % r;
        rest = (rest - raw) / r;
        const digit = (((raw * (multipliers[i] as number)) % r) + (h % r)) % r;
        out[i] = digit;
        h = mix32(h ^ (digit + 0x9e3779b9));
      }
    },
  };
}
/** Unique values over a dictionary: the entries that fit, in a hashed order. */
export function dictionary(list: readonly string[], max: number): SemanticUniqueGenerator | null {
  const values = distinct(list, max);
  if (values.length === 0) return null;
  return { space: values.length, value: (k) => values[k] as string };
}

/** Codes (`a`, `b`, … `aa`) around a fixed prefix/suffix when the realistic form cannot fit. */
export function codes(prefix: string, tail: string, max: number): SemanticUniqueGenerator | null {
  const room = max - prefix.length - tail.length;
  if (room < 1) return null;
  return { space: codeSpace(36, room), value: (k) => prefix + encodeCode(k) + tail };
}

/** Name lists cut to fit `budget` characters for both together, or null when too few remain. */
export function namesWithin(
  firsts: readonly string[],
  lasts: readonly string[],
  budget: number,
): { firsts: readonly string[]; lasts: readonly string[] } | null {
  if (!Number.isFinite(budget)) return { firsts, lasts };
  const cap = Math.floor(budget / 2);
  const f = firsts.filter((s) => s.length <= cap);
  const l = lasts.filter((s) => s.length <= budget - cap);
  return f.length >= MIN_NAMES && l.length >= MIN_NAMES ? { firsts: f, lasts: l } : null;
}

/**
 * Unique values over (first, last, more digits…): createDigits' bijection
 * onto those tuples, each written by `format` (whose parts must read back
 * unambiguously for the values to stay distinct).
 */
export function namePairs(
  names: { readonly firsts: readonly string[]; readonly lasts: readonly string[] },
  more: readonly number[],
  format: (first: string, last: string, d: readonly number[]) => string,
): SemanticUniqueGenerator {
  const { firsts, lasts } = names;
  const digits = createDigits([firsts.length, lasts.length, ...more]);
  const d: number[] = new Array<number>(2 + more.length).fill(0);
  return {
    space: digits.space,
    value(k) {
      digits.split(k, d);
      return format(firsts[d[0] as number] as string, lasts[d[1] as number] as string, d);
    },
  };
}

/** One word from each list, blank-separated (`Ergonomic Wooden Chair`), or null when the longest does not fit `max`. */
export function wordTriples(
  lists: readonly (readonly string[])[],
  max: number,
): SemanticUniqueGenerator | null {
  const longest = lists.reduce((sum, l) => sum + l.reduce((m, s) => Math.max(m, s.length), 0), 2);
  if (longest > max || lists.some((l) => l.length === 0)) return null;
  const digits = createDigits(lists.map((l) => l.length));
  const d: number[] = [0, 0, 0];
  return {
    space: digits.space,
    value(k) {
      digits.split(k, d);
      return `${lists[0]![d[0]!]} ${lists[1]![d[1]!]} ${lists[2]![d[2]!]}`;
    },
  };
}

/**
 * Version 18: `pairs`' values bare first, then each again with a number
 * (`suffix(n)`, n from 1): k below the pairs' space is the bare value, so a
 * column of fewer rows than pairs carries no number. Unbounded and dense: a
 * key takes k below the rows (driver-tuple.ts), never spread over the space.
 * `suffix` must start with what no bare value ends in (a separator, a digit
 * after letters) and hold only digits after it, so the values stay distinct.
 */
export function numberedWhenNeeded(
  pairs: SemanticUniqueGenerator,
  suffix: (n: number) => string,
): SemanticUniqueGenerator {
  const p = pairs.space;
  return {
    space: Number.POSITIVE_INFINITY,
    dense: true,
    value(k) {
      const r = k % p;
      const n = (k - r) / p;
      return n === 0 ? pairs.value(r) : pairs.value(r) + suffix(n);
    },
  };
}

/**
 * Unique strings of a regex's language, for unique columns under a pattern
 * CHECK (`code ~ '^[A-Z]{2}[0-9]{2}$'` on a PRIMARY KEY): one shape of the
 * language (every open repetition given a count) enumerated in mixed radix,
 * so `value(k)` is a bijection from [0, space) onto strings that match.
 */
import { counted } from '../errors.js';
import { parse, type Ranges, type RegexNode, RegexUnsupportedError } from './regex-parse.js';

/** Unique strings of a pattern's language: `value(k)` is a bijection from [0, space) onto some of its strings. */
export interface RegexEnumeration {
  readonly space: number;
  value(k: number): string;
}

interface Enumerated {
  /** Strings this node enumerates (capped at 2^53). */
  readonly size: number;
  readonly length: number;
  nth(k: number): string;
}

const CAP = 2 ** 53;
/** Characters of the suffix after a pattern not anchored at its end: lower-case letters and digits. */
const SUFFIX: Ranges = [
  [48, 57],
  [97, 122],
];
/** Open repetitions grow until the language has this many strings (or the length limit is reached). */
const ENOUGH = 2 ** 32;

const capped = (n: number) => Math.min(n, CAP);
/** Digit and rest of k in radix `size` (a capped size larger than k takes all of k). */
const split = (k: number, size: number): [number, number] =>
  size > k ? [k, 0] : [k % size, Math.floor(k / size)];

function literalOf(node: RegexNode): string | undefined {
  if (node.k === 'set') {
    const [only] = node.ranges;
    return node.ranges.length === 1 && only && only[0] === only[1]
      ? String.fromCodePoint(only[0])
      : undefined;
  }
  if (node.k === 'anchor') return '';
  if (node.k === 'seq') {
    let out = '';
    for (const item of node.items) {
      const s = literalOf(item);
      if (s === undefined) return undefined;
      out += s;
    }
    return out;
  }
  if (node.k === 'repeat' && node.min === node.max) {
    const s = literalOf(node.node);
    return s === undefined ? undefined : s.repeat(node.min);
  }
  return undefined;
}

function mergeRanges(sets: readonly Ranges[]): Ranges {
  const all = sets
    .flat()
    .map(([a, b]) => [a, b] as [number, number])
    .sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [a, b] of all) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** Every string of one fixed shape: repetition counts from `counts`, fixed-length parts, so the strings are distinct. */
function enumerate(node: RegexNode, counts: ReadonlyMap<RegexNode, number>): Enumerated {
  switch (node.k) {
    case 'anchor':
      return { size: 1, length: 0, nth: () => '' };
    case 'set': {
      const size = node.ranges.reduce((n, [lo, hi]) => n + hi - lo + 1, 0);
      return {
        size,
        length: 1,
        nth(k) {
          for (const [lo, hi] of node.ranges) {
            if (k <= hi - lo) return String.fromCodePoint(lo + k);
            k -= hi - lo + 1;
          }
          return '';
        },
      };
    }
    case 'seq': {
      const items = node.items.map((i) => enumerate(i, counts));
      return {
        size: capped(items.reduce((n, i) => n * i.size, 1)),
        length: items.reduce((n, i) => n + i.length, 0),
        nth(k) {
          let out = '';
          let rest = k;
          for (const item of items) {
            const [digit, next] = split(rest, item.size);
            out += item.nth(digit);
            rest = next;
          }
          return out;
        },
      };
    }
    case 'repeat': {
      const inner = enumerate(node.node, counts);
      const n = counts.get(node) ?? node.min;
      return {
        size: capped(inner.size ** n),
        length: inner.length * n,
        nth(k) {
          let out = '';
          let rest = k;
          for (let i = 0; i < n; i++) {
            const [digit, next] = split(rest, inner.size);
            out += inner.nth(digit);
            rest = next;
          }
          return out;
        },
      };
    }
    case 'alt': {
      // Distinct strings only: options that are all characters (one merged class), or distinct literals of one length.
      if (node.options.every((o) => o.k === 'set')) {
        return enumerate(
          { k: 'set', ranges: mergeRanges(node.options.map((o) => (o.k === 'set' ? o.ranges : []))) },
          counts,
        );
      }
      const literals = node.options.map(literalOf);
      const first = literals[0];
      if (
        first === undefined ||
        literals.some((l) => l === undefined || l.length !== first.length) ||
        new Set(literals).size !== literals.length
      ) {
        return largestOption(node.options, counts);
      }
      return { size: literals.length, length: first.length, nth: (k) => literals[k] as string };
    }
  }
}

/**
 * Alternatives of different shapes (`^\d{1,2}:\d{2}(:\d{2})?$|^\d{4}$`, a time's spellings): the strings of the
 * option with the most, a part of the language whose strings are distinct (one fixed shape). A unique column
 * under such a pattern was left without rows (`alternatives of different shapes`).
 */
function largestOption(options: readonly RegexNode[], counts: ReadonlyMap<RegexNode, number>): Enumerated {
  let best: Enumerated | undefined;
  for (const option of options) {
    let e: Enumerated;
    try {
      e = enumerate(option, counts);
    } catch (error) {
      if (error instanceof RegexUnsupportedError) continue;
      throw error;
    }
    if (best === undefined || e.size > best.size) best = e;
  }
  if (best === undefined) throw new RegexUnsupportedError('alternatives of different shapes');
  return best;
}

function repeatsOf(node: RegexNode, out: Extract<RegexNode, { k: 'repeat' }>[] = []): typeof out {
  if (node.k === 'seq') for (const i of node.items) repeatsOf(i, out);
  else if (node.k === 'alt') for (const o of node.options) repeatsOf(o, out);
  else if (node.k === 'repeat') {
    out.push(node);
    repeatsOf(node.node, out);
  }
  return out;
}

/** Ranges minus another set of ranges. */
function withoutRanges(ranges: Ranges, cut: Ranges): Ranges {
  let out: (readonly [number, number])[] = [...ranges];
  for (const [a, b] of cut) {
    out = out.flatMap(([lo, hi]): (readonly [number, number])[] =>
      hi < a || lo > b
        ? [[lo, hi]]
        : [...(lo < a ? [[lo, a - 1] as const] : []), ...(hi > b ? [[b + 1, hi] as const] : [])],
    );
  }
  return out;
}

/** Letters of the other case (and non-ASCII, whose case datagen does not track) taken out of every set. */
function inCase(node: RegexNode, letterCase: 'lower' | 'upper'): RegexNode {
  const cut: Ranges = [letterCase === 'lower' ? [65, 90] : [97, 122], [128, 0x10ffff]];
  switch (node.k) {
    case 'set': {
      const ranges = withoutRanges(node.ranges, cut);
      if (ranges.length === 0) throw new RegexUnsupportedError(`no ${letterCase}-case string matches it`);
      return { k: 'set', ranges };
    }
    case 'seq':
      return { k: 'seq', items: node.items.map((n) => inCase(n, letterCase)) };
    case 'alt':
      return { k: 'alt', options: node.options.map((n) => inCase(n, letterCase)) };
    case 'repeat':
      return { ...node, node: inCase(node.node, letterCase) };
    case 'anchor':
      return node;
  }
}

/**
 * A bijection from [0, space) onto strings the regex matches, within the
 * length limits: one shape of the language (each open repetition given a
 * count), enumerated in mixed radix. Throws `RegexUnsupportedError` when no
 * such shape fits.
 */
export function createRegexEnumeration(
  source: string,
  limits: {
    readonly minLength?: number;
    readonly maxLength?: number;
    /** Only strings a fold to this case leaves as they are (a unique `lower(code)` key): folding stays injective. */
    readonly letterCase?: 'lower' | 'upper';
  } = {},
): RegexEnumeration {
  const parsed = limits.letterCase ? inCase(parse(source), limits.letterCase) : parse(source);
  // Without a closing `$` anything may follow a match (`^https?://`): a growable suffix gives room for many strings.
  const endAnchored = /(^|[^\\])\$\)*$/.test(source);
  const node: RegexNode =
    endAnchored || parsed.k === 'alt'
      ? parsed
      : { k: 'seq', items: [parsed, { k: 'repeat', node: { k: 'set', ranges: SUFFIX }, min: 0, max: 64 }] };
  const lo = limits.minLength ?? 0;
  const hi = limits.maxLength ?? Infinity;
  const counts = new Map<RegexNode, number>();
  const open = repeatsOf(node).filter((r) => r.max > r.min);
  let current = enumerate(node, counts);
  // Grow open repetitions (first first) until the length is reached and there are enough strings.
  for (let guard = 0; guard < 256 && (current.length < lo || current.size < ENOUGH); guard++) {
    const grown = open.find((r) => {
      const n = counts.get(r) ?? r.min;
      if (n >= r.max) return false;
      counts.set(r, n + 1);
      const next = enumerate(node, counts);
      if (next.length > hi || next.length === current.length) {
        counts.set(r, n);
        return false;
      }
      return true;
    });
    if (!grown) break;
    current = enumerate(node, counts);
  }
  if (current.length < lo || current.length > hi) {
    throw new RegexUnsupportedError(`no strings of one shape between ${lo} and ${counted(hi, 'character')}`);
  }
  const result = current;
  return { space: result.size >= CAP ? 2 ** 52 : result.size, value: (k) => result.nth(k) };
}

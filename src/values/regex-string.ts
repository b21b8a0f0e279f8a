/**
 * Strings that match a regular expression, for CHECKs like
 * `code ~ '^[A-Z]{2}-\d{4}$'` (and LIKE / SIMILAR TO, which arrive here as
 * regexes). Supports literals, `.`, character classes with ranges and
 * negation, `\d \w \s` (and `\D \W \S`), anchors, groups, alternation and
 * the quantifiers `? * + {n} {n,} {n,m}`. A look-around prunes the branch
 * it sits in: `^\w(?:\w|[-.](?=\w))*$` generates from `^\w(?:\w)*$`, a part of
 * the pattern's language no assertion can reject; a pattern whose every
 * branch asserts is refused. Anything else (back references, word
 * boundaries) is refused when the generator is built, so the planner can
 * say so instead of writing strings that do not match.
 */
import { counted } from '../errors.js';
import type { RowRandom } from './random.js';
import { createExactLength } from './regex-length.js';
import { parse, type Ranges, type RegexNode, RegexUnsupportedError } from './regex-parse.js';

/** Extra repetitions an unbounded quantifier (`*`, `+`, `{n,}`) adds at most. */
const OPEN_EXTRA = 6;

function minLength(node: RegexNode): number {
  switch (node.k) {
    case 'seq':
      return node.items.reduce((n, x) => n + minLength(x), 0);
    case 'alt':
      return Math.min(...node.options.map(minLength));
    case 'set':
      return 1;
    case 'repeat':
      return node.min * minLength(node.node);
    case 'anchor':
      return 0;
  }
}

function pickChar(rand: RowRandom, ranges: Ranges): string {
  let total = 0;
  for (const [lo, hi] of ranges) total += hi - lo + 1;
  let k = rand.below(total);
  for (const [lo, hi] of ranges) {
    const size = hi - lo + 1;
    if (k < size) return String.fromCodePoint(lo + k);
    k -= size;
  }
  return String.fromCodePoint((ranges[0] as readonly [number, number])[0]);
}

/** 'free' draws repetitions freely, 'short' keeps every choice minimal, 'long' adds repetitions to reach a minimum length. */
type Mode = 'free' | 'short' | 'long';

function emit(node: RegexNode, rand: RowRandom, mode: Mode): string {
  switch (node.k) {
    case 'seq': {
      let out = '';
      for (const item of node.items) out += emit(item, rand, mode);
      return out;
    }
    case 'alt': {
      if (mode === 'short') {
        const lengths = node.options.map(minLength);
        const best = Math.min(...lengths);
        const shortest = node.options.filter((_, i) => lengths[i] === best);
        return emit(rand.pick(shortest), rand, mode);
      }
      return emit(rand.pick(node.options), rand, mode);
    }
    case 'set':
      return pickChar(rand, node.ranges);
    case 'repeat': {
      const cap =
        node.max === Infinity ? node.min + (mode === 'long' ? OPEN_EXTRA * 4 : OPEN_EXTRA) : node.max;
      const count =
        mode === 'short' ? node.min : mode === 'long' ? cap : node.min + rand.below(cap - node.min + 1);
      let out = '';
      for (let n = 0; n < count; n++) out += emit(node.node, rand, mode);
      return out;
    }
    case 'anchor':
      return '';
  }
}

export interface RegexStringGenerator {
  /** The shortest length a match can have. */
  readonly minLength: number;
  /** A string matching the pattern, within [minLength, maxLength] characters when the pattern allows it. */
  random(rand: RowRandom): string;
}

/**
 * A generator of strings the regex (a JavaScript-compatible source, as
 * `posixToRegex`/`likeToRegex` give) matches. Throws
 * `RegexUnsupportedError` for features it does not generate.
 */
export function createRegexStringGenerator(
  source: string,
  options: { readonly minLength?: number; readonly maxLength?: number } = {},
): RegexStringGenerator {
  const node = parse(source);
  const shortest = minLength(node);
  const lo = options.minLength ?? 0;
  const hi = options.maxLength ?? Infinity;
  if (shortest > hi) {
    throw new RegexUnsupportedError(
      `every match is at least ${counted(shortest, 'character')}, more than the ${hi} allowed`,
    );
  }
  let exact: ReturnType<typeof createExactLength> | undefined;
  return {
    minLength: shortest,
    random(rand) {
      for (let attempt = 0; attempt < 4; attempt++) {
        const s = emit(node, rand, 'free');
        const n = [...s].length;
        if (n >= lo && n <= hi) return s;
      }
      // A length window the free draws missed (`LIKE 'AB-%' AND length(x) = 7`): a length the pattern has, split over its parts.
      exact ??= createExactLength(
        node,
        Number.isFinite(hi) ? hi : Math.max(lo, shortest) + OPEN_EXTRA * 4,
        pickChar,
      );
      const lengths = exact.lengths(lo, hi);
      if (lengths.length > 0) return exact.emit(rand.pick(lengths), rand);
      const short = emit(node, rand, 'short');
      if ([...short].length >= lo) return short;
      for (let attempt = 0; attempt < 4; attempt++) {
        const s = emit(node, rand, 'long');
        const n = [...s].length;
        if (n >= lo && n <= hi) return s;
      }
      return short;
    },
  };
}

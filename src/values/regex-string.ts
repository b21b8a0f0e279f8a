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
import type { RowRandom } from './random.js';
import { createExactLength } from './regex-length.js';

export class RegexUnsupportedError extends Error {
  override readonly name = 'RegexUnsupportedError';
}

export type Ranges = readonly (readonly [number, number])[];

export type RegexNode =
  | { readonly k: 'seq'; readonly items: readonly RegexNode[] }
  | { readonly k: 'alt'; readonly options: readonly RegexNode[] }
  | { readonly k: 'set'; readonly ranges: Ranges }
  | { readonly k: 'repeat'; readonly node: RegexNode; readonly min: number; readonly max: number }
  | { readonly k: 'anchor' };

const DIGIT: Ranges = [[48, 57]];
const WORD: Ranges = [
  [97, 122],
  [65, 90],
  [48, 57],
  [95, 95],
];
const SPACE: Ranges = [[32, 32]];
/** What `.` and negated classes draw from: letters and digits read best. */
const ANY: Ranges = [
  [97, 122],
  [65, 90],
  [48, 57],
];
/** Printable ASCII, the universe negated classes are taken from. */
const PRINTABLE: Ranges = [[32, 126]];
/** Extra repetitions an unbounded quantifier (`*`, `+`, `{n,}`) adds at most. */
const OPEN_EXTRA = 6;

function complement(ranges: Ranges, universe: Ranges): Ranges {
  const out: [number, number][] = [];
  for (const [lo, hi] of universe) {
    let start = lo;
    const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
    for (const [a, b] of sorted) {
      if (b < start || a > hi) continue;
      if (a > start) out.push([start, Math.min(a - 1, hi)]);
      start = Math.max(start, b + 1);
    }
    if (start <= hi) out.push([start, hi]);
  }
  return out;
}

/** The pattern's syntax tree (throws `RegexUnsupportedError` for what it does not generate). */
export function parse(source: string): RegexNode {
  let i = 0;
  const peek = () => source[i];

  const escapeSet = (c: string): Ranges | undefined => {
    switch (c) {
      case 'd':
        return DIGIT;
      case 'w':
        return WORD;
      case 's':
        return SPACE;
      case 'D':
        return complement(DIGIT, PRINTABLE);
      case 'W':
        return complement(WORD, PRINTABLE);
      case 'S':
        return complement([[32, 32]], PRINTABLE);
      default:
        return undefined;
    }
  };
  const escapeChar = (c: string): number => {
    if (c === 't') return 9;
    if (c === 'n') return 10;
    if (c === 'r') return 13;
    if (c === 'f') return 12;
    if (c === 'v') return 11;
    if (/[bBkpPcux0-9]/.test(c)) throw new RegexUnsupportedError(`\\${c}`);
    return c.codePointAt(0) as number;
  };

  const parseClass = (): RegexNode => {
    i++; // [
    let negated = false;
    if (peek() === '^') {
      negated = true;
      i++;
    }
    const ranges: [number, number][] = [];
    let first = true;
    while (i < source.length && (peek() !== ']' || first)) {
      first = false;
      let lo: number;
      const c = source[i] as string;
      if (c === '\\') {
        const e = source[i + 1];
        if (e === undefined) throw new RegexUnsupportedError('trailing backslash');
        i += 2;
        const set = escapeSet(e);
        if (set) {
          ranges.push(...set.map((r) => [r[0], r[1]] as [number, number]));
          continue;
        }
        lo = escapeChar(e);
      } else {
        lo = c.codePointAt(0) as number;
        i += c.length;
      }
      if (peek() === '-' && source[i + 1] !== undefined && source[i + 1] !== ']') {
        i++;
        let hiChar = source[i] as string;
        let hi: number;
        if (hiChar === '\\') {
          hiChar = source[i + 1] ?? '';
          hi = escapeChar(hiChar);
          i += 2;
        } else {
          hi = hiChar.codePointAt(0) as number;
          i += hiChar.length;
        }
        if (hi < lo) throw new RegexUnsupportedError('reversed range');
        ranges.push([lo, hi]);
      } else ranges.push([lo, lo]);
    }
    if (peek() !== ']') throw new RegexUnsupportedError('unterminated class');
    i++;
    const set = negated ? complement(ranges, PRINTABLE) : ranges;
    if (set.length === 0) throw new RegexUnsupportedError('empty class');
    return { k: 'set', ranges: set };
  };

  const parseAtom = (): RegexNode | undefined => {
    const c = peek();
    if (c === undefined || c === '|' || c === ')') return undefined;
    if (c === '(') {
      i++;
      let look = false;
      if (peek() === '?') {
        const kind = /^\?(:|=|!|<=|<!)/.exec(source.slice(i));
        if (!kind) throw new RegexUnsupportedError('group syntax (?');
        look = kind[1] !== ':';
        i += kind[0].length;
      }
      const inner = parseAlt();
      if (peek() !== ')') throw new RegexUnsupportedError('unbalanced (');
      i++;
      return look ? NOTHING : inner;
    }
    if (c === '[') return parseClass();
    if (c === '^' || c === '$') {
      i++;
      return { k: 'anchor' };
    }
    if (c === '.') {
      i++;
      return { k: 'set', ranges: ANY };
    }
    if (c === '\\') {
      const e = source[i + 1];
      if (e === undefined) throw new RegexUnsupportedError('trailing backslash');
      i += 2;
      const set = escapeSet(e);
      if (set) return { k: 'set', ranges: set };
      const code = escapeChar(e);
      return { k: 'set', ranges: [[code, code]] };
    }
    if (c === '*' || c === '+' || c === '?' || c === '{')
      throw new RegexUnsupportedError(`quantifier ${c} without atom`);
    const code = c.codePointAt(0) as number;
    i += c.length;
    return { k: 'set', ranges: [[code, code]] };
  };

  const parseQuantified = (): RegexNode | undefined => {
    let atom = parseAtom();
    if (!atom) return undefined;
    for (;;) {
      const c = peek();
      let min: number;
      let max: number;
      if (c === '*') {
        min = 0;
        max = Infinity;
        i++;
      } else if (c === '+') {
        min = 1;
        max = Infinity;
        i++;
      } else if (c === '?') {
        min = 0;
        max = 1;
        i++;
      } else if (c === '{') {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
        if (!m) {
          // A brace that is not a quantifier is a literal in both dialects.
          return atom;
        }
        min = Number(m[1]);
        max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
        if (max < min) throw new RegexUnsupportedError('bad {n,m}');
        i += m[0].length;
      } else return atom;
      if (peek() === '?') i++; // lazy: same strings
      atom = { k: 'repeat', node: atom, min, max };
    }
  };

  const parseSeq = (): RegexNode => {
    const items: RegexNode[] = [];
    for (;;) {
      const a = parseQuantified();
      if (!a) break;
      items.push(a);
    }
    return items.length === 1 ? (items[0] as RegexNode) : { k: 'seq', items };
  };

  const parseAlt = (): RegexNode => {
    const options = [parseSeq()];
    while (peek() === '|') {
      i++;
      options.push(parseSeq());
    }
    return options.length === 1 ? (options[0] as RegexNode) : { k: 'alt', options };
  };

  const node = parseAlt();
  if (i < source.length) throw new RegexUnsupportedError(`unexpected ${source[i]}`);
  const pruned = prune(node);
  if (pruned === NOTHING) throw new RegexUnsupportedError('look-around in every branch');
  return pruned;
}

/** The empty language: what a look-around parses to, so `prune` drops the branch that holds it. */
const NOTHING: RegexNode = { k: 'alt', options: [] };

/**
 * The node without the branches that hold a look-around (`NOTHING`): an
 * alternation keeps its other options, a sequence holding one is itself
 * NOTHING, a repetition of NOTHING matches only the empty string when it may
 * repeat zero times. What is left is a part of the original language whose
 * strings never depend on an assertion.
 */
function prune(node: RegexNode): RegexNode {
  switch (node.k) {
    case 'alt': {
      const options = node.options.map(prune).filter((o) => o !== NOTHING);
      if (options.length === 0) return NOTHING;
      return options.length === 1 ? (options[0] as RegexNode) : { k: 'alt', options };
    }
    case 'seq': {
      const items = node.items.map(prune);
      return items.includes(NOTHING) ? NOTHING : { k: 'seq', items };
    }
    case 'repeat': {
      const inner = prune(node.node);
      if (inner !== NOTHING) return { ...node, node: inner };
      return node.min === 0 ? { k: 'seq', items: [] } : NOTHING;
    }
    default:
      return node;
  }
}

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
      `every match is at least ${shortest} characters, more than the ${hi} allowed`,
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

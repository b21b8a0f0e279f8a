/**
 * A pattern (a CHECK's regex, or LIKE / SIMILAR TO turned into one) read
 * into the syntax tree regex-string.ts generates from: literals, `.`,
 * classes with ranges and negation, `\\d \\w \\s` and their complements,
 * anchors, groups, alternation and quantifiers. A look-around parses to the
 * empty language and `prune` drops the branch that holds it; anything else
 * it does not generate throws `RegexUnsupportedError`.
 */

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
  const parser = new RegexParser(source);
  const node = parser.alternation();
  if (parser.i < source.length) throw new RegexUnsupportedError(`unexpected ${source[parser.i]}`);
  const pruned = prune(node);
  if (pruned === NOTHING) throw new RegexUnsupportedError('look-around in every branch');
  return pruned;
}

/** A recursive-descent reader of a pattern, its position `i` moving through `source`. */
class RegexParser {
  i = 0;
  /** `(?!X)` of one character class: the empty language unless `sequence` applies it to the item after it. */
  readonly notAhead = new Map<RegexNode, Ranges>();
  /** `(?=.*X)`s in a row, each X one character class: likewise, the classes the item after them must hold. */
  readonly ahead = new Map<RegexNode, readonly Ranges[]>();
  constructor(readonly source: string) {}

  peek(): string | undefined {
    return this.source[this.i];
  }

  /** `a|b|…`: the sequences between bars. */
  alternation(): RegexNode {
    const options = [this.sequence()];
    while (this.peek() === '|') {
      this.i++;
      options.push(this.sequence());
    }
    return options.length === 1 ? (options[0] as RegexNode) : { k: 'alt', options };
  }

  /** Quantified atoms one after another, up to a bar, a closing paren or the end. */
  sequence(): RegexNode {
    const items: RegexNode[] = [];
    for (;;) {
      const a = this.quantified();
      if (!a) break;
      const before = items[items.length - 1];
      const excluded = before === undefined ? undefined : this.notAhead.get(before);
      const required = before === undefined ? undefined : this.ahead.get(before);
      const next = this.ahead.get(a);
      if (required !== undefined && next !== undefined) {
        // Look-aheads one after another hold at one place: the item after them must meet them all.
        this.ahead.set(a, [...required, ...next]);
        items[items.length - 1] = a;
        continue;
      }
      const narrowed =
        excluded !== undefined
          ? notStartingWith(a, excluded)
          : required !== undefined
            ? startingWithEach(a, required)
            : undefined;
      if (narrowed) items[items.length - 1] = narrowed;
      else items.push(a);
    }
    return items.length === 1 ? (items[0] as RegexNode) : { k: 'seq', items };
  }

  /** An atom and its quantifiers (`*`, `+`, `?`, `{n,m}`; lazy ones make the same strings). */
  quantified(): RegexNode | undefined {
    let atom = this.atom();
    if (!atom) return undefined;
    for (;;) {
      const c = this.peek();
      let min: number;
      let max: number;
      if (c === '*') {
        min = 0;
        max = Infinity;
        this.i++;
      } else if (c === '+') {
        min = 1;
        max = Infinity;
        this.i++;
      } else if (c === '?') {
        min = 0;
        max = 1;
        this.i++;
      } else if (c === '{') {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.i));
        if (!m) {
          // A brace that is not a quantifier is a literal in both dialects.
          return atom;
        }
        min = Number(m[1]);
        max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
        if (max < min) throw new RegexUnsupportedError('bad {n,m}');
        this.i += m[0].length;
      } else return atom;
      if (this.peek() === '?') this.i++; // lazy: same strings
      atom = { k: 'repeat', node: atom, min, max };
    }
  }

  /** A group, a class, an anchor, `.`, an escape or a literal; undefined at a bar, a closing paren or the end. */
  atom(): RegexNode | undefined {
    const c = this.peek();
    if (c === undefined || c === '|' || c === ')') return undefined;
    if (c === '(') {
      this.i++;
      let look = false;
      let negative = false;
      let kind: string | undefined;
      if (this.peek() === '?') {
        const read = /^\?(:|=|!|<=|<!)/.exec(this.source.slice(this.i));
        if (!read) throw new RegexUnsupportedError('group syntax (?');
        kind = read[1];
        look = kind !== ':';
        negative = kind === '!';
        this.i += read[0].length;
      }
      const inner = this.alternation();
      if (this.peek() !== ')') throw new RegexUnsupportedError('unbalanced (');
      this.i++;
      if (negative && inner.k === 'set') {
        const marker: RegexNode = { k: 'alt', options: [] };
        this.notAhead.set(marker, inner.ranges);
        return marker;
      }
      const sought = look && !negative && kind === '=' ? soughtClass(inner) : undefined;
      if (sought !== undefined) {
        const marker: RegexNode = { k: 'alt', options: [] };
        this.ahead.set(marker, [sought]);
        return marker;
      }
      return look ? NOTHING : inner;
    }
    if (c === '[') return this.characterClass();
    if (c === '^' || c === '$') {
      this.i++;
      return { k: 'anchor' };
    }
    if (c === '.') {
      this.i++;
      return { k: 'set', ranges: ANY };
    }
    if (c === '\\') {
      const e = this.source[this.i + 1];
      if (e === undefined) throw new RegexUnsupportedError('trailing backslash');
      this.i += 2;
      const set = escapeSet(e);
      if (set) return { k: 'set', ranges: set };
      const code = escapeChar(e);
      return { k: 'set', ranges: [[code, code]] };
    }
    if (c === '*' || c === '+' || c === '?' || c === '{')
      throw new RegexUnsupportedError(`quantifier ${c} without atom`);
    const code = c.codePointAt(0) as number;
    this.i += c.length;
    return { k: 'set', ranges: [[code, code]] };
  }

  /** A bracket expression `[...]` (negated: the printable characters outside it). */
  characterClass(): RegexNode {
    this.i++; // [
    let negated = false;
    if (this.peek() === '^') {
      negated = true;
      this.i++;
    }
    const ranges: [number, number][] = [];
    let first = true;
    while (this.i < this.source.length && (this.peek() !== ']' || first)) {
      first = false;
      let lo: number;
      const c = this.source[this.i] as string;
      if (c === '\\') {
        const e = this.source[this.i + 1];
        if (e === undefined) throw new RegexUnsupportedError('trailing backslash');
        this.i += 2;
        const set = escapeSet(e);
        if (set) {
          ranges.push(...set.map((r) => [r[0], r[1]] as [number, number]));
          continue;
        }
        lo = escapeChar(e);
      } else {
        lo = c.codePointAt(0) as number;
        this.i += c.length;
      }
      if (this.peek() === '-' && this.source[this.i + 1] !== undefined && this.source[this.i + 1] !== ']') {
        this.i++;
        let hiChar = this.source[this.i] as string;
        let hi: number;
        if (hiChar === '\\') {
          hiChar = this.source[this.i + 1] ?? '';
          hi = escapeChar(hiChar);
          this.i += 2;
        } else {
          hi = hiChar.codePointAt(0) as number;
          this.i += hiChar.length;
        }
        if (hi < lo) throw new RegexUnsupportedError('reversed range');
        ranges.push([lo, hi]);
      } else ranges.push([lo, lo]);
    }
    if (this.peek() !== ']') throw new RegexUnsupportedError('unterminated class');
    this.i++;
    const set = negated ? complement(ranges, PRINTABLE) : ranges;
    if (set.length === 0) throw new RegexUnsupportedError('empty class');
    return { k: 'set', ranges: set };
  }
}

/** The set a class escape (`\\d`, `\\w`, `\\s` and their complements) stands for. */
function escapeSet(c: string): Ranges | undefined {
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
}

/** The code point a character escape stands for (throws for escapes it does not generate). */
function escapeChar(c: string): number {
  if (c === 't') return 9;
  if (c === 'n') return 10;
  if (c === 'r') return 13;
  if (c === 'f') return 12;
  if (c === 'v') return 11;
  if (/[bBkpPcux0-9]/.test(c)) throw new RegexUnsupportedError(`\\${c}`);
  return c.codePointAt(0) as number;
}

/**
 * The item after `(?!X)`, X one character class, made not to start with X (a part of its language):
 * a class less X; a repetition of a class once from the class less X, then the rest of it (at least
 * one character, so what follows is never the one to start; Boundary's DNS label `(?!-)[a-z0-9-]{0,62}`).
 * Undefined for other items (the look-ahead then prunes its branch).
 */
function notStartingWith(node: RegexNode, excluded: Ranges): RegexNode | undefined {
  // Letters excluded in both cases: a case-insensitive match (`~*`) reads either.
  const bothCases = excluded.flatMap(([lo, hi]) => [[lo, hi] as const, ...otherCase(lo, hi)]);
  const first = (ranges: Ranges): RegexNode => {
    const left = complement(bothCases, ranges);
    return left.length === 0 ? NOTHING : { k: 'set', ranges: left };
  };
  if (node.k === 'set') return first(node.ranges);
  if (node.k === 'repeat' && node.node.k === 'set' && node.max >= 1) {
    const rest: RegexNode = {
      k: 'repeat',
      node: node.node,
      min: Math.max(node.min - 1, 0),
      max: node.max - 1,
    };
    return { k: 'seq', items: [first(node.node.ranges), rest] };
  }
  return undefined;
}

/**
 * The class X a positive look-ahead seeks: `(?=X)`, or `(?=.*X)` (any run that may be empty before it:
 * `.*?`, `[^0-9]*`). Undefined for other look-aheads (they prune their branch).
 */
function soughtClass(inner: RegexNode): Ranges | undefined {
  if (inner.k === 'set') return inner.ranges;
  if (inner.k !== 'seq') return undefined;
  const last = inner.items[inner.items.length - 1];
  const skipped = inner.items.slice(0, -1).every((n) => n.k === 'repeat' && n.min === 0);
  return last?.k === 'set' && skipped ? last.ranges : undefined;
}

/**
 * The item after positive look-aheads `(?=.*X1)(?=.*X2)…`, each X one class, made to hold them all (a part
 * of its language): a repetition of a class C whose first characters are one of X1 ∩ C, then one of X2 ∩ C,
 * …, then the rest of it (`^(?=.*[0-9])[a-z0-9]{6,10}$`: a digit first); a class C alone after one
 * look-ahead, X ∩ C. Undefined for other items, or where some Xj and C share no character (the look-aheads
 * then prune their branch).
 */
function startingWithEach(node: RegexNode, sought: readonly Ranges[]): RegexNode | undefined {
  const within = (ranges: Ranges): RegexNode[] | undefined => {
    const sets = sought.map((x) => complement(complement(x, ranges), ranges));
    return sets.some((r) => r.length === 0)
      ? undefined
      : sets.map((r): RegexNode => ({ k: 'set', ranges: r }));
  };
  if (node.k === 'set' && sought.length === 1) return within(node.ranges)?.[0];
  if (node.k !== 'repeat' || node.node.k !== 'set' || node.max < sought.length) return undefined;
  const first = within(node.node.ranges);
  if (first === undefined) return undefined;
  const n = sought.length;
  const rest: RegexNode = { k: 'repeat', node: node.node, min: Math.max(node.min - n, 0), max: node.max - n };
  return { k: 'seq', items: [...first, rest] };
}

/** The other case of the ASCII letters in [lo, hi]. */
function otherCase(lo: number, hi: number): (readonly [number, number])[] {
  const out: (readonly [number, number])[] = [];
  for (const [a, b, shift] of [
    [65, 90, 32],
    [97, 122, -32],
  ] as const) {
    const from = Math.max(lo, a);
    const to = Math.min(hi, b);
    if (from <= to) out.push([from + shift, to + shift]);
  }
  return out;
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

/**
 * Strings of a regex with a length inside [lo, hi] (`code LIKE 'AB-%' AND
 * length(code) = 7`): the lengths each part of the pattern can take are
 * worked out up to a limit, then a target length is split over the parts.
 */
import type { RowRandom } from './random.js';
import type { Ranges, RegexNode } from './regex-parse.js';

/** Lengths 0..limit a node can produce: `reach[n]` is true when some match has n characters. */
type Reach = readonly boolean[];

function sum(a: Reach, b: Reach, limit: number): boolean[] {
  const out = new Array<boolean>(limit + 1).fill(false);
  for (let i = 0; i <= limit; i++) {
    if (!a[i]) continue;
    for (let j = 0; i + j <= limit; j++) if (b[j]) out[i + j] = true;
  }
  return out;
}

const only = (n: number, limit: number): boolean[] => {
  const out = new Array<boolean>(limit + 1).fill(false);
  if (n >= 0 && n <= limit) out[n] = true;
  return out;
};

/** Picks a string of exactly `target` characters from the node, or null when none has that length. */
export function createExactLength(
  node: RegexNode,
  limit: number,
  pickChar: (rand: RowRandom, ranges: Ranges) => string,
) {
  const memo = new Map<RegexNode, Reach>();
  /** Reach of `count` copies of a repeated node. */
  const copies = new Map<RegexNode, Reach[]>();
  const copiesOf = (n: Extract<RegexNode, { k: 'repeat' }>): Reach[] => {
    let list = copies.get(n);
    if (list) return list;
    const one = reach(n.node);
    const built: Reach[] = [only(0, limit)];
    const top = Math.min(n.max, limit + n.min);
    for (let c = 1; c <= top; c++) {
      const before = built[c - 1] as Reach;
      const next = sum(before, one, limit);
      built.push(next);
      // Past the minimum, once a copy adds no new length no further copy does.
      if (c > n.min && next.every((v, i) => v === before[i])) break;
    }
    list = built;
    copies.set(n, list);
    return list;
  };
  const reach = (n: RegexNode): Reach => {
    const known = memo.get(n);
    if (known) return known;
    let out: Reach;
    switch (n.k) {
      case 'anchor':
        out = only(0, limit);
        break;
      case 'set':
        out = only(1, limit);
        break;
      case 'alt':
        out = n.options.map(reach).reduce((a, b) => a.map((v, i) => v || (b[i] as boolean)));
        break;
      case 'seq':
        out = n.items.map(reach).reduce((a, b) => sum(a, b, limit), only(0, limit));
        break;
      case 'repeat': {
        const list = copiesOf(n);
        out = list.slice(n.min).reduce((a, b) => a.map((v, i) => v || (b[i] as boolean)), only(-1, limit));
        break;
      }
    }
    memo.set(n, out);
    return out;
  };

  const emit = (n: RegexNode, target: number, rand: RowRandom): string => {
    switch (n.k) {
      case 'anchor':
        return '';
      case 'set':
        return pickChar(rand, n.ranges);
      case 'alt':
        return emit(rand.pick(n.options.filter((o) => reach(o)[target])), target, rand);
      case 'seq': {
        const lengths = split(n.items.map(reach), target, rand, limit);
        return n.items.map((item, k) => emit(item, lengths[k] as number, rand)).join('');
      }
      case 'repeat': {
        const list = copiesOf(n);
        const counts: number[] = [];
        for (let c = n.min; c < list.length; c++) if ((list[c] as Reach)[target]) counts.push(c);
        const count = rand.pick(counts);
        const one = reach(n.node);
        const lengths = split(new Array<Reach>(count).fill(one), target, rand, limit);
        return lengths.map((l) => emit(n.node, l, rand)).join('');
      }
    }
  };

  return {
    /** The lengths in [lo, hi] some match has. */
    lengths(lo: number, hi: number): number[] {
      const all = reach(node);
      const out: number[] = [];
      for (let n = Math.max(0, lo); n <= Math.min(hi, limit); n++) if (all[n]) out.push(n);
      return out;
    },
    emit: (target: number, rand: RowRandom) => emit(node, target, rand),
  };
}

/** Splits `target` over parts (each with its reach up to `limit`) in order, picking each part's length at random. */
function split(parts: readonly Reach[], target: number, rand: RowRandom, limit: number): number[] {
  const suffix: Reach[] = [only(0, limit)];
  for (let k = parts.length - 1; k >= 0; k--)
    suffix.unshift(sum(parts[k] as Reach, suffix[0] as Reach, limit));
  const lengths: number[] = [];
  let left = target;
  for (let k = 0; k < parts.length; k++) {
    const rest = suffix[k + 1] as Reach;
    const options: number[] = [];
    for (let l = 0; l <= left; l++) if ((parts[k] as Reach)[l] && rest[left - l]) options.push(l);
    const l = rand.pick(options);
    lengths.push(l);
    left -= l;
  }
  return lengths;
}

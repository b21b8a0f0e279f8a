/**
 * Composite (row) literals `(a,b,…)` with record_in's quoting: a field is
 * double-quoted when empty (an empty unquoted field is NULL) or when it holds
 * parentheses, commas, quotes, backslashes or whitespace; inside quotes `"`
 * and `\` are backslash-escaped.
 */
import type { RowRandom } from '../random.js';
import type { UniqueValueGenerator, ValueGenerator } from './generator.js';

/** One field of a row literal as record_in reads it back. */
export function quoteRecordField(text: string): string {
  let quote = text.length === 0;
  for (let i = 0; i < text.length && !quote; i++) {
    const c = text.charCodeAt(i);
    quote = c === 40 || c === 41 || c === 44 || c === 34 || c === 92 || c === 32 || (c >= 9 && c <= 13);
  }
  if (!quote) return text;
  return `"${text.replace(/["\\]/g, '\\$&')}"`;
}

export function createCompositeGenerator(fields: readonly ValueGenerator[]): ValueGenerator {
  return {
    random(rand: RowRandom) {
      let out = '(';
      for (let i = 0; i < fields.length; i++) {
        if (i > 0) out += ',';
        out += quoteRecordField(fields[i]!.random(rand));
      }
      return `${out})`;
    },
  };
}

/** Largest per-attribute radix: each attribute cycles through its first (most natural) values. */
const MAX_RADIX = 1000;
/** The radices' product stays below this, leaving room for the overflow digit below 2^52. */
const MAX_PRODUCT = 2 ** 36;

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/**
 * Unique rows where every attribute varies. Each attribute i gets a radix
 * r_i <= its own unique space, the radices pairwise coprime, and its value
 * index is k mod r_i: by the Chinese remainder theorem the residues are
 * distinct for k below the product P, so consecutive rows differ in every
 * attribute. Beyond P, the attribute with the largest space also carries
 * floor(k / P) (index = k mod r + r * floor(k / P)), keeping k → row
 * injective over the whole space.
 */
export function createCompositeUnique(fields: readonly UniqueValueGenerator[]): UniqueValueGenerator {
  const n = fields.length;
  // The overflow attribute: the largest space (the first of equals).
  let big = 0;
  for (let i = 1; i < n; i++) if (fields[i]!.space > fields[big]!.space) big = i;
  const radix = new Array<number>(n).fill(1);
  let product = 1;
  // Smaller spaces first: booleans and short enums take their whole space, big types share the rest.
  const order = [...fields.keys()].sort((a, b) => {
    const x = fields[a]!.space;
    const y = fields[b]!.space;
    return x < y ? -1 : x > y ? 1 : a - b;
  });
  for (const i of order) {
    let r = Math.min(Math.floor(fields[i]!.space), MAX_RADIX, Math.floor(MAX_PRODUCT / product));
    while (r > 1 && radix.some((q, j) => j !== i && gcd(q, r) !== 1)) r--;
    radix[i] = Math.max(r, 1);
    product *= radix[i]!;
  }
  const bigRadix = radix[big]!;
  const rounds = Math.floor(fields[big]!.space / bigRadix);
  const empty = fields.some((f) => f.space < 1);
  const space = empty ? 0 : Math.min(product * rounds, 2 ** 52);
  return {
    space: empty || Number.isFinite(fields[big]!.space) ? space : Number.POSITIVE_INFINITY,
    value(k) {
      const round = Math.floor(k / product);
      let out = '(';
      for (let i = 0; i < n; i++) {
        const r = radix[i]!;
        const index = i === big ? (k % r) + r * round : k % r;
        out += (i === 0 ? '' : ',') + quoteRecordField(fields[i]!.value(index));
      }
      return `${out})`;
    },
  };
}

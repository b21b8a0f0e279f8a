/**
 * Array text form (`{a,b}`, `{{1,2},{3,4}}`) around any element generator,
 * with array_in's quoting rules: an element is double-quoted when it is
 * empty, spells NULL, or holds braces, quotes, backslashes, the delimiter or
 * whitespace; inside quotes `"` and `\` are backslash-escaped.
 */
import type { RowRandom } from '../random.js';
import type { UniqueValueGenerator, ValueGenerator } from './generator.js';

/** True when array_in would misread `text` unquoted. */
function needsQuotes(text: string, delimiter: number): boolean {
  const n = text.length;
  if (n === 0) return true;
  if (n === 4 && text.toUpperCase() === 'NULL') return true;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (
      c === 123 ||
      c === 125 ||
      c === 34 ||
      c === 92 ||
      c === delimiter ||
      c === 32 ||
      (c >= 9 && c <= 13)
    ) {
      return true;
    }
  }
  return false;
}

/** One array element as array_in reads it back: `a b` → `"a b"`, `x"y` → `"x\"y"`. */
export function quoteArrayElement(text: string, delimiter = ','): string {
  if (!needsQuotes(text, delimiter.charCodeAt(0))) return text;
  let out = '"';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 || c === 92) {
      out += `${text.slice(from, i)}\\`;
      from = i;
    }
  }
  return `${out}${text.slice(from)}"`;
}

/**
 * Random arrays of `dims` dimensions: 1-D arrays have 0..5 elements; higher
 * dimensions are rectangular, 1..3 (or 1..2 past two dimensions) per side,
 * sometimes empty.
 */
export function createArrayGenerator(element: ValueGenerator, dims: number, delimiter = ','): ValueGenerator {
  const lengths = new Array<number>(dims).fill(0);
  const maxSide = dims > 2 ? 2 : 3;
  const build = (rand: RowRandom, level: number): string => {
    const n = lengths[level]!;
    let out = '{';
    for (let i = 0; i < n; i++) {
      if (i > 0) out += delimiter;
      out += level === dims - 1 ? quoteArrayElement(element.random(rand), delimiter) : build(rand, level + 1);
    }
    return `${out}}`;
  };
  return {
    random(rand) {
      if (dims === 1) {
        lengths[0] = rand.below(6);
      } else {
        if (rand.below(10) === 0) return '{}';
        for (let d = 0; d < dims; d++) lengths[d] = 1 + rand.below(maxSide);
      }
      return build(rand, 0);
    },
  };
}

/** An element space at most this small makes longer one-dimensional arrays too (an enum's, a boolean's). */
const SMALL_ELEMENT_SPACE = 1 << 16;
/** How many arrays of a small element space at most: lengths are added while the total stays below. */
const LONGER_ARRAYS_SPACE = 2 ** 20;

/**
 * Unique arrays: the element's k-th value, alone, nested `dims` deep; over a
 * small element space (`mood[]` of 3 labels) one-dimensional arrays go on to
 * every array of 2 elements, then of 3, …, so the space is not the labels'.
 */
export function createArrayUnique(
  element: UniqueValueGenerator,
  dims: number,
  delimiter = ',',
): UniqueValueGenerator {
  if (dims === 1 && element.space >= 1 && element.space <= SMALL_ELEMENT_SPACE)
    return longerArraysUnique(element, delimiter);
  const open = '{'.repeat(dims);
  const close = '}'.repeat(dims);
  return {
    space: element.space,
    value: (k) => open + quoteArrayElement(element.value(k), delimiter) + close,
  };
}

/** k below the element space: `{e_k}` as createArrayUnique's; past it, arrays of 2, 3, … elements, k's digits in the element space's base. */
function longerArraysUnique(element: UniqueValueGenerator, delimiter: string): UniqueValueGenerator {
  const base = element.space;
  const counts: number[] = [];
  let total = 0;
  for (let count = base; counts.length < 64 && total + count <= LONGER_ARRAYS_SPACE; count *= base) {
    counts.push(count);
    total += count;
  }
  return {
    space: total,
    // The shortest arrays with room for the rows: a key spread over the whole space would make most arrays as
    // long as the longest (a dozen enum labels each).
    spaceFor: (rows) => {
      let room = 0;
      for (const count of counts) {
        room += count;
        if (room >= rows) return room;
      }
      return total;
    },
    value: (k) => {
      let rest = k;
      let length = 0;
      while (rest >= (counts[length] as number)) rest -= counts[length++] as number;
      const parts: string[] = [];
      for (let i = 0; i <= length; i++) {
        parts.push(quoteArrayElement(element.value(rest % base), delimiter));
        rest = Math.floor(rest / base);
      }
      return `{${parts.join(delimiter)}}`;
    },
  };
}

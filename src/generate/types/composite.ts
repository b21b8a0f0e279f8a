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

/** Unique rows: the first field's k-th unique value makes each row distinct; the rest are fixed. */
export function createCompositeUnique(
  first: UniqueValueGenerator,
  rest: readonly UniqueValueGenerator[],
): UniqueValueGenerator {
  const tail = rest.map((g) => `,${quoteRecordField(g.value(0))}`).join('');
  return { space: first.space, value: (k) => `(${quoteRecordField(first.value(k))}${tail})` };
}

/**
 * Version 3: short unique codes that read as codes (a `code varchar(8)`, a
 * `ref char(6)`, a `slug varchar(10)`), where the longer forms (`KXQ-04821`,
 * `quiet-harbor-412`) do not fit and base-36 letter soup (`q8fxhx2o`) was
 * left. Unique by construction: each form is injective in k.
 *
 * - a code of the table's stem and a number, counting up with the row
 *   (`PRD-0042` in `product`), where its numbers cover the rows;
 * - else letters and digits in fixed places, by the column's length
 *   (`ABC-1234`, `ABC-123`, `AB12CD`, `AB123`, `AB12`);
 * - a slug or tag: a word and digits (`harbor42`).
 */
import type { Table } from '../../schema/model.js';
import { tableClassOf } from './column-names.js';
import { wordDigitsUnique } from './text-unique.js';
import { createDigits, type SemanticUniqueGenerator } from './unique-digits.js';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const VOWELS = new Set(['A', 'E', 'I', 'O', 'U']);
/** The shortest and longest columns these forms are for (nine and ten take `KXQ-04821`). */
export const SHORT_CODE_MIN = 4;
export const SHORT_CODE_MAX = 10;

/** Three letters standing for the table (`product` → `PRD`, `order` → `ORD`, `invoice` → `INV`), or null. */
export function tableStem(table: Table): string | null {
  const word = (
    tableClassOf(table) ??
    table.name
      .split(/[^A-Za-z]+/)
      .filter((w) => w !== '')
      .pop() ??
    ''
  )
    .replace(/[^A-Za-z]/g, '')
    .toUpperCase();
  if (word.length < 3) return null;
  let stem = word[0] as string;
  for (const c of word.slice(1)) if (stem.length < 3 && !VOWELS.has(c)) stem += c;
  for (const c of word.slice(1)) if (stem.length < 3 && VOWELS.has(c)) stem += c;
  return stem.length === 3 ? stem : null;
}

/** `PRD-0042`: the stem, a dash and the number k + 1 in the digits left; counting up with the row. */
function stemCodes(stem: string, max: number): SemanticUniqueGenerator | null {
  const width = max - stem.length - 1;
  if (width < 2) return null;
  return {
    space: 10 ** width - 1,
    dense: true,
    inRowOrder: true,
    value: (k) => `${stem}-${String(k + 1).padStart(width, '0')}`,
  };
}

/** Letters (L) and digits (D) in fixed places, `-` as written. */
const MIXED_FORMS: Readonly<Record<number, string>> = {
  4: 'LLDD',
  5: 'LLDDD',
  6: 'LLDDLL',
  7: 'LLL-DDD',
  8: 'LLL-DDDD',
};

/** `AB12CD`'s shape for a column of `max` characters (the longest form that fits, up to eight). */
function mixedCodes(max: number): SemanticUniqueGenerator | null {
  const form = MIXED_FORMS[Math.min(max, 8)];
  if (form === undefined) return null;
  const places = [...form].filter((c) => c !== '-');
  const digits = createDigits(places.map((c) => (c === 'L' ? 26 : 10)));
  const d: number[] = places.map(() => 0);
  return {
    space: digits.space,
    value(k) {
      digits.split(k, d);
      let out = '';
      let i = 0;
      for (const c of form) {
        if (c === '-') out += '-';
        else {
          const digit = d[i++] as number;
          out += c === 'L' ? LETTERS[digit] : String(digit);
        }
      }
      return out;
    },
  };
}

/**
 * The readable unique form of a short code column (`kind` `code`, or a
 * `label` such as a slug or tag) of at most `max` characters with `rows`
 * rows, or null where none has room (the type's own unique values then).
 */
export function shortCodeUnique(
  table: Table,
  kind: 'code' | 'label',
  max: number,
  rows: number,
): SemanticUniqueGenerator | null {
  if (max < SHORT_CODE_MIN || max > SHORT_CODE_MAX) return null;
  const forms: (SemanticUniqueGenerator | null)[] = [];
  if (kind === 'label') forms.push(wordDigitsUnique(0, max));
  else {
    const stem = tableStem(table);
    if (stem !== null) forms.push(stemCodes(stem, Math.min(max, 8)));
  }
  forms.push(mixedCodes(max));
  return forms.find((f) => f !== null && f.space >= rows) ?? null;
}

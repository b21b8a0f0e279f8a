/**
 * Version 25: `split_part(c, '.', 2) <> ''` (a dotted name: `schema.table`), `split_part(c, '.', 3) = ''`
 * (at most two fields), `split_part(k, ':', 1) IN ('user', 'group')` (a field's values) as one pattern of
 * delimited fields: `c` is k non-empty fields joined by the delimiter, k between the fields the CHECKs ask
 * for and the first they leave empty, a field with values taking one of them. Such values meet every one
 * of those conjuncts (a part of what they allow); `split_part(c, d, n) <> 'v'` is the negated pattern of
 * field n being v, exactly. Only a one-character delimiter and a positive field number are read (others are
 * evaluated per row). Before version 25 these stay evaluated per row, where random text failed them.
 */
import type { Formula } from './check-atoms.js';
import type { FieldsHint } from './check-hints.js';
import { funcCall } from './expression-nodes.js';
import type { FormulaReader } from './formula-reader.js';

/** The generator version from which split_part() conjuncts are a pattern of fields. */
export const SPLIT_FIELDS_FROM = 25;

/** The highest field number read (a CHECK naming field 40 is evaluated per row). */
const MAX_FIELD = 16;

/** `split_part(col, 'd', n)` with a one-character delimiter and 1 <= n <= MAX_FIELD. */
function splitCall(
  r: FormulaReader,
  node: unknown,
): { column: string; delimiter: string; field: number } | undefined {
  const call = funcCall(node);
  if (call?.name !== 'split_part' || call.args.length !== 3) return undefined;
  const column = r.columnName(call.args[0]);
  const delimiter = r.constant(call.args[1], 'any')?.value;
  const field = r.constant(call.args[2], 'any')?.value;
  if (!column || r.options.takenColumn?.(column)) return undefined;
  if (typeof delimiter !== 'string' || [...delimiter].length !== 1) return undefined;
  if (typeof field !== 'number' || !Number.isInteger(field) || field < 1 || field > MAX_FIELD)
    return undefined;
  return { column, delimiter, field };
}

/** A character for a regex, escaped when it is not a letter or digit (in a class too). */
function escaped(c: string): string {
  return /^[A-Za-z0-9]$/.test(c) ? c : /^[\x21-\x7e]$/.test(c) ? `\\${c}` : c;
}

const literal = (text: string): string => [...text].map(escaped).join('');

/** The regex of the values a fields hint describes: its fields non-empty, those with values one of them. */
export function fieldsRegex(f: FieldsHint): string {
  // Fields both at least and fewer than some number (`<> ''` of field 3, `= ''` of field 2): no value.
  if (f.max < f.min || Object.values(f.values).some((v) => v.length === 0)) return '[^\\s\\S]';
  const d = escaped(f.delimiter);
  const field = (n: number): string => {
    const values = f.values[n];
    return values ? `(${values.map(literal).join('|')})` : `[^${d}]+`;
  };
  let out = `^${field(1)}`;
  for (let n = 2; n <= f.min; n++) out += `${d}${field(n)}`;
  if (f.max === Number.POSITIVE_INFINITY) return `${out}(${d}${field(f.min + 1)})*$`;
  let optional = '';
  for (let n = f.max; n > f.min; n--) optional = `(${d}${field(n)}${optional})?`;
  return `${out}${optional}$`;
}

/** Two fields hints of one delimiter as one: the fields both ask for, the values both allow. */
export function mergedFields(a: FieldsHint, b: FieldsHint): FieldsHint {
  const values: Record<number, readonly string[]> = { ...a.values };
  for (const [n, list] of Object.entries(b.values)) {
    const k = Number(n);
    const had = values[k];
    values[k] = had ? had.filter((v) => list.includes(v)) : list;
  }
  return { delimiter: a.delimiter, min: Math.max(a.min, b.min), max: Math.min(a.max, b.max), values };
}

function fieldsFormula(column: string, fields: FieldsHint, text: string): Formula {
  return [
    [
      {
        kind: 'pattern',
        column,
        source: fieldsRegex(fields),
        insensitive: false,
        negated: false,
        text,
        fields,
      },
    ],
  ];
}

/**
 * `split_part(c, d, n) = v`, `<> v` (`negated` flips them) and `IN (values)` as a pattern; undefined for
 * other shapes, or before version 25.
 */
export function splitFieldsFormula(
  r: FormulaReader,
  call: unknown,
  values: readonly string[] | undefined,
  equal: boolean,
): Formula | undefined {
  if ((r.options.generatorVersion ?? 0) < SPLIT_FIELDS_FROM || !values || values.length === 0)
    return undefined;
  const split = splitCall(r, call);
  if (!split) return undefined;
  const { column, delimiter, field } = split;
  const text = `split_part(${column}, '${delimiter}', ${field}) ${equal ? 'IN' : 'NOT IN'} (${values.map((v) => `'${v}'`).join(', ')})`;
  const empty = values.includes('');
  // A field value holding the delimiter is never split_part's: the evaluator says what holds.
  const named = values.filter((v) => v !== '' && !v.includes(delimiter));
  if (equal) {
    if (empty && named.length > 0) return undefined;
    // Field n empty: fewer than n fields (field 1 empty is '' or a leading delimiter: evaluated).
    if (empty)
      return field === 1
        ? undefined
        : fieldsFormula(column, { delimiter, min: 1, max: field - 1, values: {} }, text);
    if (named.length === 0) return undefined;
    return fieldsFormula(
      column,
      { delimiter, min: field, max: Number.POSITIVE_INFINITY, values: { [field]: named } },
      text,
    );
  }
  // `<> ''`: at least n fields, field n non-empty; `<> 'v'`: field n is not v (a negated pattern).
  if (values.length === 1 && empty)
    return fieldsFormula(column, { delimiter, min: field, max: Number.POSITIVE_INFINITY, values: {} }, text);
  if (empty || named.length !== values.length) return undefined;
  const d = escaped(delimiter);
  const source = `^([^${d}]*${d}){${field - 1}}(${named.map(literal).join('|')})(${d}|$)`;
  return [[{ kind: 'pattern', column, source, insensitive: false, negated: true, text }]];
}

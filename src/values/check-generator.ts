/**
 * A column generator that honours the CHECK shapes the type generators do
 * not know: regex/LIKE/SIMILAR patterns, `jsonb_typeof`, array sizes,
 * excluded values (`<>`, `NOT IN`) and `IS NULL`. Candidates that a
 * restriction rejects are drawn again from the same value's random stream
 * (deterministic, bounded); a value that cannot be found is an error that
 * names the column, never a silently invalid row.
 */

import { type ColumnHints, type FieldsHint, generatorHints, TEXT_TYPES } from '../checks/check-hints.js';
import { fieldsRegex } from '../checks/split-fields.js';
import { coerce, compareValues, familyOf, type ValueFamily } from '../checks/sql-value.js';
import type { TypeLookup } from '../checks/type-resolution.js';
import { DatagenError, ErrorCodes } from '../errors.js';
import type { TypeRef } from '../schema/model.js';
import { drawsOnProbe, mergedFieldPatterns } from './field-patterns.js';
import { holding } from './json-holding.js';
import { jsonWithPaths } from './json-path-values.js';
import type { RowRandom } from './random.js';
import { RegexUnsupportedError } from './regex-parse.js';
import { createRegexStringGenerator } from './regex-string.js';
import { unsatisfiableError } from './types/generator.js';
import { createValueGenerator, quoteArrayElement, type ValueGenerator } from './types/index.js';
import { WORDS } from './types/words.js';

const DRAWS = 32;

export interface CheckGenerator {
  random(rand: RowRandom): string | null;
}

function sameValue(a: string, b: string, family: ValueFamily = 'text'): boolean {
  if (a === b) return true;
  // `b <> true` excludes the generator's `t`; `d <> '2024-01-01'` its `2024-01-01 00:00:00`.
  if (family !== 'text' && family !== 'number') {
    const x = coerce(a, family);
    const y = coerce(b, family);
    if (typeof x !== 'string' && typeof y !== 'string') return compareValues(x, y) === 0;
  }
  const x = Number(a);
  const y = Number(b);
  return a.trim() !== '' && b.trim() !== '' && !Number.isNaN(x) && x === y;
}

function jsonOfType(type: string, rand: RowRandom, object: ValueGenerator): string {
  const word = () => WORDS[rand.below(WORDS.length)] as string;
  switch (type) {
    case 'array': {
      const n = rand.below(4);
      const items: string[] = [];
      for (let i = 0; i < n; i++)
        items.push((rand.next() & 1) === 1 ? `"${word()}"` : String(rand.below(1000)));
      return `[${items.join(', ')}]`;
    }
    case 'string':
      return `"${word()}"`;
    case 'number':
      return String(rand.below(100000));
    case 'boolean':
      return (rand.next() & 1) === 1 ? 'true' : 'false';
    case 'null':
      return 'null';
    default:
      return object.random(rand);
  }
}

/**
 * The text length limits a text type and the hints allow (characters). A
 * `char(n)` value is matched by `~`, LIKE and SIMILAR TO with its padding
 * (`'T1'::char(5) ~ '^T1$'` is false), so under a pattern anchored at its
 * end the value fills all n characters.
 */
export function lengthLimits(type: TypeRef, hints: ColumnHints): { min: number; max: number } {
  const typmod = TEXT_TYPES.has(type.name) && type.name !== 'text' ? type.typmods[0] : undefined;
  const max = Math.min(typmod ?? Infinity, hints.maxLength ?? Infinity);
  const endAnchored = (hints.patterns ?? []).some((p) => !p.negated && /(^|[^\\])(\\\\)*\$$/.test(p.source));
  const min =
    type.name === 'bpchar' && typmod !== undefined && endAnchored
      ? Math.max(hints.minLength ?? 0, typmod)
      : (hints.minLength ?? 0);
  return { min, max };
}

/** The value as `~`, LIKE and SIMILAR TO see it: a `char(n)` padded with spaces to n. */
function asMatched(base: TypeRef): (v: string) => string {
  const n = base.name === 'bpchar' && base.arrayDims === 0 ? base.typmods[0] : undefined;
  return n === undefined ? (v) => v : (v) => v.padEnd(n, ' ');
}

/** One value drawn from the row's random stream. */
type Draw = (rand: RowRandom) => string;

/**
 * Build the generator of a column with these hints. `fallback` is the
 * column's ordinary generator (semantic or by type), used where the hints
 * do not decide the value. Throws a `DatagenError` at build time when a
 * pattern cannot be generated.
 */
export function createCheckGenerator(
  where: string,
  base: TypeRef,
  hints: ColumnHints,
  lookup: TypeLookup,
  fallback: ValueGenerator,
): CheckGenerator {
  const built = checkGeneratorOf(where, base, hints, lookup, fallback);
  // A pattern and split_part() fields that no draw meets together: one pattern of both (field-patterns.ts).
  const patterns = mergedFieldPatterns(hints.patterns ?? []);
  if (patterns === undefined || drawsOnProbe(built.random)) return built;
  return checkGeneratorOf(where, base, { ...hints, patterns }, lookup, fallback);
}

function checkGeneratorOf(
  where: string,
  base: TypeRef,
  hints: ColumnHints,
  lookup: TypeLookup,
  fallback: ValueGenerator,
): CheckGenerator {
  if (hints.nullOnly) return { random: () => null };
  let generate: Draw = (rand) => fallback.random(rand);
  const plainText = base.arrayDims === 0 && TEXT_TYPES.has(base.name);
  const patterns = hints.patterns ?? [];
  // A pattern of its own makes the values; delimited fields (split_part()) then only filter them.
  const positive = patterns.find((p) => !p.negated && !p.fields) ?? patterns.find((p) => !p.negated);
  if (positive && plainText && !hints.oneOf)
    generate = positive.fields
      ? fieldsDraw(where, base, hints, positive.fields, generate)
      : patternDraw(where, base, hints, positive.source);
  // A negated pattern that rejects blanks (`slug !~ '\s'`): words joined by '-' (or '_', or nothing) instead.
  if (!positive && !hints.oneOf && plainText && rejectsBlanks(patterns))
    generate = blankFreeDraw(generate, base, hints);
  generate = jsonDraw(where, base, hints, fallback) ?? generate;
  if ((hints.minCardinality !== undefined || hints.maxCardinality !== undefined) && base.arrayDims === 1)
    generate = cardinalityDraw(base, hints, lookup);
  const range = plainText ? textRange(hints) : null;
  if (range !== null && !positive) generate = textRangeDraw(generate, base, hints, range);
  if ((hints.exclude ?? []).length === 0 && patterns.length === 0 && range === null) {
    return { random: generate };
  }
  return checkedDraws(where, base, hints, generate);
}

/** Strings of a positive pattern inside the length limits; an error naming the column where the pattern cannot be generated. */
function patternDraw(where: string, base: TypeRef, hints: ColumnHints, source: string): Draw {
  const limits = lengthLimits(base, hints);
  try {
    const regex = createRegexStringGenerator(source, {
      minLength: limits.min,
      ...(Number.isFinite(limits.max) ? { maxLength: limits.max } : {}),
    });
    return (rand) => regex.random(rand);
  } catch (error) {
    if (!(error instanceof RegexUnsupportedError)) throw error;
    throw new DatagenError(
      ErrorCodes.UNSATISFIABLE,
      `${where}: cannot generate strings for the CHECK pattern /${source}/ (${error.message}). Generate from a copy of the DDL with a simpler pattern (or without that CHECK).`,
      { where, pattern: source },
    );
  }
}

/**
 * Version 25, delimited fields (checks/split-fields.ts): the column's own value where it has them (an email
 * under `split_part(email, '@', 2) <> ''`), else words joined by the delimiter (`sales.orders`), a field with
 * values taking one; the pattern's own strings where those miss the length limits.
 */
function fieldsDraw(where: string, base: TypeRef, hints: ColumnHints, fields: FieldsHint, own: Draw): Draw {
  const ok = meetsTextHints(base, hints);
  const limits = lengthLimits(base, hints);
  const fits = (v: string): boolean => {
    const n = [...v].length;
    return n >= limits.min && n <= limits.max && ok(v);
  };
  const pattern = patternDraw(where, base, hints, fieldsRegex(fields));
  const top = Math.min(fields.max, fields.min + 2);
  const word = (rand: RowRandom): string =>
    (WORDS[rand.below(WORDS.length)] as string).split(fields.delimiter).join('') || 'x';
  return (rand) => {
    const v = own(rand);
    if (fits(v)) return v;
    const parts: string[] = [];
    const k = fields.min + rand.below(top - fields.min + 1);
    for (let n = 1; n <= k; n++) {
      const values = fields.values[n];
      parts.push(values ? rand.pick(values) : word(rand));
    }
    const joined = parts.join(fields.delimiter);
    return fits(joined) ? joined : pattern(rand);
  };
}

/** The inner value's words joined by '-', '_' or nothing: the first joining that meets the text hints. */
function blankFreeDraw(inner: Draw, base: TypeRef, hints: ColumnHints): Draw {
  const ok = meetsTextHints(base, hints);
  return (rand) => {
    const words = inner(rand).trim().split(/\s+/);
    const joined = ['-', '_', ''].map((glue) => words.join(glue));
    return joined.find(ok) ?? (joined[0] as string);
  };
}

/** JSON of the kinds, keys and paths the CHECKs ask for (the last that applies decides); undefined when none does. */
function jsonDraw(
  where: string,
  base: TypeRef,
  hints: ColumnHints,
  fallback: ValueGenerator,
): Draw | undefined {
  const json = (base.name === 'json' || base.name === 'jsonb') && base.arrayDims === 0;
  let draw: Draw | undefined;
  if (hints.jsonTypes && json) {
    const types = hints.jsonTypes;
    if (types.length === 0) {
      throw new DatagenError(ErrorCodes.UNSATISFIABLE, `${where}: the CHECKs allow no JSON type`, { where });
    }
    draw = (rand) => jsonOfType(rand.pick(types), rand, fallback);
  }
  if (hints.jsonKeys && json) {
    const keys = hints.jsonKeys;
    draw = (rand) => jsonWithKeys(keys.present, keys.absent, rand);
  }
  // json, or text read through ::json (plan/json-path-demands.ts gives no paths to a text column otherwise).
  if (hints.jsonPaths && base.arrayDims === 0) {
    const paths = hints.jsonPaths;
    const keys = hints.jsonKeys;
    draw = (rand) => jsonWithPaths(keys ? jsonWithKeys(keys.present, keys.absent, rand) : '{}', paths, rand);
  }
  const contained = hints.jsonContains;
  if (contained && json) {
    const inner: Draw = draw ?? ((rand) => fallback.random(rand));
    draw = (rand) => holding(inner(rand), contained);
  }
  return draw;
}

/** A one-dimensional array with as many elements as the CHECKs allow (at most 8 more than the minimum). */
function cardinalityDraw(base: TypeRef, hints: ColumnHints, lookup: TypeLookup): Draw {
  const element = createValueGenerator(
    { ...base, arrayDims: 0 },
    lookup,
    hints.elements ? generatorHints(hints.elements) : {},
  );
  const lo = Math.max(0, hints.minCardinality ?? 0);
  // `cardinality(a) = 2 AND cardinality(a) = 3`: no size meets both (a NULL, or no rows, warned).
  if (hints.maxCardinality !== undefined && hints.maxCardinality < lo)
    throw unsatisfiableError(base, `cardinality between ${lo} and ${hints.maxCardinality}`);
  const hi = Math.max(lo, hints.maxCardinality ?? lo + 5);
  const spread = Math.min(hi, lo + 8) - lo + 1;
  return (rand) => {
    const n = lo + rand.below(spread);
    let out = '{';
    for (let i = 0; i < n; i++) out += (i > 0 ? ',' : '') + quoteArrayElement(element.random(rand));
    return `${out}}`;
  };
}

interface TextRange {
  readonly min: string | undefined;
  readonly max: string | undefined;
}

/** The strings a text column's bounds put it between; null when it has none. */
function textRange(hints: ColumnHints): TextRange | null {
  if (hints.min === undefined && hints.max === undefined) return null;
  return {
    min: hints.min === undefined ? undefined : String(hints.min),
    max: hints.max === undefined ? undefined : String(hints.max),
  };
}

/** Text between two strings: lower-case words (code-point order, as the C collation compares), else the bound plus letters. */
function textRangeDraw(inner: Draw, base: TypeRef, hints: ColumnHints, range: TextRange): Draw {
  const { min: textMin, max: textMax } = range;
  const inTextRange = (v: string): boolean =>
    (textMin === undefined || (hints.minExclusive ? v > textMin : v >= textMin)) &&
    (textMax === undefined || (hints.maxExclusive ? v < textMax : v <= textMax));
  const limits = lengthLimits(base, hints);
  return (rand) => {
    for (let draw = 0; draw < 8; draw++) {
      const w = draw < 4 ? (WORDS[rand.below(WORDS.length)] as string) : inner(rand);
      if (inTextRange(w) && w.length <= limits.max && w.length >= limits.min) return w;
    }
    let v = textMin ?? '';
    const extra = 1 + rand.below(4);
    for (let i = 0; i < extra && v.length < limits.max; i++) v += String.fromCharCode(97 + rand.below(26));
    return v;
  };
}

/** Values drawn again (at most DRAWS times) until one meets the text hints; an error naming the column else. */
function checkedDraws(where: string, base: TypeRef, hints: ColumnHints, generate: Draw): CheckGenerator {
  const excluded = hints.exclude ?? [];
  const patterns = hints.patterns ?? [];
  const ok = meetsTextHints(base, hints);
  return {
    random(rand) {
      for (let draw = 0; draw < DRAWS; draw++) {
        const v = generate(rand);
        if (ok(v)) return v;
      }
      throw new DatagenError(
        ErrorCodes.UNSATISFIABLE,
        `${where}: no value satisfying the column's CHECKs was found in ${DRAWS} draws (excluded ${JSON.stringify(excluded)}, patterns ${patterns.map((p) => `/${p.source}/`).join(' ')}). Generate from a copy of the DDL without that CHECK (or with one datagen compiles, e.g. a value list).`,
        { where },
      );
    },
  };
}

/** Whether a negated pattern matches a blank or a tab: values must hold no whitespace. */
function rejectsBlanks(
  patterns: readonly { source: string; negated: boolean; insensitive?: boolean }[],
): boolean {
  return patterns.some((p) => {
    if (!p.negated) return false;
    const re = new RegExp(p.source, p.insensitive ? 'si' : 's');
    return re.test(' ') || re.test('a b') || re.test('\t');
  });
}

/** The text bounds of a text column (`s BETWEEN 'a' AND 'm'`), in code-point order. */
export function textBounds(base: TypeRef, hints: ColumnHints): { min?: string; max?: string } {
  const text = TEXT_TYPES.has(base.name) && base.arrayDims === 0;
  return {
    ...(text && hints.min !== undefined ? { min: String(hints.min) } : {}),
    ...(text && hints.max !== undefined ? { max: String(hints.max) } : {}),
  };
}

/**
 * Whether a value meets the hints the type generators do not know:
 * exclusions, patterns (after the column's case folding) and text bounds.
 */
export function meetsTextHints(base: TypeRef, hints: ColumnHints): (v: string) => boolean {
  const excluded = hints.exclude ?? [];
  const regexes = (hints.patterns ?? []).map((p) => ({
    re: new RegExp(p.source, p.insensitive ? 'si' : 's'),
    negated: p.negated,
  }));
  const { min: textMin, max: textMax } = textBounds(base, hints);
  const inTextRange = (v: string): boolean =>
    (textMin === undefined || (hints.minExclusive ? v > textMin : v >= textMin)) &&
    (textMax === undefined || (hints.maxExclusive ? v < textMax : v <= textMax));
  const folded = (v: string): string =>
    hints.lowercase ? v.toLowerCase() : hints.uppercase ? v.toUpperCase() : hints.trimmed ? v.trim() : v;
  const matched = asMatched(base);
  const family = base.arrayDims === 0 ? familyOf(base.name) : 'text';
  return (v) => {
    const seen = folded(v);
    for (const x of excluded) if (sameValue(seen, x, family)) return false;
    for (const r of regexes) if (r.re.test(matched(seen)) === r.negated) return false;
    return inTextRange(v);
  };
}

/** Keys a JSON object gets besides the ones a CHECK asks for (when not excluded). */
const EXTRA_KEYS = ['name', 'kind', 'source', 'note'];

/**
 * A JSON object holding every `present` key with a short non-empty text
 * (what `x ? 'key' AND (x ->> 'key') <> ''` asks), none of the `absent`
 * ones, and one or two other keys.
 */
function jsonWithKeys(present: readonly string[], absent: readonly string[], rand: RowRandom): string {
  const word = () => {
    let w = '';
    const n = 3 + rand.below(6);
    for (let i = 0; i < n; i++) w += String.fromCharCode(97 + rand.below(26));
    return w;
  };
  const object: Record<string, string> = {};
  for (const key of present) object[key] = word();
  const extras = EXTRA_KEYS.filter((k) => !absent.includes(k) && !present.includes(k));
  for (let i = rand.below(3); i > 0 && extras.length > 0; i--) {
    const k = extras.splice(rand.below(extras.length), 1)[0] as string;
    object[k] = word();
  }
  return JSON.stringify(object);
}

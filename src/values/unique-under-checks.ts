/**
 * Unique values that also meet a column's CHECKs (design.md, principle 3
 * under principle 4): a unique column satisfies every CHECK its non-unique
 * twin does, and its capacity is counted under them.
 *
 * - a pattern (`~`, `LIKE`, `SIMILAR TO`): a bijection onto the pattern's strings;
 * - text bounds (`BETWEEN 'm' AND 'n'`): the lower bound plus a fixed-width suffix;
 * - `jsonb_typeof(doc) = 'array'`: distinct documents of that kind;
 * - `cardinality(tags) = 2`: arrays of that size, distinct by their first element;
 * - `<>` / `NOT IN`: the excluded values' indexes are mapped onto spare indexes.
 *
 * Every value is checked against the hints as it is made; a construction
 * that would break one is refused when the generator is built (the planner
 * then gives the table no rows, with a warning), and a value that still
 * fails is an error, never a written row.
 */

import { type ColumnHints, generatorHints, TEXT_TYPES } from '../checks/check-hints.js';
import type { TypeLookup } from '../checks/type-resolution.js';
import { counted, DatagenError, ErrorCodes } from '../errors.js';
import type { TypeRef } from '../schema/model.js';
import { lengthLimits, meetsTextHints, textBounds } from './check-generator.js';
import { mergedFieldPatterns } from './field-patterns.js';
import { jsonPathsUnique } from './json-path-values.js';
import { hashString } from './random.js';
import { createRegexEnumeration } from './regex-enumeration.js';
import { RegexUnsupportedError } from './regex-parse.js';
import { createUniqueValueGenerator, quoteArrayElement, type UniqueValueGenerator } from './types/index.js';
import { CODE_ALPHABET, codeSpace, encodeCode, MAX_ENCODED_WORD_LENGTH, WORDS } from './types/words.js';

const MAX_SPACE = 2 ** 52;
/** Values of the constructed generator checked when it is built. */
const SAMPLES = 64;

function refuse(where: string, why: string): DatagenError {
  return new DatagenError(
    ErrorCodes.UNSATISFIABLE,
    `unique values meeting its CHECKs cannot be constructed (${why})`,
    { where },
  );
}

/** `s` in base 26 over a–z, `width` letters. */
function letters(k: number, width: number): string {
  let out = '';
  let rest = k;
  for (let i = 0; i < width; i++) {
    out = String.fromCharCode(97 + (rest % 26)) + out;
    rest = Math.floor(rest / 26);
  }
  return out;
}

function textRangeUnique(
  min: string | undefined,
  max: string | undefined,
  maxLength: number,
): UniqueValueGenerator {
  if (min === undefined) throw refuse('', 'a text upper bound without a lower one');
  // Values `min + suffix` sort after min and, when min is not a prefix of max, before max.
  if (max !== undefined && (max <= min || max.startsWith(min)))
    throw refuse('', `text bounds '${min}' and '${max}'`);
  const width = Math.min(7, maxLength - min.length);
  if (width < 1) throw refuse('', `no room after '${min}' within ${counted(maxLength, 'character')}`);
  return { space: 26 ** width, value: (k) => min + letters(k, width) };
}

/**
 * Unique JSON objects holding the `present` keys (each a non-empty text, the
 * first one carrying the row's number) and none of the `absent` ones.
 */
function jsonKeysUnique(present: readonly string[], absent: readonly string[]): UniqueValueGenerator {
  let spare = 'id';
  while (absent.includes(spare) || present.includes(spare)) spare += '_';
  const [first, ...rest] = present.length > 0 ? present : [spare];
  return {
    space: MAX_SPACE,
    value: (k) => {
      const object: Record<string, string> = { [first as string]: `k${k.toString(36)}` };
      for (const key of rest) object[key] = 'x';
      return JSON.stringify(object);
    },
  };
}

function jsonUnique(types: readonly string[]): UniqueValueGenerator {
  const order = ['array', 'object', 'number', 'string', 'boolean', 'null'];
  const type = order.find((t) => types.includes(t));
  switch (type) {
    case 'array':
      return { space: MAX_SPACE, value: (k) => `[${k}]` };
    case 'object':
      return { space: MAX_SPACE, value: (k) => `{"k": ${k}}` };
    case 'number':
      return { space: MAX_SPACE, value: (k) => String(k) };
    case 'string':
      return { space: MAX_SPACE, value: (k) => `"${k}"` };
    case 'boolean':
      return { space: 2, value: (k) => (k === 0 ? 'false' : 'true') };
    case 'null':
      return { space: 1, value: () => 'null' };
    default:
      throw refuse('', 'the CHECKs allow no JSON type');
  }
}

function cardinalityUnique(base: TypeRef, hints: ColumnHints, lookup: TypeLookup): UniqueValueGenerator {
  const lo = Math.max(0, hints.minCardinality ?? 0);
  const hi = hints.maxCardinality ?? Math.max(lo, 1);
  if (hi < lo) throw refuse('', `cardinality between ${lo} and ${hi}`);
  const size = Math.max(lo, Math.min(1, hi));
  if (size === 0) return { space: 1, value: () => '{}' };
  const element = createUniqueValueGenerator({ ...base, arrayDims: 0 }, lookup, {});
  return {
    space: element.space,
    value: (k) => `{${Array.from({ length: size }, () => quoteArrayElement(element.value(k))).join(',')}}`,
  };
}

/** A space this small is listed whole, less the values that fail. */
const SMALL_SPACE = 256;

/**
 * A generator without the excluded values: the index of an excluded value
 * (at most one, the generator being injective) takes one of 2e spare
 * indexes at the top of the space instead, whose values are not excluded;
 * a small space is listed whole instead.
 */
function withoutValues(
  generator: UniqueValueGenerator,
  excluded: readonly string[],
  meets: (v: string) => boolean,
): UniqueValueGenerator {
  const e = excluded.length;
  const space = Math.min(generator.space, MAX_SPACE);
  if (e === 0) return generator;
  if (space <= SMALL_SPACE) {
    // An enum's labels less 'two': every value that meets, in order (2e spares would leave 3 labels 1).
    const kept = Array.from({ length: space }, (_, k) => generator.value(k)).filter(meets);
    return { space: kept.length, value: (k) => kept[k] as string };
  }
  if (space <= 2 * e) return { space: 0, value: () => '' };
  let spares: string[] | undefined;
  const spareValues = () => {
    spares ??= Array.from({ length: 2 * e }, (_, i) => generator.value(space - 2 * e + i)).filter(meets);
    return spares;
  };
  return {
    space: space - 2 * e,
    value(k) {
      const v = generator.value(k);
      if (meets(v)) return v;
      // The excluded value it is (its position t), replaced by the t-th spare; any other failure is left to the check below.
      const t = excluded.findIndex((x) => x === v || (x.trim() !== '' && Number(x) === Number(v)));
      return t < 0 ? v : (spareValues()[t] ?? v);
    },
  };
}

/**
 * Why a value failed: a key expression's own demand (`PatternHint.reason`) the CHECKs' values break, named with
 * how to fix it, or the CHECKs.
 */
function failureReason(value: string, hints: ColumnHints): string {
  const asked = (hints.patterns ?? []).find(
    (p) =>
      p.negated && p.reason !== undefined && new RegExp(p.source, p.insensitive ? 'si' : 's').test(value),
  );
  if (asked === undefined) return `value '${value}' would not meet them`;
  return `value '${value}' meets the CHECKs but not what the key's expression asks (${asked.reason}); make the CHECK ask for values that begin with that text, or index the column itself`;
}

/** The first of SAMPLES values at both ends of the space (within 2^52: past it no generator numbers) that fails. */
function sampleFailure(unique: UniqueValueGenerator, meets: (v: string) => boolean): string | undefined {
  const space = Math.min(unique.space, MAX_SPACE);
  const samples = Math.min(space, SAMPLES);
  for (let i = 0; i < samples; i++) {
    const k = i < samples / 2 ? i : space - 1 - (i - Math.floor(samples / 2));
    const v = unique.value(k);
    if (!meets(v)) return v;
  }
  return undefined;
}

/**
 * Unique values of letters and digits only, in the hints' letter case: a word then the number of its round
 * (`abbas`, …, `abbas1`: injective, words being letters) where the length limits leave room, and codes
 * (`a`, …, `9`, `aa`) within them.
 */
function lettersAndDigits(base: TypeRef, hints: ColumnHints): UniqueValueGenerator[] {
  const limits = lengthLimits(base, hints);
  const cased = hints.uppercase ? (v: string) => v.toUpperCase() : (v: string) => v;
  const min = Math.max(1, limits.min);
  const alphabet = cased(CODE_ALPHABET);
  const max = Number.isFinite(limits.max) ? limits.max : 64;
  const codes = {
    space: codeSpace(alphabet.length, max, min),
    value: (k: number) => encodeCode(k, alphabet, min),
  };
  if (limits.min > 1 || max < MAX_ENCODED_WORD_LENGTH) return [codes];
  const words: UniqueValueGenerator = {
    space: MAX_SPACE,
    value(k) {
      const q = Math.floor(k / WORDS.length);
      return cased(`${WORDS[k - q * WORDS.length]}${q === 0 ? '' : q}`);
    },
  };
  return [words, codes];
}

/** Whether the column's own unique values meet the hints (version 25's delimited fields take them then). */
function plainMeets(plain: () => UniqueValueGenerator, base: TypeRef, hints: ColumnHints): boolean {
  return sampleFailure(plain(), meetsTextHints(base, hints)) === undefined;
}

/** True when the hints ask for more than the type generators' bounds and lists. */
export function needsUniqueUnderChecks(base: TypeRef, hints: ColumnHints): boolean {
  const bounds = textBounds(base, hints);
  return (
    (hints.exclude?.length ?? 0) > 0 ||
    (hints.patterns?.length ?? 0) > 0 ||
    hints.jsonTypes !== undefined ||
    hints.jsonKeys !== undefined ||
    hints.uniquePath !== undefined ||
    hints.minCardinality !== undefined ||
    hints.maxCardinality !== undefined ||
    bounds.min !== undefined ||
    bounds.max !== undefined
  );
}

/** Unique values of `base` meeting the hints; `plain` is the column's generator for what the hints do not shape. */
export function uniqueUnderChecks(
  where: string,
  base: TypeRef,
  hints: ColumnHints,
  lookup: TypeLookup,
  plain: () => UniqueValueGenerator,
): UniqueValueGenerator {
  const text = TEXT_TYPES.has(base.name) && base.arrayDims === 0;
  // The same pattern twice (a domain's and its column's CHECK, a CHECK repeated) is one pattern: its
  // case-sensitive form, whose matches meet the case-insensitive one too.
  const positive = [...(hints.patterns ?? [])]
    .filter((p) => !p.negated)
    .sort((a, b) => Number(a.insensitive) - Number(b.insensitive))
    .filter((p, i, all) => all.findIndex((q) => q.source === p.source) === i);
  const bounds = textBounds(base, hints);
  let generator: UniqueValueGenerator;
  try {
    const json = (base.name === 'json' || base.name === 'jsonb') && base.arrayDims === 0;
    if (hints.uniquePath && json) {
      const paths = [hints.uniquePath, ...(hints.uniquePaths ?? [])];
      const made = jsonPathsUnique(hints.jsonPaths ?? [], paths, hashString(where));
      if (!made)
        throw refuse(
          where,
          `a unique key reads ${hints.uniquePath.join('.')} as other than text or a number`,
        );
      generator = made;
    } else if (hints.jsonKeys && json) {
      generator = jsonKeysUnique(hints.jsonKeys.present, hints.jsonKeys.absent);
    } else if (hints.jsonTypes && (base.name === 'json' || base.name === 'jsonb') && base.arrayDims === 0) {
      generator = jsonUnique(hints.jsonTypes);
    } else if (
      (hints.minCardinality !== undefined || hints.maxCardinality !== undefined) &&
      base.arrayDims === 1
    ) {
      generator = cardinalityUnique(base, hints, lookup);
    } else if (
      text &&
      positive.length > 0 &&
      positive.every((p) => p.fields) &&
      plainMeets(plain, base, hints)
    ) {
      // Delimited fields (split_part()) the column's own unique values have (an email's domain): those.
      generator = plain();
    } else if (text && positive.length > 0) {
      // A pattern and split_part() fields: one pattern of both (field-patterns.ts), else refused.
      const joined = positive.length === 2 ? mergedFieldPatterns(positive) : undefined;
      if (positive.length > 1 && joined?.length !== 1) throw refuse(where, 'more than one pattern');
      const limits = lengthLimits(base, hints);
      const p = (joined?.[0] ?? positive[0]) as NonNullable<(typeof positive)[number]>;
      const letterCase = hints.lowercase ? 'lower' : hints.uppercase ? 'upper' : undefined;
      generator = createRegexEnumeration(p.source, {
        ...(letterCase ? { letterCase } : {}),
        minLength: limits.min,
        ...(Number.isFinite(limits.max) ? { maxLength: limits.max } : {}),
      });
    } else if (text && (bounds.min !== undefined || bounds.max !== undefined)) {
      const limits = lengthLimits(base, hints);
      generator = textRangeUnique(bounds.min, bounds.max, Number.isFinite(limits.max) ? limits.max : 64);
    } else {
      generator = plain();
    }
  } catch (error) {
    if (error instanceof RegexUnsupportedError) throw refuse(where, `pattern: ${error.message}`);
    throw error;
  }
  const meets = meetsTextHints(base, hints);
  let unique = withoutValues(generator, hints.exclude ?? [], meets);
  // A construction is only used when the values it makes meet the hints.
  let failed = sampleFailure(unique, meets);
  if (failed !== undefined && text && positive.length === 0 && bounds.min === undefined) {
    // The type's readable words join with `-` (`abbas-1`), which a CHECK or a unique key's `replace(name, '-', '_')`
    // may exclude: words and digits (`abbas1`) or codes of letters and digits instead (crates.io's crates.name
    // under canon_crate_name).
    for (const candidate of lettersAndDigits(base, hints)) {
      const codes = withoutValues(candidate, hints.exclude ?? [], meets);
      if (sampleFailure(codes, meets) !== undefined) continue;
      unique = codes;
      failed = undefined;
      break;
    }
  }
  if (failed !== undefined) throw refuse(where, failureReason(failed, hints));
  return {
    space: unique.space,
    value(k) {
      const v = unique.value(k);
      if (!meets(v)) {
        throw new DatagenError(
          ErrorCodes.UNSATISFIABLE,
          `${where}: unique value '${v}' does not meet the column's CHECKs; give the table fewer rows (--rows) or generate from a copy of the DDL without that CHECK.`,
          { where },
        );
      }
      return v;
    },
  };
}

/** The generator of the type, bounded by the hints it knows (used when the hints only exclude values). */
export function plainUnique(
  base: TypeRef,
  hints: ColumnHints,
  lookup: TypeLookup,
): () => UniqueValueGenerator {
  return () => createUniqueValueGenerator(base, lookup, generatorHints(hints));
}

/**
 * One single-column atom of a CHECK (check-atoms.ts) added to a column's
 * hints: bounds tightened, value lists intersected, exclusions, NULL-ness,
 * case folding, lengths, patterns, JSON types and keys, array cardinality
 * and elements, residues.
 */
import type { Atom, CompareOp } from './check-atoms.js';
import type { ColumnHints, PatternHint } from './check-hints.js';
import { fieldsRegex, mergedFields } from './split-fields.js';
import { coerce, compareValues } from './sql-value.js';

/** `a` against `b` where both are numbers or integer text (an int8 bound past 2^53), exactly; else undefined. */
function numericOrder(a: number | string, b: number | string): number | undefined {
  const integerText = (v: number | string) => typeof v === 'number' || /^\s*[+-]?\d+\s*$/.test(v);
  if (typeof a === 'number' && typeof b === 'number') return Math.sign(a - b);
  if (!integerText(a) || !integerText(b)) return undefined;
  return compareValues(coerce(String(a), 'number'), coerce(String(b), 'number'));
}

function tightenMin(h: ColumnHints, value: number | string, exclusive: boolean): void {
  const order = h.min === undefined ? undefined : numericOrder(value, h.min);
  const tighter = h.min === undefined || order === undefined || order > 0 || (order === 0 && exclusive);
  if (!tighter) return;
  h.min = value;
  if (exclusive) h.minExclusive = true;
  else delete h.minExclusive;
}

function tightenMax(h: ColumnHints, value: number | string, exclusive: boolean): void {
  const order = h.max === undefined ? undefined : numericOrder(value, h.max);
  const tighter = h.max === undefined || order === undefined || order < 0 || (order === 0 && exclusive);
  if (!tighter) return;
  h.max = value;
  if (exclusive) h.maxExclusive = true;
  else delete h.maxExclusive;
}

/** -1 or 1 for a bound at minus or plus infinity (as a number or as float/date input text, read as the evaluator reads it), else 0. */
function infinitySign(value: number | string): number {
  const n = coerce(value, 'number');
  return n === Number.NEGATIVE_INFINITY ? -1 : n === Number.POSITIVE_INFINITY ? 1 : 0;
}

/** A count bound (a length, an array's cardinality) `op v` tightened into `h[min]`/`h[max]`; false for `<>`. */
function tightenSize(
  h: ColumnHints,
  min: 'minLength' | 'minCardinality',
  max: 'maxLength' | 'maxCardinality',
  op: CompareOp,
  v: number,
): boolean {
  if (op === '<=' || op === '<') h[max] = Math.min(h[max] ?? Infinity, op === '<' ? v - 1 : v);
  else if (op === '>=' || op === '>') h[min] = Math.max(h[min] ?? 0, op === '>' ? v + 1 : v);
  else if (op === '=') {
    // Intersected with what other atoms asked (`length(x) = 3` and `length(x) = 6` leave no length).
    h[min] = Math.max(h[min] ?? 0, v);
    h[max] = Math.min(h[max] ?? Infinity, v);
  } else return false;
  return true;
}

/** The values of `held` also in `values` (all of `values` when nothing was held yet). */
function intersected<T>(held: readonly T[] | undefined, values: readonly T[]): T[] {
  return held ? held.filter((v) => values.includes(v)) : [...values];
}

function restrictTo(h: ColumnHints, values: readonly string[]): void {
  h.oneOf = intersected(h.oneOf, values);
}

/** `column op value` as a bound, a one-value list or an exclusion. */
function applyComparison(h: ColumnHints, op: CompareOp, value: number | string): void {
  // `x > '-Infinity'`, `d < 'infinity'`: only the infinite end is left out, which is never generated.
  const infinite = infinitySign(value);
  if (infinite < 0 && (op === '>=' || op === '>')) return;
  if (infinite > 0 && (op === '<=' || op === '<')) return;
  if (op === '>=' || op === '>') tightenMin(h, value, op === '>');
  else if (op === '<=' || op === '<') tightenMax(h, value, op === '<');
  else if (op === '=') restrictTo(h, [String(value)]);
  else h.exclude = [...(h.exclude ?? []), String(value)];
}

/**
 * Add one single-column atom to a column's hints (mutating them). Returns
 * false for atoms that are not about one column (relations, counts), which
 * the caller plans elsewhere.
 */
export function applyAtom(hintsOf: (column: string) => ColumnHints, atom: Atom): boolean {
  switch (atom.kind) {
    case 'compare':
      applyComparison(hintsOf(atom.column), atom.op, atom.value);
      return true;
    case 'in': {
      const h = hintsOf(atom.column);
      if (atom.negated) h.exclude = [...(h.exclude ?? []), ...atom.values];
      else restrictTo(h, atom.values);
      return true;
    }
    case 'null': {
      const h = hintsOf(atom.column);
      if (atom.isNull) h.nullOnly = true;
      else h.notNull = true;
      return true;
    }
    case 'fold': {
      const h = hintsOf(atom.column);
      if (atom.fold === 'lower') h.lowercase = true;
      else if (atom.fold === 'upper') h.uppercase = true;
      else h.trimmed = true;
      return true;
    }
    case 'length': {
      const h = hintsOf(atom.column);
      if (atom.bytes && (atom.op === '>' || atom.op === '>=' || atom.op === '='))
        h.minBytes = Math.max(h.minBytes ?? 0, atom.op === '>' ? atom.value + 1 : atom.value);
      return tightenSize(h, 'minLength', 'maxLength', atom.op, atom.value);
    }
    case 'pattern':
      applyPattern(hintsOf(atom.column), atom);
      return true;
    case 'json-contains':
    case 'json-type':
    case 'json-key':
      applyJsonAtom(hintsOf(atom.column), atom);
      return true;
    case 'cardinality':
      return tightenSize(hintsOf(atom.column), 'minCardinality', 'maxCardinality', atom.op, atom.value);
    case 'elements': {
      const h = hintsOf(atom.column);
      h.elementsOf = intersected(h.elementsOf, atom.values);
      return true;
    }
    case 'element-bound': {
      const h = hintsOf(atom.column);
      h.elements = { ...h.elements };
      applyComparison(h.elements, atom.op, atom.value);
      return true;
    }
    case 'residue': {
      const h = hintsOf(atom.column);
      // PostgreSQL's `%` keeps the dividend's sign: a positive remainder needs a positive value.
      if (atom.remainder > 0) tightenMin(h, atom.remainder, false);
      if (atom.remainder < 0) tightenMax(h, atom.remainder, false);
      const old = h.residue;
      if (!old || old.modulus < atom.modulus)
        h.residue = { modulus: atom.modulus, remainder: atom.remainder };
      return true;
    }
    case 'constant':
      return atom.value;
    case 'network': {
      const h = hintsOf(atom.column);
      h.networks = [
        ...(h.networks ?? []),
        { op: atom.op, network: atom.value, ...(atom.negated ? { negated: true } : {}) },
      ];
      return true;
    }
    case 'range-bound': {
      const h = hintsOf(atom.column);
      // Both asked (infinite and finite): no value meets them; the evaluator says so.
      if (h.infiniteBounds?.[atom.bound] === !atom.infinite) return true;
      h.infiniteBounds = { ...h.infiniteBounds, [atom.bound]: atom.infinite };
      return true;
    }
    case 'range-empty': {
      const h = hintsOf(atom.column);
      // Both asked: no value meets them; the evaluator says so.
      if (h.emptyRange === !atom.empty) return true;
      h.emptyRange = atom.empty;
      return true;
    }
    default:
      return false;
  }
}

/** A pattern added to the column's; delimited fields merged into the pattern of their delimiter. */
function applyPattern(h: ColumnHints, atom: Extract<Atom, { kind: 'pattern' }>): void {
  h.patterns = atom.fields
    ? withFields(h.patterns ?? [], atom.fields)
    : [...(h.patterns ?? []), { source: atom.source, insensitive: atom.insensitive, negated: atom.negated }];
}

/** The patterns with delimited fields added: merged into the pattern of the same delimiter, one pattern each. */
function withFields(
  patterns: readonly PatternHint[],
  fields: NonNullable<PatternHint['fields']>,
): PatternHint[] {
  const at = patterns.findIndex((p) => p.fields?.delimiter === fields.delimiter);
  const had = patterns[at]?.fields;
  const merged = had ? mergedFields(had, fields) : fields;
  const pattern: PatternHint = {
    source: fieldsRegex(merged),
    insensitive: false,
    negated: false,
    fields: merged,
  };
  return at < 0 ? [...patterns, pattern] : patterns.map((p, i) => (i === at ? pattern : p));
}

/** A JSON atom added to the column's hints: containment, kinds, keys. */
function applyJsonAtom(
  h: ColumnHints,
  atom: Extract<Atom, { kind: 'json-contains' | 'json-type' | 'json-key' }>,
): void {
  switch (atom.kind) {
    case 'json-contains': {
      h.jsonContains = [...(h.jsonContains ?? []), atom.value];
      return;
    }
    case 'json-type': {
      h.jsonTypes = intersected(h.jsonTypes, atom.types);
      return;
    }
    case 'json-key': {
      const keys = h.jsonKeys ?? { present: [], absent: [] };
      const [same, other] = atom.present ? [keys.present, keys.absent] : [keys.absent, keys.present];
      if (other.includes(atom.key)) return; // no row meets both: the evaluator says so
      const merged = same.includes(atom.key) ? same : [...same, atom.key];
      h.jsonKeys = atom.present
        ? { present: merged, absent: keys.absent }
        : { present: keys.present, absent: merged };
      return;
    }
  }
}

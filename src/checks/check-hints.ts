/**
 * CHECK constraints → generator bounds (design.md, principle 4: constraints
 * are planned, then proven). Compiles the common shapes of a CHECK (or a
 * domain's CHECK, where the value is `VALUE`) into per-column hints; anything
 * it cannot compile is returned so the planner can name it in a warning.
 * Shapes that tie columns together or need a per-row choice (relations, OR,
 * num_nonnulls) are planned by `checks/table-checks.ts`.
 */

import type { Expr } from '../schema/model.js';
import type { Atom } from './check-atoms.js';
import { compileFormula, conjuncts, type FormulaOptions, withoutNullBranches } from './compile-formula.js';
import { splitFieldColumn, withFieldColumns } from './composite-field-hints.js';
import { coerce } from './sql-value.js';

/** A regex a text value must match (or, negated, must not). */
export interface PatternHint {
  readonly source: string;
  readonly insensitive: boolean;
  readonly negated: boolean;
}

/**
 * Restrictions on generated values, usually compiled from CHECK constraints.
 * Bounds are inclusive unless the matching `…Exclusive` flag is set. Numbers
 * or text in the type's input form (`'2020-01-01'`, `'12.50'`).
 */
export interface GeneratorHints {
  readonly min?: number | string;
  readonly max?: number | string;
  readonly minExclusive?: boolean;
  readonly maxExclusive?: boolean;
  /** `IN (...)` / `= ANY(ARRAY[...])`: pick only among these (text forms). */
  readonly values?: readonly string[];
  /** Upper bound on length in characters (text types), e.g. from `char_length(col) <= 20`. */
  readonly maxLength?: number;
  /** Lower bound on length in characters (text types). */
  readonly minLength?: number;
  /** A composite's fields, by name: what a domain over it asks of each (`(VALUE).hours >= 0`). */
  readonly fields?: Readonly<Record<string, GeneratorHints>>;
}

export interface ColumnHints {
  /** A composite column's fields, by name: what CHECKs on `(column).field` ask of each. */
  fields?: Readonly<Record<string, GeneratorHints>>;
  /** Inclusive lower bound (number, or the literal text of a date/time/string constant). */
  min?: number | string;
  max?: number | string;
  /** `>` rather than `>=`. */
  minExclusive?: boolean;
  maxExclusive?: boolean;
  /** A value list from `IN (...)` or `= ANY (ARRAY[...])`. */
  oneOf?: readonly string[];
  lowercase?: boolean;
  uppercase?: boolean;
  trimmed?: boolean;
  minLength?: number;
  maxLength?: number;
  notNull?: boolean;
  /** `x IS NULL`: the column is always NULL. */
  nullOnly?: boolean;
  /** `x <> v`, `x NOT IN (...)`: values to avoid (text forms). */
  exclude?: readonly string[];
  /** `~`, `LIKE`, `SIMILAR TO` (and their negations). */
  patterns?: readonly PatternHint[];
  /** `jsonb_typeof(x) IN (...)`. */
  jsonTypes?: readonly string[];
  /** `x ? 'key'` and `(x ->> 'key') <> ''` (present, with a non-empty text), `NOT (x ? 'key')` (absent). */
  jsonKeys?: { readonly present: readonly string[]; readonly absent: readonly string[] };
  /** Paths of a json/jsonb column a generated column or index reads, with what each is read as (plan/json-path-demands.ts). */
  jsonPaths?: readonly JsonPathDemand[];
  /** A unique key reads this path of the json column (`(doc ->> 'name')`): each row's document holds a distinct text there. */
  uniquePath?: readonly string[];
  /** `cardinality(x)` / `array_length(x, 1)` bounds, inclusive. */
  minCardinality?: number;
  maxCardinality?: number;
  /** `x <@ ARRAY[...]`: an array column's elements are among these (text forms). */
  elementsOf?: readonly string[];
  /** `x % modulus = remainder`: an integer column's values lie on this progression (its sign bound is in min/max). */
  residue?: { readonly modulus: number; readonly remainder: number };
  /** Values the first rows of a unique column take, in order: a child FK lists them (plan/listed-fk-values.ts). */
  holds?: readonly string[];
  /**
   * Values a free column takes in blocks of its first rows, one block each, in
   * order: children's CHECKs look the column up through their FK and pick
   * rows of their values' blocks (plan/parent-lookups.ts).
   */
  rowBlocks?: readonly string[];
  /** Every row takes row 0's value: an exclusion's `c WITH <>` element (plan/table-family.ts). */
  sameInEveryRow?: boolean;
  /** The tenant class whose values `holds` lists (plan/pinned-columns.ts): its rows bound how many tenants are used. */
  stripeRoot?: string;
}

/** What a json path's value is read as: its text, or a cast of it. */
export type JsonPathKind =
  | 'text'
  | 'boolean'
  | 'integer'
  | 'number'
  | 'timestamptz'
  | 'timestamp'
  | 'date'
  | 'interval'
  | 'uuid'
  | 'enum';

/** A path in a json document (keys, array indexes as digits) and the value it must hold. */
export interface JsonPathDemand {
  readonly path: readonly string[];
  readonly kind: JsonPathKind;
  /** An enum's labels. */
  readonly values?: readonly string[];
  /** Text read into a varchar(n). */
  readonly maxLength?: number;
}

/** The type generators' view of a column's bounds (value lists, ranges, lengths). */
export function generatorHints(hints: ColumnHints): GeneratorHints {
  return {
    ...(hints.min === undefined ? {} : { min: hints.min }),
    ...(hints.max === undefined ? {} : { max: hints.max }),
    ...(hints.minExclusive ? { minExclusive: true } : {}),
    ...(hints.maxExclusive ? { maxExclusive: true } : {}),
    ...(hints.oneOf ? { values: hints.oneOf } : {}),
    ...(hints.minLength === undefined ? {} : { minLength: hints.minLength }),
    ...(hints.maxLength === undefined ? {} : { maxLength: hints.maxLength }),
    ...(hints.fields === undefined ? {} : { fields: hints.fields }),
  };
}

/** Types whose values are text for CHECK hints, patterns and length bounds. */
export const TEXT_TYPES: ReadonlySet<string> = new Set(['text', 'varchar', 'bpchar', 'citext', 'name']);

/**
 * True when the hints need the CHECK-aware generator (patterns, JSON kinds,
 * array sizes, exclusions, NULL only, text ranges like `s BETWEEN 'a' AND 'm'`).
 */
export function needsCheckGenerator(
  hints: ColumnHints,
  type?: { readonly name: string; readonly arrayDims: number },
): boolean {
  const textRange =
    type !== undefined &&
    type.arrayDims === 0 &&
    TEXT_TYPES.has(type.name) &&
    (typeof hints.min === 'string' || typeof hints.max === 'string');
  return (
    textRange ||
    hints.nullOnly === true ||
    (hints.exclude?.length ?? 0) > 0 ||
    (hints.patterns?.length ?? 0) > 0 ||
    hints.jsonTypes !== undefined ||
    hints.jsonKeys !== undefined ||
    hints.jsonPaths !== undefined ||
    hints.minCardinality !== undefined ||
    hints.maxCardinality !== undefined
  );
}

export interface CompiledChecks {
  /** Hints by column name (for a domain: under the name `value`). */
  readonly hints: ReadonlyMap<string, ColumnHints>;
  /** The parts of the expression that were not understood (as SQL text). */
  readonly unsupported: readonly string[];
}

function tightenMin(h: ColumnHints, value: number | string, exclusive: boolean): void {
  const tighter =
    h.min === undefined ||
    typeof value !== 'number' ||
    typeof h.min !== 'number' ||
    value > h.min ||
    (value === h.min && exclusive);
  if (!tighter) return;
  h.min = value;
  if (exclusive) h.minExclusive = true;
  else delete h.minExclusive;
}

function tightenMax(h: ColumnHints, value: number | string, exclusive: boolean): void {
  const tighter =
    h.max === undefined ||
    typeof value !== 'number' ||
    typeof h.max !== 'number' ||
    value < h.max ||
    (value === h.max && exclusive);
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

function restrictTo(h: ColumnHints, values: readonly string[]): void {
  h.oneOf = h.oneOf ? h.oneOf.filter((v) => values.includes(v)) : [...values];
}

/**
 * Add one single-column atom to a column's hints (mutating them). Returns
 * false for atoms that are not about one column (relations, counts), which
 * the caller plans elsewhere.
 */
export function applyAtom(hintsOf: (column: string) => ColumnHints, atom: Atom): boolean {
  switch (atom.kind) {
    case 'compare': {
      const h = hintsOf(atom.column);
      // `x > '-Infinity'`, `d < 'infinity'`: only the infinite end is left out, which is never generated.
      const infinite = infinitySign(atom.value);
      if (infinite < 0 && (atom.op === '>=' || atom.op === '>')) return true;
      if (infinite > 0 && (atom.op === '<=' || atom.op === '<')) return true;
      if (atom.op === '>=' || atom.op === '>') tightenMin(h, atom.value, atom.op === '>');
      else if (atom.op === '<=' || atom.op === '<') tightenMax(h, atom.value, atom.op === '<');
      else if (atom.op === '=') restrictTo(h, [String(atom.value)]);
      else h.exclude = [...(h.exclude ?? []), String(atom.value)];
      return true;
    }
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
      const v = atom.value;
      if (atom.op === '<=' || atom.op === '<')
        h.maxLength = Math.min(h.maxLength ?? Infinity, atom.op === '<' ? v - 1 : v);
      else if (atom.op === '>=' || atom.op === '>')
        h.minLength = Math.max(h.minLength ?? 0, atom.op === '>' ? v + 1 : v);
      else if (atom.op === '=') {
        h.minLength = v;
        h.maxLength = v;
      } else return false;
      return true;
    }
    case 'pattern': {
      const h = hintsOf(atom.column);
      h.patterns = [
        ...(h.patterns ?? []),
        { source: atom.source, insensitive: atom.insensitive, negated: atom.negated },
      ];
      return true;
    }
    case 'json-type': {
      const h = hintsOf(atom.column);
      h.jsonTypes = h.jsonTypes ? h.jsonTypes.filter((t) => atom.types.includes(t)) : [...atom.types];
      return true;
    }
    case 'json-key': {
      const h = hintsOf(atom.column);
      const keys = h.jsonKeys ?? { present: [], absent: [] };
      const [same, other] = atom.present ? [keys.present, keys.absent] : [keys.absent, keys.present];
      if (other.includes(atom.key)) return true; // no row meets both: the evaluator says so
      const merged = same.includes(atom.key) ? same : [...same, atom.key];
      h.jsonKeys = atom.present
        ? { present: merged, absent: keys.absent }
        : { present: keys.present, absent: merged };
      return true;
    }
    case 'cardinality': {
      const h = hintsOf(atom.column);
      const v = atom.value;
      if (atom.op === '<=' || atom.op === '<')
        h.maxCardinality = Math.min(h.maxCardinality ?? Infinity, atom.op === '<' ? v - 1 : v);
      else if (atom.op === '>=' || atom.op === '>')
        h.minCardinality = Math.max(h.minCardinality ?? 0, atom.op === '>' ? v + 1 : v);
      else if (atom.op === '=') {
        h.minCardinality = v;
        h.maxCardinality = v;
      } else return false;
      return true;
    }
    case 'elements': {
      const h = hintsOf(atom.column);
      h.elementsOf = h.elementsOf ? h.elementsOf.filter((v) => atom.values.includes(v)) : [...atom.values];
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
    default:
      return false;
  }
}

/** The default reference for now(): today, 00:00 UTC. */
export function defaultReferenceTime(): Date {
  const now = Date.now();
  return new Date(now - (now % 86_400_000));
}

/** The two readings of now() bounds use (see `FormulaOptions`), from the reference time. */
export function nowReadings(reference: Date): FormulaOptions {
  const seconds = Math.floor(reference.getTime() / 1000);
  // Upper bounds (`<= now()`) are read a day early so every session time zone's current_date passes;
  // lower bounds (`> now()`) 30 days late so the rows stay valid for a month after the reference time.
  return { nowEarly: seconds - 86_400, nowLate: seconds + 30 * 86_400 };
}

/** Compile a list of CHECK expressions (all must hold: they are ANDed) into single-column hints. */
export function compileChecks(
  exprs: readonly Expr[],
  options?: FormulaOptions,
  notNull: ReadonlySet<string> = new Set(),
): CompiledChecks {
  const readings = options ?? nowReadings(defaultReferenceTime());
  const hints = new Map<string, ColumnHints>();
  const unsupported: string[] = [];
  const hintsOf = (column: string): ColumnHints => {
    let h = hints.get(column);
    if (!h) {
      h = {};
      hints.set(column, h);
    }
    return h;
  };
  for (const e of exprs) {
    // A CHECK on composite fields gives the fields bounds and is still evaluated per row.
    const fields = { any: false };
    const ast = withFieldColumns(e.ast, fields);
    let all = !fields.any;
    for (const part of conjuncts(ast)) {
      const formula = withoutNullBranches(compileFormula(part, readings), notNull);
      const branch = formula?.length === 1 ? formula[0] : undefined;
      const single = branch?.every(
        (a) =>
          a.kind !== 'relation' &&
          a.kind !== 'count' &&
          a.kind !== 'residue' &&
          a.kind !== 'multiple' &&
          !(a.kind === 'constant' && !a.value),
      );
      if (!branch || !single) {
        all = false;
        continue;
      }
      for (const atom of branch) applyAtom(hintsOf, atom);
    }
    if (!all) unsupported.push(e.text);
  }
  foldFieldHints(hints);
  return { hints, unsupported };
}

/**
 * A conjunct that reads composite fields (`(VALUE).hours >= 0`): its bounds on
 * each field as hints of a column named `(column).field` (`foldFieldHints`
 * moves them into the column's `fields`). The conjunct is not compiled for
 * anything else: the caller still evaluates it on every row.
 */
export function fieldBounds(
  ast: unknown,
  readings: FormulaOptions,
  notNull: ReadonlySet<string>,
  hintsOf: (column: string) => ColumnHints,
): void {
  const found = { any: false };
  const rewritten = withFieldColumns(ast, found);
  if (!found.any) return;
  let formula: ReturnType<typeof compileFormula>;
  try {
    formula = withoutNullBranches(compileFormula(rewritten, readings), notNull);
  } catch {
    return; // a constant read differently from PostgreSQL: the row engine's evaluation decides
  }
  if (formula?.length !== 1) return;
  const atoms = formula[0] ?? [];
  for (const atom of atoms) {
    const column = 'column' in atom && typeof atom.column === 'string' ? atom.column : undefined;
    if (atom.kind === 'relation' || column === undefined || !splitFieldColumn(column)) continue;
    applyAtom(hintsOf, atom);
  }
  // `(VALUE).a < (VALUE).b` with a bounded from below and b from above: each inside the other's bound too.
  for (const atom of atoms) {
    if (atom.kind !== 'relation' || atom.offset !== undefined) continue;
    if (!splitFieldColumn(atom.left) || !splitFieldColumn(atom.right)) continue;
    const [low, high] =
      atom.op === '<' || atom.op === '<=' ? [atom.left, atom.right] : [atom.right, atom.left];
    if (atom.op !== '<' && atom.op !== '<=' && atom.op !== '>' && atom.op !== '>=') continue;
    const strict = atom.op === '<' || atom.op === '>';
    const lo = hintsOf(low);
    const hi = hintsOf(high);
    if (typeof hi.max === 'number' && (typeof lo.max !== 'number' || hi.max < lo.max)) {
      lo.max = hi.max;
      lo.maxExclusive = strict || hi.maxExclusive === true;
    }
    if (typeof lo.min === 'number' && (typeof hi.min !== 'number' || lo.min > hi.min)) {
      hi.min = lo.min;
      hi.minExclusive = strict || lo.minExclusive === true;
    }
  }
}

/** Hints compiled for `(column).field` moved into the column's `fields`. */
export function foldFieldHints(hints: Map<string, ColumnHints>): void {
  for (const [name, h] of [...hints]) {
    const ref = splitFieldColumn(name);
    if (!ref) continue;
    hints.delete(name);
    const field = generatorHints(h);
    if (Object.keys(field).length === 0) continue;
    let owner = hints.get(ref.column);
    if (!owner) {
      owner = {};
      hints.set(ref.column, owner);
    }
    owner.fields = { ...owner.fields, [ref.field]: field };
  }
}

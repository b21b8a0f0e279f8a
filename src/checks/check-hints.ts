/**
 * CHECK constraints → generator bounds (design.md, principle 4: constraints
 * are planned, then proven). Compiles the common shapes of a CHECK (or a
 * domain's CHECK, where the value is `VALUE`) into per-column hints; anything
 * it cannot compile is returned so the planner can name it in a warning.
 * Shapes that tie columns together or need a per-row choice (relations, OR,
 * num_nonnulls) are planned by `checks/table-checks.ts`. This file holds
 * the hints themselves; `compile-checks.ts` compiles CHECKs into them,
 * `apply-atom.ts` adds one atom to a column's hints.
 */

/** A regex a text value must match (or, negated, must not). */
export interface PatternHint {
  readonly source: string;
  readonly insensitive: boolean;
  readonly negated: boolean;
  /** The pattern is delimited fields (checks/split-fields.ts): values made so, or the column's own that match. */
  readonly fields?: FieldsHint;
  /** Why a negated pattern is asked, where a unique key's expression asks it (`replace(url, 'https://', '')`). */
  readonly reason?: string;
}

/** `split_part()` conjuncts of one delimiter: min to max non-empty fields (max may be infinite), a field's values. */
export interface FieldsHint {
  readonly delimiter: string;
  readonly min: number;
  readonly max: number;
  /** By field number (from 1). */
  readonly values: Readonly<Record<number, readonly string[]>>;
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
  /**
   * Lower bound on length in bytes (`octet_length(col) > 5`), also in `minLength` (ASCII values of that
   * length meet it); where the type's characters cannot hold it in ASCII, multi-byte characters do (text.ts).
   */
  readonly minBytes?: number;
  /** A composite's fields, by name: what a domain over it asks of each (`(VALUE).hours >= 0`). */
  readonly fields?: Readonly<Record<string, GeneratorHints>>;
  /** A range's bounds that must be infinite (true) or finite (false): `upper_inf(r)`, `NOT lower_inf(r)`. */
  readonly infiniteBounds?: RangeInfinity;
  /** A range that must be empty (true) or not (false): `isempty(r)`, `NOT isempty(r)`. */
  readonly emptyRange?: boolean;
  /** A multirange that must contain this span (`m @> daterange('2021-01-01', '2021-02-01')`); null: infinite. */
  readonly containsSpan?: RangeSpan;
  /** A multirange inside this span (`m <@ datemultirange(...)`, `m && daterange(...)`); null: infinite. */
  readonly withinSpan?: RangeSpan;
  /** inet/cidr: networks the value lies inside or contains (`addr << '10.0.0.0/8'`). */
  readonly networks?: readonly NetworkHint[];
  /** An array's elements' bounds (`0 <= ALL (scores)`): what the element generator is given. */
  readonly elements?: GeneratorHints;
}

/** `value <op> network` of an inet/cidr value (`op` as in check-atoms.ts' NetworkOp). */
export interface NetworkHint {
  readonly op: '<<' | '<<=' | '>>' | '>>=' | '&&';
  readonly network: string;
  /** `NOT (value << network)`: the value must not meet it. */
  readonly negated?: boolean;
}

/** A range's bounds in hint form (a number, a date's text); null: infinite. */
export interface RangeSpan {
  readonly lower: number | string | null;
  readonly upper: number | string | null;
  /** `(0,10)`: the lower bound itself is outside. */
  readonly lowerExclusive?: boolean;
  /** Version 29: a timestamp bound read by the strict instant reader (its fraction kept). */
  readonly strictTimes?: boolean;
  /** Version 29, a range's `r && X`: where no range fits inside X, one holding X overlaps it too. */
  readonly overlaps?: boolean;
}

/** Which of a range's bounds must be infinite (true) or finite (false); absent: either. */
export interface RangeInfinity {
  readonly lower?: boolean;
  readonly upper?: boolean;
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
  /** `upper_inf(r)`, `NOT lower_inf(r)`: which range bounds must be infinite or finite. */
  infiniteBounds?: RangeInfinity;
  /** `isempty(r)`, `NOT isempty(r)`: the range is (or is not) empty. */
  emptyRange?: boolean;
  /** `m @> daterange(...)`: a multirange holding this span (plan/multirange-hints.ts). */
  containsSpan?: RangeSpan;
  /** `m <@ datemultirange(...)`, `m && daterange(...)`: a multirange inside this span (plan/multirange-hints.ts). */
  withinSpan?: RangeSpan;
  /** `addr << '10.0.0.0/8'`, `net >>= '192.168.1.5'`: inet/cidr networks to be inside or contain. */
  networks?: readonly NetworkHint[];
  /** `oneOf` is what children's composite FKs list, not a CHECK of the column's own (plan/listed-fk-values.ts). */
  listedByChildren?: boolean;
  lowercase?: boolean;
  uppercase?: boolean;
  trimmed?: boolean;
  minLength?: number;
  /** `octet_length(col) > 5`: see GeneratorHints.minBytes. */
  minBytes?: number;
  maxLength?: number;
  notNull?: boolean;
  /** `x IS NULL`: the column is always NULL. */
  nullOnly?: boolean;
  /** `x <> v`, `x NOT IN (...)`: values to avoid (text forms). */
  exclude?: readonly string[];
  /** `~`, `LIKE`, `SIMILAR TO` (and their negations). */
  patterns?: readonly PatternHint[];
  /** `x @> '{"type": "event"}'` (version 25): JSON objects every document holds (merged into it). */
  jsonContains?: readonly string[];
  /** `jsonb_typeof(x) IN (...)`. */
  jsonTypes?: readonly string[];
  /** `x ? 'key'` and `(x ->> 'key') <> ''` (present, with a non-empty text), `NOT (x ? 'key')` (absent). */
  jsonKeys?: { readonly present: readonly string[]; readonly absent: readonly string[] };
  /** Paths of a json/jsonb column a generated column or index reads, with what each is read as (plan/json-path-demands.ts). */
  jsonPaths?: readonly JsonPathDemand[];
  /** A unique key reads this path of the json column (`(doc ->> 'name')`): each row's document holds a distinct text there. */
  uniquePath?: readonly string[];
  /** Version 29: other keys' paths of the column (`(doc -> 'a' -> 0 ->> 'b')`), each distinct per row too. */
  uniquePaths?: readonly (readonly string[])[];
  /** `cardinality(x)` / `array_length(x, 1)` bounds, inclusive. */
  minCardinality?: number;
  maxCardinality?: number;
  /** `0 < ALL (scores)`: bounds every element of an array column meets (min/max and their exclusive flags). */
  elements?: ColumnHints;
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
    ...(hints.minBytes === undefined ? {} : { minBytes: hints.minBytes }),
    ...(hints.maxLength === undefined ? {} : { maxLength: hints.maxLength }),
    ...(hints.fields === undefined ? {} : { fields: hints.fields }),
    ...(hints.infiniteBounds === undefined ? {} : { infiniteBounds: hints.infiniteBounds }),
    ...(hints.emptyRange === undefined ? {} : { emptyRange: hints.emptyRange }),
    ...(hints.containsSpan === undefined ? {} : { containsSpan: hints.containsSpan }),
    ...(hints.withinSpan === undefined ? {} : { withinSpan: hints.withinSpan }),
    ...(hints.networks === undefined ? {} : { networks: hints.networks }),
    ...(hints.elements === undefined ? {} : { elements: generatorHints(hints.elements) }),
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
    hints.jsonContains !== undefined ||
    hints.minCardinality !== undefined ||
    hints.maxCardinality !== undefined
  );
}

/** A column's hints in `hints`, created empty on first use (the compilers add atoms to them). */
export function hintsIn(hints: Map<string, ColumnHints>): (column: string) => ColumnHints {
  return (column) => {
    let h = hints.get(column);
    if (!h) {
      h = {};
      hints.set(column, h);
    }
    return h;
  };
}

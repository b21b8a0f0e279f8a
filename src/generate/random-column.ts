/**
 * A column's random value (not a key, not an FK): as the configuration steers
 * it (steered-values.ts), else from its meaning (semantic
 * generators, reading the row's context), or its type under its CHECK hints
 * (a CHECK generator when the hints need one, arrays of a domain element by
 * element), then folded as its CHECKs ask (lower/upper/trimmed, cut to the
 * length limit).
 */
import { type ColumnHints, generatorHints } from '../checks/check-hints.js';
import type { ByteOut } from '../checks/digits.js';
import type { TypeLookup } from '../checks/type-resolution.js';
import type { TablePlan } from '../plan/plan-model.js';
import type { TypeRef } from '../schema/model.js';
import { displayColumn, displayName } from '../schema/names.js';
import { createCheckGenerator } from '../values/check-generator.js';
import { withCheckedDomains } from '../values/checked-domains.js';
import { narrowed } from '../values/column-kind.js';
import { domainArrayGenerator, listedElementsGenerator } from '../values/domain-array.js';
import { createFittedTextGenerator, createLengthFittedGenerator } from '../values/fitted-text.js';
import { onProgression } from '../values/integer-progression.js';
import { createPatternEmailGenerator } from '../values/pattern-emails.js';
import type { RowRandom } from '../values/random.js';
import { withReadableWords } from '../values/readable-words.js';
import { createClockTimeGenerator } from '../values/semantic/clock-times29.js';
import { withListedSex } from '../values/semantic/gendered-names.js';
import { createGeoPointGenerator } from '../values/semantic/geo-points26.js';
import {
  createBuild,
  createSemanticGenerator,
  type RowContext,
  type SemanticKind,
} from '../values/semantic/index.js';
import { createJsonShapeGenerator } from '../values/semantic/json-shapes.js';
import { createRecentPeriodGenerator } from '../values/semantic/recent-periods.js';

import { createTextArrayGenerator } from '../values/semantic/text-arrays.js';
import { hintsCheck } from '../values/types/domain-hints.js';
import { createValueGenerator } from '../values/types/index.js';
import { GENERATOR_VERSION } from '../version.js';
import { impliedKeyGenerator } from './implied-key-values.js';
import { latticeValues } from './lattice-values.js';
import { type RandomChoice, randomColumnChoice } from './random-choice.js';
import { createSteeredGenerator } from './steered-values.js';

export type RandomValue = (rand: RowRandom, row: number) => string | null;

/** Generators whose every value is printable ASCII without a backslash (a semantic one that says so). */
const escapeFreeValues = new WeakSet<RandomValue>();

/** `generate` (from randomColumnGenerator) never yields text COPY escapes: its column may skip the escape scan. */
export function isEscapeFreeValue(generate: RandomValue): boolean {
  return escapeFreeValues.has(generate);
}

/** A random value's bytes written at `out.pos` (the same draws as its RandomValue; never NULL). */
export type RandomWrite = (rand: RowRandom, row: number, out: ByteOut) => void;

/** Generators whose values can also be written as bytes (escape-free types' own generators, unfolded). */
const byteWriters = new WeakMap<RandomValue, RandomWrite>();

/** `generate`'s byte writer (from randomColumnGenerator), when its values can be written without a string. */
export function randomValueWriter(generate: RandomValue): RandomWrite | undefined {
  return byteWriters.get(generate);
}

export function randomColumnGenerator(
  t: TablePlan,
  column: string,
  base: TypeRef,
  hints: ColumnHints,
  plainLookup: TypeLookup,
  rowContext: () => RowContext,
): RandomValue {
  const context = rowContext();
  // Version 3: what no meaning decides is made of readable words, not lorem.
  // Domains inside composite fields are made to their patterns as a column of the domain is.
  const lookup = withCheckedDomains(
    withReadableWords(plainLookup, context.generatorVersion ?? GENERATOR_VERSION),
  );
  const c = t.columns.find((col) => col.column.name === column);
  if (!c) throw new Error(`no column ${column} in ${displayName(t.table)}`);
  const where = `${displayColumn(t.table, column)}`;
  const version = context.generatorVersion ?? GENERATOR_VERSION;
  const choice = randomColumnChoice(t.table, c, base, hints, version);
  const chosen = chosenValues(choice, { t, c, where, base, hints, lookup, context });
  // Version 18: a CHECK-listed or enum gender agreeing with the row's first name (gendered-names.ts).
  const sexed =
    version >= 18 && (choice.kind === 'checks' || choice.kind === 'type')
      ? withListedSex(
          createBuild(t.table, c.column, base, context),
          hints.oneOf ?? enumLabels(base, lookup),
          chosen.generate,
        )
      : null;
  const { generate, escapeFree, write } = sexed === null ? chosen : { generate: sexed };
  // `c % 10 = 5`: the value moved onto the progression (a configured column keeps its values: they are evaluated).
  // Version 23: `date_trunc('month', d) = d`, `extract(dow from d) = 1`: onto the lattice (time-lattice.ts).
  const snap = c.steer
    ? undefined
    : (onProgression(base, hints) ?? latticeValues(t, column, base, hints, version));
  const made: RandomValue = snap ? (rand, row) => snap(generate(rand, row)) : generate;
  const fold = caseFolding(base, hints);
  // Folding ASCII (lower, upper, trim, a prefix) leaves it ASCII.
  const folded: RandomValue = fold ? (rand, row) => fold(made(rand, row)) : made;
  if (escapeFree) escapeFreeValues.add(folded);
  if (write !== undefined && snap === undefined && fold === undefined) byteWriters.set(folded, write);
  return folded;
}

/** What a random column's generator is built from. */
interface ColumnInputs {
  readonly t: TablePlan;
  readonly c: TablePlan['columns'][number];
  readonly where: string;
  readonly base: TypeRef;
  readonly hints: ColumnHints;
  readonly lookup: TypeLookup;
  readonly context: RowContext;
}

/** A column's values before folding: the function, whether it is escape-free, its byte writer. */
interface ChosenValues {
  readonly generate: RandomValue;
  readonly escapeFree?: boolean;
  readonly write?: RandomWrite | undefined;
}

/** The generator the column's choice names. */
function chosenValues(choice: RandomChoice, inputs: ColumnInputs): ChosenValues {
  const { t, c, base, hints, lookup, context } = inputs;
  switch (choice.kind) {
    case 'steered':
      return {
        generate: createSteeredGenerator(c.steer as NonNullable<typeof c.steer>, {
          table: t.table,
          column: c.column,
          base: narrowed(base, hints),
          hints,
          lookup,
          row: context,
        }),
      };
    case 'implied-key': {
      // Version 4: a key of the table the name names (no FK declared), its parents picked as a free FK's.
      const fallback = createValueGenerator(base, lookup, generatorHints(hints));
      return {
        generate: impliedKeyGenerator(inputs.where, context.tableKeys?.(choice.parent), (rand) =>
          fallback.random(rand),
        ),
      };
    }
    case 'semantic':
      return semanticValues(choice.meaning, choice.lengthFitted, inputs);
    case 'listed-elements': {
      const generator = listedElementsGenerator(base, hints.elementsOf ?? [], {
        ...(hints.minCardinality === undefined ? {} : { min: hints.minCardinality }),
        ...(hints.maxCardinality === undefined ? {} : { max: hints.maxCardinality }),
      });
      return { generate: (rand) => generator?.random(rand) ?? '{}' };
    }
    case 'checks':
      return { generate: checkedValues(choice.meaning, inputs) };
    case 'text-array': {
      // Version 3: `tags text[]`: 0 to 5 distinct words of the column's vocabulary (or values of its meaning).
      const arrays = createTextArrayGenerator(choice.meaning, t.table, c.column, base, context);
      return { generate: arrays.random, escapeFree: arrays.escapeFree };
    }
    case 'type':
      return typeValues(choice.bounded, inputs);
    case 'json-shape': {
      // Version 19: a document of the shape its name tells (json-shapes.ts).
      const documents = createJsonShapeGenerator(choice.shape, t.table, c.column, context);
      return { generate: (rand, row) => documents.random(rand, row) };
    }
    case 'geo-point': {
      // Version 26: a place kept as a point, the row's own coordinates where it has them (geo-points26.ts).
      const points = createGeoPointGenerator(createBuild(t.table, c.column, base, context));
      return { generate: (rand, row) => points.random(rand, row), escapeFree: true };
    }
    case 'clock-time': {
      // Version 29: business hours in quarters, an end after its row's start (clock-times29.ts).
      const times = createClockTimeGenerator(t.table, c.column, base, context);
      return { generate: (rand, row) => times.random(rand, row), escapeFree: true };
    }
    case 'period': {
      // Version 18: a recent period kept as a range (recent-periods.ts).
      const periods = createRecentPeriodGenerator(inputs.base, c.column, choice.length);
      return { generate: (rand) => periods.random(rand) };
    }
  }
}

/** The meaning's values; version 3, under a length minimum, kept value by value, readable words sized to it else. */
function semanticValues(meaning: SemanticKind, lengthFitted: boolean, inputs: ColumnInputs): ChosenValues {
  const { t, c, base, hints, lookup, context } = inputs;
  if (lengthFitted) {
    const generator = createValueGenerator(base, lookup, generatorHints(hints));
    return {
      generate: createLengthFittedGenerator(
        meaning,
        t.table,
        c.column,
        narrowed(base, hints),
        hints,
        context,
        (rand) => generator.random(rand),
      ),
    };
  }
  const semantic = createSemanticGenerator(meaning, t.table, c.column, narrowed(base, hints), context);
  return {
    generate: (rand, row) => semantic.random(rand, row),
    escapeFree: semantic.escapeFree === true,
    // The generator's own writer, called as the wrapper here called it (no `this`), without the wrapper.
    write: semantic.write,
  };
}

/**
 * The CHECK generator; version 2: the meaning's values where they meet the
 * CHECKs (an email from the row's names in a form its pattern accepts;
 * words, labels, codes), checked one by one, the CHECK generator's else.
 */
function checkedValues(meaning: SemanticKind | null, inputs: ColumnInputs): RandomValue {
  const { t, c, where, base, hints, lookup, context } = inputs;
  const generator = createValueGenerator(base, lookup, generatorHints(hints));
  const checked = createCheckGenerator(where, base, hints, lookup, generator);
  if (meaning === null) return (rand) => checked.random(rand);
  const fallback = (rand: RowRandom) => checked.random(rand);
  const fitted = narrowed(base, hints);
  return meaning === 'email'
    ? createPatternEmailGenerator(t.table, c.column, fitted, hints, context, fallback)
    : createFittedTextGenerator(meaning, t.table, c.column, fitted, hints, context, fallback);
}

/** The type's generator (a domain's array element by element); version 2: `amount > 0` keeps the meaning's magnitudes where they meet the bounds. */
function typeValues(bounded: SemanticKind | null, inputs: ColumnInputs): ChosenValues {
  const { t, c, where, base, hints, lookup, context } = inputs;
  const generator =
    domainArrayGenerator(where, base, lookup) ?? createValueGenerator(base, lookup, generatorHints(hints));
  if (bounded === null) {
    const bytes = generator.write;
    return {
      generate: (rand) => generator.random(rand),
      write: bytes === undefined ? undefined : (rand, _row, out) => bytes(rand, out),
    };
  }
  const semantic = createSemanticGenerator(bounded, t.table, c.column, base, context);
  const within = hintsCheck(generatorHints(hints));
  return {
    generate: (rand, row) => {
      const v = semantic.random(rand, row);
      return v !== null && within(v) ? v : generator.random(rand);
    },
  };
}

/** The folding a column's CHECKs ask of its text (lower, upper, trimmed, at most maxLength), or undefined for none. */
export function caseFolding(
  base: TypeRef,
  hints: ColumnHints,
): ((v: string | null) => string | null) | undefined {
  const lower = hints.lowercase === true;
  const upper = hints.uppercase === true;
  const trim = hints.trimmed === true;
  const maxLength = textLength(base, hints);
  if (!lower && !upper && !trim && maxLength === undefined) return undefined;
  return (value) => {
    let v = value;
    if (v === null) return v;
    if (lower) v = v.toLowerCase();
    if (upper) v = v.toUpperCase();
    if (trim) v = v.trim();
    // In characters: a character past U+FFFF (a widened one, values/types/text.ts) is two UTF-16 units.
    if (maxLength !== undefined && v.length > maxLength) {
      const chars = [...v];
      if (chars.length > maxLength) v = chars.slice(0, maxLength).join('');
    }
    return v;
  };
}

/** The maximum length values are cut to: a bytea's length is its bytes, not its text form's (its generator keeps it). */
function textLength(base: TypeRef, hints: ColumnHints): number | undefined {
  return base.name === 'bytea' && base.arrayDims === 0 ? undefined : hints.maxLength;
}

/** An enum's labels (none for another type). */
function enumLabels(base: TypeRef, lookup: TypeLookup): readonly string[] {
  const found = lookup.resolveType(base.schema, base.name);
  return found?.kind === 'enum' ? found.values : [];
}

/**
 * Which generator a column uses, decided in one place for the planner (which
 * needs a unique column's space) and the engine (which needs its values):
 * CHECK value lists and bounds first, then the column's meaning (an `email`
 * gets emails, column-kind.ts), then its type.
 */
import { boundedIntegerRange } from '../checks/bounded-integer.js';
import { type ColumnHints, generatorHints } from '../checks/check-hints.js';
import { type ByteOut, writeInteger } from '../checks/digits.js';
import type { TypeLookup } from '../checks/type-resolution.js';
import type { Column, Table, TypeRef } from '../schema/model.js';
import { displayColumn } from '../schema/names.js';
import { effectiveGeneratorVersion } from '../version.js';
import { narrowed, semanticKindOf } from './column-kind.js';
import { residueProgression } from './integer-progression.js';
import { createPatternUniqueEmails } from './pattern-emails.js';
import { createPatternWordsUnique } from './pattern-words.js';
import { createPermutation } from './permutation.js';
import { hashString, type RowRandom } from './random.js';
import { withReadableWords } from './readable-words.js';
import { nameTokens } from './semantic/column-names.js';
import { seriesDaysUnique } from './semantic/date-series.js';
import { epochRowOrder } from './semantic/epoch-row-order.js';
import { epochWithinBounds, isEpochMillis } from './semantic/epoch-times.js';
import { hrDepartmentCodeUnique, hrDepartmentUnique } from './semantic/hr-histories.js';
import { hrJobCodeUnique } from './semantic/hr-jobs.js';
import {
  createBuild,
  createCodeScramble,
  createSemanticUniqueGenerator,
  createUniqueEmailGenerator,
  EMAILS_ESCAPE_FREE,
  KIND_FAMILIES,
  type RowContext,
  UNIQUE_EMAIL_MIN_LENGTH,
  UNIQUE_EMAIL_SPACE,
} from './semantic/index.js';
import type { LocaleDictionary } from './semantic/locale-dictionary.js';
import { rangeSeriesUnique } from './semantic/range-series.js';
import { rowUniqueText } from './semantic/row-unique-text.js';
import { shortCodeUnique } from './semantic/short-codes.js';
import { textMaxLength } from './semantic/text-fit.js';
import { sizedWordPairUnique } from './semantic/text-unique.js';
import { isTimeKind } from './semantic/time-stages.js';
import { stopFreeUnique } from './stop-free-unique.js';
import { createUniqueValueGenerator, type UniqueValueGenerator } from './types/index.js';
import { widensCharacters } from './types/text.js';
import { needsUniqueUnderChecks, plainUnique, uniqueUnderChecks } from './unique-under-checks.js';

export interface ColumnUniqueGenerator extends UniqueValueGenerator {
  /** True when the values come from the column's meaning (emails, names…). */
  readonly semantic: boolean;
  /**
   * Set for values that also read the row (a unique email made from the
   * row's names); needs the row context passed to columnUniqueGenerator.
   * Injective in k like `value`.
   */
  readonly rowValue?: (k: number, rand: RowRandom, row: number) => string;
  /** `rowValue`'s bytes written at `out.pos` (the same draws), for the COPY writer's hot path. */
  readonly rowWrite?: (k: number, rand: RowRandom, row: number, out: ByteOut) => void;
  /** Every value (`value` and `rowValue`) is printable ASCII without a backslash: no COPY escape scan. */
  readonly escapeFree?: boolean;
  /** Values increase with k: a key of this column alone takes k as the row (see SemanticUniqueGenerator). */
  readonly inRowOrder?: boolean;
}

/**
 * A unique email column under pattern CHECKs (generator version 2): emails
 * from the row's names in a form the patterns accept (pattern-emails.ts),
 * scrambled as plain unique emails are; a row whose email still fails takes
 * the pattern's own unique string for k. Null when the column is no email or
 * no form fits (the pattern's strings then).
 */
function patternEmails(
  table: Table,
  column: Column,
  base: TypeRef,
  hints: ColumnHints,
  options: Parameters<typeof columnUniqueGenerator>[5],
  checked: () => UniqueValueGenerator,
): ColumnUniqueGenerator | null {
  const version = effectiveGeneratorVersion(options.generatorVersion);
  if (!options.preferSemantic || version < 2 || (hints.patterns?.length ?? 0) === 0) return null;
  if (semanticKindOf(table, column, base, hints, version) !== 'email') return null;
  const fitted = narrowed(base, hints);
  if (textMaxLength(fitted) < UNIQUE_EMAIL_MIN_LENGTH || UNIQUE_EMAIL_SPACE < options.rows) return null;
  const emails = createPatternUniqueEmails(table, column, fitted, hints, options.row);
  if (emails === null) return null;
  const scramble = createPermutation(UNIQUE_EMAIL_SPACE, hashString('semantic:email'));
  const rowValue = emails.rowValue;
  let fallback: UniqueValueGenerator | undefined;
  return {
    semantic: true,
    space: UNIQUE_EMAIL_SPACE,
    value: (k) => emails.value(scramble.apply(k)),
    ...(rowValue
      ? {
          rowValue: (k: number, rand: RowRandom, row: number) => {
            const email = rowValue(scramble.apply(k), rand, row);
            if (email !== null) return email;
            fallback ??= checked();
            return fallback.value(Math.min(k, fallback.space - 1));
          },
        }
      : {}),
  };
}

/**
 * Version 3: a unique text column under pattern CHECKs (a slug, a handle, a
 * username, a code) takes readable values its patterns accept
 * (pattern-words.ts); null for other columns, or where no readable form
 * passes (the pattern's own strings then).
 */
function patternWords(
  where: string,
  table: Table,
  column: Column,
  base: TypeRef,
  hints: ColumnHints,
  options: Parameters<typeof columnUniqueGenerator>[5],
): ColumnUniqueGenerator | null {
  const version = effectiveGeneratorVersion(options.generatorVersion);
  if (!options.preferSemantic || version < 3 || (hints.exclude?.length ?? 0) > 0) return null;
  const kind = semanticKindOf(table, column, base, hints, version);
  if (kind === null || kind === 'email' || !KIND_FAMILIES[kind].includes('text')) return null;
  const words = createPatternWordsUnique(where, narrowed(base, hints), hints, options.rows);
  return words === null ? null : { semantic: true, escapeFree: true, ...words };
}

interface UniqueOptions {
  readonly preferSemantic: boolean;
  readonly rows: number;
  readonly row?: RowContext;
  /** The value generators' version (default GENERATOR_VERSION). */
  readonly generatorVersion?: number;
  /** Version 10: a date beside an FK in its key is a series' consecutive days (semantic/date-series.ts). */
  readonly series?: boolean;
  /** The run's locale where no row context gives it (the planner's unique spaces: the engine's). */
  readonly locale?: LocaleDictionary | null;
  /**
   * k comes through the key's keyed permutation (a driver neither ordered nor a series): version 25's
   * unique emails take it as their code without a scramble of their own (`uniqueEmails`).
   */
  readonly permuted?: boolean;
}

/** Version 6: a unique moment kept as an integer under bounds that hold its window takes its epoch seconds, not 1, 2, 3. */
function epochKept(
  table: Table,
  column: Column,
  base: TypeRef,
  hints: ColumnHints,
  options: UniqueOptions,
): boolean {
  const version = effectiveGeneratorVersion(options.generatorVersion);
  if (version < 6 || !options.preferSemantic || !epochWithinBounds(column.name, base, hints)) return false;
  return isTimeKind(semanticKindOf(table, column, base, hints, version));
}

/**
 * The injective generator of a unique column. With `preferSemantic`, a
 * realistic form is used when it has room for `rows` values.
 */
export function columnUniqueGenerator(
  table: Table,
  column: Column,
  base: TypeRef,
  hints: ColumnHints,
  plainLookup: TypeLookup,
  options: UniqueOptions,
): ColumnUniqueGenerator {
  // Version 3: unique text no meaning decides is readable words (`harbor`, `harbor-1`), not lorem.
  const lookup = withReadableWords(plainLookup, effectiveGeneratorVersion(options.generatorVersion));
  if (hints.oneOf) return listedUnique(hints.oneOf, hints);
  // Version 17: the periods an EXCLUDE or WITHOUT OVERLAPS key keeps apart (semantic/range-series.ts).
  const periods =
    options.series === true && effectiveGeneratorVersion(options.generatorVersion) >= 17
      ? rangeSeriesUnique(base.name, hints, options.rows)
      : undefined;
  if (periods !== undefined)
    return { semantic: true, escapeFree: true, ...periods, rowValue: (k, rand) => periods.rowValue(k, rand) };
  const where = `${displayColumn(table, column.name)}`;
  // `c % 3 = 0`: the arithmetic progression inside the bounds.
  const progression = residueProgression(base, hints);
  if (progression) {
    if ((hints.exclude?.length ?? 0) === 0) return { semantic: false, ...progression };
    return { semantic: false, ...uniqueUnderChecks(where, base, hints, lookup, () => progression) };
  }
  const bounded = epochKept(table, column, base, hints, options) ? null : boundedIntegerRange(base, hints);
  if (bounded) {
    const range: UniqueValueGenerator = {
      space: Math.max(0, bounded.max - bounded.min + 1),
      value: (k) => String(bounded.min + k),
      write: (k, out) => writeInteger(out, bounded.min + k),
    };
    if ((hints.exclude?.length ?? 0) === 0) return { semantic: false, ...range };
    return { semantic: false, ...uniqueUnderChecks(where, base, hints, lookup, () => range) };
  }
  // More bytes than ASCII holds in its length: the type's generator, which widens characters.
  const wide =
    widensCharacters(hints) && (hints.patterns?.length ?? 0) === 0 && (hints.exclude?.length ?? 0) === 0;
  // CHECKs the type generators do not know (patterns, exclusions, text bounds, JSON kinds, array sizes).
  if (!wide && needsUniqueUnderChecks(base, hints)) {
    const checked = () => uniqueUnderChecks(where, base, hints, lookup, plainUnique(base, hints, lookup));
    // Version 29: a key's stops kept out of a column's meaning's own values (stop-free-unique.ts).
    const stopFree =
      options.preferSemantic && effectiveGeneratorVersion(options.generatorVersion) >= 29
        ? stopFreeUnique(base, hints, (h) => semanticUnique(table, column, base, h, options))
        : null;
    if (stopFree !== null) return stopFree;
    return (
      patternEmails(table, column, base, hints, options, checked) ??
      patternWords(where, table, column, base, hints, options) ?? { semantic: false, ...checked() }
    );
  }
  const semantic =
    options.preferSemantic && !wide ? semanticUnique(table, column, base, hints, options) : null;
  if (semantic !== null) return semantic;
  const generator = createUniqueValueGenerator(base, lookup, generatorHints(hints));
  const write = generator.write;
  return {
    semantic: false,
    // Version 9: a key spread over the shortest arrays with room for the rows (version 8: the whole space).
    space:
      effectiveGeneratorVersion(options.generatorVersion) >= 9
        ? (generator.spaceFor?.(options.rows) ?? generator.space)
        : generator.space,
    value: (k) => generator.value(k),
    ...(write === undefined ? {} : { write: (k: number, out: ByteOut) => write(k, out) }),
  };
}

/**
 * A unique column's realistic form (`preferSemantic`): emails from the row's
 * names, readable words sized to a length minimum, the meaning's unique
 * forms, or a short code; null when none has room for the rows.
 */
function semanticUnique(
  table: Table,
  column: Column,
  base: TypeRef,
  hints: ColumnHints,
  options: Parameters<typeof columnUniqueGenerator>[5],
): ColumnUniqueGenerator | null {
  const version = effectiveGeneratorVersion(options.generatorVersion);
  const kind = semanticKindOf(table, column, base, hints, version);
  if (version >= 10 && options.series === true && base.name === 'date' && kind !== null && isTimeKind(kind))
    return { semantic: true, ...seriesDaysUnique(table, column) };
  const fitted = narrowed(base, hints);
  // Emails from the row's own names, unique by a code before the `@`.
  if (
    kind === 'email' &&
    textMaxLength(fitted) >= UNIQUE_EMAIL_MIN_LENGTH &&
    UNIQUE_EMAIL_SPACE >= options.rows
  )
    return uniqueEmails(table, column, fitted, options.row, version >= 25 && options.permuted === true);
  // Version 17: a slug of the row's title, a username of its person, a tags table's words (row-unique-text.ts).
  const fromRow =
    version >= 17 && kind !== null && KIND_FAMILIES[kind].includes('text') && hints.minLength === undefined
      ? rowUniqueText(table, column, fitted, options.row)
      : null;
  if (fromRow !== null && fromRow.space >= options.rows)
    return {
      semantic: true,
      space: fromRow.space,
      value: fromRow.value,
      ...(fromRow.rowValue === undefined ? {} : { rowValue: fromRow.rowValue }),
      ...(fromRow.inRowOrder === true ? { inRowOrder: true } : {}),
    };
  // Version 3: text under a length minimum is readable words sized to it (was `aaaaaaaf`, or a code too short).
  const sized =
    version >= 3 && hints.minLength !== undefined && kind !== null && KIND_FAMILIES[kind].includes('text');
  const realistic = sized
    ? sizedWordPairUnique(
        hints.minLength ?? 0,
        textMaxLength(fitted),
        options.row?.locale ?? options.locale ?? null,
      )
    : kind
      ? // Version 14: a departments table's names a company's departments (semantic/hr-histories.ts).
        ((kind === 'category' && version >= 14 && (options.row?.locale ?? options.locale ?? null) === null
          ? hrDepartmentUnique(table, column, textMaxLength(fitted))
          : null) ??
        // Version 16: a departments table's codes, `d001` (semantic/hr-histories.ts).
        (kind === 'code' && version >= 16 && (options.row?.locale ?? options.locale ?? null) === null
          ? hrDepartmentCodeUnique(table, column, textMaxLength(fitted))
          : null) ??
        // Version 15: a jobs table's codes (semantic/hr-jobs.ts).
        (kind === 'code' && version >= 15 && (options.row?.locale ?? options.locale ?? null) === null
          ? hrJobCodeUnique(table, column, textMaxLength(fitted))
          : null) ??
        createSemanticUniqueGenerator(
          kind,
          fitted,
          options.row?.locale ?? options.locale ?? null,
          version,
          isEpochMillis(nameTokens(column.name), base),
          { table: table.name, tokens: nameTokens(column.name) },
        ))
      : null;
  // Version 3: a short code (`code varchar(8)`, `slug varchar(10)`) too short for those forms reads as a code.
  const short =
    version >= 3 && !sized && (kind === 'code' || kind === 'label') && (realistic?.space ?? 0) < options.rows
      ? shortCodeUnique(table, kind, textMaxLength(fitted), options.rows)
      : null;
  const semantic = short ?? realistic;
  // Version 6: a unique moment kept as an integer at or after the row's creation (epoch-row-order.ts).
  const ordered =
    version >= 6 && semantic !== null && semantic.space >= options.rows
      ? epochRowOrder(kind, table, column, base, options.rows, options.row, version)
      : null;
  if (semantic && semantic.space >= options.rows) {
    // The realistic forms are mixed-radix over dictionaries (names in some
    // digits, a suffix in others); a fixed bijection first makes every
    // digit vary from one row to the next, however k is spread. A dense form's first values are
    // its best (a dictionary before its numbered repeats): k, a permutation of the rows, is used as it is.
    const scramble =
      semantic.space <= 2 ** 52 && semantic.dense !== true
        ? createPermutation(semantic.space, hashString(`semantic:${kind}`))
        : null;
    return {
      semantic: true,
      space: semantic.space,
      value: scramble ? (k) => semantic.value(scramble.apply(k)) : (k) => semantic.value(k),
      ...(semantic.inRowOrder === true ? { inRowOrder: true } : {}),
      ...(ordered === null ? {} : { inRowOrder: true, rowValue: ordered.rowValue }),
    };
  }
  return null;
}

/**
 * Unique emails: a scrambled code before `@example.com`, made from the row's own names where a row context is
 * given. `permuted` (version 25: k already went through the key's permutation): the row's code scrambled by
 * `createCodeScramble`, one hash a pass, not a second Feistel permutation (about 5% of a reference row's CPU).
 */
function uniqueEmails(
  table: Table,
  column: Column,
  fitted: TypeRef,
  rowContext: RowContext | undefined,
  permuted: boolean,
): ColumnUniqueGenerator {
  const key = hashString('semantic:email');
  const scramble = createPermutation(UNIQUE_EMAIL_SPACE, key);
  const emails = rowContext
    ? createUniqueEmailGenerator(createBuild(table, column, fitted, rowContext))
    : null;
  const code = permuted ? createCodeScramble(key) : (k: number) => scramble.apply(k);
  return {
    semantic: true,
    escapeFree: EMAILS_ESCAPE_FREE,
    space: UNIQUE_EMAIL_SPACE,
    value: (k) => `${scramble.apply(k).toString(36).padStart(6, '0')}@example.com`,
    ...(emails
      ? {
          rowValue: (k: number, rand: RowRandom, row: number) => emails.value(code(k), rand, row),
        }
      : {}),
    ...(emails?.write
      ? {
          rowWrite: (k: number, rand: RowRandom, row: number, out: ByteOut) =>
            emails.write?.(code(k), rand, row, out),
        }
      : {}),
  };
}

/** A column whose CHECK lists its values: the listed values less the excluded ones and those off a residue. */
function listedUnique(oneOf: readonly string[], hints: ColumnHints): ColumnUniqueGenerator {
  const excluded = hints.exclude ?? [];
  const residue = hints.residue;
  const onResidue = (v: string) =>
    !residue || !/^-?\d+$/.test(v) || Number(BigInt(v) % BigInt(residue.modulus)) === residue.remainder;
  const values = oneOf.filter((v) => !excluded.includes(v) && onResidue(v));
  return { semantic: false, space: values.length, value: (k) => values[k] as string };
}

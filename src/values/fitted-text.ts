/**
 * Realistic text under CHECKs it was not made for (generator version 2):
 * a column whose CHECKs need the CHECK generator (patterns, excluded
 * values, text bounds) still takes its meaning's values where they pass,
 * checked value by value: an email in the form its pattern accepts
 * (pattern-emails.ts), words, labels, codes or tokens as made, lower-cased,
 * or joined by `-`/`_`. The CHECK generator's values only for a row where
 * none passes.
 */
import type { ColumnHints } from '../checks/check-hints.js';
import type { Column, Table, TypeRef } from '../schema/model.js';
import { meetsTextHints } from './check-generator.js';
import type { RowRandom } from './random.js';
import {
  createBuild,
  createSemanticGenerator,
  KIND_FAMILIES,
  type RowContext,
  type SemanticKind,
} from './semantic/index.js';
import { textMaxLength } from './semantic/text-fit.js';
import { createSizedPhraseGenerator } from './semantic/text-values.js';

/** Kinds made to fit CHECKs value by value (email has its own forms). */
const FITTED_KINDS: ReadonlySet<SemanticKind> = new Set([
  'email',
  'phrase',
  'label',
  'code',
  'token',
  'category',
]);

/**
 * Whether a random column of this kind, whose hints need the CHECK
 * generator, takes its meaning's values checked one by one (version 2):
 * text hints only (not NULL-only, not JSON kinds or array sizes); version 3:
 * every text meaning (names, cities, titles…), not only words and codes.
 */
export function fitsUnderChecks(kind: SemanticKind | null, hints: ColumnHints, version: number): boolean {
  return (
    version >= 2 &&
    kind !== null &&
    // Version 3: any text meaning (ledgersmb's `first_name ~ '[[:alnum:]_]'` took the pattern's `X`).
    (FITTED_KINDS.has(kind) ||
      (version >= 3 && KIND_FAMILIES[kind].length === 1 && KIND_FAMILIES[kind][0] === 'text') ||
      // Version 24: money whose CHECK only leaves out values (a ledger's `amount <> 0`), drawn again where it meets one.
      (version >= 24 && kind === 'price' && onlyExcludes(hints))) &&
    hints.nullOnly !== true &&
    hints.jsonTypes === undefined &&
    hints.jsonKeys === undefined &&
    hints.jsonPaths === undefined &&
    hints.minCardinality === undefined &&
    hints.maxCardinality === undefined
  );
}

/** Whether a column's CHECKs only leave out values (`amount <> 0`) and NULL. */
function onlyExcludes(hints: ColumnHints): boolean {
  return Object.keys(hints).every((k) => k === 'exclude' || k === 'notNull');
}

/** Whether a value meets the column's text hints and its length limits. */
export function textChecker(base: TypeRef, hints: ColumnHints): (v: string) => boolean {
  const meets = meetsTextHints(base, hints);
  const max = Math.min(textMaxLength(base), hints.maxLength ?? Number.POSITIVE_INFINITY);
  const min = hints.minLength ?? 0;
  return (v) => v.length <= max && v.length >= min && meets(v);
}

/** A value's nearest forms: as made, lower-cased, blanks as `-` or `_`. */
const FORMS: readonly ((v: string) => string)[] = [
  (v) => v,
  (v) => v.toLowerCase(),
  (v) => v.toLowerCase().replace(/\s+/g, '-'),
  (v) => v.toLowerCase().replace(/\s+/g, '_'),
];

/** Words, labels, codes or tokens of the column's kind in the first form its CHECKs accept, else `fallback`'s value. */
export function createFittedTextGenerator(
  kind: SemanticKind,
  table: Table,
  column: Column,
  base: TypeRef,
  hints: ColumnHints,
  row: RowContext,
  fallback: (rand: RowRandom) => string | null,
): (rand: RowRandom, row: number) => string | null {
  const semantic = createSemanticGenerator(kind, table, column, base, row);
  const ok = textChecker(base, hints);
  return (rand, r) => {
    const value = semantic.random(rand, r);
    for (const form of FORMS) {
      const candidate = form(value);
      if (ok(candidate)) return candidate;
    }
    return fallback(rand);
  };
}

/**
 * Version 3: a column whose only CHECK shape its meaning ignores is a
 * length minimum (`length(title) >= 10`, `octet_length(note) BETWEEN 5 AND
 * 40`): its meaning's values in the first form that meets the bounds, else
 * readable words of the locale sized to them, else `fallback`'s value.
 */
export function createLengthFittedGenerator(
  kind: SemanticKind,
  table: Table,
  column: Column,
  base: TypeRef,
  hints: ColumnHints,
  row: RowContext,
  fallback: (rand: RowRandom) => string | null,
): (rand: RowRandom, row: number) => string | null {
  const max = Math.min(textMaxLength(base), hints.maxLength ?? Number.POSITIVE_INFINITY);
  const sized = createSizedPhraseGenerator(createBuild(table, column, base, row), hints.minLength ?? 0, max);
  return createFittedTextGenerator(kind, table, column, base, hints, row, sized ?? fallback);
}

/**
 * A column's meaning as its generator sees it: the semantic kind its name
 * and type tell (`price`, `email`, `created_at`) when its CHECKs leave room
 * for it, or a numeric kind kept value by value inside CHECK bounds; a text
 * type narrowed to a CHECK's maximum length.
 */
import type { ColumnHints } from '../checks/check-hints.js';
import type { Column, Table, TypeRef } from '../schema/model.js';
import { GENERATOR_VERSION } from '../version.js';
import { epochWithinBounds } from './semantic/epoch-times.js';
import { detectSemantic, KIND_FAMILIES, type SemanticKind } from './semantic/index.js';
import { isTimeKind } from './semantic/time-stages.js';

/**
 * Semantic values ignore CHECK bounds, so a bounded column keeps its type's
 * generator; a lone "not negative" bound (`price >= 0`) is what money-like
 * semantic values already keep.
 */
export function semanticAllowed(hints: ColumnHints, kind?: SemanticKind): boolean {
  const nonNegative =
    typeof hints.min === 'number' &&
    (hints.min < 0 || (hints.min === 0 && !hints.minExclusive)) &&
    kind !== undefined &&
    NON_NEGATIVE_KINDS.has(kind);
  return (
    (hints.min === undefined || nonNegative) &&
    hints.max === undefined &&
    hints.oneOf === undefined &&
    hints.minLength === undefined &&
    hints.networks === undefined
  );
}

const NON_NEGATIVE_KINDS = new Set<SemanticKind>([
  'price',
  'salary',
  'age',
  'quantity',
  'stock',
  'tally',
  'duration',
  'rating',
  'score',
  'percentage',
  'fraction',
  'year',
  'small_code',
  'flag',
  'attempts',
  'byte_size',
  'dimension',
  'position',
]);

/**
 * Version 2: a numeric meaning (`amount`, `quantity`, `price`) whose CHECK
 * bounds (`amount > 0`, `quantity BETWEEN 1 AND 99`) semanticAllowed turns
 * down: its values are kept where they fall inside the bounds, value by
 * value (random-column.ts), the bounded type generator's otherwise.
 */
export function boundedNumericKindOf(
  table: Table,
  column: Column,
  base: TypeRef,
  hints: ColumnHints,
  version: number = GENERATOR_VERSION,
): SemanticKind | null {
  if (version < 2) return null;
  const bounds = new Set(['min', 'max', 'minExclusive', 'maxExclusive', 'notNull', 'nullOnly']);
  if (Object.keys(hints).some((k) => !bounds.has(k))) return null;
  const kind = detectSemantic(table, column, narrowed(base, hints), version);
  if (kind === null || semanticAllowed(hints, kind)) return null;
  // Version 3: times too (`birth_date > '1900-01-01'`, `start_date >= '2010-01-01'`), their bounds as text.
  if (version >= 3 && KIND_FAMILIES[kind].includes('temporal')) {
    return hints.min !== undefined || hints.max !== undefined ? kind : null;
  }
  if (typeof hints.min !== 'number' && typeof hints.max !== 'number') return null;
  return NON_NEGATIVE_KINDS.has(kind) ? kind : null;
}

/** The column's meaning, when its name and type tell one and its CHECKs leave room for it. */
export function semanticKindOf(
  table: Table,
  column: Column,
  base: TypeRef,
  hints: ColumnHints,
  version: number = GENERATOR_VERSION,
): SemanticKind | null {
  const kind = detectSemantic(table, column, narrowed(base, hints), version);
  if (kind === null) return null;
  if (semanticAllowed(hints, kind)) return kind;
  // Version 6: a moment kept as an integer under numeric bounds that hold its window (`ts > 0`) stays one.
  if (version >= 6 && isTimeKind(kind) && epochWithinBounds(column.name, base, hints)) return kind;
  // Version 3: a length CHECK's minimum (`length(title) >= 10`) keeps a text meaning: its values are
  // checked one by one, readable words sized to the bounds where one falls short (fitted-text.ts).
  const { minLength: _minLength, ...rest } = hints;
  return version >= 3 &&
    hints.minLength !== undefined &&
    KIND_FAMILIES[kind].includes('text') &&
    semanticAllowed(rest, kind)
    ? kind
    : null;
}

/** A text type narrowed to a CHECK's maximum length, so generators fit it rather than being cut. */
export function narrowed(base: TypeRef, hints: ColumnHints): TypeRef {
  if (hints.maxLength === undefined || base.arrayDims > 0) return base;
  if (!['text', 'varchar', 'bpchar', 'citext'].includes(base.name)) return base;
  const limit = Math.min(base.typmods[0] ?? Number.POSITIVE_INFINITY, hints.maxLength);
  return {
    ...base,
    name: base.name === 'bpchar' ? 'bpchar' : 'varchar',
    schema: 'pg_catalog',
    typmods: [limit],
  };
}

/**
 * Which generator a random column gets, decided in one place: the row
 * engine (random-column.ts) builds it, and `datagen plan` names it
 * (describe-plan.ts), so the two cannot disagree.
 */
import { type ColumnHints, needsCheckGenerator } from '../checks/check-hints.js';
import type { ColumnPlan } from '../plan/plan-model.js';
import type { Table, TypeRef } from '../schema/model.js';
import { boundedNumericKindOf, semanticKindOf } from '../values/column-kind.js';
import { fitsUnderChecks } from '../values/fitted-text.js';
import { clockStartOf, isClockTime } from '../values/semantic/clock-times29.js';
import { isPostgisPlace } from '../values/semantic/geo-places27.js';
import { isGeoPoint } from '../values/semantic/geo-points26.js';
import type { SemanticKind } from '../values/semantic/index.js';
import { type JsonShape, jsonShapeOf } from '../values/semantic/json-shapes.js';
import {
  isFuturePeriod,
  isRecentPeriod,
  type PeriodLength,
  periodLengthOf,
} from '../values/semantic/recent-periods.js';
import { textArrayKind } from '../values/semantic/text-arrays.js';
import { widensCharacters } from '../values/types/text.js';

export type RandomChoice =
  /** The configuration's generator, values or template. */
  | { readonly kind: 'steered' }
  /** Version 4: a key of the table the column's name names (no FK declared; plan/implied-keys.ts). */
  | { readonly kind: 'implied-key'; readonly parent: number; readonly key: string }
  /** The meaning's values (version 3: checked against a length minimum, readable words sized to it else). */
  | { readonly kind: 'semantic'; readonly meaning: SemanticKind; readonly lengthFitted: boolean }
  /** Elements of a constant list a CHECK keeps the array inside. */
  | { readonly kind: 'listed-elements' }
  /** Values made to the CHECKs; with a meaning, its values where they meet them (version 2). */
  | { readonly kind: 'checks'; readonly meaning: SemanticKind | null }
  /** Version 3: 0 to 5 distinct elements of the meaning or the column's vocabulary. */
  | { readonly kind: 'text-array'; readonly meaning: SemanticKind }
  /** The type's generator; a bounded numeric meaning's values where they meet the bounds (version 2). */
  | { readonly kind: 'type'; readonly bounded: SemanticKind | null }
  /** Version 18: a period of the recent past (or, by its name, around now) kept as a range (recent-periods.ts). */
  | { readonly kind: 'period'; readonly future: boolean; readonly length?: PeriodLength }
  /** Version 29: an appointment's or an opening's time of day, in business hours (clock-times29.ts). */
  | { readonly kind: 'clock-time'; readonly after: string | null }
  /** Version 19: a json or jsonb document of the shape its name tells (json-shapes.ts). */
  | { readonly kind: 'json-shape'; readonly shape: JsonShape }
  /**
   * Version 26: a place kept as a `point`, (longitude,latitude) (geo-points26.ts); version 27: a PostGIS one;
   * version 28: by the row's city (city-coordinates28.ts).
   */
  | {
      readonly kind: 'geo-point';
      readonly postgis: boolean;
      readonly nearCities: boolean;
      readonly byCity?: boolean;
    };

/** The generator a random column gets (see RandomChoice). */
export function randomColumnChoice(
  table: Table,
  c: ColumnPlan,
  base: TypeRef,
  hints: ColumnHints,
  version: number,
): RandomChoice {
  if (c.steer) return { kind: 'steered' };
  if (c.source.kind === 'random' && c.source.implied !== undefined)
    return { kind: 'implied-key', ...c.source.implied };
  // More bytes than ASCII holds in its length: the type's generator, which widens characters.
  if (widensCharacters(hints) && hints.oneOf === undefined && (hints.patterns?.length ?? 0) === 0)
    return { kind: 'type', bounded: null };
  const checks = needsCheckGenerator(hints, base);
  const meaning = semanticKindOf(table, c.column, base, hints, version);
  if (meaning !== null && !checks) {
    return { kind: 'semantic', meaning, lengthFitted: hints.minLength !== undefined };
  }
  if (hints.elementsOf !== undefined && base.arrayDims === 1) return { kind: 'listed-elements' };
  if (checks) return { kind: 'checks', meaning: fitsUnderChecks(meaning, hints, version) ? meaning : null };
  const arrayKind = hints.oneOf === undefined ? textArrayKind(table, c.column, base, version) : null;
  if (arrayKind !== null) return { kind: 'text-array', meaning: arrayKind };
  const shape = version >= 19 && hints.oneOf === undefined ? jsonShapeOf(c.column, base) : null;
  if (shape !== null) return { kind: 'json-shape', shape };
  if (hints.oneOf === undefined && isGeoPoint(table, c.column, base, version))
    return {
      kind: 'geo-point',
      postgis: isPostgisPlace(base, version),
      nearCities: version >= 27,
      ...(version >= 28 ? { byCity: true } : {}),
    };
  if (version >= 18 && !checks && isRecentPeriod(base, hints)) {
    // Version 19: a booking's or a validity's length by its name.
    const length = version >= 19 ? periodLengthOf(c.column) : undefined;
    return { kind: 'period', future: isFuturePeriod(c.column), ...(length === undefined ? {} : { length }) };
  }
  if (hints.oneOf === undefined && isClockTime(c.column, base, version))
    return { kind: 'clock-time', after: clockStartOf(table, c.column) };
  return { kind: 'type', bounded: boundedNumericKindOf(table, c.column, base, hints, version) };
}

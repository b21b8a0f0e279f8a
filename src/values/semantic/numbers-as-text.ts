/**
 * Numbers and times kept in text columns (generator version 3): `amount
 * text`, `item_count varchar(10)`, `year char(4)`, `created text`. The
 * meaning's generator runs on a stand-in number or time type sized to the
 * text's length (so the digits always fit), and the text column takes its
 * digits; version 2 wrote lorem there.
 */
import type { TypeRef } from '../../schema/model.js';
import { KIND_FAMILIES, type SemanticKind, typeFamilyOf } from './semantic-kind.js';
import { textMaxLength } from './text-fit.js';
import { createDigits, type SemanticUniqueGenerator } from './unique-digits.js';

function typeRef(name: string, typmods: readonly number[]): TypeRef {
  return { kind: 'type-ref', schema: 'pg_catalog', name, typmods: [...typmods], arrayDims: 0 };
}

/** Whether a kind's values are numbers or times, not text. */
export function isNumberOrTimeKind(kind: SemanticKind): boolean {
  return !KIND_FAMILIES[kind].includes('text');
}

/**
 * The number or time type whose values a text column of this kind takes,
 * sized to its length: `varchar(12)` holds a price as numeric(11,2), a
 * count as numeric(12,0), a timestamp needs 19 characters and a date 10.
 * Null when nothing of the kind fits (a price in a `char(1)`).
 */
export function textStandIn(kind: SemanticKind, base: TypeRef): TypeRef | null {
  const families = KIND_FAMILIES[kind];
  const max = textMaxLength(base);
  if (families.includes('temporal')) {
    if (kind === 'birth_date' || (max >= 10 && max < 19)) return typeRef('date', []);
    return max >= 19 ? typeRef('timestamp', [0]) : null;
  }
  if (!families.includes('integer') && !families.includes('decimal')) return null;
  const decimal = families.includes('decimal');
  if (!Number.isFinite(max)) return decimal ? typeRef('numeric', []) : typeRef('int4', []);
  if (max < 1 || (kind === 'year' && max < 4)) return null;
  // Coordinates take a sign; a decimal point and two fraction digits where they fit.
  const signed = kind === 'latitude' || kind === 'longitude' ? 1 : 0;
  if (decimal && max >= 4 + signed) return typeRef('numeric', [Math.min(max - 1 - signed, 15), 2]);
  if (max - signed < 1) return null;
  return max >= 11 ? typeRef('int4', []) : typeRef('numeric', [max - signed, 0]);
}

/**
 * Version 3's unique values of a version, or of a number or time kept as
 * text: versions, the stand-in type's unique times (`timeUnique`), unique
 * digits; undefined for other kinds.
 */
export function heldAsTextUnique(
  kind: SemanticKind,
  base: TypeRef,
  timeUnique: (standIn: TypeRef) => SemanticUniqueGenerator | null,
): SemanticUniqueGenerator | null | undefined {
  if (kind === 'version') return versionUnique(base);
  if (typeFamilyOf(base.name) !== 'text' || !isNumberOrTimeKind(kind)) return undefined;
  const standIn = textStandIn(kind, base);
  if (standIn === null) return null;
  return KIND_FAMILIES[kind].includes('temporal') ? timeUnique(standIn) : numberTextUnique(base);
}

/** Unique numbers as text, `1`, `2`, …, within the column's length (the meaning has no unique form of its own). */
export function numberTextUnique(base: TypeRef): SemanticUniqueGenerator | null {
  const max = textMaxLength(base);
  if (max < 1) return null;
  const space = max >= 15 ? 2 ** 52 : 10 ** max - 1;
  return { space, value: (k) => String(k + 1), dense: true };
}

/** Unique versions (`3.12.107`): majors, minors and patches as digits of k; `1.2.3`-sized where the type is short. */
export function versionUnique(base: TypeRef): SemanticUniqueGenerator | null {
  const max = textMaxLength(base);
  if (max < 5) return null;
  const radices = max >= 8 ? [10, 50, 200] : [10, 10, 10];
  const digits = createDigits(radices);
  const d: number[] = [0, 0, 0];
  return {
    space: digits.space,
    value(k) {
      digits.split(k, d);
      return `${d[0]}.${d[1]}.${d[2]}`;
    },
  };
}

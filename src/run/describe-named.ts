/**
 * What `datagen plan` says of columns known by name: a CHECK-listed column of
 * TPC-H's drawn as its specification draws it (version 16), and version 17's
 * birth parts, numbered statuses, slugs, tickers, subdivisions and tags.
 */

import { resolveDomains, type TypeLookup } from '../checks/type-resolution.js';
import type { TablePlan } from '../plan/plan-model.js';
import { CITY_COORDINATES_TEXT } from '../values/semantic/city-coordinates28.js';
import { nameTokens } from '../values/semantic/column-names.js';
import { isGenderName } from '../values/semantic/gendered-names.js';
import { packageBuildText } from '../values/semantic/package-builds.js';
import type { SemanticKind } from '../values/semantic/semantic-kind.js';
import { typeFamilyOf } from '../values/semantic/semantic-kind.js';
import { specVocabularyText } from '../values/semantic/spec-vocabularies.js';
import { textMaxLength } from '../values/semantic/text-fit.js';
import { slugTitleText } from '../values/semantic/titled-slugs.js';
import { versionEighteenText } from '../values/semantic/version-eighteen-names.js';
import { versionNineteenText } from '../values/semantic/version-nineteen-names.js';
import { versionSeventeenText } from '../values/semantic/version-seventeen-names.js';
import { versionThirtyText } from '../values/semantic/version-thirty-values.js';
import { versionThirtyOneText } from '../values/semantic/version-thirtyone-values.js';
import { versionThirtyTwoText } from '../values/semantic/version-thirtytwo-values.js';
import { versionTwentyEightText } from '../values/semantic/version-twentyeight-values.js';
import {
  versionTwentyFiveText,
  versionTwentyFiveUnique,
} from '../values/semantic/version-twentyfive-values.js';
import { versionTwentyFourText } from '../values/semantic/version-twentyfour-names.js';
import { versionTwentyNineText } from '../values/semantic/version-twentynine-values.js';
import { versionTwentySevenText } from '../values/semantic/version-twentyseven-values.js';
import { versionTwentySixText } from '../values/semantic/version-twentysix-values.js';
import { versionTwentyThreeText } from '../values/semantic/version-twentythree-names.js';
import { versionTwentyTwoText } from '../values/semantic/version-twentytwo-names.js';

type ColumnPlan = TablePlan['columns'][number];

/** The type family of a column's base type (through its domains): what the name rules read. */
export function columnFamily(c: ColumnPlan, lookup: TypeLookup): ReturnType<typeof typeFamilyOf> {
  return typeFamilyOf(resolveDomains(c.column.type, lookup).base.name);
}

/** A CHECK-listed TPC-H column's words (compile-column.ts draws it as the specification does), or ''. */
export function listedSpecText(t: TablePlan, c: ColumnPlan, lookup: TypeLookup, version: number): string {
  if (version < 16) return '';
  const maxLength = textMaxLength(resolveDomains(c.column.type, lookup).base);
  const spec = specVocabularyText(t.table, c.column, maxLength, version);
  return spec === null ? '' : `${spec}, one of the CHECK's values`;
}

/** Version 17's words for a column with a meaning (or a text array), or null (version-seventeen-names.ts). */
export function namedSeventeenText(
  t: TablePlan,
  c: ColumnPlan,
  hasKind: boolean,
  lookup: TypeLookup,
  version: number,
): string | null {
  if (version < 17 || (!hasKind && c.column.type.arrayDims === 0)) return null;
  return versionSeventeenText(t.table, c.column, columnFamily(c, lookup));
}

/** Version 18's words for a column with a meaning (version-eighteen-names.ts, gendered-names.ts), or null. */
export function namedEighteenText(
  t: TablePlan,
  c: ColumnPlan,
  kindOf: (column: string) => SemanticKind | null,
  lookup: TypeLookup,
  version: number,
): string | null {
  const kind = kindOf(c.column.name);
  if (version < 18 || kind === null) return null;
  const named = versionEighteenText(t.table, c.column, columnFamily(c, lookup));
  if (named !== null) return named;
  if (kind !== 'name_prefix' && !(kind === 'label' && isGenderName(nameTokens(c.column.name)))) return null;
  const first = t.table.columns.find(
    (o) => o !== c.column && !o.generated && kindOf(o.name) === 'first_name',
  );
  return first === undefined
    ? null
    : `, agreeing with the sex of ${first.name} in the row where the name tells it`;
}

/** Version 19's words for a column with a meaning (version-nineteen-names.ts), or null. */
export function namedNineteenText(
  t: TablePlan,
  c: ColumnPlan,
  kind: SemanticKind | null,
  lookup: TypeLookup,
  version: number,
  localeCode: string,
): string | null {
  if (version < 19 || kind === null) return null;
  const base = resolveDomains(c.column.type, lookup).base;
  const maxLength = textMaxLength(base);
  // Version 28: a latitude or longitude by the row's city (city-coordinates28.ts).
  if (version >= 28 && (kind === 'latitude' || kind === 'longitude')) return CITY_COORDINATES_TEXT;
  // Version 32: a share who recommend, a rating out of ten, a net promoter answer (version-thirtytwo-values.ts).
  const thirtySecond = versionThirtyTwoText({ table: t.table, column: c.column, base, version }, kind);
  if (thirtySecond !== null) return thirtySecond;
  // Version 31: a domain's words, story points, stars, a review's score (version-thirtyone-values.ts).
  const thirtyFirst = versionThirtyOneText(
    { table: t.table, column: c.column, base, version },
    kind,
    localeCode,
  );
  if (thirtyFirst !== null) return thirtyFirst;
  // Version 30: a post's votes (version-thirty-values.ts).
  const thirtieth = versionThirtyText({ table: t.table, column: c.column, base, version }, kind);
  if (thirtieth !== null) return thirtieth;
  // Version 29: a home listing's dates by its status (version-twentynine-values.ts).
  const twentyNinth = versionTwentyNineText({ table: t.table, column: c.column, base, version }, kind);
  if (twentyNinth !== null) return twentyNinth;
  // Version 28: a doctor's specialty, a patient's insurer (version-twentyeight-values.ts).
  const twentyEighth =
    version >= 28
      ? versionTwentyEightText(t.table, c.column.name, kind, localeCode === 'en' || version >= 29)
      : null;
  if (twentyEighth !== null) return twentyEighth;
  const twentySeventh =
    version >= 27
      ? versionTwentySevenText(t.table, c.column.name, columnFamily(c, lookup), kind, localeCode === 'en')
      : null;
  if (twentySeventh !== null) return twentySeventh;
  const twentySixth =
    version >= 26
      ? versionTwentySixText({ table: t.table, column: c.column, base }, kind, localeCode === 'en')
      : null;
  if (twentySixth !== null) return twentySixth;
  const twentyFifth =
    version >= 25
      ? versionTwentyFiveText(
          t.table,
          c.column.name,
          columnFamily(c, lookup),
          kind,
          maxLength,
          localeCode === 'en',
        )
      : null;
  if (twentyFifth !== null) return twentyFifth;
  const twentyFourth =
    version >= 24 ? versionTwentyFourText(t.table, c.column, columnFamily(c, lookup)) : null;
  if (twentyFourth !== null) return twentyFourth;
  const twentyThird =
    version >= 23
      ? versionTwentyThreeText(t.table, c.column, kind, columnFamily(c, lookup), localeCode === 'en')
      : null;
  if (twentyThird !== null) return twentyThird;
  const twentySecond =
    version >= 22 ? versionTwentyTwoText(t.table, c.column, columnFamily(c, lookup)) : null;
  if (twentySecond !== null) return twentySecond;
  if (kind === 'title') {
    const titled = slugTitleText(t.table, c.column, maxLength, localeCode, version);
    if (titled !== null) return titled;
  }
  const packaged = version >= 21 ? packageBuildText(t.table, c.column, columnFamily(c, lookup)) : null;
  return packaged ?? versionNineteenText(t.table, c.column, columnFamily(c, lookup), version);
}

/**
 * Version 25's words for a unique column its names read (an identifier, a person, a vocabulary), or '':
 * under another locale than en only the names that generate gives under every locale (its vocabularies
 * are English, so those columns keep the locale's words, as createSemanticUniqueGenerator does).
 */
export function uniqueTwentyFiveText(
  t: TablePlan,
  c: ColumnPlan,
  kind: SemanticKind | null,
  lookup: TypeLookup,
  localeCode: string,
): string {
  if (kind === null) return '';
  const maxLength = textMaxLength(resolveDomains(c.column.type, lookup).base);
  const family = columnFamily(c, lookup);
  if (
    family !== 'text' ||
    versionTwentyFiveUnique(kind, t.table, c.column.name, maxLength, null) === undefined
  )
    return '';
  return versionTwentyFiveText(t.table, c.column.name, family, kind, maxLength, localeCode === 'en') ?? '';
}

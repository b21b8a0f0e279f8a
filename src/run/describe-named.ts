/**
 * What `datagen plan` says of columns known by name: a CHECK-listed column of
 * TPC-H's drawn as its specification draws it (version 16), and version 17's
 * birth parts, numbered statuses, slugs, tickers, subdivisions and tags.
 */
import { resolveDomains, type TypeLookup } from '../checks/type-resolution.js';
import type { TablePlan } from '../plan/plan-model.js';
import { typeFamilyOf } from '../values/semantic/semantic-kind.js';
import { specVocabularyText } from '../values/semantic/spec-vocabularies.js';
import { textMaxLength } from '../values/semantic/text-fit.js';
import { versionSeventeenText } from '../values/semantic/version-seventeen-names.js';

type ColumnPlan = TablePlan['columns'][number];

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
  return versionSeventeenText(
    t.table,
    c.column,
    typeFamilyOf(resolveDomains(c.column.type, lookup).base.name),
  );
}

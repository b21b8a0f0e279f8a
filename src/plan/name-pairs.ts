/**
 * Version 29: a unique key over a person's first and last names (`UNIQUE (first_name, last_name)`,
 * `(first_name || ' ' || last_name)`) pairs the two name lists by the key's bijection while the rows
 * fit in the lists' product, so every row holds a real first and last name (`Lera Glover`); before,
 * one column carried the key alone, numbered past its list (`Alvah 2`, `Brekke 7`) or, under a
 * concatenation's stop, words (`stunning`). Past the product, the key is driven as before.
 */
import { resolveDomains } from '../checks/type-resolution.js';
import { DatagenError } from '../errors.js';
import type { Column } from '../schema/model.js';
import { columnUniqueGenerator } from '../values/column-generators.js';
import { semanticKindOf } from '../values/column-kind.js';
import { loadedLocaleIfAny } from '../values/semantic/load-locale.js';
import { localeOfVersion } from '../values/semantic/locale-fourteen.js';
import type { KeyPlanContext } from './key-capacity.js';
import type { KeyComponent } from './plan-model.js';

/** The most values read to find where a name column's plain values end. */
const SCAN_LIMIT = 1 << 16;
const NAME_KINDS = new Set(['first_name', 'last_name']);
/** A numbered value (`Alvah 2`): past the list's plain names. */
const NUMBERED = /\d/;

/** How many of a name column's first unique values are plain names (no number), or 0; `kind` its meaning. */
function plainNames(
  ctx: KeyPlanContext,
  column: Column | undefined,
  kind: string | null,
  rows: number,
): number {
  if (column === undefined || !NAME_KINDS.has(kind ?? '')) return 0;
  const { base } = resolveDomains(column.type, ctx.lookup);
  const hints = ctx.hints.get(column.name) ?? {};
  const table = ctx.table;
  try {
    const generator = columnUniqueGenerator(table, column, base, hints, ctx.lookup, {
      preferSemantic: true,
      rows,
      generatorVersion: ctx.generatorVersion,
      locale: localeOfVersion(loadedLocaleIfAny(ctx.locale), ctx.generatorVersion),
    });
    if (!generator.semantic || generator.rowValue !== undefined) return 0;
    const limit = Math.min(generator.space, SCAN_LIMIT);
    let plain = 0;
    while (plain < limit && !NUMBERED.test(generator.value(plain))) plain++;
    return plain;
  } catch (error) {
    if (error instanceof DatagenError) return 0;
    throw error;
  }
}

/**
 * The key's name columns as its driving components, each at its plain names' count, when the key is
 * only name columns (a first and a last), one alone would number its names and their product holds the
 * rows; else null.
 */
export function namePairing(
  ctx: KeyPlanContext,
  components: readonly KeyComponent[],
  rows: number,
): KeyComponent[] | null {
  if (ctx.generatorVersion < 29 || ctx.wholeKeys === true || components.length < 2) return null;
  if (components.some((c) => c.kind !== 'column' || c.series === true)) return null;
  const columns = components as readonly Extract<KeyComponent, { kind: 'column' }>[];
  const found = columns.map((c) => ctx.table.columns.find((col) => col.name === c.column));
  const kinds = found.map((column) => {
    if (column === undefined) return null;
    const { base } = resolveDomains(column.type, ctx.lookup);
    return semanticKindOf(ctx.table, column, base, ctx.hints.get(column.name) ?? {}, ctx.generatorVersion);
  });
  if (!kinds.includes('first_name') || !kinds.includes('last_name')) return null;
  const plain = columns.map((c, i) => Math.min(c.space, plainNames(ctx, found[i], kinds[i] ?? null, rows)));
  if (plain.some((p) => p >= rows) || plain.some((p) => p < 2)) return null;
  if (plain.reduce((a, b) => a * b, 1) < rows) return null;
  return columns.map((c, i) => ({ kind: 'column', column: c.column, space: plain[i] as number }));
}

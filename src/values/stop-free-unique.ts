/**
 * Version 29: a unique column whose only CHECK-like hints keep single characters out (the stops of a key
 * on `first_name || ' ' || last_name`, plan/concat-stops.ts) takes its meaning's unique values (first
 * names) as far as they hold none of those characters, instead of readable words the patterns accept
 * (`stunning` for a first name). The values a dictionary numbers past its list (`Alvah 2`) hold the stop,
 * so the space ends where the list does: past it the key is carried by its other columns.
 */
import type { ColumnHints } from '../checks/check-hints.js';
import type { TypeRef } from '../schema/model.js';
import type { UniqueValueGenerator } from './types/index.js';
import { needsUniqueUnderChecks } from './unique-under-checks.js';

/** The most values read to find where a column's stop-free values end. */
const SCAN_LIMIT = 1 << 16;

/** The characters `[x]` patterns keep out when they are all the hints' patterns, else null. */
function keptOut(hints: ColumnHints): string[] | null {
  const patterns = hints.patterns ?? [];
  if (patterns.length === 0) return null;
  const chars: string[] = [];
  for (const p of patterns) {
    const m = /^\[(\\.|[^\\\]^-])\]$/u.exec(p.source);
    if (!p.negated || p.insensitive || m === null) return null;
    chars.push((m[1] as string).replace(/^\\/, ''));
  }
  return chars;
}

/**
 * The semantic unique generator `semantic` makes from the hints without their stop patterns, cut to its
 * leading values free of the stops; null when the hints hold more than stops or no such value remains.
 */
export function stopFreeUnique<G extends UniqueValueGenerator & { readonly rowValue?: unknown }>(
  base: TypeRef,
  hints: ColumnHints,
  semantic: (hints: ColumnHints) => G | null,
): G | null {
  const chars = keptOut(hints);
  if (chars === null) return null;
  const { patterns: _stops, ...rest } = hints;
  if (needsUniqueUnderChecks(base, rest)) return null;
  const generator = semantic(rest);
  if (generator === null || generator.rowValue !== undefined) return null;
  const limit = Math.min(generator.space, SCAN_LIMIT);
  let space = 0;
  while (space < limit && !chars.some((c) => generator.value(space).includes(c))) space++;
  return space < 2 ? null : { ...generator, space };
}

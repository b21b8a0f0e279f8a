/**
 * Version 17: unique text made from the row, unique by the row's number at
 * its end (a key of the column alone takes k as the row: `-1`, `-2`, …):
 * a slug of the row's title (`summer-sale-17`), a username of the row's
 * person (`ana.silva17`), and a tags table's names (`javascript`, then
 * `javascript-2` past the vocabulary). The number is the text's last run of
 * digits, after a part with none at its end, so distinct k give distinct text
 * however the part is cut to the column's length.
 */
import type { Column, Table, TypeRef } from '../../schema/model.js';
import { effectiveGeneratorVersion } from '../../version.js';
import type { RowRandom } from '../random.js';
import { createNameSlugs } from './person-values.js';
import { createBuild, type RowContext, siblingOfKind, siblingReader } from './semantic-generator.js';
import { isTagColumn, tagWordsOf } from './tag-words.js';
import { textMaxLength } from './text-fit.js';
import { bareSlug, titlePairs } from './titled-slugs.js';
import type { SemanticUniqueGenerator } from './unique-digits.js';
import { isSlugName, slugSourceOf } from './version-seventeen-names.js';
import { fitKebab, kebabCase } from './version-seventeen-values.js';

/** Unbounded: a key's tuple then takes k below the rows, never spread over the space (driver-tuple.ts). */
const SPACE = Number.POSITIVE_INFINITY;

export interface RowUniqueText extends SemanticUniqueGenerator {
  readonly rowValue?: (k: number, rand: RowRandom, row: number) => string;
}

/** `part` cut so that `part` + `separator` + n fits `max` (the part without a digit or separator at its end). */
function numbered(part: string, separator: string, n: number, max: number): string {
  const suffix = `${separator}${n}`;
  const room = max - suffix.length;
  const cut = room <= 0 ? '' : part.slice(0, room).replace(/[^a-z]+$/, '');
  return cut === '' ? String(n) : cut + suffix;
}

/** Version 17's unique text of a column made from its row (see above), or null where it is none. */
export function rowUniqueText(
  table: Table,
  column: Column,
  fitted: TypeRef,
  row: RowContext | undefined,
): RowUniqueText | null {
  const max = textMaxLength(fitted);
  if (max < 8) return null;
  if (isTagColumn(table, column)) {
    const words = tagWordsOf(table, max - 8);
    const n = words.length;
    if (n < 3) return null;
    // A word, then the word numbered (`javascript-2`): no tag word ends in a hyphen and digits.
    return {
      space: SPACE,
      dense: true,
      value: (k) => (k < n ? (words[k] as string) : `${words[k % n]}-${Math.floor(k / n) + 1}`),
    };
  }
  if (isSlugName(column)) {
    const source = slugSourceOf(table, column);
    if (source === null) return null;
    const read = row === undefined ? null : siblingReader(row, source);
    // Version 19: bare where the row's title is its own pair of words (titled-slugs.ts).
    const pairs =
      row !== undefined && effectiveGeneratorVersion(row.generatorVersion) >= 19
        ? titlePairs(table, source, row)
        : null;
    return {
      space: SPACE,
      inRowOrder: true,
      value: (k) => `item-${k + 1}`,
      ...(read === null
        ? {}
        : {
            rowValue: (k: number, _rand: RowRandom, r: number) => {
              const title = read(r);
              const bare = k === r ? bareSlug(pairs, title, r, max) : null;
              if (bare !== null) return bare;
              const slug = typeof title === 'string' ? fitKebab(kebabCase(title), max) : '';
              return numbered(slug === '' ? 'item' : slug, '-', k + 1, max);
            },
          }),
    };
  }
  return row === undefined ? null : usernameOfRow(table, column, fitted, row, max);
}

/** A username of the row's person (`ana.silva17`) where the row has a person's names. */
function usernameOfRow(
  table: Table,
  column: Column,
  fitted: TypeRef,
  row: RowContext,
  max: number,
): RowUniqueText | null {
  const build = createBuild(table, column, fitted, row);
  if (row.siblingKind(column.name) !== 'username') return null;
  if (siblingOfKind(build, 'first_name', 'last_name', 'full_name') === null) return null;
  const names = createNameSlugs(build);
  const parts = ['', ''];
  const letters = (s: string) => s.replace(/[^a-z]/g, '');
  return {
    space: SPACE,
    inRowOrder: true,
    value: (k) => `user${k + 1}`,
    rowValue(k, rand, r) {
      names(rand, r, parts);
      const first = letters(parts[0] as string);
      const last = letters(parts[1] as string);
      return numbered(first && last ? `${first}.${last}` : first || last || 'user', '', k + 1, max);
    },
  };
}

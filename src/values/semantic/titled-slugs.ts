/**
 * Version 19: a title with a unique slug made of it (`slug` beside `title`,
 * version 17) is two words of the locale (`Quiet Harbor`), a different pair in
 * each row (a keyed permutation of the pairs taken at the row), so its slug
 * (`quiet-harbor`) is unique bare; a number ends it only where the row's title
 * is not its pair (past the pairs, a NULL or steered title) or the slug would
 * be cut. Version 17 and 18 numbered every such slug (`the-worthwhile-jump-1`).
 * Under a locale other than en, titles and slugs stay as version 18 made them.
 */
import type { Column, Table } from '../../schema/model.js';
import { createPermutation } from '../permutation.js';
import { hashString } from '../random.js';
import type { RowContext, SemanticGenerator } from './semantic-generator.js';
import { wordPairs } from './text-unique.js';
import { isSlugName, slugSourceOf } from './version-seventeen-names.js';

/** The longest pair a slug is made of (a title's two words and a hyphen). */
const PAIR_MAX = 28;

/** A table's unique slug column (a key of it alone) made of `title`, or undefined. */
function uniqueSlugOf(table: Table, title: string): Column | undefined {
  return table.columns.find(
    (c) =>
      isSlugName(c) &&
      slugSourceOf(table, c) === title &&
      table.uniques.some((u) => u.where === null && u.columns.length === 1 && u.columns[0] === c.name),
  );
}

/** The pairs of words titles of this table take, row by row; null where none fit. */
export interface TitlePairs {
  /** The pair (`quiet-harbor`) of row `row`, or null past the pairs. */
  pairOf(row: number): string | null;
}

const PAIRS = new WeakMap<RowContext, Map<string, TitlePairs | null>>();

/** The title pairs of `table`'s column `title` in the run of `ctx` (made once per run and column). */
export function titlePairs(table: Table, title: string, ctx: RowContext): TitlePairs | null {
  let byColumn = PAIRS.get(ctx);
  if (byColumn === undefined) {
    byColumn = new Map();
    PAIRS.set(ctx, byColumn);
  }
  const key = `${table.schema}.${table.name}.${title}`;
  if (byColumn.has(key)) return byColumn.get(key) ?? null;
  const pairs = wordPairs(PAIR_MAX, ctx.locale ?? null);
  let made: TitlePairs | null = null;
  if (pairs !== null) {
    const size = pairs.space;
    const permutation = createPermutation(size, (hashString(`title-pairs:${key}`) ^ (ctx.seed ?? 0)) >>> 0);
    made = { pairOf: (row) => (row >= size ? null : pairs.value(permutation.apply(row))) };
  }
  byColumn.set(key, made);
  return made;
}

/** `quiet-harbor` as a title: `Quiet Harbor`. */
export function pairTitle(pair: string): string {
  return pair
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}

/** Version 19: a title column a unique slug is made of takes its row's pair (see above); `usual` else. */
export function withSlugTitles(
  table: Table,
  column: Column,
  maxLength: number,
  ctx: RowContext,
  usual: SemanticGenerator,
): SemanticGenerator {
  // Under another locale a pair is its words folded to ASCII (`Glucksspiel`): its titles stay as they were.
  if (maxLength < PAIR_MAX || ctx.locale !== undefined || uniqueSlugOf(table, column.name) === undefined)
    return usual;
  const pairs = titlePairs(table, column.name, ctx);
  if (pairs === null) return usual;
  return {
    random(rand, row) {
      const pair = pairs.pairOf(row);
      return pair === null ? usual.random(rand, row) : pairTitle(pair);
    },
  };
}

/** Version 19: the bare slug of row `row` where its title is the row's pair and fits `max`, else null. */
export function bareSlug(
  pairs: TitlePairs | null,
  title: string | null | undefined,
  row: number,
  max: number,
): string | null {
  const pair = pairs?.pairOf(row) ?? null;
  if (pair === null || pair.length > max || title !== pairTitle(pair)) return null;
  return pair;
}

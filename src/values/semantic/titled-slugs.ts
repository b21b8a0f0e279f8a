/**
 * Version 19: a title with a unique slug made of it (`slug` beside `title`,
 * version 17) is two words of the locale (`Quiet Harbor`), a different pair in
 * each row (a keyed permutation of the pairs taken at the row), so its slug
 * (`quiet-harbor`) is unique bare; a number ends it only where the row's title
 * is not its pair (past the pairs, a NULL or steered title) or the slug would
 * be cut. Version 17 and 18 numbered every such slug (`the-worthwhile-jump-1`).
 * Under a locale other than en, titles and slugs stay as version 18 made them;
 * version 20 gives de, fr and es their own pairs (locale-title-pairs.ts).
 */
import type { Column, Table } from '../../schema/model.js';
import { effectiveGeneratorVersion } from '../../version.js';
import { createPermutation } from '../permutation.js';
import { hashString } from '../random.js';
import type { LocaleDictionary } from './locale-dictionary.js';
import { localeTitlePairs } from './locale-title-pairs.js';
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
  /** The title of row `row`'s pair (`Quiet Harbor`; version 20 under a locale `Zärtliche Wahrheit`), or null. */
  titleOf(row: number): string | null;
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
  const mix = (hashString(`title-pairs:${key}`) ^ (ctx.seed ?? 0)) >>> 0;
  // Version 20: under a locale, its own words in its order (locale-title-pairs.ts).
  const version = effectiveGeneratorVersion(ctx.generatorVersion);
  const own =
    ctx.locale !== undefined && version >= 20 ? localeTitlePairs(ctx.locale, PAIR_MAX, version) : undefined;
  const pairs = own === undefined ? wordPairs(PAIR_MAX, ctx.locale ?? null) : own;
  let made: TitlePairs | null = null;
  if (pairs !== null) {
    const size = pairs.space;
    const permutation = createPermutation(size, mix);
    const pairOf = (row: number) => (row >= size ? null : pairs.value(permutation.apply(row)));
    const titleOf =
      own === undefined || own === null
        ? (row: number) => {
            const pair = pairOf(row);
            return pair === null ? null : pairTitle(pair);
          }
        : (row: number) => (row >= size ? null : own.title(permutation.apply(row)));
    made = { pairOf, titleOf };
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
  // Version 19: under another locale a pair is its words folded to ASCII (`Glucksspiel`): its titles stay as
  // they were. Version 20: the locale's own pairs (locale-title-pairs.ts).
  const version = effectiveGeneratorVersion(ctx.generatorVersion);
  const localeKept = ctx.locale !== undefined && version < 20;
  if (maxLength < PAIR_MAX || localeKept) return usual;
  // Version 21: a title with no slug made of it takes the locale's pairs too, drawn (not one per row).
  if (uniqueSlugOf(table, column.name) === undefined)
    return version >= 21 && ctx.locale !== undefined ? drawnPairTitles(ctx.locale, version, usual) : usual;
  const pairs = titlePairs(table, column.name, ctx);
  if (pairs === null) return usual;
  return {
    random(rand, row) {
      return pairs.titleOf(row) ?? usual.random(rand, row);
    },
  };
}

/** Version 21: a title without a slug, one of the locale's pairs drawn by the row's hash; `usual` where it has none. */
function drawnPairTitles(
  locale: LocaleDictionary,
  version: number,
  usual: SemanticGenerator,
): SemanticGenerator {
  const pairs = localeTitlePairs(locale, PAIR_MAX, version);
  if (pairs === null) return usual;
  return { random: (rand) => pairs.title(rand.below(pairs.space)) };
}

/** Version 19: the bare slug of row `row` where its title is the row's pair and fits `max`, else null. */
export function bareSlug(
  pairs: TitlePairs | null,
  title: string | null | undefined,
  row: number,
  max: number,
): string | null {
  const pair = pairs?.pairOf(row) ?? null;
  if (pair === null || pair.length > max || title !== pairs?.titleOf(row)) return null;
  return pair;
}

/** Examples of a pair title by locale (version 20 makes de, fr and es their own). */
const TITLE_EXAMPLES: Readonly<Record<string, string>> = {
  en: 'Quiet Harbor',
  de: 'Zärtliche Wahrheit',
  fr: 'Collègue aimable',
  es: 'Puerta elegante',
};

/** Version 21's examples where they differ (de's adjective declined by its noun's gender, ja's own pairs). */
const TITLE_EXAMPLES_21: Readonly<Record<string, string>> = {
  ...TITLE_EXAMPLES,
  de: 'Dunkler Vulkan, Zärtliche Wahrheit',
  ja: 'ふわふわのおでん',
};

/** What the plan says of a title a unique slug is made of (see withSlugTitles), or null. */
export function slugTitleText(
  table: Table,
  column: Column,
  maxLength: number,
  localeCode: string,
  version: number,
): string | null {
  if (version < 19 || maxLength < PAIR_MAX) return null;
  if (uniqueSlugOf(table, column.name) === undefined) {
    const drawn = version >= 21 && localeCode !== 'en' ? TITLE_EXAMPLES_21[localeCode] : undefined;
    return drawn === undefined ? null : `, two words of the locale (${drawn})`;
  }
  const example =
    localeCode === 'en' || version >= 20
      ? (version >= 21 ? TITLE_EXAMPLES_21 : TITLE_EXAMPLES)[localeCode]
      : undefined;
  return example === undefined
    ? null
    : `, two words of the locale, a different pair in each row while the pairs last (${example}), its slug their kebab case`;
}

/**
 * Version 29's values (issue 11, session 36), a home listing's dates by its status: a listing still on
 * the market (`active`, `pending`) listed in the months before the reference day (was any day of the
 * last five years: active for years), and its sale (`sold_at`) some weeks after its listing (was its
 * creation's `updated_at`, the same moment as the listing in a quarter of sold rows).
 */
import { nameTokens } from './column-names.js';
import { normal } from './money-values.js';
import { createMeasureGenerator, createStockGenerator } from './number-values.js';
import {
  type SemanticBuild,
  type SemanticGenerator,
  siblingReader,
  siblingSeconds,
} from './semantic-generator.js';
import { type SemanticKind, typeFamilyOf } from './semantic-kind.js';
import { createTimeWriter, REFERENCE_SECONDS } from './time-values.js';
import { HOME_TABLE } from './version-twentyfive-names.js';
import { ENDED, LISTED, statusColumn, timeColumn } from './version-twentyseven-values.js';

/** What a version 29 column is. */
type Named29 = 'listed' | 'sold';

const DAY = 86_400;
/** A listing's statuses while it is on the market. */
const ON_MARKET = new Set('active pending comingsoon undercontract contingent new listed forsale'.split(' '));

const compact = (name: string) => nameTokens(name).join('');

/** What a column is by version 29's reading, or null. */
function named29Of(build: SemanticBuild): Named29 | null {
  const { table, column } = build;
  if (typeFamilyOf(build.base.name) !== 'temporal' || !HOME_TABLE.test(table.name.toLowerCase())) return null;
  const name = compact(column.name);
  if (LISTED.has(name)) return statusColumn(table, column.name) === null ? null : 'listed';
  return ENDED.has(name) && timeColumn(table, LISTED) !== null ? 'sold' : null;
}

/** Days of a listing on the market: about 40, from 1 to 200. */
const marketDays = (float: number) => Math.min(200, Math.max(1, Math.round(-Math.log(1 - float) * 40)));

/** A listing on the market listed in the months before the reference day, else `usual`'s day. */
function listedByStatus(build: SemanticBuild, usual: SemanticGenerator): SemanticGenerator {
  const status = siblingReader(build.ctx, statusColumn(build.table, build.column.name) as string);
  const write = createTimeWriter(build.base, build.tokens);
  return {
    escapeFree: true,
    random(rand, row) {
      const drawn = usual.random(rand, row);
      const said = compact(String(status(row) ?? ''));
      if (!ON_MARKET.has(said)) return drawn;
      return write(REFERENCE_SECONDS - marketDays(rand.float()) * DAY - rand.below(DAY));
    },
  };
}

/** A sale some weeks after its listing (never past the reference day), else `usual`'s. */
function soldAfterListing(build: SemanticBuild, usual: SemanticGenerator): SemanticGenerator {
  const listed = siblingSeconds(build.ctx, timeColumn(build.table, LISTED) as string);
  const write = createTimeWriter(build.base, build.tokens);
  return {
    escapeFree: true,
    random(rand, row) {
      const drawn = usual.random(rand, row);
      const from = listed(row);
      if (from === undefined || from >= REFERENCE_SECONDS) return drawn;
      return write(Math.min(REFERENCE_SECONDS, from + marketDays(rand.float()) * DAY + rand.below(DAY)));
    },
  };
}

/** Counts of a row's children (`answer_count`, `comments_count`): a few, not hundreds. */
const CHILD_COUNTS = new Set(
  'answer answers comment comments reply replies attachment attachments child children'.split(' '),
);
const STOCK = new Set(['stock', 'inventory', 'onhand', 'instock']);

/** A column's count by version 29's reading: a child count, views, stock; null for none. */
function count29Of(kind: SemanticKind, tokens: readonly string[]): 'children' | 'views' | 'stock' | null {
  const last = tokens.at(-1);
  if (kind === 'tally' && (last === 'count' || last === 'cnt') && tokens.length === 2) {
    if (CHILD_COUNTS.has(tokens[0] as string)) return 'children';
    if (tokens[0] === 'view') return 'views';
  }
  return kind === 'quantity' && tokens.some((w) => STOCK.has(w)) ? 'stock' : null;
}

/** Version 29's generator of a count it reads (count29Of), or null. */
function count29(build: SemanticBuild, kind: SemanticKind): SemanticGenerator | null {
  const count = count29Of(kind, build.tokens);
  if (count === 'stock') return createStockGenerator(build);
  if (count === 'views')
    return createMeasureGenerator(build, 0, (rand) =>
      Math.floor(Math.exp(Math.log(150) + 1.5 * normal(rand))),
    );
  // A child count: none in a third of rows, about 2, rarely past 20.
  if (count === 'children')
    return createMeasureGenerator(build, 0, (rand) =>
      rand.chance(0.3) ? 0 : Math.min(60, 1 + Math.floor(-Math.log(1 - rand.float()) * 2)),
    );
  return null;
}

/** Version 29's generator for a column it reads, else `usual`. */
export function withVersionTwentyNine(
  build: SemanticBuild,
  kind: SemanticKind,
  usual: SemanticGenerator,
): SemanticGenerator {
  if (build.version < 29 || kind === null) return usual;
  const counted = count29(build, kind);
  if (counted !== null) return counted;
  const named = named29Of(build);
  if (named === 'listed') return listedByStatus(build, usual);
  return named === 'sold' ? soldAfterListing(build, usual) : usual;
}

const TEXT: Readonly<Record<Named29, string>> = {
  listed: ', a listing on the market (active, pending) listed in the 200 days before the reference date',
  sold: ', a sale 1 to 200 days after the listing (about 40)',
};

const COUNT_TEXT = {
  children: ", a count of the row's children (none in about a third of rows, about 2, rarely past 20)",
  views: ', views (log-normal about 150)',
  stock: ', stock on hand (none in 8% of rows, mostly tens, a few hundreds)',
};

/** The plan's words for a version 29 column, or null. */
export function versionTwentyNineText(
  build: Pick<SemanticBuild, 'table' | 'column' | 'base' | 'version'>,
  kind: SemanticKind,
): string | null {
  if (build.version < 29) return null;
  const count = count29Of(kind, nameTokens(build.column.name));
  if (count !== null) return COUNT_TEXT[count];
  const named = named29Of(build as SemanticBuild);
  return named === null ? null : TEXT[named];
}

/**
 * Version 29's values (issue 11, session 36), a home listing's dates by its status: a listing still on
 * the market (`active`, `pending`) listed in the months before the reference day (was any day of the
 * last five years: active for years), and its sale (`sold_at`) some weeks after its listing (was its
 * creation's `updated_at`, the same moment as the listing in a quarter of sold rows).
 */
import { nameTokens } from './column-names.js';
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

/** Version 29's generator for a column it reads, else `usual`. */
export function withVersionTwentyNine(
  build: SemanticBuild,
  kind: SemanticKind,
  usual: SemanticGenerator,
): SemanticGenerator {
  if (build.version < 29 || kind === null) return usual;
  const named = named29Of(build);
  if (named === 'listed') return listedByStatus(build, usual);
  return named === 'sold' ? soldAfterListing(build, usual) : usual;
}

const TEXT: Readonly<Record<Named29, string>> = {
  listed: ', a listing on the market (active, pending) listed in the 200 days before the reference date',
  sold: ', a sale 1 to 200 days after the listing (about 40)',
};

/** The plan's words for a version 29 column, or null. */
export function versionTwentyNineText(
  build: Pick<SemanticBuild, 'table' | 'column' | 'base' | 'version'>,
): string | null {
  if (build.version < 29) return null;
  const named = named29Of(build as SemanticBuild);
  return named === null ? null : TEXT[named];
}
